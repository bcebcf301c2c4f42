"""Threads for the account-data tests, made through the forum's own services."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Topic, User
from forum import services
from forum.models import Answer, Question

BODY = "My residence permit for work ends in three months; what must I do to renew it?"


def ask(app, author: User, title: str, body: str = BODY) -> int:
    with app.test_request_context():
        topic_id = db.session.scalar(select(Topic.id).where(Topic.slug == "residence-permits"))
        draft = services.QuestionDraft(title=title, body=body, topic_id=topic_id)
        return services.ask_question(db.session.get(User, author.id), draft, "en").id


def answer(app, author: User, question_id: int, body: str) -> int:
    with app.test_request_context():
        question = db.session.get(Question, question_id)
        return services.answer_question(db.session.get(User, author.id), question, body).id


def comment(app, author: User, question_id: int, body: str, answer_id: int | None = None) -> int:
    with app.test_request_context():
        question = db.session.get(Question, question_id)
        on = db.session.get(Answer, answer_id) if answer_id else None
        return services.comment_on(db.session.get(User, author.id), question, on, body).id


def set_status(app, model, row_id: int, status: str) -> None:
    with app.app_context():
        db.session.get(model, row_id).status = status
        db.session.commit()
