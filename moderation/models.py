"""Moderation records: flags, claims on queue items, expert applications, the audit log."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import Organisation, User, UTCDateTime, utcnow


class FlagReason(enum.StrEnum):
    SPAM = "spam"
    ABUSIVE = "abusive"
    PERSONAL_DATA = "personal_data"
    INCORRECT = "incorrect"
    OTHER = "other"


class Flag(db.Model):
    """One member's report that a post needs a moderator's look."""

    __table_args__ = (
        UniqueConstraint("post_kind", "post_id", "user_id"),
        Index("ix_flag_open", "resolved_at", "post_kind", "post_id"),
        Index("ix_flag_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_kind: Mapped[str] = mapped_column(String(10))
    post_id: Mapped[int] = mapped_column()
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class Claim(db.Model):
    """A moderator working on a queue item, so that two do not work on the same one."""

    __table_args__ = (UniqueConstraint("item_kind", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_kind: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int] = mapped_column()
    moderator_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    moderator: Mapped[User] = relationship()


class ApplicationStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    REVOKED = "revoked"


class ExpertApplication(db.Model):
    """A member asking to answer as a verified expert of an organisation."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    organisation_name: Mapped[str] = mapped_column(String(200))
    topics: Mapped[str] = mapped_column(Text)  # topic slugs, comma separated
    languages: Mapped[str] = mapped_column(String(20))  # "lt,ru"
    statement: Mapped[str] = mapped_column(Text)
    proof_url: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(12), default=ApplicationStatus.PENDING.value)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    organisation: Mapped[Organisation | None] = relationship()

    @property
    def topic_slugs(self) -> set[str]:
        return set(filter(None, self.topics.split(",")))

    @property
    def language_codes(self) -> set[str]:
        return set(filter(None, self.languages.split(",")))


class AuditEntry(db.Model):
    """One moderator or admin action; rows are only ever added."""

    __table_args__ = (
        Index("ix_audit_entry_filter", "created_at", "actor_id", "action"),
        # the moderation report: counts per action and week
        Index("ix_audit_entry_action", "action", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    action: Mapped[str] = mapped_column(String(30))
    target_kind: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str] = mapped_column(Text, default="")  # JSON
    after: Mapped[str] = mapped_column(Text, default="")  # JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User] = relationship()


@db.event.listens_for(AuditEntry, "before_update")
@db.event.listens_for(AuditEntry, "before_delete")
def _audit_log_is_append_only(mapper, connection, entry: AuditEntry) -> None:
    raise RuntimeError("the audit log is append-only")
