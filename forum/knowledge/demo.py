"""Load the demo knowledge-base articles of forum/knowledge/demo_content.py."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.markup import render_markdown
from app.models import User, utcnow, utctoday
from forum.knowledge import demo_content
from forum.knowledge.models import Article, ArticleGroup, ArticleStatus
from forum.knowledge.services import review_due_after
from forum.models import Question


def load(accounts: dict[str, User]) -> None:
    """Add the demo articles, written by the demo expert and published by the moderator."""
    expert, moderator = accounts["expert"], accounts["moderator"]
    for demo_group in demo_content.GROUPS:
        question = db.session.scalar(
            select(Question).where(Question.title == demo_group.question_title)
        )
        checked_on = utctoday() - timedelta(days=demo_group.checked_days_ago)
        published_at = utcnow() - timedelta(days=demo_group.checked_days_ago)
        group = ArticleGroup()
        for item in demo_group.articles:
            db.session.add(
                Article(
                    group=group,
                    language=item.language,
                    slug=item.slug,
                    title=item.title,
                    summary=item.summary,
                    body=item.body,
                    body_html=str(render_markdown(item.body)),
                    topic_id=question.topic_id,
                    source_question_id=question.id,
                    source_answer_id=question.accepted_answer_id,
                    status=ArticleStatus.PUBLISHED.value,
                    checked_on=checked_on,
                    review_due=review_due_after(checked_on),
                    created_by_id=expert.id,
                    updated_by_id=moderator.id,
                    created_at=published_at,
                    updated_at=published_at,
                    published_at=published_at,
                )
            )
    db.session.commit()
