"""CSRF tokens and rate limits protect the forms."""

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from tests.conftest import PASSWORD

REGISTRATION = {
    "email": "new@example.org",
    "display_name": "New",
    "password": PASSWORD,
    "confirm": PASSWORD,
    "language": "en",
    "accept_privacy": "y",
}


def accounts(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


@pytest.fixture
def config(config):
    return {**config, "WTF_CSRF_ENABLED": True}


def csrf_token(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_a_form_without_its_token_is_refused_and_saves_nothing(app, client):
    response = client.post("/en/account/register", data=REGISTRATION)
    assert response.status_code == 400
    assert "The form could not be sent" in response.get_data(as_text=True)
    assert accounts(app) == 0


def test_a_wrong_token_is_refused(app, client):
    csrf_token(client, "/en/account/register")
    response = client.post("/en/account/register", data={**REGISTRATION, "csrf_token": "forged"})
    assert response.status_code == 400
    assert accounts(app) == 0


def test_the_right_token_is_accepted(app, client):
    token = csrf_token(client, "/en/account/register")
    response = client.post("/en/account/register", data={**REGISTRATION, "csrf_token": token})
    assert response.status_code == 302
    assert accounts(app) == 1


def test_sign_out_needs_the_token_too(client, make_user, app):
    user = make_user()
    token = csrf_token(client, "/en/account/sign-in")
    client.post(
        "/en/account/sign-in", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    client.post("/en/account/sign-out", data={"csrf_token": "forged"})
    assert client.get("/en/account/profile").status_code == 200


def test_visitors_read_every_kind_of_page_without_a_session_cookie(app, client, runner):
    runner.invoke(args=["mipas", "load-demo"])
    listing = client.get("/en/questions/").get_data(as_text=True)
    thread = re.search(r'href="(/en/questions/\d+/[^"]+)"', listing).group(1)
    article = re.search(
        r'href="(/en/kb/[^"/?]+)"', client.get("/en/kb/").get_data(as_text=True)
    ).group(1)
    for path in ("/en/", "/en/questions/", thread, "/en/kb/", article, "/en/search?q=permit"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert client.get_cookie("session") is None, path
    assert client.get_cookie("mipas_lang").value == "en"


def test_a_refused_form_shows_back_what_was_written_but_never_a_password(client):
    body = "My permit ends in May <b>and</b> I have a new employer. What should I do first?"
    response = client.post(
        "/ru/questions/ask", data={"title": "New employer, old permit", "body": body}
    )
    shown = response.get_data(as_text=True)
    assert response.status_code == 400 and "Не удалось отправить форму" in shown
    assert "New employer, old permit" in shown
    assert "My permit ends in May &lt;b&gt;and&lt;/b&gt; I have a new employer" in shown
    refused = client.post(
        "/en/account/sign-in", data={"email": "x@example.org", "password": "secret phrase 42"}
    ).get_data(as_text=True)
    assert "secret phrase 42" not in refused and "x@example.org" not in refused


@pytest.mark.parametrize("path", ["/en/account/export", "/en/account/delete"])
def test_downloading_or_deleting_ones_data_needs_the_token(client, make_user, app, path):
    user = make_user()
    token = csrf_token(client, "/en/account/sign-in")
    client.post(
        "/en/account/sign-in", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    data = {"current_password": PASSWORD, "posts": "remove"}
    response = client.post(path, data=data)
    assert response.status_code == 400
    assert "attachment" not in response.headers.get("Content-Disposition", "")
    with app.app_context():
        assert db.session.get(User, user.id).is_active
    response = client.post(path, data={**data, "csrf_token": csrf_token(client, path)})
    assert response.status_code in (200, 302)
    if path.endswith("export"):
        assert response.headers["Content-Disposition"].startswith("attachment")
    else:
        assert response.headers["Location"].endswith("/en/account/deleted")
