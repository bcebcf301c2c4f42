"""Registering, confirming, signing in and out, resetting the password, the profile."""

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from tests.conftest import PASSWORD

GOOD = {
    "email": "Olena@Example.org",
    "display_name": "Olena K.",
    "password": PASSWORD,
    "confirm": PASSWORD,
    "language": "ru",
    "accept_privacy": "y",
}


def register(client, lang="en", **changes):
    return client.post(f"/{lang}/account/register", data={**GOOD, **changes})


def accounts(app, email="olena@example.org") -> list[User]:
    with app.app_context():
        return list(db.session.scalars(select(User).where(User.email == email)))


def text(response) -> str:
    return response.get_data(as_text=True)


def test_register_then_confirm_by_the_mailed_link(app, client, mailbox):
    response = register(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/account/registered")
    [user] = accounts(app)
    assert user.display_name == "Olena K." and user.language == "ru"
    assert not user.is_confirmed
    assert user.password_hash != PASSWORD

    _, subject, _ = mailbox.to("olena@example.org")[-1]
    assert subject == "Подтвердите адрес электронной почты для MIPAS"  # the member's language
    link = mailbox.last_link("olena@example.org")
    assert "/ru/account/confirm/" in link

    response = client.get(link.split("localhost", 1)[1])
    assert response.status_code == 302
    [user] = accounts(app)
    assert user.is_confirmed


def test_registering_a_known_address_answers_as_for_a_new_one_and_tells_the_owner(
    app, client, make_user, mailbox
):
    owner = make_user(email="olena@example.org", language="lt")
    known = register(client, email=" OLENA@example.ORG ")  # any case, any spaces
    unknown = register(app.test_client(), email="someone.new@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == "/en/account/registered"
    assert text(known) == text(unknown)
    assert len(accounts(app)) == 1  # nothing was created
    [(_, subject, body)] = mailbox.to("olena@example.org")
    assert subject == "Kažkas bandė užsiregistruoti MIPAS su jūsų el. pašto adresu"  # owner's
    assert "/lt/account/sign-in" in body and "/lt/account/forgot-password" in body
    assert owner.display_name in body
    # the typed password changed nothing
    client.post("/en/account/sign-in", data={"email": "olena@example.org", "password": PASSWORD})
    assert owner.display_name in text(client.get("/en/"))


def test_registering_does_the_same_slow_work_for_a_known_address(app, make_user, monkeypatch):
    """The answer comes after the same time: the typed password is hashed either way."""
    from app.auth import services

    make_user(email="olena@example.org")
    hashed = []
    real_hash = services.generate_password_hash
    monkeypatch.setattr(
        services, "generate_password_hash", lambda p: hashed.append(p) or real_hash(p)
    )
    register(app.test_client(), email="olena@example.org")
    register(app.test_client(), email="someone.new@example.org")
    assert hashed == [PASSWORD, PASSWORD]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "qwertyuiop", "confirm": "qwertyuiop"}, "too easy to guess"),
        ({"password": "short", "confirm": "short"}, "10 to 128 characters"),
        ({"confirm": "something else entirely"}, "not the same"),
        ({"display_name": "x" * 61}, "2 to 60 characters"),
        ({"email": "not-an-address"}, "like name@example.com"),
        ({"email": "a" * 250 + "@example.org"}, "at most 254 characters"),
        ({"accept_privacy": ""}, "agree to the privacy notice"),
        ({"password": "olena-secret-words", "confirm": "olena-secret-words"}, "e-mail address"),
    ],
)
def test_bad_registrations_explain_and_keep_what_was_typed(app, client, changes, message):
    response = register(client, **changes)
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert 'class="error-summary"' in page
    assert 'aria-invalid="true"' in page
    if "display_name" not in changes:
        assert 'value="Olena K."' in page
    assert 'value="' + PASSWORD + '"' not in page  # passwords are never sent back
    assert accounts(app) == []


