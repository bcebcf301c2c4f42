"""Redaction: personal data leaves the post, its earlier versions and the index; the log says so."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from forum.models import Answer, Notification, Question, Revision
from moderation.models import AuditEntry
from tests.pages import page

PHONE = "+370 612 34567"
CODE = "38501010000"
BODY = f"My employer keeps my passport. Call me on {PHONE}, my personal code is {CODE}."


def search_hits(client, words: str) -> str:
    """The results list of a search, without the echoed query."""
    shown = page(client.get(f"/en/search?q={words}"))
    return shown.split('class="search-results"')[1] if 'class="search-results"' in shown else ""


@pytest.fixture
def held_question(app, make_user, client, sign_in, topic_id):
    """A member's question held for personal data, after an earlier version with the phone."""
    author = make_user(language="ru")
    sign_in(author.email)
    client.post(
        "/en/questions/ask",
        data={
            "title": "Employer keeps my passport, who helps?",
            "body": BODY,
            "topic": topic_id,
            "language": "en",
            "post_anyway": "y",
        },
    )
    with app.app_context():
        question = db.session.scalar(select(Question))
        assert question.status == "pending"
        question_id = question.id
    client.post(
        f"/en/questions/{question_id}/edit",
        data={
            "title": "Employer keeps my passport, who helps?",
            "body": BODY + " I work in Kaunas.",
            "topic": topic_id,
            "language": "en",
            "post_anyway": "y",
        },
    )
    return author, question_id


def test_the_redact_page_offers_what_screening_found(
    app, client, make_user, sign_in, held_question
):
    _, question_id = held_question
    sign_in(make_user("moderator").email)
    queue = page(client.get("/en/moderation/pending"))
    assert f"/en/moderation/posts/question/{question_id}/redact" in queue
    form = page(client.get(f"/en/moderation/posts/question/{question_id}/redact"))
    passages = form.split('name="passages"')[1].split("</textarea>")[0]
    assert PHONE in passages and CODE in passages


def test_redacting_before_approval_removes_the_text_everywhere_but_never_logs_it(
    app, client, make_user, sign_in, held_question, mailbox
):
    author, question_id = held_question
    moderator = make_user("moderator")
    sign_in(moderator.email)
    response = client.post(
        f"/en/moderation/posts/question/{question_id}/redact",
        data={
            "passages": f"{PHONE}\n{CODE}",
            "reason": "Your phone number and personal code must not be public.",
            "remove_and_approve": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert question.status == "published"
        revisions = db.session.scalars(select(Revision)).all()
        assert revisions, "the earlier version is still there"
        stored = [question.title, question.body, question.body_html]
        stored += [r.old_body for r in revisions] + [r.old_title for r in revisions]
        for text in stored:
            assert PHONE not in text and CODE not in text
        assert "[removed by a moderator]" in question.body
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        notes = {n.kind: n.note for n in db.session.scalars(select(Notification))}
    redaction = next(e for e in entries if e.action == "redact")
    assert (redaction.actor_id, redaction.target_id) == (moderator.id, question_id)
    assert redaction.reason == "Your phone number and personal code must not be public."
    assert json.loads(redaction.after) == {"passages": 4, "earlier_versions": 1}
    for entry in entries:
        assert PHONE not in entry.before + entry.after + entry.reason
        assert CODE not in entry.before + entry.after + entry.reason
    assert "approve" in [e.action for e in entries]
    assert notes["post_redacted"] == "Your phone number and personal code must not be public."
    # the author is told in their language (Russian), with the reason
    [redacted_mail] = [m for m in mailbox.to(author.email) if "personal code must" in m[2]]
    assert "модератор" in redacted_mail[2].lower()
    # nobody sees the text any more: the thread, its history, a search
    visitor = app.test_client()
    thread = page(visitor.get(f"/en/questions/{question_id}", follow_redirects=True))
    history = page(visitor.get(f"/en/questions/{question_id}/history"))
    for shown in (thread, history):
        assert PHONE not in shown and CODE not in shown
    assert "[removed by a moderator]" in thread
    assert CODE not in search_hits(visitor, CODE)


def test_redacting_a_published_answer_follows_in_the_search_index(
    app, client, make_user, sign_in, ask, answer
):
    question_id = ask(make_user("moderator"))
    answer_id = answer(
        make_user("expert"), question_id, "Write to Jonas Petraitis at Vilniaus g. 12-5."
    )
    visitor = app.test_client()
    assert "Petraitis" in search_hits(visitor, "Petraitis")
    sign_in(make_user("expert").email)
    thread = page(client.get(f"/en/questions/{question_id}", follow_redirects=True))
    assert f"/en/moderation/posts/answer/{answer_id}/redact" in thread
    client.post(
        f"/en/moderation/posts/answer/{answer_id}/redact",
        data={
            "passages": "Jonas Petraitis",
            "reason": "A name of a private person.",
            "remove": "y",
        },
    )
    with app.app_context():
        assert db.session.get(Answer, answer_id).status == "published"
    assert "Petraitis" not in search_hits(visitor, "Petraitis")


def test_text_that_is_not_in_the_post_comes_back_beside_the_field(
    app, client, make_user, sign_in, held_question
):
    _, question_id = held_question
    sign_in(make_user("moderator").email)
    response = client.post(
        f"/en/moderation/posts/question/{question_id}/redact",
        data={"passages": f"{PHONE}\nsomething else", "reason": "Privacy.", "remove": "y"},
    )
    shown = page(response)
    assert "Not in the post or its earlier versions: something else" in shown
    assert "Privacy." in shown
    with app.app_context():
        assert PHONE in db.session.get(Question, question_id).body, "nothing was removed"
    response = client.post(
        f"/en/moderation/posts/question/{question_id}/redact",
        data={"passages": PHONE, "reason": "", "remove": "y"},
    )
    assert "Write the reason: the author will read it." in page(response)


@pytest.mark.parametrize("role", ["member", "visitor"])
def test_only_staff_redact(app, client, make_user, sign_in, held_question, role):
    author, question_id = held_question
    if role == "member":
        sign_in(author.email)  # not even the author: they edit instead
    else:
        client.post("/en/account/sign-out")
    path = f"/en/moderation/posts/question/{question_id}/redact"
    response = client.post(path, data={"passages": PHONE, "reason": "x", "remove": "y"})
    assert response.status_code == (403 if role == "member" else 302)
    assert client.get(path).status_code == (403 if role == "member" else 302)
    with app.app_context():
        assert PHONE in db.session.get(Question, question_id).body
        assert db.session.get(User, author.id) is not None
