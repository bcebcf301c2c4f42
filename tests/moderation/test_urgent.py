"""Urgent help: the reason, its help contacts, the urgent queue, the alerts, the admin list."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import HelpContact, Topic, User, utcnow
from forum.models import Notification, Question
from moderation.models import AuditEntry
from tests.moderation.test_expert_alerts import expert as approved_expert
from tests.pages import page

URGENT = {
    "title": "My employer took my passport, what can I do?",
    "body": "He says I get it back when I finish the season. I want to leave this week.",
    "topic": "",
    "urgent": "y",
    "urgent_reason": "violence",
    "language": "",
}


@pytest.fixture
def contacts(app):
    with app.app_context():
        demo.load_help_contacts()
        db.session.commit()


def ask_urgently(client, topic_id, **changes):
    return client.post("/en/questions/ask", data={**URGENT, "topic": topic_id, **changes})


def work_topic(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Topic.id).where(Topic.slug == "work"))


def test_choosing_a_reason_shows_its_contacts_before_posting_without_javascript(
    app, client, make_user, sign_in, contacts
):
    sign_in(make_user().email)
    form = page(client.get("/en/questions/ask"))
    # every reason's contacts are in the page for the script, all hidden until one is chosen
    assert form.count('class="help-now"') == 5 and form.count("hidden>") >= 5
    response = client.post(
        "/en/questions/ask",
        data={"urgent_reason": "violence", "title": "Half a title", "show_help": "y"},
    )
    shown = page(response)
    assert response.status_code == 200
    violence = shown.split('data-urgent-reason="violence"')[1].split("</div>")[0]
    assert "hidden" not in violence.split(">")[0]
    assert 'href="tel:+37061691119"' in violence and "+370 616 91119" in violence
    assert 'href="tel:116111"' in violence and 'href="tel:112"' in violence
    assert 'value="Half a title"' in shown, "nothing typed is lost"
    assert "Please check the form" not in shown, "asking for help is not an error"
    with app.app_context():
        assert db.session.scalar(select(Question.id)) is None


def test_an_urgent_question_needs_its_reason(client, make_user, sign_in, app):
    sign_in(make_user().email)
    response = ask_urgently(client, work_topic(app), urgent_reason="")
    assert "Choose what is urgent, so that we can show who helps." in page(response)
    response = ask_urgently(client, work_topic(app), urgent_reason="bogus")
    assert "Choose what is urgent from the list." in page(response)


def test_after_posting_the_asker_and_staff_see_the_contacts_on_the_thread_nobody_else(
    app, client, make_user, sign_in, contacts, mailbox
):
    asker = make_user()
    sign_in(asker.email)
    response = ask_urgently(client, work_topic(app))
    thread = response.headers["Location"]
    mine = page(client.get(thread))
    assert "Urgent help asked for: Violence, abuse or trafficking" in mine
    assert "tel:+37061691119" in mine
    with app.app_context():
        question = db.session.scalar(select(Question))
        assert question.urgent_reason == "violence" and question.urgent_at is not None
        assert question.status == "pending", "a new member's first question waits for review"
    sign_in(make_user("moderator").email)
    assert "Urgent help asked for" in page(client.get(thread))
    with app.app_context():
        db.session.get(Question, question.id).status = "published"
        db.session.commit()
    sign_in(make_user().email)
    other = page(client.get(thread))
    assert "Urgent help asked for" not in other and "tel:" not in other
    assert "Urgent help asked for" not in page(app.test_client().get(thread))


def test_experts_of_the_topic_and_moderators_are_mailed_at_once_whatever_their_setting(
    app, client, make_user, sign_in, mailbox
):
    expert = approved_expert(app, make_user, "work", languages="lt")  # a question in English
    other_topic = approved_expert(app, make_user, "asylum", languages="en")
    moderator, admin = make_user("moderator", language="lt"), make_user("admin")
    with app.app_context():
        for person in (expert, moderator):
            db.session.get(User, person.id).email_notifications = False
        db.session.commit()
    sign_in(make_user().email)
    ask_urgently(client, work_topic(app), language="en")
    for person in (expert, moderator, admin):
        [(_, _subject, body)] = mailbox.to(person.email)
        assert "MIPAS" in body
    assert mailbox.to(moderator.email)[0][1].startswith("Skubus klausimas"), "their language"
    assert "24" in mailbox.to(admin.email)[0][2]
    assert mailbox.to(other_topic.email) == []
    with app.app_context():
        kinds = set(db.session.scalars(select(Notification.kind)))
    assert kinds == {"urgent_question"}


def test_the_urgent_queue_tops_moderation_and_marks_overdue_questions(
    app, client, make_user, sign_in, ask
):
    member = make_user()
    late = ask(member, "A question that waited two days already", urgent_reason="shelter")
    ask(member, "A question asked urgently a moment ago", urgent_reason="deadline")
    ask(member, "A question that is not urgent at all here")
    with app.app_context():
        db.session.get(Question, late).urgent_at = utcnow() - timedelta(days=2)
        db.session.commit()
    sign_in(make_user("expert").email)
    overview = page(client.get("/en/moderation/"))
    nav = overview.split('class="staff-nav"')[1]
    assert nav.index("/en/moderation/urgent") < nav.index("/en/moderation/pending")
    assert '<span class="count">2</span>' in nav.split("/en/moderation/pending")[0]
    queue = page(client.get("/en/moderation/urgent"))
    assert queue.index("waited two days") < queue.index("asked urgently a moment ago")
    assert "not urgent at all" not in queue
    late_row = queue.split("waited two days")[1].split("</li>")[0]
    fresh_row = queue.split("asked urgently a moment ago")[1].split("</li>")[0]
    assert "Overdue" in late_row and "2 days" in late_row
    assert "Overdue" not in fresh_row and "No place to sleep tonight" in late_row


def test_an_expert_answer_takes_it_out_of_the_queue_with_its_response_time(
    app, client, make_user, sign_in, ask, answer
):
    question_id = ask(make_user(), "Removal order arrived yesterday", urgent_reason="detention")
    answer(make_user("expert"), question_id, "Appeal within the time the decision names.")
    sign_in(make_user("moderator").email)
    queue = page(client.get("/en/moderation/urgent"))
    waiting = queue.split('id="answered-title"')[0]
    answered = queue.split('id="answered-title"')[1]
    assert "Removal order arrived yesterday" not in waiting
    assert "Removal order arrived yesterday" in answered
    assert "first expert answer after" in answered


def test_a_suspended_member_cannot_post_but_sees_the_help_contacts(
    app, client, make_user, sign_in, contacts
):
    member = make_user(suspended=True, language="ru")
    sign_in(member.email)
    response = client.get("/ru/questions/ask")
    assert response.status_code == 403
    shown = page(response)
    assert "tel:112" in shown and "tel:+37061691119" in shown
    assert ask_urgently(client, work_topic(app)).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(Question.id)) is None


def test_a_suspended_asker_still_sees_the_contacts_on_their_thread(
    app, client, make_user, sign_in, ask, contacts
):
    member = make_user()
    question_id = ask(member, "No place to stay after the shelter closed", urgent_reason="shelter")
    with app.app_context():
        db.session.get(User, member.id).suspended_until = utcnow() + timedelta(days=3)
        db.session.commit()
    sign_in(member.email)
    assert "Urgent help asked for" in page(
        client.get(f"/en/questions/{question_id}/x", follow_redirects=True)
    )


def test_urgency_on_an_edit_starts_the_clock_and_alerts_once(
    app, client, make_user, sign_in, ask, mailbox
):
    member = make_user()
    moderator = make_user("moderator")
    question_id = ask(member, "My residence permit expires next Monday")
    assert mailbox.to(moderator.email) == []
    sign_in(member.email)
    edit = {
        "title": "My residence permit expires next Monday",
        "body": "I applied in MIGRIS but the decision is not there yet. What now?",
        "topic": work_topic(app),
        "urgent": "y",
        "urgent_reason": "deadline",
    }
    client.post(f"/en/questions/{question_id}/edit", data=edit)
    with app.app_context():
        question = db.session.get(Question, question_id)
        started = question.urgent_at
        assert question.urgent_reason == "deadline" and started is not None
    assert len(mailbox.to(moderator.email)) == 1
    client.post(f"/en/questions/{question_id}/edit", data={**edit, "urgent_reason": "detention"})
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert (question.urgent_reason, question.urgent_at) == ("detention", started)
    assert len(mailbox.to(moderator.email)) == 1, "a changed reason is no new alert"
    client.post(
        f"/en/questions/{question_id}/edit", data={**edit, "urgent": "", "urgent_reason": ""}
    )
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert (question.urgent_reason, question.urgent_at) == ("", None)


NEW_CONTACT = {
    "language": "en",
    "position": "5",
    "name": "A helpline for testing",
    "phone": "8 616 91119",
    "hours": "Every day",
    "helps_with": "Everything urgent.",
    "reasons": ["shelter", "health"],
    "source_url": "https://example.org/helpline",
    "checked_on": "2026-01-10",
}


def test_admins_keep_the_help_contacts_in_the_audit_log(app, client, make_user, sign_in):
    sign_in(make_user("admin").email)
    response = client.post("/en/moderation/help-contacts/new", data=NEW_CONTACT)
    assert response.status_code == 302
    with app.app_context():
        contact = db.session.scalar(select(HelpContact))
        assert contact.phone == "+37061691119" and contact.reason_codes == {"shelter", "health"}
        contact_id = contact.id
    listing = page(client.get("/en/moderation/help-contacts"))
    assert "A helpline for testing" in listing and "+370 616 91119" in listing
    client.post(
        f"/en/moderation/help-contacts/{contact_id}", data={**NEW_CONTACT, "hours": "Mondays"}
    )
    client.post(f"/en/moderation/help-contacts/{contact_id}/delete")
    with app.app_context():
        assert db.session.get(HelpContact, contact_id) is None
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == [
        "add_help_contact",
        "edit_help_contact",
        "delete_help_contact",
    ]
    assert json.loads(entries[1].after) == {"hours": "Mondays"}
    assert "A helpline for testing" in entries[2].before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "12345"}, "Write a number that can be called in Lithuania"),
        ({"reasons": []}, "Choose at least one kind of urgent help."),
        ({"source_url": "example.org"}, "Enter a full address starting with https://"),
        ({"checked_on": (date.today() + timedelta(days=3)).isoformat()}, "cannot be in the future"),
    ],
)
def test_a_wrong_help_contact_comes_back_with_the_reason_beside_the_field(
    app, client, make_user, sign_in, changes, message
):
    sign_in(make_user("admin").email)
    response = client.post("/en/moderation/help-contacts/new", data={**NEW_CONTACT, **changes})
    shown = page(response)
    assert message in shown and 'value="A helpline for testing"' in shown
    with app.app_context():
        assert db.session.scalar(select(HelpContact.id)) is None


HELP_CONTACT_PAGES = [
    ("GET", "/en/moderation/help-contacts"),
    ("GET", "/en/moderation/help-contacts/new"),
    ("POST", "/en/moderation/help-contacts/new"),
    ("POST", "/en/moderation/help-contacts/1"),
    ("POST", "/en/moderation/help-contacts/1/delete"),
]


@pytest.mark.parametrize(("method", "path"), HELP_CONTACT_PAGES)
@pytest.mark.parametrize("role", ["member", "expert", "moderator"])
def test_only_admins_edit_the_help_contacts(
    app, client, make_user, sign_in, contacts, caplog, method, path, role
):
    sign_in(make_user(role).email)
    with caplog.at_level(logging.WARNING, logger="mipas.security"):
        assert client.open(path, method=method, data=NEW_CONTACT).status_code == 403
    assert app.test_client().get(path).status_code in (302, 405)
    with app.app_context():
        assert (
            db.session.scalar(select(HelpContact).where(HelpContact.name == NEW_CONTACT["name"]))
            is None
        )
        assert db.session.get(HelpContact, 1) is not None


@pytest.mark.parametrize("role", ["member", "visitor"])
def test_the_urgent_queue_is_for_staff(app, client, make_user, sign_in, role):
    if role == "member":
        sign_in(make_user().email)
        assert client.get("/en/moderation/urgent").status_code == 403
    else:
        assert client.get("/en/moderation/urgent").status_code == 302


def test_the_askers_data_download_has_the_reason_and_removing_their_posts_clears_it(
    app, client, make_user, sign_in, ask, answer
):
    member = make_user()
    question_id = ask(member, "Nowhere to sleep after the eviction", urgent_reason="shelter")
    answer(make_user("expert"), question_id, "The municipality's crisis centre can help tonight.")
    sign_in(member.email)
    download = client.post(
        "/en/account/export", data={"current_password": "a long and quiet river"}
    )
    [question] = json.loads(download.get_data(as_text=True))["questions"]
    assert question["urgent_reason"] == "shelter"
    client.post(
        "/en/account/delete", data={"current_password": "a long and quiet river", "posts": "remove"}
    )
    with app.app_context():
        kept = db.session.get(Question, question_id)  # answered by someone else: it stays
        assert (kept.body, kept.urgent_reason, kept.urgent_at) == ("", "", None)
