"""Public versions of private consultations, and the asker's decisions about them."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import User, UTCDateTime, utcnow
from forum.models import Question


class VersionState(enum.StrEnum):
    """Where a public version is: silence never moves it past AWAITING."""

    AWAITING = "awaiting"  # staff asked the asker; nothing is public
    DECLINED = "declined"  # the asker said no
    PUBLISHED = "published"  # the asker consented: a public question with its answer exists
    WITHDRAWN = "withdrawn"  # the asker took consent back: the public question is unpublished


class Decision(enum.StrEnum):
    CONSENTED = "consented"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class PublicVersion(db.Model):
    """An anonymised title, question and answer that staff wrote from a private consultation."""

    __tablename__ = "public_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    private_question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    # the public question made on consent; it stays linked after a withdrawal, unpublished
    public_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="SET NULL")
    )
    # the expert's answer the public answer was written from, and whose name it carries
    source_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("answer.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text)
    answer_body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default=VersionState.AWAITING.value)
    # goes up each time staff change the text: a consent is for one revision only
    revision: Mapped[int] = mapped_column(default=1)
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    private_question: Mapped[Question] = relationship(foreign_keys=[private_question_id])
    public_question: Mapped[Question | None] = relationship(foreign_keys=[public_question_id])
    prepared_by: Mapped[User] = relationship()

    @property
    def asker_id(self) -> int:
        """The person whose consent the version needs: who asked the consultation."""
        return self.private_question.author_id

    @property
    def is_awaiting(self) -> bool:
        return self.state == VersionState.AWAITING

    @property
    def is_published(self) -> bool:
        return self.state == VersionState.PUBLISHED


class ConsentRecord(db.Model):
    """One decision of an asker about one revision of a public version: kept as evidence."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_version_id: Mapped[int] = mapped_column(
        ForeignKey("public_version.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    decision: Mapped[str] = mapped_column(String(12))
    revision: Mapped[int] = mapped_column()
    # SHA-256 of the exact title, question and answer the asker was shown
    text_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    version: Mapped[PublicVersion] = relationship()
