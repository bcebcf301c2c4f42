"""The knowledge-base feed: published articles in one language, newest first."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.feeds import FEED_ENTRIES, Feed, FeedEntry, content_entry
from forum.knowledge.models import Article, ArticleStatus


def article_entries(language: str) -> list[FeedEntry]:
    articles = db.session.scalars(
        select(Article)
        .where(Article.status == ArticleStatus.PUBLISHED.value, Article.language == language)
        .order_by(Article.published_at.desc(), Article.id.desc())
        .limit(FEED_ENTRIES)
    )
    return [content_entry("article", "knowledge.article", item, language) for item in articles]


ARTICLES = Feed(
    "kb",
    _l("MIPAS: knowledge base"),
    lambda language: url_for("knowledge.index", lang_code=language, _external=True),
    article_entries,
)
