"""Moderators and admins write, translate and publish news; nobody else may."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from moderation.models import AuditEntry
from news.models import NewsItem, NewsStatus
from tests.news.conftest import BODY, SUMMARY

FORM = {
    "language": "en",
    "kind": "news",
    "title": "Free legal counselling every Tuesday",
    "summary": SUMMARY,
    "body": BODY,
    "organisation": "0",
    "slug": "",
}
EVENT = {
    **FORM,
    "kind": "event",
    "title": "Consultation day for newcomers",
    "starts_at": "2030-03-15T18:00",
    "ends_at": "2030-03-15T20:00",
    "place": "Vilnius",
}


def stored(app, slug: str) -> NewsItem | None:
    with app.app_context():
        item = db.session.scalar(select(NewsItem).where(NewsItem.slug == slug))
        if item is not None:
            db.session.expunge(item)
        return item


@pytest.mark.parametrize("role", ["member", "expert"])
def test_members_and_experts_may_not_write_news(client, write, make_user, sign_in, role):
    item = write("An item to try the staff pages on", published=False)
    sign_in(make_user(role).email)
    assert client.get("/en/news/new").status_code == 403
    assert client.post("/en/news/new", data=FORM).status_code == 403
    assert client.get(f"/en/news/{item.slug}/edit").status_code == 403
    assert client.get(f"/en/news/{item.slug}/translate?to=lt").status_code == 403
    assert client.post(f"/en/news/{item.slug}/publish").status_code == 403


def test_visitors_are_sent_to_sign_in(client, write):
    item = write("An item to try the staff pages on")
    assert "/account/sign-in" in client.get("/en/news/new").headers["Location"]
    assert "/account/sign-in" in client.post(f"/en/news/{item.slug}/unpublish").headers["Location"]
    assert stored(client.application, item.slug).status == NewsStatus.PUBLISHED


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_staff_write_a_draft_and_publish_it(app, client, make_user, sign_in, role):
    sign_in(make_user(role).email)
    response = client.post("/en/news/new", data=EVENT)
    assert response.status_code == 302
    slug = response.headers["Location"].rsplit("/", 1)[1]
    assert slug == "consultation-day-for-newcomers"
    draft = stored(app, slug)
    assert draft.status == NewsStatus.DRAFT and draft.kind == "event"
    # typed in Lithuanian (winter) time, stored in UTC
    assert (draft.starts_at.hour, draft.ends_at.hour) == (16, 18)
    assert client.post(f"/en/news/{slug}/publish").status_code == 302
    assert stored(app, slug).status == NewsStatus.PUBLISHED
    assert stored(app, slug).published_at is not None


def test_a_translation_joins_the_group_with_the_same_facts(app, client, event, sign_in, moderator):
    original = event()
    sign_in(moderator.email)
    form = client.get(f"/en/news/{original.slug}/translate?to=lt").get_data(as_text=True)
    assert 'value="2030-03-15T18:00"' in form and 'value="Kaunas"' in form
    data = {**EVENT, "title": "Informacinis vakaras atvykusiems", "place": "Kaunas"}
    response = client.post(f"/en/news/{original.slug}/translate?to=lt", data=data)
    assert response.status_code == 302
    translation = stored(app, "informacinis-vakaras-atvykusiems")
    assert translation.group_id == original.group_id and translation.language == "lt"
    again = client.post(f"/en/news/{original.slug}/translate?to=lt", data=data)
    assert again.headers["Location"].endswith("/news/informacinis-vakaras-atvykusiems")


def test_an_edit_changes_the_text_and_keeps_the_state(app, client, write, sign_in, moderator):
    item = write("An item about the opening hours")
    sign_in(moderator.email)
    data = {**FORM, "title": "An item about the new opening hours", "slug": item.slug}
    assert client.post(f"/en/news/{item.slug}/edit", data=data).status_code == 302
    edited = stored(app, item.slug)
    assert edited.title == "An item about the new opening hours"
    assert edited.status == NewsStatus.PUBLISHED


@pytest.mark.parametrize(
    ("lang", "changes", "field", "message"),
    [
        ("en", {"title": ""}, "title", "Write a title."),
        ("lt", {"title": ""}, "title", "Parašykite pavadinimą."),
        ("en", {"ends_at": "2030-03-15T17:00"}, "ends_at",
         "The event cannot end before it starts."),
        ("lt", {"ends_at": "2030-03-15T17:00"}, "ends_at",
         "Renginys negali baigtis anksčiau, nei prasideda."),
        ("ru", {"ends_at": "2030-03-15T17:00"}, "ends_at",
         "Мероприятие не может закончиться раньше, чем начнётся."),
        ("ru", {"starts_at": ""}, "starts_at", "Укажите дату и время начала мероприятия."),
        ("en", {"starts_at": "next Tuesday"}, "starts_at", "Give a date and a time"),
        ("en", {"place": ""}, "place", "Say where the event is, or tick “online”."),
        ("en", {"registration_url": "javascript:alert(1)"}, "registration_url",
         "Give a web address starting with https://."),
    ],
)  # fmt: skip
def test_bad_input_is_explained_beside_the_field_and_kept(
    app, client, make_user, sign_in, lang, changes, field, message
):
    sign_in(make_user("moderator").email)
    response = client.post(f"/{lang}/news/new", data={**EVENT, **changes})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<p class="error-message" id="{field}-error">{message}' in page
    assert 'value="Consultation day for newcomers"' in page or field == "title"
    assert "Vilnius" in page or field == "place"
    with app.app_context():
        assert db.session.scalar(select(NewsItem.id)) is None


def test_an_address_already_taken_is_refused_by_the_service(app, client, write, sign_in, moderator):
    write("Consultation day for newcomers", language="lt")
    sign_in(moderator.email)
    response = client.post("/en/news/new", data=EVENT)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Another news item already has this address. Choose another one." in page
    assert 'value="Consultation day for newcomers"' in page
    taken = client.post("/lt/news/new", data={**FORM, "slug": "new"}).get_data(as_text=True)
    assert "Šis adresas jau naudojamas kitai naujienai." in taken


def test_every_staff_action_on_news_is_in_the_audit_log(app, client, sign_in, moderator):
    sign_in(moderator.email)
    slug = client.post("/en/news/new", data=EVENT).headers["Location"].rsplit("/", 1)[1]
    client.post(f"/en/news/{slug}/publish")
    client.post(f"/en/news/{slug}/unpublish")
    item = stored(app, slug)
    with app.app_context():
        logged = db.session.execute(
            select(AuditEntry.action, AuditEntry.actor_id)
            .where(AuditEntry.target_kind == "news", AuditEntry.target_id == item.id)
            .order_by(AuditEntry.id)
        ).all()
    assert logged == [
        ("create_news", moderator.id),
        ("publish_news", moderator.id),
        ("unpublish_news", moderator.id),
    ]
