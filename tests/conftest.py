"""Fixtures: an application on SQLite and on PostgreSQL, clients, mail and accounts."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app, demo
from app.auth.services import create_account
from app.extensions import db
from app.models import Role, User, utcnow
from forum import view_counter
from tests.walk import walk_site

IN_CI = os.environ.get("CI") == "true"
PASSWORD = "a long and quiet river"

BASE_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    # forum tests see posts go public at once; moderation tests turn premoderation on
    "PREMODERATION_POSTS": 0,
    "SERVER_NAME": None,
    # pages are rendered afresh in tests; the cache's own tests (tests/forum/test_page_cache.py)
    # turn it on
    "PAGE_CACHE": False,
}


def service_url(name: str) -> str:
    """The URL of a service the suite needs; skip without it, except in CI where it must run."""
    url = os.environ.get(name)
    if not url:
        if IN_CI:
            pytest.fail(f"{name} is not set: in CI the PostgreSQL and Redis tests must run.")
        pytest.skip(f"{name} is not set")
    return url


def dispose(app) -> None:
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A SQLite database migrated once from empty; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade(revision="heads")
    dispose(app)
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL database of this test run's own, dropped at the end.

    Each run gets its own database, so runs on one server (two terminals, CI and a developer)
    never lock or truncate each other's tables.
    """
    server_url = sa.make_url(service_url("TEST_DATABASE_URL"))
    name = f"mipas_test_{os.getpid()}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        admin.dispose()
        if IN_CI:
            pytest.fail(f"PostgreSQL at {server_url} is not reachable: {error}")
        pytest.skip(f"PostgreSQL at {server_url} is not reachable")
    yield server_url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_template(postgres_url):
    """The run's PostgreSQL database migrated once from empty, and the rows migrations put in."""
    url = postgres_url
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="heads")
        tables = list(db.metadata.sorted_tables)
        seeds = {t.name: [dict(r._mapping) for r in db.session.execute(t.select())] for t in tables}
    dispose(app)
    return url, tables, seeds


def reset_postgres(url: str, tables, seeds) -> None:
    """Empty every table and put back what the migrations seeded."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        names = ", ".join(f'"{t.name}"' for t in tables)
        connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        for table in tables:
            if seeds[table.name]:
                connection.execute(table.insert(), seeds[table.name])
                connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'(SELECT MAX(id) FROM "{table.name}"))'
                    )
                )
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """A freshly migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "mipas.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url, tables, seeds = request.getfixturevalue("postgres_template")
    reset_postgres(url, tables, seeds)
    return url


@pytest.fixture
def config(database_url, tmp_path, monkeypatch) -> dict:
    """Settings for one test; a test may change them before it asks for `app`."""
    # page views are counted per process and written in batches when 50 have gathered or a
    # minute has passed: each test starts with empty counters that wait, so that no view
    # of one test is written into another's database, nor in the middle of a test that
    # counts queries; tests of the counts set a batch of their own
    for name in ("views", "article_views"):
        monkeypatch.setattr(view_counter, name, view_counter.ViewCounter(10**9, float("inf")))
    return {
        **BASE_CONFIG,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
    }


@pytest.fixture
def app(config):
    app = create_app(config)
    yield app
    dispose(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@dataclass
class MailBox:
    """The mail MIPAS wrote to the log during a test."""

    messages: list[tuple[str, str, str]] = field(default_factory=list)

    def to(self, address: str) -> list[tuple[str, str, str]]:
        return [m for m in self.messages if m[0] == address]

    def last_link(self, address: str) -> str:
        _, _, body = self.to(address)[-1]
        return next(line.strip() for line in body.splitlines() if "://" in line)


class _MailHandler(logging.Handler):
    def __init__(self, box: MailBox) -> None:
        super().__init__()
        self.box = box

    def emit(self, record: logging.LogRecord) -> None:
        self.box.messages.append(tuple(record.args))  # (to, subject, body)


@pytest.fixture
def mailbox():
    box = MailBox()
    handler = _MailHandler(box)
    logger = logging.getLogger("mipas.mail")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield box
    logger.removeHandler(handler)


@pytest.fixture
def make_user(app):
    """Create an account: make_user("expert", confirmed=False, suspended=True)."""
    counter = iter(range(1, 10_000))

    def make(
        role: str = "member",
        *,
        email: str | None = None,
        confirmed: bool = True,
        suspended: bool = False,
        deleted: bool = False,
        language: str = "en",
    ) -> User:
        with app.app_context():
            number = next(counter)
            user = create_account(
                email or f"{role}{number}@example.org",
                f"{role.title()} {number}",
                PASSWORD,
                Role(role),
                language,
            )
            if not confirmed:
                user.email_confirmed_at = None
            if suspended:
                user.suspended_until = utcnow() + timedelta(days=7)
            if deleted:
                user.deleted_at = utcnow()
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return make


@pytest.fixture
def sign_in(client):
    """Sign the test client in with an account's e-mail address."""

    def sign_in_as(email: str, password: str = PASSWORD):
        client.post("/en/account/sign-out")
        response = client.post("/en/account/sign-in", data={"email": email, "password": password})
        assert response.status_code == 302, "sign-in failed"
        return response

    return sign_in_as


@pytest.fixture(scope="session")
def xss_site(sqlite_template, tmp_path_factory):
    """The demo site after the XSS corpus went through every form (tests/walk).

    Shared by tests/app/test_xss_forms.py and the browser test, which loads its pages.
    """
    folder = tmp_path_factory.mktemp("xss-site")
    shutil.copy(sqlite_template, folder / "mipas.sqlite3")
    app = create_app(
        {
            **BASE_CONFIG,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'mipas.sqlite3'}",
            "SEARCH_INDEX_DIR": str(folder / "search-index"),
            "MAIL_SERVER": None,
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        demo.load()
    yield app, walk_site(app)
    app.extensions["search"].backend.close()
    dispose(app)
