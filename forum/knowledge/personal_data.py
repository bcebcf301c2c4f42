"""The knowledge base's share of a member's data: articles they wrote, links to their posts.

An article made from a member's answer keeps its text when that answer is removed with the
member's account; it only loses the link to the thread and the author's name.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import or_, select, update

from app.auth.personal_data import AccountDeletion, PersonalDataPart
from app.extensions import db
from app.models import User
from forum.knowledge.models import Article
from forum.signals import posts_removing


def export_member_data(user: User) -> dict[str, Any]:
    """Articles the member created or last changed (staff only)."""
    articles = db.session.scalars(
        select(Article)
        .where(or_(Article.created_by_id == user.id, Article.updated_by_id == user.id))
        .order_by(Article.id)
    )
    return {
        "knowledge_base_articles": [
            {
                "id": article.id,
                "link": url_for(
                    "knowledge.article",
                    slug=article.slug,
                    lang_code=article.language,
                    _external=True,
                ),
                "language": article.language,
                "title": article.title,
                "status": article.status,
                "created_by_you": article.created_by_id == user.id,
                "created_at": article.created_at,
                "updated_at": article.updated_at,
            }
            for article in articles
        ]
    }


def delete_member_data(deletion: AccountDeletion) -> None:
    """Nothing of the knowledge base is the member's alone: articles stay, see `detach`."""


@posts_removing.connect
def detach_articles(sender, questions: set[int], answers: set[int], comments: set[int]) -> None:
    """Keep articles whose source posts are being removed, without the link to them."""
    for column in (Article.source_answer_id, Article.source_question_id):
        ids = answers if column is Article.source_answer_id else questions
        db.session.execute(
            update(Article)
            .where(column.in_(ids))
            .values({column.key: None})
            .execution_options(synchronize_session=False)
        )


PART = PersonalDataPart(name="knowledge", export=export_member_data, delete=delete_member_data)
