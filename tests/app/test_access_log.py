"""One access-log line per request, with no personal data in it."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def access_log(caplog):
    caplog.set_level(logging.INFO, logger="mipas.access")
    return caplog


def lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mipas.access"]


# the log is the same on either database
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def test_one_line_per_request_with_method_path_status_and_time(client, access_log):
    client.get("/en/about")
    client.get("/en/no-such-page")
    [about, missing] = lines(access_log)
    assert about.startswith("GET /en/about 200 ") and about.endswith(" visitor")
    assert missing.startswith("GET /en/[unmatched] 404 ")


def test_no_address_token_or_query_string_reaches_the_log(
    app, client, make_user, mailbox, access_log
):
    member = make_user(email="olena.k@example.org")
    client.post("/en/account/forgot-password", data={"email": member.email})
    token = mailbox.last_link(member.email).rsplit("/", 1)[1]
    client.get(f"/en/account/reset-password/{token}")
    client.get("/en/search", query_string={"q": "olena.k@example.org permit"})
    client.get("/en/account/olena.k@example.org")
    client.post(
        "/en/account/sign-in",
        data={"email": member.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "203.0.113.77"},
    )
    client.get("/en/")
    logged = "\n".join(lines(access_log))
    assert "GET /en/account/reset-password/[token] 200" in logged
    assert token not in logged
    assert "olena" not in logged and "203.0.113.77" not in logged and "?" not in logged
    assert lines(access_log)[-1].endswith(" member")
