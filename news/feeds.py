"""The news feed: published news and events in one language, newest first."""

from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.feeds import Feed, FeedEntry, content_entry
from news import queries
from news.models import NewsItem


def news_entries(language: str) -> list[FeedEntry]:
    return [
        content_entry("news", "news.item", item, language, _updated(item))
        for item in queries.feed_items(language)
    ]


def _updated(item: NewsItem) -> datetime:
    """Its last change, or its publication if that came later."""
    return max(item.updated_at, item.published_at or item.updated_at)


NEWS = Feed(
    "news",
    _l("MIPAS: news and events"),
    lambda language: url_for("news.index", lang_code=language, _external=True),
    news_entries,
)