def test_an_expired_confirmation_link_says_so(app, client, mailbox, config):
    register(client)
    link = mailbox.last_link("olena@example.org").replace("/ru/", "/en/")
    app.config["CONFIRM_EMAIL_MAX_AGE"] = -1
    response = client.get(link.split("localhost", 1)[1])
    assert response.status_code == 400
    assert "expired" in text(response)
    assert not accounts(app)[0].is_confirmed


def test_a_tampered_confirmation_link_is_refused(app, client, mailbox):
    register(client)
    link = mailbox.last_link("olena@example.org").replace("/ru/", "/en/").split("localhost", 1)[1]
    response = client.get(link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB"))
    assert response.status_code == 400
    assert "does not work" in text(response)
    assert not accounts(app)[0].is_confirmed


def test_sign_in_and_out(client, make_user):
    user = make_user()
    response = client.post(
        "/en/account/sign-in", data={"email": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert user.display_name in text(client.get("/en/"))
    assert client.get("/en/account/sign-out").status_code == 405  # only a form can sign out
    client.post("/en/account/sign-out")
    assert "Sign in" in text(client.get("/en/"))
    assert user.display_name not in text(client.get("/en/"))


def test_remember_me_sets_a_lasting_cookie(client, make_user):
    user = make_user()
    response = client.post(
        "/en/account/sign-in", data={"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    assert "remember_token=" in " ".join(response.headers.getlist("Set-Cookie"))


def test_a_wrong_password_keeps_the_address_and_says_nothing_more(client, make_user):
    user = make_user()
    for email in (user.email, "nobody@example.org"):
        response = client.post("/en/account/sign-in", data={"email": email, "password": "nope"})
        assert response.status_code == 200
        assert "The e-mail address or the password is not right." in text(response)
        assert f'value="{email}"' in text(response)


def test_deleted_accounts_cannot_sign_in(client, make_user):
    user = make_user(deleted=True)
    response = client.post("/en/account/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/en/about", "/en/about"),
        ("https://evil.example/", "/en/"),
        ("//evil.example/", "/en/"),
        ("/\\evil.example", "/en/"),
        ("javascript:alert(1)", "/en/"),
    ],
)
def test_no_open_redirect_through_next(client, make_user, next_url, expected):
    user = make_user()
    response = client.post(
        "/en/account/sign-in",
        query_string={"next": next_url},
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.headers["Location"] == expected


def test_pages_that_need_an_account_send_visitors_to_sign_in(client):
    response = client.get("/lt/account/profile")
    assert response.status_code == 302
    assert response.headers["Location"] == "/lt/account/sign-in?next=/lt/account/profile"


def test_password_reset_works_once(app, client, make_user, mailbox):
    user = make_user()
    response = client.post("/en/account/forgot-password", data={"email": user.email})
    assert "is on its way" in text(response)
    link = mailbox.last_link(user.email).split("localhost", 1)[1]
    new = "a different and longer phrase"
    response = client.post(link, data={"password": new, "confirm": new})
    assert response.status_code == 302
    client.post("/en/account/sign-out")
    assert (
        client.post("/en/account/sign-in", data={"email": user.email, "password": new}).status_code
        == 302
    )
    again = client.post(link, data={"password": PASSWORD, "confirm": PASSWORD})
    assert again.status_code == 400


def test_password_reset_for_an_unknown_address_looks_the_same(client, mailbox):
    response = client.post("/en/account/forgot-password", data={"email": "nobody@example.org"})
    assert "is on its way" in text(response)
    assert mailbox.messages == []


def test_profile_changes_are_saved(app, client, make_user, sign_in):
    user = make_user()
    sign_in(user.email)
    response = client.post(
        "/en/account/profile",
        data={
            "display_name": "Amir",
            "language": "lt",
            "bio": "Studying in Kaunas.",
            "email_notifications": "none",
        },
    )
    assert response.status_code == 302
    [saved] = accounts(app, user.email)
    assert (saved.display_name, saved.language, saved.bio) == ("Amir", "lt", "Studying in Kaunas.")
    assert saved.email_notifications is False
    assert 'value="none" checked' in text(client.get("/en/account/profile")) or (
        'checked id="email_notifications-1"' in text(client.get("/en/account/profile"))
    )


def test_a_too_long_bio_is_refused_and_kept(client, make_user, sign_in):
    user = make_user()
    sign_in(user.email)
    bio = "word " * 120
    response = client.post(
        "/en/account/profile",
        data={"display_name": "Amir", "language": "en", "bio": bio, "email_notifications": "each"},
    )
    assert "at most 500 characters" in text(response)
    assert bio.strip() in text(response)


def test_changing_the_password_signs_out_other_sessions(app, make_user):
    user = make_user()
    phone, laptop = app.test_client(), app.test_client()
    for device in (phone, laptop):
        device.post("/en/account/sign-in", data={"email": user.email, "password": PASSWORD})
    new = "another long pass phrase"
    response = laptop.post(
        "/en/account/password",
        data={"current_password": PASSWORD, "password": new, "confirm": new},
    )
    assert response.status_code == 302
    assert laptop.get("/en/account/profile").status_code == 200
    assert phone.get("/en/account/profile").status_code == 302


def test_changing_the_password_needs_the_current_one(client, make_user, sign_in):
    user = make_user()
    sign_in(user.email)
    new = "another long pass phrase"
    response = client.post(
        "/en/account/password", data={"current_password": "wrong", "password": new, "confirm": new}
    )
    assert "This is not your current password." in text(response)


def test_changing_the_email_waits_for_the_new_address_to_confirm(
    app, client, make_user, sign_in, mailbox
):
    user = make_user()
    sign_in(user.email)
    response = client.post(
        "/en/account/email", data={"email": "new@example.org", "current_password": PASSWORD}
    )
    assert response.status_code == 302
    assert accounts(app, user.email)  # unchanged until confirmed
    client.get(mailbox.last_link("new@example.org").split("localhost", 1)[1])
    assert accounts(app, "new@example.org")
    assert not accounts(app, user.email)


def test_changing_the_email_to_a_taken_one_answers_alike_and_tells_its_owner(
    app, client, make_user, sign_in, mailbox
):
    user, other = make_user(), make_user(language="ru")
    sign_in(user.email)
    taken = client.post(
        "/en/account/email", data={"email": other.email, "current_password": PASSWORD}
    )
    free = client.post(
        "/en/account/email", data={"email": "free@example.org", "current_password": PASSWORD}
    )
    assert taken.status_code == free.status_code == 302
    assert taken.headers["Location"] == free.headers["Location"]
    [(_, subject, body)] = mailbox.to(other.email)  # a notice, not a link that would move it
    assert subject == "Кто-то пытался перенести аккаунт MIPAS на Ваш адрес электронной почты"
    assert "/account/confirm/" not in body and "/ru/account/forgot-password" in body
    assert accounts(app, user.email) and accounts(app, other.email)


def test_changing_the_email_to_the_same_one_says_so(client, make_user, sign_in):
    user = make_user()
    sign_in(user.email)
    response = client.post(
        "/en/account/email", data={"email": user.email, "current_password": PASSWORD}
    )
    assert "This is already your e-mail address." in text(response)


def test_unconfirmed_members_can_ask_for_a_new_link(client, make_user, sign_in, mailbox):
    user = make_user(confirmed=False)
    sign_in(user.email)
    assert "not confirmed yet" in text(client.get("/en/account/profile"))
    client.post("/en/account/confirm")
    assert re.search(r"/en/account/confirm/\S+", mailbox.to(user.email)[-1][2])


def test_two_registrations_with_one_address_make_one_account(app, client):
    register(client)
    register(app.test_client())
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1
