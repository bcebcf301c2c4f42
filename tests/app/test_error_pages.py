"""No query string breaks a page, and an error page never fails itself."""

from __future__ import annotations

import contextlib
import re

import pytest
from sqlalchemy import text as sql

from app.extensions import db
from tests.app import posts
from tests.pages import page


@pytest.fixture
def config(config):
    # error pages as a visitor sees them, not exceptions raised into the test
    return {**config, "PROPAGATE_EXCEPTIONS": False}


SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def test_query_strings_do_not_choose_how_links_are_built(client):
    for path in (
        "/en/?lang_code=x",
        "/en/?_external=1",
        "/en/?_scheme=x",
        "/en/?_anchor=top",
        "/en/kb/?_method=POST",
        "/en/questions/?_method=0",
        "/en/about?endpoint=x&values=y",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        html = page(response)
        assert re.search(r'href="/lt/[^"]*" lang="lt"', html)
        assert "_scheme" not in html and "_external" not in html and "lang_code" not in html


def test_a_query_value_named_like_a_path_value_is_left_out_of_the_language_links(
    app, client, make_user
):
    question_id = posts.ask(app, make_user(), "How do I renew my residence permit in time?")
    thread = client.get(f"/en/questions/{question_id}").headers["Location"]
    history = f"/en/questions/{question_id}/history"
    for path, query in ((thread, "question_id=abc&page=2"), (history, "kind=x&page=2")):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, path
        html = page(response)
        in_russian = path.replace("/en/", "/ru/", 1)
        assert f'href="{in_russian}?page=2" lang="ru"' in html  # a plain query value stays
        assert "question_id=abc" not in html and "kind=x" not in html


def test_a_failed_statement_does_not_break_the_error_page(app, client, make_user, sign_in):
    """PostgreSQL refuses every statement after a failed one until the rollback."""
    member = make_user()
    sign_in(member.email)

    def broken_page():
        with contextlib.suppress(Exception):  # the transaction is now aborted on PostgreSQL
            db.session.execute(sql("SELECT no_such_column FROM account"))
        raise RuntimeError("something on the page failed")

    app.view_functions["main.about"] = broken_page
    response = client.get("/en/about")
    assert response.status_code == 500
    html = page(response)
    assert "Something went wrong on our side" in html
    assert member.display_name in html  # the full layout, which reads the account


@SQLITE
def test_when_the_error_page_fails_too_a_minimal_translated_page_is_shown(app, client, caplog):
    def broken_page():
        raise RuntimeError("the page failed")

    def broken_layout(*args, **kwargs):
        raise RuntimeError("and so does the layout")

    app.view_functions["main.about"] = broken_page
    app.jinja_env.globals["language_url"] = broken_layout
    response = client.get("/lt/about")
    assert response.status_code == 500
    html = page(response)
    assert '<html lang="lt">' in html
    assert "Mūsų sistemoje įvyko klaida" in html  # "Something went wrong on our side"
    assert 'href="/lt/"' in html
    assert "The error page for 500 failed" in caplog.text


@SQLITE
def test_the_minimal_page_follows_the_address_language_for_a_404(app, client):
    app.jinja_env.globals["language_url"] = lambda *a, **k: 1 / 0
    response = client.get("/ru/no-such-page")
    assert response.status_code == 404
    html = page(response)
    assert '<html lang="ru">' in html and "Страница не найдена" in html
