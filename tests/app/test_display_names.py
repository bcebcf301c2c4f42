"""Display names: no invisible or direction-changing characters, and none that pass for staff."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.text import clean_display_name, name_skeleton
from tests.conftest import PASSWORD

MESSAGE = "This name looks like the name of a MIPAS staff member"
# names are the same on either database: these run on SQLite only
SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def register(client, name: str, email: str = "newcomer@example.org", lang: str = "en"):
    return client.post(
        f"/{lang}/account/register",
        data={
            "email": email,
            "display_name": name,
            "password": PASSWORD,
            "confirm": PASSWORD,
            "language": "en",
            "accept_privacy": "y",
        },
    )


def stored_name(app, email: str) -> str | None:
    with app.app_context():
        return db.session.scalar(select(User.display_name).where(User.email == email))


@SQLITE
def test_invisible_and_direction_characters_are_taken_out(app, client):
    cases = [
        ("Olena\u200b K.", "Olena K."),  # zero-width space
        ("\u202eanelO", "anelO"),  # right-to-left override
        ("Ol\u2066ena\u2069", "Olena"),  # isolates
        ("Ｏｌｅｎａ", "Olena"),  # full-width letters
        ("Olena\u00a0\u3000 K.", "Olena K."),  # odd spaces
        ("O\u00adlena\ufeff", "Olena"),  # soft hyphen, byte-order mark
        ("\u3164Olena", "Olena"),  # a letter drawn as a blank
    ]
    for number, (typed, kept) in enumerate(cases):
        email = f"newcomer{number}@example.org"
        assert register(client, typed, email=email).status_code == 302, typed
        assert stored_name(app, email) == kept


def test_a_name_like_a_staff_members_is_refused_next_to_the_field(app, client, make_user):
    with app.app_context():
        moderator = db.session.get(User, make_user("moderator").id)
        moderator.display_name = "Moderatorius Tomas"
        db.session.commit()
    for name in (
        "Moderatorius\u200b Tomas",  # the example: a zero-width space
        "moderatorius tomas",
        "Mоderatorius Tоmas",  # Cyrillic о
        "M0deratorius T0mas",
        "Moderatorius Tornas",
        "MODERATORIUS  TOMAS!",
        "\u202eModeratorius Tomas",
    ):
        response = register(client, name)
        assert response.status_code == 200, name
        html = response.get_data(as_text=True)
        assert MESSAGE in html and 'id="display_name-error"' in html
    assert stored_name(app, "newcomer@example.org") is None


@SQLITE
def test_a_member_may_not_claim_a_role(client):
    for name in ("Admin", "Moderatorė Ona", "MIPAS team", "Эксперт Иван"):
        response = register(client, name)
        assert response.status_code == 200 and MESSAGE in response.get_data(as_text=True), name


@SQLITE
def test_the_refusal_is_translated(client, make_user):
    response = register(client, "Admin", lang="lt")
    assert MESSAGE not in response.get_data(as_text=True)
    assert "personalo" in response.get_data(as_text=True)


@SQLITE
def test_ordinary_names_pass(app, client, make_user):
    make_user("moderator")
    for number, name in enumerate(("Tomas", "Badminton fan", "Olena K.", "Moderna Tamara")):
        assert register(client, name, email=f"n{number}@example.org").status_code == 302, name


def test_a_member_cannot_rename_to_a_staff_name_but_keeps_their_own(
    app, client, make_user, sign_in
):
    expert, member = make_user("expert"), make_user()
    sign_in(member.email)
    profile = {"language": "en", "bio": "", "email_notifications": "each"}
    response = client.post(
        "/en/account/profile", data={**profile, "display_name": expert.display_name.upper()}
    )
    assert MESSAGE in response.get_data(as_text=True)
    assert stored_name(app, member.email) == member.display_name
    kept = client.post("/en/account/profile", data={**profile, "display_name": member.display_name})
    assert kept.status_code == 302


@SQLITE
def test_staff_may_keep_names_with_their_role(app, client, make_user, sign_in):
    moderator = make_user("moderator")
    sign_in(moderator.email)
    response = client.post(
        "/en/account/profile",
        data={
            "display_name": "Moderatorius Tomas",
            "language": "en",
            "bio": "",
            "email_notifications": "each",
        },
    )
    assert response.status_code == 302


def test_skeletons_ignore_case_accents_spaces_and_look_alikes():
    assert name_skeleton("Administratorė Rūta") == name_skeleton("administratore  ruta")
    assert name_skeleton("Tomas") == name_skeleton("Тоmаs")  # Cyrillic Т, о, а
    assert name_skeleton("Tomas") != name_skeleton("Tamas")
    assert clean_display_name("  a\u200d b  ") == "a b"
