"""Fixtures for the forum: members, an expert, and threads made through the services."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Topic, User
from forum import services
from forum.models import Question

BODY = "I have a temporary residence permit for work and it ends in three months. What now?"


@pytest.fixture
def topic_id(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Topic.id).where(Topic.slug == "residence-permits"))


@pytest.fixture
def ask(app, topic_id):
    """Post a question through the service, as `author`; return its id."""

    def ask_as(author: User, title: str = "How do I renew my residence permit?", **extra) -> int:
        draft = services.QuestionDraft(
            title=title,
            body=extra.pop("body", BODY),
            topic_id=extra.pop("topic", topic_id),
            **extra,
        )
        with app.test_request_context():
            user = db.session.get(User, author.id)
            return services.ask_question(user, draft, "en").id

    return ask_as


@pytest.fixture
def answer(app):
    """Answer a question through the service, as `author`; return the answer's id."""

    def answer_as(author: User, question_id: int, body: str = "Apply in MIGRIS in time.") -> int:
        with app.test_request_context():
            user = db.session.get(User, author.id)
            question = db.session.get(Question, question_id)
            return services.answer_question(user, question, body).id

    return answer_as


@pytest.fixture
def load(app):
    """Read a row again, in a fresh session."""

    def load_row(model, row_id):
        with app.app_context():
            row = db.session.get(model, row_id)
            db.session.expunge(row)
            return row

    return load_row
