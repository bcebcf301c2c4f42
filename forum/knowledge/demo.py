"""Load the demo knowledge-base articles (forum/knowledge/demo_articles/) into the database."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy import select

from app.content import add_demo_item
from app.extensions import db
from app.models import User
from forum.knowledge import demo_content
from forum.knowledge.models import Article, ArticleGroup, ArticleStatus
from forum.knowledge.services import review_due_after
from forum.models import Question


def load(accounts: dict[str, User]) -> None:
    """Add the demo articles, written by the demo expert and published by the moderator."""
    expert, moderator = accounts["expert"], accounts["moderator"]
    for demo_group in demo_content.groups():
        question = db.session.scalar(
            select(Question).where(Question.title == demo_group.question_title)
        )
        if question is None or question.accepted_answer_id is None:
            raise ValueError(f"{demo_group.source_file}: no demo thread with an accepted answer")
        # the day its facts were checked, as recorded in its file, is its publication day
        checked_on = demo_group.checked_on
        published_at = datetime.combine(checked_on, time(9), UTC)
        group = ArticleGroup()
        for item in demo_group.articles:
            add_demo_item(
                Article,
                group,
                item,
                published_at,
                legal_basis=item.legal_basis,
                sources="\n".join(item.sources),
                topic_id=question.topic_id,
                source_question_id=question.id,
                source_answer_id=question.accepted_answer_id,
                status=ArticleStatus.PUBLISHED.value,
                published_at=published_at,
                checked_on=checked_on,
                review_due=review_due_after(checked_on),
                created_by_id=expert.id,
                updated_by_id=moderator.id,
            )
    db.session.commit()
