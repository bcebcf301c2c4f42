"""The news package's share of a member's data: the news items and events they wrote (staff).

News items are the site's publications, not the writer's: deleting an account keeps them,
and the byline then names nobody, as everywhere else a deleted member is shown.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import select

from app.auth.personal_data import AccountDeletion, PersonalDataPart
from app.extensions import db
from app.models import User
from news.models import NewsItem


def export_member_data(user: User) -> dict[str, Any]:
    """News items and events the member wrote, in any state."""
    items = db.session.scalars(
        select(NewsItem).where(NewsItem.author_id == user.id).order_by(NewsItem.id)
    )
    return {
        "news_items": [
            {
                "id": item.id,
                "link": url_for(
                    "news.item", slug=item.slug, lang_code=item.language, _external=True
                ),
                "language": item.language,
                "kind": item.kind,
                "title": item.title,
                "summary": item.summary,
                "body_markdown": item.body,
                "status": item.status,
                "created_at": item.created_at,
                "published_at": item.published_at,
            }
            for item in items
        ]
    }


def delete_member_data(deletion: AccountDeletion) -> None:
    """Nothing: news items stay with the site, see the module's docstring."""


PART = PersonalDataPart(name="news", export=export_member_data, delete=delete_member_data)
