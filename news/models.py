"""News and events: one story per group, one item per language in it."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.content import DRAFT, PUBLISHED, TranslatedContent, TranslationGroup
from app.extensions import db
from app.models import Organisation, User, UTCDateTime

EVENT_TIME_ZONE = "Europe/Vilnius"


class NewsKind(enum.StrEnum):
    NEWS = "news"
    EVENT = "event"


class NewsStatus(enum.StrEnum):
    DRAFT = DRAFT
    PUBLISHED = PUBLISHED


class NewsGroup(TranslationGroup, db.Model):
    """One story or event; its items are translations of each other."""

    __tablename__ = "news_group"

    items: Mapped[list[NewsItem]] = relationship(back_populates="group", order_by="NewsItem.id")


class NewsItem(TranslatedContent, db.Model):
    """A news item or an event announcement, in one language."""

    __tablename__ = "news_item"
    __group_table__ = "news_group"
    __table_args__ = (
        UniqueConstraint("group_id", "language"),
        Index("ix_news_item_listing", "status", "published_at"),
        Index("ix_news_item_events", "status", "kind", "starts_at"),
    )

    kind: Mapped[str] = mapped_column(String(8), default=NewsKind.NEWS.value)
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
    author_id: Mapped[int] = mapped_column(ForeignKey("account.id"))

    group: Mapped[NewsGroup] = relationship(back_populates="items")
    organisation: Mapped[Organisation | None] = relationship()
    author: Mapped[User] = relationship()

    @property
    def is_event(self) -> bool:
        return self.kind == NewsKind.EVENT
