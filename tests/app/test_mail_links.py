"""Every link MIPAS mails is opaque: nothing about the person can be read from the address."""

from __future__ import annotations

import base64
import binascii
import re

import pytest

from tests.app import posts
from tests.conftest import PASSWORD


def readable_parts(link: str) -> str:
    """The link as written, plus whatever base64 in it decodes to (as signed tokens do)."""
    found = [link]
    for chunk in re.findall(r"[A-Za-z0-9_-]{4,}", link):
        for cut in range(4):  # base64 without padding, at any offset
            piece = chunk[cut:]
            try:
                found.append(base64.urlsafe_b64decode(piece + "=" * (-len(piece) % 4)).decode())
            except (binascii.Error, UnicodeDecodeError, ValueError):
                continue
    return "\n".join(found)


SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def path_of(link: str) -> str:
    return link.split("localhost", 1)[1]


def assert_opaque(link: str, email: str, user_id: int) -> None:
    shown = readable_parts(link)
    assert email not in shown and email.split("@")[0] not in shown, link
    assert '"user"' not in shown and f"[{user_id}," not in shown and '"email"' not in shown, link


@SQLITE
def test_the_confirmation_link_holds_no_address_and_no_account(app, client, mailbox):
    client.post(
        "/en/account/register",
        data={
            "email": "olena.k@example.org",
            "display_name": "Olena K.",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "language": "en",
            "accept_privacy": "y",
        },
    )
    link = mailbox.last_link("olena.k@example.org")
    assert_opaque(link, "olena.k@example.org", 1)
    assert client.get(path_of(link)).status_code == 302  # and it works


def test_the_change_of_address_and_reset_links_are_opaque(app, client, make_user, sign_in, mailbox):
    user = make_user()
    sign_in(user.email)
    client.post(
        "/en/account/email", data={"email": "new.address@example.org", "current_password": PASSWORD}
    )
    change = mailbox.last_link("new.address@example.org")
    assert_opaque(change, "new.address@example.org", user.id)
    assert_opaque(change, user.email, user.id)
    client.post("/en/account/sign-out")
    client.post("/en/account/forgot-password", data={"email": user.email})
    reset = mailbox.last_link(user.email)
    assert_opaque(reset, user.email, user.id)
    assert client.get(path_of(reset)).status_code == 200
    assert client.get(path_of(change)).status_code == 302
    assert client.get(path_of(change)).status_code == 302  # opening it twice does no harm


def test_the_one_click_unfollow_link_is_opaque_and_the_same_in_every_mail(
    app, client, make_user, mailbox
):
    asker, helper = make_user(), make_user()
    question_id = posts.ask(app, asker, "How do I renew my residence permit in time?")
    posts.answer(app, helper, question_id, "Apply in MIGRIS at least two months before.")
    posts.answer(app, helper, question_id, "And keep the receipt of the fee you paid.")
    links = [
        line.strip()
        for _, _, body in mailbox.to(asker.email)
        for line in body.splitlines()
        if "/unfollow/" in line
    ]
    assert len(links) == 2 and links[0] == links[1]
    assert_opaque(links[0], asker.email, asker.id)
    assert f"/{question_id}" not in links[0].rsplit("/unfollow/", 1)[1]
    assert client.get(path_of(links[0])).status_code == 200


@SQLITE
def test_unknown_tokens_do_nothing(client):
    for token in ("", "x" * 101, "A" * 43):
        assert client.get(f"/en/account/confirm/{token}").status_code in (400, 404)
        assert client.get(f"/en/unfollow/{token}").status_code == 404


@SQLITE
def test_a_reset_link_works_once_even_before_the_password_differs(app, client, make_user, mailbox):
    user = make_user()
    client.post("/en/account/forgot-password", data={"email": user.email})
    link = path_of(mailbox.last_link(user.email))
    new = "a different and longer phrase"
    assert client.post(link, data={"password": new, "confirm": new}).status_code == 302
    client.post("/en/account/sign-out")
    assert client.get(link).status_code == 400
