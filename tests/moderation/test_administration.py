"""Admin pages: staff roles, topics and organisations, each change in the audit log."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, Role, Topic, User
from moderation import admin_services
from moderation.models import AuditEntry, Claim
from search.models import SearchOutbox
from tests.pages import page

PASSWORD = "a long and quiet river"

NEW_TOPIC = {
    "slug": "driving-licences",
    "position": "15",
    "name_lt": "Vairuotojo pažymėjimai",
    "name_en": "Driving licences",
    "name_ru": "Водительские права",
    "description_lt": "Užsienio pažymėjimo keitimas.",
    "description_en": "Exchanging a foreign licence.",
    "description_ru": "Обмен иностранных прав.",
}

NEW_ORGANISATION = {
    "slug": "vilnius-migrant-help",
    "kind": "ngo",
    "website": "https://help.example.org",
    "name_lt": "Vilniaus migrantų pagalba",
    "name_en": "Vilnius Migrant Help",
    "name_ru": "Вильнюсская помощь мигрантам",
    "description_lt": "Teisinės konsultacijos.",
    "description_en": "Free legal advice every Tuesday.",
    "description_ru": "Юридические консультации.",
}


def signed_in(app, user):
    client = app.test_client()
    response = client.post("/en/account/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def audit_entries(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        )


def role_of(app, user: User) -> str:
    with app.app_context():
        return db.session.get(User, user.id).role


def change_role(client, email: str, role: str, reason: str = "Joins the moderation team."):
    return client.post(
        "/en/moderation/staff", data={"email": email, "role": role, "reason": reason}
    )


ADMIN_PAGES = [
    ("GET", "/en/moderation/staff"),
    ("POST", "/en/moderation/staff"),
    ("GET", "/en/moderation/topics"),
    ("GET", "/en/moderation/topics/new"),
    ("POST", "/en/moderation/topics/new"),
    ("POST", "/en/moderation/topics/1"),
    ("GET", "/en/moderation/organisations"),
    ("GET", "/en/moderation/organisations/new"),
    ("POST", "/en/moderation/organisations/new"),
]


@pytest.mark.parametrize(("method", "path"), ADMIN_PAGES)
@pytest.mark.parametrize("role", ["member", "expert", "moderator"])
def test_only_admins_open_the_admin_pages(app, make_user, caplog, method, path, role):
    client = signed_in(app, make_user(role))
    with caplog.at_level(logging.WARNING, logger="mipas.security"):
        assert client.open(path, method=method, data=NEW_TOPIC).status_code == 403
    assert f"{method} {path}" in caplog.text
    assert app.test_client().get(path).status_code == 302, "visitors are sent to sign in"
    if method == "GET":
        assert signed_in(app, make_user("admin")).get(path).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(Topic.id).where(Topic.slug == "driving-licences")) is None


def test_the_staff_navigation_links_the_admin_pages_for_admins_only(app, make_user):
    admin_page = page(signed_in(app, make_user("admin")).get("/en/moderation/"))
    moderator_page = page(signed_in(app, make_user("moderator")).get("/en/moderation/"))
    for address in (
        "/en/moderation/staff",
        "/en/moderation/topics",
        "/en/moderation/organisations",
    ):
        assert f'href="{address}"' in admin_page
        assert f'href="{address}"' not in moderator_page


def claims_of(app, person: User) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Claim).where(Claim.moderator_id == person.id)).all())


def test_a_new_moderator_sees_the_queues_and_a_demoted_one_is_refused(app, make_user, mailbox, ask):
    admin = signed_in(app, make_user("admin"))
    person = make_user(language="ru")
    colleague = signed_in(app, person)
    assert colleague.get("/en/moderation/pending").status_code == 403

    response = change_role(admin, person.email, "moderator")
    assert response.status_code == 302
    assert colleague.get("/en/moderation/pending").status_code == 200
    assert person.display_name in page(admin.get("/en/moderation/staff"))
    [(_, subject, body)] = mailbox.to(person.email)
    assert "MIPAS" in subject and "модератор" in body, "told in their own language"

    question_id = ask(make_user())  # a new member's question waits in the queue
    colleague.post(f"/en/moderation/claim/question/{question_id}")
    assert claims_of(app, person) == 1
    change_role(admin, person.email, "member", "Left the team.")
    assert colleague.get("/en/moderation/pending").status_code == 403
    assert claims_of(app, person) == 0, "what they claimed is free for the others again"
    [promotion, demotion] = audit_entries(app, "change_role")
    assert (json.loads(promotion.before), json.loads(promotion.after)) == (
        {"role": "member"},
        {"role": "moderator"},
    )
    assert (json.loads(demotion.before), json.loads(demotion.after)) == (
        {"role": "moderator"},
        {"role": "member"},
    )
    assert demotion.reason == "Left the team." and demotion.target_id == person.id
    log = page(admin.get("/en/moderation/audit?action=change_role"))
    assert "Changed a staff role" in log and "Left the team." in log


def test_an_admin_can_appoint_another_admin(app, make_user):
    person = make_user()
    change_role(signed_in(app, make_user("admin")), person.email, "admin")
    assert role_of(app, person) == "admin"
    assert signed_in(app, person).get("/en/moderation/staff").status_code == 200


@pytest.mark.parametrize(
    ("account", "message"),
    [
        ("unknown", "There is no account with this e-mail address."),
        ("self", "You cannot change your own role. Ask another administrator."),
        ("deleted", "This account is deleted."),
        ("unconfirmed", "This account has not confirmed its e-mail address yet."),
        ("expert", "This account is a verified expert."),
        ("moderator", "The account already has this role. Nothing was changed."),
    ],
)
def test_role_changes_are_refused_beside_the_field_and_keep_the_input(
    app, make_user, account, message
):
    admin_user = make_user("admin")
    people = {
        "self": admin_user,
        "deleted": make_user(deleted=True),
        "unconfirmed": make_user(confirmed=False),
        "expert": make_user("expert"),
        "moderator": make_user("moderator"),
    }
    email = people[account].email if account in people else "nobody@example.org"
    response = change_role(signed_in(app, admin_user), email, "moderator", "A reason I typed.")
    assert response.status_code == 200
    html = page(response)
    assert message in html
    assert 'id="email-error"' in html and f'value="{email}"' in html
    assert "A reason I typed." in html
    assert not audit_entries(app, "change_role")
    if account in people:
        assert role_of(app, people[account]) == people[account].role


def test_a_role_change_needs_a_reason(app, make_user):
    person = make_user()
    response = change_role(signed_in(app, make_user("admin")), person.email, "moderator", "")
    assert "Write the reason: it goes in the audit log." in page(response)
    assert role_of(app, person) == "member"


def test_the_last_admin_cannot_be_removed_even_when_two_demotions_cross(app, make_user):
    """Two admins demote each other at the same moment: the second demotion is refused."""
    first, second = make_user("admin"), make_user("admin")
    with app.test_request_context():
        admin_services.set_role(db.session.get(User, first.id), second.email, Role.MEMBER, "x")
        # `second` (loaded before the first demotion) still acts as the admin it was
        assert second.role == "admin"
        with pytest.raises(admin_services.LastAdmin):
            admin_services.set_role(second, first.email, Role.MEMBER, "y")
        db.session.rollback()
    assert role_of(app, first) == "admin"


def test_adding_a_topic_shows_it_on_every_public_list(app, make_user):
    admin = signed_in(app, make_user("admin"))
    response = admin.post("/en/moderation/topics/new", data=NEW_TOPIC)
    assert response.status_code == 302
    member = signed_in(app, make_user())
    assert "Driving licences" in page(member.get("/en/questions/ask"))
    assert 'value="driving-licences"' in page(member.get("/en/questions/"))
    assert "Driving licences" in page(member.get("/en/kb/"))
    topic_page = page(member.get("/ru/topics/driving-licences"))
    assert "Водительские права" in topic_page and "Обмен иностранных прав." in topic_page
    [entry] = audit_entries(app, "add_topic")
    assert json.loads(entry.after)["slug"] == "driving-licences"


def test_editing_a_topic_renames_it_and_keeps_the_index_in_step(app, make_user, ask, topic_id):
    ask(make_user("moderator"))  # staff questions publish at once
    admin = signed_in(app, make_user("admin"))
    with app.app_context():
        topic = db.session.get(Topic, topic_id)
        edited = {
            "slug": "residence",
            "position": str(topic.position),
            "name_lt": topic.name_lt,
            "name_en": "Residence in Lithuania",
            "name_ru": topic.name_ru,
            "description_lt": topic.description_lt,
            "description_en": topic.description_en,
            "description_ru": topic.description_ru,
        }
    assert admin.post(f"/en/moderation/topics/{topic_id}", data=edited).status_code == 302
    assert "Residence in Lithuania" in page(app.test_client().get("/en/topics/residence"))
    assert app.test_client().get("/en/topics/residence-permits").status_code == 404
    [entry] = audit_entries(app, "edit_topic")
    assert json.loads(entry.before) == {"slug": "residence-permits", "name_en": topic.name_en}
    assert json.loads(entry.after) == {"slug": "residence", "name_en": "Residence in Lithuania"}
    # the embedded indexer drained the rows the rename wrote: search files the question anew
    with app.app_context():
        assert db.session.scalar(select(SearchOutbox.id)) is None
    results = page(app.test_client().get("/en/search?q=renew+residence+permit&topic=residence"))
    assert "How do I renew my residence permit?" in results


def test_a_taken_topic_address_comes_back_beside_the_field_with_the_input(app, make_user):
    admin = signed_in(app, make_user("admin"))
    response = admin.post("/en/moderation/topics/new", data={**NEW_TOPIC, "slug": "work"})
    html = page(response)
    assert response.status_code == 200
    assert 'id="slug-error"' in html and "Another topic already has this address." in html
    assert 'value="Водительские права"' in html and "Exchanging a foreign licence." in html
    assert not audit_entries(app, "add_topic")


def test_the_topic_page_says_topics_cannot_be_deleted(app, make_user):
    html = page(signed_in(app, make_user("admin")).get("/en/moderation/topics"))
    assert "Topics cannot be deleted" in html
    assert html.index("Residence permits") < html.index("Citizenship")


def test_adding_and_editing_an_organisation_shows_on_its_page(app, make_user):
    admin = signed_in(app, make_user("admin"))
    assert admin.post("/en/moderation/organisations/new", data=NEW_ORGANISATION).status_code == 302
    with app.app_context():
        organisation_id = db.session.scalar(
            select(Organisation.id).where(Organisation.slug == "vilnius-migrant-help")
        )
    edited = {**NEW_ORGANISATION, "description_en": "Legal advice on Tuesdays and Thursdays."}
    admin.post(f"/en/moderation/organisations/{organisation_id}", data=edited)
    public = page(app.test_client().get("/en/organisations/vilnius-migrant-help"))
    assert "Legal advice on Tuesdays and Thursdays." in public
    assert 'href="https://help.example.org"' in public
    listing = page(admin.get("/en/moderation/organisations"))
    assert "Vilnius Migrant Help" in listing and "0 experts" in listing
    [added] = audit_entries(app, "add_organisation")
    [changed] = audit_entries(app, "edit_organisation")
    assert json.loads(added.after)["name_en"] == "Vilnius Migrant Help"
    assert json.loads(changed.before) == {"description_en": "Free legal advice every Tuesday."}
    assert json.loads(changed.after) == {
        "description_en": "Legal advice on Tuesdays and Thursdays."
    }


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://files.example.org", "help"])
def test_an_organisation_website_must_be_a_web_address(app, make_user, website):
    admin = signed_in(app, make_user("admin"))
    response = admin.post(
        "/en/moderation/organisations/new", data={**NEW_ORGANISATION, "website": website}
    )
    html = page(response)
    assert "Enter a full address starting with https:// or http://" in html
    assert 'value="Vilnius Migrant Help"' in html
    assert not audit_entries(app, "add_organisation")


def test_a_taken_organisation_address_is_refused(app, make_user):
    admin = signed_in(app, make_user("admin"))
    admin.post("/en/moderation/organisations/new", data=NEW_ORGANISATION)
    response = admin.post(
        "/en/moderation/organisations/new", data={**NEW_ORGANISATION, "name_en": "Second"}
    )
    assert "Another organisation already has this address." in page(response)
    assert 'value="Second"' in page(response)
    assert len(audit_entries(app, "add_organisation")) == 1


def test_the_audit_filter_names_the_admin_actions_in_every_language(app, make_user):
    admin = signed_in(app, make_user("admin"))
    english = page(admin.get("/en/moderation/audit"))
    for label in ("Changed a staff role", "Added a topic", "Edited an organisation"):
        assert label in english
    for language in ("lt", "ru"):
        translated = page(admin.get(f"/{language}/moderation/audit"))
        assert "Changed a staff role" not in translated and "Added a topic" not in translated
