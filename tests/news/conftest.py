"""Fixtures for news: staff accounts, and items written and published through the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from app.extensions import db
from app.models import User
from news import services
from news.models import NewsItem

BODY = "A body long enough for a news item: it says what happened, where and whom to ask."
SUMMARY = "A short summary of the news item for the list."


@pytest.fixture
def moderator(make_user) -> User:
    return make_user("moderator")


@pytest.fixture
def write(app, moderator) -> Callable[..., NewsItem]:
    """Write an item (published unless told otherwise) through the services; return it detached."""

    def write_item(
        title: str = "Migration Department opens a new service",
        *,
        language: str = "en",
        published: bool = True,
        translation_of: str = "",
        **facts,
    ) -> NewsItem:
        draft = services.NewsDraft(
            title=title,
            summary=facts.pop("summary", SUMMARY),
            body=facts.pop("body", BODY),
            language=language,
            **facts,
        )
        with app.test_request_context():
            author = db.session.get(User, moderator.id)
            if translation_of:
                original = db.session.scalar(
                    db.select(NewsItem).where(NewsItem.slug == translation_of)
                )
                item = services.create_translation(author, original, draft)
            else:
                item = services.create_item(author, draft)
            if published:
                services.publish_item(author, item)
            db.session.refresh(item)
            db.session.expunge(item)
            return item

    return write_item


def vilnius(year: int, month: int, day: int, hour: int) -> datetime:
    """A moment given in Lithuanian winter time (UTC+2), as stored: UTC."""
    return datetime(year, month, day, hour - 2, tzinfo=UTC)


@pytest.fixture
def event(write) -> Callable[..., NewsItem]:
    """Write an event on 15 March 2030, 18:00-20:00 Lithuanian time, unless told otherwise."""

    def write_event(title: str = "Information evening for newcomers", **facts) -> NewsItem:
        facts.setdefault("starts_at", vilnius(2030, 3, 15, 18))
        facts.setdefault("ends_at", vilnius(2030, 3, 15, 20))
        facts.setdefault("place", "Kaunas")
        return write(title, kind="event", **facts)

    return write_event
