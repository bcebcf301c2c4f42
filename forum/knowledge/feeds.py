"""The knowledge-base feed: published articles in one language, newest first."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from sqlalchemy import select

from app.extensions import db
from app.feeds import FEED_ENTRIES, Feed, FeedEntry, entry_id
from forum.knowledge.models import Article, ArticleStatus


def article_entries(language: str) -> list[FeedEntry]:
    articles = db.session.scalars(
        select(Article)
        .where(Article.status == ArticleStatus.PUBLISHED.value, Article.language == language)
        .order_by(Article.published_at.desc(), Article.id.desc())
        .limit(FEED_ENTRIES)
    )
    return [
        FeedEntry(
            id=entry_id("article", article.id),
            title=article.title,
            url=url_for("knowledge.article", lang_code=language, slug=article.slug, _external=True),
            summary_html=str(escape(article.summary)),
            content_html=article.body_html,
            published=article.published_at or article.created_at,
            updated=article.updated_at,
        )
        for article in articles
    ]


ARTICLES = Feed(
    "kb",
    _l("MIPAS: knowledge base"),
    lambda language: url_for("knowledge.index", lang_code=language, _external=True),
    article_entries,
)
