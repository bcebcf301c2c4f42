"""News and events: one story per group, one item per language in it."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import Organisation, User, UTCDateTime, utcnow

EVENT_TIME_ZONE = "Europe/Vilnius"


class NewsKind(enum.StrEnum):
    NEWS = "news"
    EVENT = "event"


class NewsStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class NewsGroup(db.Model):
    """One story or event; its items are translations of each other."""

    __tablename__ = "news_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list[NewsItem]] = relationship(back_populates="group", order_by="NewsItem.id")


class NewsItem(db.Model):
    """A news item or an event announcement, in one language."""

    __tablename__ = "news_item"
    __table_args__ = (
        UniqueConstraint("group_id", "language"),
        Index("ix_news_item_listing", "status", "published_at"),
        Index("ix_news_item_events", "status", "kind", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("news_group.id"))
    language: Mapped[str] = mapped_column(String(2))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(8), default=NewsKind.NEWS.value)
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # events only: when, where (or online), and where to sign up
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the zone the event's times are given in: Lithuania's, or the place's for events abroad
    time_zone: Mapped[str] = mapped_column(
        String(64), default=EVENT_TIME_ZONE, server_default=EVENT_TIME_ZONE
    )
    place: Mapped[str] = mapped_column(String(200), default="")
    online: Mapped[bool] = mapped_column(default=False)
    registration_url: Mapped[str] = mapped_column(String(500), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=NewsStatus.DRAFT.value)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    author_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    group: Mapped[NewsGroup] = relationship(back_populates="items")
    organisation: Mapped[Organisation | None] = relationship()
    author: Mapped[User] = relationship()

    @property
    def is_published(self) -> bool:
        return self.status == NewsStatus.PUBLISHED

    @property
    def is_event(self) -> bool:
        return self.kind == NewsKind.EVENT
