"""The news feed: published news and events in one language, newest first."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import escape

from app.feeds import Feed, FeedEntry, entry_id
from news import queries


def news_entries(language: str) -> list[FeedEntry]:
    return [
        FeedEntry(
            id=entry_id("news", item.id),
            title=item.title,
            url=url_for("news.item", lang_code=language, slug=item.slug, _external=True),
            summary_html=str(escape(item.summary)),
            content_html=item.body_html,
            published=item.published_at or item.created_at,
            updated=max(item.updated_at, item.published_at or item.updated_at),
        )
        for item in queries.feed_items(language)
    ]


NEWS = Feed(
    "news",
    _l("MIPAS: news and events"),
    lambda language: url_for("news.index", lang_code=language, _external=True),
    news_entries,
)
