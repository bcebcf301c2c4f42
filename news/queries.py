"""Reading news: the list with upcoming events first, one item, its translations, the feeds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.feeds import FEED_ENTRIES
from app.locale import one_per_group
from news.models import NewsItem, NewsKind, NewsStatus

PUBLISHED = NewsStatus.PUBLISHED.value
PER_PAGE = 20
UPCOMING_SHOWN = 10


@dataclass(frozen=True)
class ListedItem:
    """One story in a list: the item in the reader's language, or another one."""

    item: NewsItem
    in_page_language: bool
    other_languages: tuple[str, ...]  # the languages of its published translations


@dataclass(frozen=True)
class NewsPage:
    """A page of the news list."""

    items: list[ListedItem]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _upcoming(now: datetime) -> ColumnElement[bool]:
    """An event that has not ended (or, without an end, not started) by `now`."""
    return and_(
        NewsItem.kind == NewsKind.EVENT.value,
        func.coalesce(NewsItem.ends_at, NewsItem.starts_at) >= now,
    )


def _one_per_group(items: Iterable[NewsItem], language: str) -> dict[int, ListedItem]:
    """Of each group's items, the one in `language`, else the first in the site's order."""
    return {
        item.group_id: ListedItem(item, item.language == language, others)
        for item, others in one_per_group(items, language)
    }


def _published_in_groups(group_ids: list[int], language: str) -> dict[int, ListedItem]:
    if not group_ids:
        return {}
    items = db.session.scalars(
        select(NewsItem)
        .where(NewsItem.group_id.in_(group_ids), NewsItem.status == PUBLISHED)
        .options(joinedload(NewsItem.organisation))
    )
    return _one_per_group(items, language)


def upcoming_events(
    language: str, now: datetime, organisation_id: int | None = None, limit: int = UPCOMING_SHOWN
) -> list[ListedItem]:
    """Published events still to come, soonest first, one per group."""
    query = select(NewsItem.group_id, func.min(NewsItem.starts_at).label("starts")).where(
        NewsItem.status == PUBLISHED, _upcoming(now)
    )
    if organisation_id is not None:
        query = query.where(NewsItem.organisation_id == organisation_id)
    rows = db.session.execute(
        query.group_by(NewsItem.group_id).order_by("starts", NewsItem.group_id).limit(limit)
    ).all()
    chosen = _published_in_groups([row[0] for row in rows], language)
    return [chosen[row[0]] for row in rows if row[0] in chosen]


def news_page(
    language: str, now: datetime, kind: str = "", number: int = 1, per_page: int = PER_PAGE
) -> NewsPage:
    """News and past events, newest first, one per group; upcoming events are listed apart."""
    newest = func.max(NewsItem.published_at).label("newest")
    query = select(NewsItem.group_id, newest).where(
        NewsItem.status == PUBLISHED, or_(NewsItem.kind != NewsKind.EVENT.value, ~_upcoming(now))
    )
    if kind:
        query = query.where(NewsItem.kind == kind)
    rows = db.session.execute(
        query.group_by(NewsItem.group_id)
        .order_by(newest.desc(), NewsItem.group_id.desc())
        .offset((number - 1) * per_page)
        .limit(per_page + 1)
    ).all()
    shown = [row[0] for row in rows[:per_page]]
    chosen = _published_in_groups(shown, language)
    return NewsPage(
        [chosen[group_id] for group_id in shown if group_id in chosen],
        number,
        len(rows) > per_page,
    )


def drafts() -> list[NewsItem]:
    """Items not yet published, newest change first, for staff."""
    return list(
        db.session.scalars(
            select(NewsItem)
            .where(NewsItem.status == NewsStatus.DRAFT.value)
            .order_by(NewsItem.updated_at.desc())
        )
    )


def item_by_slug(slug: str) -> NewsItem | None:
    return db.session.scalar(
        select(NewsItem).where(NewsItem.slug == slug).options(joinedload(NewsItem.organisation))
    )


def item_by_id(item_id: int) -> NewsItem | None:
    return db.session.get(NewsItem, item_id)


def feed_items(language: str) -> list[NewsItem]:
    """The newest published items in `language`, for its Atom feed."""
    return list(
        db.session.scalars(
            select(NewsItem)
            .where(NewsItem.status == PUBLISHED, NewsItem.language == language)
            .options(joinedload(NewsItem.author), joinedload(NewsItem.organisation))
            .order_by(NewsItem.published_at.desc(), NewsItem.id.desc())
            .limit(FEED_ENTRIES)
        )
    )
