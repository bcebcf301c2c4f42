"""Load the demo news and events (news/demo_stories/) into the database."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.content import add_demo_item
from app.extensions import db
from app.models import Organisation, User, utcnow
from news import demo_content
from news.models import NewsGroup, NewsItem, NewsStatus


def _event_times(story: demo_content.DemoStory) -> tuple[datetime | None, datetime | None]:
    if story.in_days is None:
        return None, None
    zone = ZoneInfo(story.time_zone)
    day = (utcnow() + timedelta(days=story.in_days)).astimezone(zone).date()
    starts = datetime.combine(day, time(story.hour), zone).astimezone(UTC)
    return starts, starts + timedelta(hours=story.hours)


def _published_at(story: demo_content.DemoStory) -> datetime:
    if story.published_on is not None:
        return datetime.combine(story.published_on, time(9), UTC)
    return utcnow() - timedelta(days=story.days_ago)


def load(accounts: dict[str, User]) -> None:
    """Add the demo news and events, written and published by the demo moderator."""
    moderator = accounts["moderator"]
    organisations = {o.slug: o.id for o in db.session.scalars(select(Organisation))}
    for story in demo_content.stories():
        starts_at, ends_at = _event_times(story)
        moment = _published_at(story)
        group = NewsGroup(created_at=moment)
        for item in story.items:
            add_demo_item(
                NewsItem,
                group,
                item,
                moment,
                kind=story.kind,
                starts_at=starts_at,
                ends_at=ends_at,
                place=item.place,
                time_zone=story.time_zone,
                online=story.online,
                registration_url=story.registration_url,
                organisation_id=organisations.get(story.organisation),
                status=(NewsStatus.PUBLISHED if story.published else NewsStatus.DRAFT).value,
                published_at=moment if story.published else None,
                author_id=moderator.id,
            )
    db.session.commit()
