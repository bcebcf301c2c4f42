"""Atom feeds for feed readers and social networks: each feature package registers its feed.

app/ knows no feature, so create_app puts the packages' `Feed`s in `app.extensions["feeds"]`;
/feeds/<lang>/<name>.xml shows one, and the home page announces them all. A feed holds only
published content in one language, newest first, at most FEED_ENTRIES entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, request, url_for
from flask_babel.speaklater import LazyString
from markupsafe import escape

from app.models import utcnow

FEED_ENTRIES = 50
ATOM_TYPE = "application/atom+xml; charset=utf-8"


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, with absolute addresses."""

    id: str
    title: str
    url: str
    summary_html: str  # the plain summary as HTML: escaped once here, once more in the XML
    content_html: str
    published: datetime
    updated: datetime


@dataclass(frozen=True)
class Feed:
    """A package's feed: its name in the address, its title, the page it mirrors, its entries."""

    name: str
    title: LazyString
    page_url: Callable[[str], str]  # language -> the absolute address of the page it mirrors
    entries: Callable[[str], list[FeedEntry]]  # language -> its newest entries


def entry_id(kind: str, number: int | str) -> str:
    """A permanent id that survives a change of title or address: a tag URI."""
    return f"tag:{request.host.split(':')[0]},2026:{kind}/{number}"


def content_entry(
    kind: str, endpoint: str, item, language: str, updated: datetime | None = None
) -> FeedEntry:
    """The entry of a translated item (app/content.py: an article, a news item) at its page."""
    return FeedEntry(
        id=entry_id(kind, item.id),
        title=item.title,
        url=url_for(endpoint, lang_code=language, slug=item.slug, _external=True),
        summary_html=str(escape(item.summary)),
        content_html=item.body_html,
        published=item.published_at or item.created_at,
        updated=updated or item.updated_at,
    )


def last_update(entries: list[FeedEntry]) -> datetime:
    """The feed's own `updated`: its newest entry's, or now for an empty feed."""
    return max((entry.updated for entry in entries), default=utcnow())


def feeds() -> dict[str, Feed]:
    """The registered feeds by name, in the order the home page announces them."""
    return {feed.name: feed for feed in current_app.extensions.get("feeds", ())}
