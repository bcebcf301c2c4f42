"""Response times: when the first expert answer became public, and the staff overview's figures."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app.extensions import db
from app.models import User, utcnow
from forum.models import Answer, Question
from forum.policy import Decision
from moderation import services
from moderation.response_times import response_times

HOUR = timedelta(hours=1)


def first_expert_answer_at(app, question_id: int):
    with app.app_context():
        return db.session.get(Question, question_id).first_expert_answer_at


def test_the_first_published_expert_answer_is_recorded_once(
    app, make_user, ask, answer, client, sign_in
):
    question_id = ask(make_user("moderator"))
    answer(make_user("moderator"), question_id, "A moderator's answer is not an expert's.")
    assert first_expert_answer_at(app, question_id) is None
    before = utcnow()
    answer(make_user("expert"), question_id, "Apply in MIGRIS at least two months ahead.")
    first = first_expert_answer_at(app, question_id)
    assert first is not None and first >= before
    answer(make_user("expert"), question_id, "A second expert agrees with the first one.")
    assert first_expert_answer_at(app, question_id) == first


def test_an_expert_answer_approved_later_counts_from_its_approval(app, make_user, ask, answer):
    question_id = ask(make_user("moderator"))
    # a policy that holds every post, so that the expert's answer waits in the pending queue
    app.extensions["submission_policy"] = lambda author, submission: Decision(False, "spam")
    answer_id = answer(make_user("expert"), question_id, "Held for a moderator to look at.")
    assert first_expert_answer_at(app, question_id) is None
    moderator = make_user("moderator")
    approved_from = utcnow()
    with app.test_request_context():
        services.approve(
            db.session.get(User, moderator.id), "answer", db.session.get(Answer, answer_id)
        )
    assert first_expert_answer_at(app, question_id) >= approved_from


def make_question(app, author: User, language: str, asked_ago, waited) -> int:
    """A question asked `asked_ago` before now whose expert answered `waited` later (or not)."""
    with app.app_context():
        now = utcnow()
        question = Question(
            topic_id=1,
            author_id=author.id,
            title=f"A question in {language} asked a while ago",
            slug="a-question",
            body="What is the waiting time?",
            body_html="<p>What is the waiting time?</p>",
            language=language,
            created_at=now - asked_ago,
            last_activity_at=now - asked_ago,
            first_expert_answer_at=None if waited is None else now - asked_ago + waited,
        )
        db.session.add(question)
        db.session.commit()
        return question.id


def test_median_and_90th_percentile_per_language_in_sql(app, make_user):
    # runs on SQLite and PostgreSQL (the `database_url` fixture), the same query on both
    member = make_user()
    for hours in (1, 2, 3, 4, 10):
        make_question(app, member, "lt", timedelta(days=2), hours * HOUR)
    for hours in (2, 4):
        make_question(app, member, "en", timedelta(days=3), hours * HOUR)
    make_question(app, member, "en", timedelta(days=1), None)  # still waiting
    make_question(app, member, "ru", timedelta(days=50), 5 * HOUR)  # answered before the window
    with app.app_context():
        figures = {row.language: row for row in response_times()}
    assert set(figures) == {"lt", "en"}
    lithuanian, english = figures["lt"], figures["en"]
    assert (lithuanian.answered, lithuanian.median, lithuanian.p90) == (5, 3 * HOUR, 10 * HOUR)
    assert (english.answered, english.median, english.p90) == (2, 3 * HOUR, 4 * HOUR)
    assert (lithuanian.waiting, english.waiting) == (0, 1)


def test_the_staff_overview_shows_the_figures(app, make_user, client, sign_in):
    member = make_user()
    for hours in (1, 3, 30):
        make_question(app, member, "ru", timedelta(days=5), hours * HOUR)
    sign_in(make_user("moderator").email)
    page = client.get("/en/moderation/").get_data(as_text=True)
    assert "Response times" in page
    row = page[page.index('<th scope="row">RU</th>') :].split("</tr>")[0]
    assert "3 hours" in row and "30 hours" in row
    lithuanian = client.get("/lt/moderation/").get_data(as_text=True)
    assert "3 valandos" in lithuanian


def test_the_migration_fills_in_response_times_from_existing_answers(app, make_user):
    asker, expert = make_user(), make_user("expert")
    with app.app_context():
        downgrade(revision="5e7a1c0de001")
        now = utcnow().replace(tzinfo=None, microsecond=0)
        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO question (id, topic_id, author_id, title, slug, body, body_html,"
                    " language, anonymous, status, hold_reason, answer_count, expert_answered,"
                    " view_count, closed_reason, closed_note, locked, created_at, last_activity_at)"
                    " VALUES (:id, 1, :author, 'Old question', 'old', 'Text', '<p>Text</p>', 'lt',"
                    " false, 'published', '', 2, true, 0, '', '', false, :at, :at)"
                ),
                [
                    {"id": 1, "author": asker.id, "at": now - 10 * HOUR},
                    {"id": 2, "author": asker.id, "at": now},
                ],
            )
            answers = [
                (1, asker.id, False, "published", now - 9 * HOUR),
                (1, expert.id, True, "rejected", now - 8 * HOUR),
                (1, expert.id, True, "published", now - 6 * HOUR),
                (1, expert.id, True, "published", now - 2 * HOUR),
            ]
            for question_id, author_id, by_expert, status, at in answers:
                connection.execute(
                    sa.text(
                        "INSERT INTO answer (question_id, author_id, body, body_html, status,"
                        " hold_reason, by_expert, helpful_count, created_at)"
                        " VALUES (:q, :a, 'An answer', '<p>An answer</p>', :s, '', :e, 0, :at)"
                    ),
                    {"q": question_id, "a": author_id, "s": status, "e": by_expert, "at": at},
                )
        upgrade(revision="heads")
        db.session.expire_all()
        assert db.session.get(Question, 1).first_expert_answer_at == (now - 6 * HOUR).replace(
            tzinfo=db.session.get(Question, 1).created_at.tzinfo
        )
        assert db.session.get(Question, 2).first_expert_answer_at is None
