"""Private consultations: asked on the form, never held, alerted, queued for staff, kept out."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Topic
from forum.models import Notification, Question
from search.models import SearchOutbox
from tests.moderation.test_expert_alerts import expert as approved_expert
from tests.pages import chosen, page

PRIVATE = {
    "title": "Can I refuse to go back after a removal order?",
    "body": "I got a removal order last week. My personal code is 385 01010 002. What can I do?",
    "topic": "",
    "visibility": "private",
    "language": "en",
}


def waiting_in_nav(html: str, queue: str) -> int:
    """The number the staff navigation shows beside `queue`."""
    found = re.search(re.escape(queue) + r' <span class="count">(\d+)</span>', html)
    assert found, f"no {queue!r} in the staff navigation"
    return int(found.group(1))


def residence_topic(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Topic.id).where(Topic.slug == "residence-permits"))


def ask(client, app, **changes):
    return client.post(
        "/en/questions/ask", data={**PRIVATE, "topic": residence_topic(app), **changes}
    )


def test_the_form_asks_who_can_read_in_plain_words_everybody_by_default(client, make_user, sign_in):
    sign_in(make_user().email)
    form = page(client.get("/en/questions/ask"))
    assert "Who can read this?" in form
    assert "a private consultation" in form
    assert "an asylum claim, a removal order, detention" in form
    assert "Do not write your name, personal code" in form, "it still says what not to write"
    assert chosen(form, "visibility") == ["public"]


def test_violence_preselects_a_private_consultation_without_javascript(client, make_user, sign_in):
    sign_in(make_user().email)
    shown = page(
        client.post(
            "/en/questions/ask",
            data={"urgent_reason": "violence", "visibility": "public", "show_help": "y"},
        )
    )
    assert chosen(shown, "visibility") == ["private"]
    other = page(
        client.post(
            "/en/questions/ask",
            data={"urgent_reason": "shelter", "visibility": "public", "show_help": "y"},
        )
    )
    assert chosen(other, "visibility") == ["public"]


def test_a_new_members_private_question_with_a_personal_code_is_never_held(
    app, client, make_user, sign_in
):
    """A first post and personal data would both hold a public question; a private one goes."""
    sign_in(make_user().email)
    response = ask(client, app)
    assert response.status_code == 302, "no personal-data warning round trip"
    with app.app_context():
        question = db.session.scalar(select(Question))
        assert question.is_private and question.status == "published"
        assert question.hold_reason == ""
    thread = page(client.get(response.headers["Location"]))
    assert "Private consultation" in thread and "385 01010 002" in thread
    sign_in(make_user("moderator").email)
    assert "removal order" not in page(client.get("/en/moderation/pending"))
    assert "removal order" in page(client.get("/en/moderation/private"))
    client.post("/en/account/sign-out")
    assert client.get(response.headers["Location"]).status_code == 404


def test_the_same_question_in_public_is_held(app, client, make_user, sign_in):
    sign_in(make_user().email)
    ask(client, app, visibility="public", post_anyway="y")
    with app.app_context():
        assert db.session.scalar(select(Question.status)) == "pending"


def test_experts_of_the_topic_are_alerted_and_nobody_else(app, client, make_user, sign_in):
    reader = approved_expert(app, make_user)
    other_topic = approved_expert(app, make_user, topics="work")
    sign_in(make_user().email)
    ask(client, app)
    with app.app_context():
        alerted = set(db.session.scalars(select(Notification.user_id)))
    assert reader.id in alerted and other_topic.id not in alerted


def test_the_queue_shows_waiting_time_and_claims_to_the_topics_experts(
    app, client, make_user, sign_in
):
    reader = approved_expert(app, make_user)
    other_topic = approved_expert(app, make_user, topics="work")
    sign_in(make_user().email)
    ask(client, app)
    with app.app_context():
        question_id = db.session.scalar(select(Question.id))
    sign_in(other_topic.email)
    queue = page(client.get("/en/moderation/private"))
    assert "removal order" not in queue and "No private consultation is open for you." in queue
    assert waiting_in_nav(queue, "Private consultations") == 0  # not counted where unseen
    sign_in(reader.email)
    queue = page(client.get("/en/moderation/private"))
    assert "removal order" in queue and "waiting for" in queue
    assert waiting_in_nav(queue, "Private consultations") == 1
    client.post(
        f"/en/moderation/claim/question/{question_id}", data={"next": "/en/moderation/private"}
    )
    assert f"Claimed by {reader.display_name}" in page(client.get("/en/moderation/private"))
    # the expert answers, the asker's clock stops: the queue says after how long
    client.post(
        f"/en/questions/{question_id}/answer",
        data={"body": "A removal order can be appealed to the court within 14 days."},
    )
    assert "an expert answered after" in page(client.get("/en/moderation/private"))


def test_turning_it_private_writes_the_index_change_in_the_same_transaction(
    app, client, make_user, sign_in
):
    member = make_user()
    sign_in(make_user("moderator").email)
    ask(client, app, visibility="public", post_anyway="y")
    with app.app_context():
        question = db.session.scalar(select(Question))
        question_id, slug = question.id, question.slug
        backend = app.extensions["search"].backend
        assert backend.similar("refuse removal order", "en"), "public: in the index"
    edit = {**PRIVATE, "topic": residence_topic(app), "reason": "It is about me."}
    response = client.post(f"/en/questions/{question_id}/edit", data=edit)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Question, question_id).is_private
        assert db.session.scalar(select(SearchOutbox.id)) is None, "drained at the commit"
        assert not app.extensions["search"].backend.similar("refuse removal order", "en")
    sign_in(member.email)
    assert client.get(f"/en/questions/{question_id}/{slug}").status_code == 404


def test_my_consultations_lists_the_askers_private_questions(app, client, make_user, sign_in):
    sign_in(make_user().email)
    assert "You have no private consultation." in page(client.get("/en/account/consultations"))
    ask(client, app)
    ask(client, app, visibility="public", title="How long is a public question kept here?")
    mine = page(client.get("/en/account/consultations"))
    assert "Can I refuse to go back after a removal order?" in mine
    assert "How long is a public question kept here?" not in mine


def test_a_private_thread_never_becomes_a_knowledge_base_proposal(app, client, make_user, sign_in):
    asker = make_user()
    sign_in(asker.email)
    ask(client, app)
    with app.app_context():
        question_id = db.session.scalar(select(Question.id))
    sign_in(make_user("moderator").email)
    client.post(
        f"/en/questions/{question_id}/answer",
        data={"body": "A removal order can be appealed to the court within 14 days."},
    )
    with app.app_context():
        answer_id = db.session.get(Question, question_id).answers[0].id
    sign_in(asker.email)
    client.post(f"/en/answers/{answer_id}/accept")
    sign_in(make_user("moderator").email)
    assert "removal order" not in page(client.get("/en/moderation/proposals"))
    assert client.get(f"/en/kb/new?answer={answer_id}").status_code == 404
    assert "Create article" not in page(
        client.get(f"/en/questions/{question_id}", follow_redirects=True)
    )


def test_a_flag_in_a_private_thread_reaches_its_readers_only(app, client, make_user, sign_in):
    """The asker may flag an answer in their consultation; an expert of another topic never
    reads it in the flag queue."""
    reader = approved_expert(app, make_user)
    other_topic = approved_expert(app, make_user, topics="work")
    asker = make_user()
    sign_in(asker.email)
    ask(client, app)
    with app.app_context():
        question_id = db.session.scalar(select(Question.id))
    sign_in(reader.email)
    client.post(
        f"/en/questions/{question_id}/answer",
        data={"body": "Zebrafinch: appeal within fourteen days at the court."},
    )
    with app.app_context():
        answer_id = db.session.get(Question, question_id).answers[0].id
    sign_in(asker.email)
    flagged = client.post(f"/en/posts/answer/{answer_id}/flag", data={"reason": "incorrect"})
    assert flagged.status_code == 302
    sign_in(other_topic.email)
    assert "Zebrafinch" not in page(client.get("/en/moderation/flags"))
    sign_in(make_user("moderator").email)
    assert "Zebrafinch" in page(client.get("/en/moderation/flags"))
