"""Fixtures for the partner API: the demo site, and a walk through every page of a list."""

from __future__ import annotations

import shutil

import pytest

from app import create_app, demo
from tests.conftest import BASE_CONFIG, dispose


@pytest.fixture
def demo_app(app):
    """The test's application with the demo content in it."""
    with app.app_context():
        demo.load()
    return app


@pytest.fixture(scope="module")
def shared_demo(sqlite_template, tmp_path_factory):
    """One demo site for tests that only read, on SQLite."""
    folder = tmp_path_factory.mktemp("api-demo")
    shutil.copy(sqlite_template, folder / "mipas.sqlite3")
    app = create_app(
        {
            **BASE_CONFIG,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'mipas.sqlite3'}",
            "SEARCH_INDEX_DIR": str(folder / "search-index"),
        }
    )
    with app.app_context():
        demo.load()
    yield app
    app.extensions["search"].backend.close()
    dispose(app)


def every_page(client, address: str, **headers) -> list[dict]:
    """The items of every page of a list, following next_cursor to the end."""
    items: list[dict] = []
    cursor = None
    for _ in range(200):
        joiner = "&" if "?" in address else "?"
        response = client.get(
            address + (f"{joiner}cursor={cursor}" if cursor else ""), headers=headers
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        page = response.get_json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the list did not end")
