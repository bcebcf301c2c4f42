"""Moderator actions on posts, threads and members, each one in the audit log."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from forum.models import Answer, Notification, Question
from moderation.models import AuditEntry
from tests.pages import page


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_rejecting_needs_a_reason_that_the_author_reads_in_their_language(
    app, client, make_user, sign_in, ask, mailbox
):
    author = make_user(language="ru")
    question_id = ask(author)
    sign_in(make_user("moderator").email)
    client.post(f"/en/moderation/posts/question/{question_id}/reject", data={"reason": ""})
    with app.app_context():
        assert db.session.get(Question, question_id).status == "pending"
    client.post(
        f"/en/moderation/posts/question/{question_id}/reject",
        data={"reason": "Please remove the phone number and ask again."},
    )
    with app.app_context():
        assert db.session.get(Question, question_id).status == "rejected"
        assert (
            db.session.scalar(select(Notification.note))
            == "Please remove the phone number and ask again."
        )
    [(_, subject, body)] = mailbox.to(author.email)
    assert "Please remove the phone number and ask again." in body
    assert subject == "Ваше сообщение не опубликовано: How do I renew my residence permit?"
    assert audit_actions(app) == ["reject"]


def test_a_second_moderator_is_told_and_nothing_happens_twice(app, make_user, ask, mailbox):
    question_id = ask(make_user())
    first, second = make_user("moderator"), make_user("moderator")
    one, two = app.test_client(), app.test_client()
    for client, moderator in ((one, first), (two, second)):
        client.post(
            "/en/account/sign-in",
            data={"email": moderator.email, "password": "a long and quiet river"},
        )
    one.post(f"/en/moderation/posts/question/{question_id}/approve")
    response = two.post(
        f"/en/moderation/posts/question/{question_id}/reject",
        data={"reason": "Late"},
        follow_redirects=True,
    )
    assert f"{first.display_name} has already dealt with this" in page(response)
    with app.app_context():
        assert db.session.get(Question, question_id).status == "published"
    assert audit_actions(app) == ["approve"]


def test_claims_show_who_works_on_an_item(app, make_user, ask):
    question_id = ask(make_user())
    first, second = make_user("moderator"), make_user("expert")
    one, two = app.test_client(), app.test_client()
    for client, moderator in ((one, first), (two, second)):
        client.post(
            "/en/account/sign-in",
            data={"email": moderator.email, "password": "a long and quiet river"},
        )
    one.post(f"/en/moderation/claim/question/{question_id}")
    queue = page(two.get("/en/moderation/pending"))
    assert f"Claimed by {first.display_name}" in queue
    response = two.post(f"/en/moderation/claim/question/{question_id}", follow_redirects=True)
    assert "has already dealt with this" in page(response)


def test_the_pending_queue_shows_the_context(app, client, make_user, sign_in, ask):
    author = make_user()
    ask(
        author,
        "A question with a phone +370 612 34567 in it",
        body="Call me at +370 612 34567 please, about permits.",
    )
    sign_in(make_user("expert").email)
    queue = page(client.get("/en/moderation/pending"))
    assert "A question with a phone" in queue
    assert "<mark>+370 612 34567</mark>" in queue
    assert "0 public posts" in queue
    assert 'Waiting for review <span class="count">1</span>' in queue


def test_hide_and_restore_a_published_answer(app, client, make_user, sign_in, ask, answer):
    question_id = ask(make_user("moderator"))
    answer_id = answer(make_user("expert"), question_id)
    sign_in(make_user("moderator").email)
    client.post(f"/en/moderation/posts/answer/{answer_id}/hide", data={"reason": "Checking"})
    assert "Apply in MIGRIS in time." not in page(
        app.test_client().get(f"/en/questions/{question_id}", follow_redirects=True)
    )
    client.post(f"/en/moderation/posts/answer/{answer_id}/restore")
    with app.app_context():
        assert db.session.get(Answer, answer_id).status == "published"
        assert db.session.get(Question, question_id).answer_count == 1
    assert audit_actions(app) == ["hide", "restore"]


def test_close_as_duplicate_lock_and_move(app, client, make_user, sign_in, ask):
    original = ask(make_user("moderator"), "How do I renew my residence permit card?")
    copy = ask(make_user("moderator"), "Renewing a residence permit card: how?")
    sign_in(make_user("moderator").email)
    response = client.post(
        f"/en/moderation/questions/{copy}",
        data={
            "action": "close",
            "close-reason": "duplicate",
            "close-duplicate_of": f"/en/questions/{original}/x",
        },
    )
    assert response.status_code == 302
    thread = page(client.get(f"/en/questions/{copy}", follow_redirects=True))
    assert "How do I renew my residence permit card?" in thread and "Closed." in thread
    client.post(f"/en/moderation/questions/{copy}", data={"action": "lock"})
    client.post(f"/en/moderation/questions/{copy}", data={"action": "move", "move-topic": "work"})
    with app.app_context():
        question = db.session.get(Question, copy)
        assert (
            question.locked
            and question.topic.slug == "work"
            and question.duplicate_of_id == original
        )
    assert audit_actions(app) == ["close", "lock", "move"]


def test_closing_as_duplicate_needs_the_other_question(client, make_user, sign_in, ask):
    question_id = ask(make_user("moderator"))
    sign_in(make_user("moderator").email)
    response = client.post(
        f"/en/moderation/questions/{question_id}",
        data={"action": "close", "close-reason": "duplicate", "close-duplicate_of": "99999"},
    )
    assert "There is no other question with this number." in page(response)


def test_a_duplicate_hands_its_answers_to_the_question_it_repeats(
    app, client, make_user, sign_in, ask, answer
):
    original = ask(make_user("moderator"), "How do I renew my residence permit card?")
    asker = make_user("moderator")
    copy = ask(asker, "Renewing a residence permit card: how?")
    expert = make_user("expert")
    moved = answer(expert, copy, "Book a visit at the Migration Department with MIGRIS.")
    with app.test_request_context():
        db.session.get(Question, copy).accepted_answer_id = moved
        db.session.commit()
    sign_in(make_user("moderator").email)
    form = {"action": "close", "close-reason": "duplicate", "close-duplicate_of": str(original)}
    client.post(f"/en/moderation/questions/{copy}", data={**form, "close-merge": "y"})
    thread = page(client.get(f"/en/questions/{original}", follow_redirects=True))
    assert "Book a visit at the Migration Department with MIGRIS." in thread
    assert "1 answer" in thread
    left = page(client.get(f"/en/questions/{copy}", follow_redirects=True))
    assert "Book a visit" not in left and "Closed." in left
    with app.app_context():
        question, target = db.session.get(Question, copy), db.session.get(Question, original)
        assert question.answer_count == 0 and question.accepted_answer_id is None
        assert target.answer_count == 1 and target.expert_answered
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "close"))
        assert json.loads(entry.after)["answers_moved"] == [moved]
    # the asker of the duplicate follows the question their answers went to
    sign_in(asker.email)
    assert "Stop following" in page(client.get(f"/en/questions/{original}", follow_redirects=True))
    found = page(client.get("/en/search?q=Migration+Department+MIGRIS"))
    assert f"/en/questions/{original}/" in found and f"/en/questions/{copy}/" not in found
    with app.app_context():
        assert app.extensions["search"].check().clean


def test_a_question_is_not_closed_as_a_duplicate_of_one_that_is_not_public(
    app, client, make_user, sign_in, ask
):
    held = ask(make_user(), "Renewing a residence permit card: how?")  # a new member's: held
    question_id = ask(make_user("moderator"))
    sign_in(make_user("moderator").email)
    response = client.post(
        f"/en/moderation/questions/{question_id}",
        data={"action": "close", "close-reason": "duplicate", "close-duplicate_of": str(held)},
    )
    assert "There is no other question with this number." in page(response)
    assert audit_actions(app) == []


def test_suspend_and_unsuspend_a_member(app, client, make_user, sign_in):
    member = make_user()
    sign_in(make_user("moderator").email)
    until = (date.today() + timedelta(days=7)).isoformat()
    client.post(
        f"/en/moderation/members/{member.id}",
        data={"action": "suspend", "until": until, "reason": "Insults"},
    )
    with app.app_context():
        assert db.session.get(User, member.id).is_suspended
    client.post(f"/en/moderation/members/{member.id}", data={"action": "unsuspend"})
    with app.app_context():
        assert not db.session.get(User, member.id).is_suspended
    assert audit_actions(app) == ["suspend", "unsuspend"]


@pytest.mark.parametrize("target_role", ["admin"])
def test_nobody_suspends_an_admin(app, client, make_user, sign_in, target_role):
    admin = make_user(target_role)
    sign_in(make_user("moderator").email)
    until = (date.today() + timedelta(days=7)).isoformat()
    response = client.post(
        f"/en/moderation/members/{admin.id}",
        data={"action": "suspend", "until": until, "reason": "x"},
    )
    assert response.status_code == 403
    with app.app_context():
        assert not db.session.get(User, admin.id).is_suspended


def test_suspension_needs_a_reason_and_a_future_date(app, client, make_user, sign_in):
    member = make_user()
    sign_in(make_user("moderator").email)
    response = client.post(
        f"/en/moderation/members/{member.id}",
        data={"action": "suspend", "until": "2020-01-01", "reason": ""},
    )
    assert "Write the reason: the member will read it." in page(response)
    response = client.post(
        f"/en/moderation/members/{member.id}",
        data={"action": "suspend", "until": "2020-01-01", "reason": "x"},
    )
    assert "Choose a date in the future." in page(response)


@pytest.mark.parametrize(
    "path",
    [
        "/en/moderation/",
        "/en/moderation/pending",
        "/en/moderation/flags",
        "/en/moderation/unanswered",
        "/en/moderation/proposals",
        "/en/moderation/experts",
        "/en/moderation/audit",
    ],
)
def test_members_calling_staff_pages_get_403_and_it_is_logged(
    client, make_user, sign_in, path, caplog
):
    sign_in(make_user().email)
    with caplog.at_level("WARNING", logger="mipas.security"):
        assert client.get(path).status_code == 403
    assert any(path in record.getMessage() for record in caplog.records)


def test_a_forged_target_is_not_found(client, make_user, sign_in):
    sign_in(make_user("moderator").email)
    assert client.post("/en/moderation/posts/question/999999/approve").status_code == 404
    assert client.post("/en/moderation/posts/bogus/1/approve").status_code == 404
    assert client.get("/en/moderation/members/999999").status_code == 404


def test_the_audit_log_filters_by_actor_action_and_date(app, client, make_user, sign_in, ask):
    first = ask(make_user())
    second = ask(make_user())
    moderator = make_user("moderator")
    sign_in(moderator.email)
    client.post(f"/en/moderation/posts/question/{first}/approve")
    client.post(f"/en/moderation/posts/question/{second}/reject", data={"reason": "Off topic"})
    sign_in(make_user("admin").email)
    everything = page(client.get("/en/moderation/audit"))
    assert "Approved a post" in everything and "Rejected a post" in everything
    rejected = page(client.get("/en/moderation/audit?action=reject"))
    assert "Off topic" in rejected and "Approved a post</td>" not in rejected
    today = date.today().isoformat()
    mine = page(
        client.get(f"/en/moderation/audit?actor={moderator.id}&since={today}&until={today}")
    )
    assert mine.count("<tr>") == 3  # the header and two entries
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert "No actions match" in page(client.get(f"/en/moderation/audit?since={tomorrow}"))


def test_the_audit_log_is_append_only(app, make_user, ask, client, sign_in):
    question_id = ask(make_user())
    sign_in(make_user("moderator").email)
    client.post(f"/en/moderation/posts/question/{question_id}/approve")
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry))
        entry.reason = "rewritten"
        with pytest.raises(RuntimeError, match="append-only"):
            db.session.commit()


def test_staff_edits_of_others_posts_are_logged_but_own_edits_are_not(
    app, client, make_user, sign_in, ask, answer
):
    question_id = ask(make_user("moderator"))
    expert = make_user("expert")
    answer_id = answer(make_user("expert"), question_id)
    own_answer = answer(expert, question_id, "My own answer, which I will improve.")
    sign_in(expert.email)
    client.post(
        f"/en/answers/{answer_id}/edit",
        data={"body": "Corrected by another expert.", "reason": "Fee changed"},
    )
    client.post(f"/en/answers/{own_answer}/edit", data={"body": "My own answer, improved now."})
    with app.app_context():
        [entry] = db.session.scalars(select(AuditEntry)).all()
        assert (entry.action, entry.target_id, entry.reason) == ("edit", answer_id, "Fee changed")
        assert "Apply in MIGRIS in time." in entry.before
