"""Question threads: questions, answers, comments, votes, tags, revisions, notifications."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ColumnElement, ForeignKey, Index, String, Text, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import Topic, User, UTCDateTime, utcnow


class PostStatus(enum.StrEnum):
    """Where a post is in its life: see docs/ARCHITECTURE.md, "Content states"."""

    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    REJECTED = "rejected"
    DELETED = "deleted"


class Visibility(enum.StrEnum):
    """Who can read a question's thread."""

    PUBLIC = "public"  # everybody
    PRIVATE = "private"  # a private consultation: its asker, the topic's experts, moderators


class CloseReason(enum.StrEnum):
    DUPLICATE = "duplicate"
    OFF_TOPIC = "off_topic"
    OUTDATED = "outdated"


CONTENT_LANGUAGES = ("lt", "en", "ru", "other")

question_tag = db.Table(
    "question_tag",
    db.Column("question_id", ForeignKey("question.id", ondelete="CASCADE"), primary_key=True),
    db.Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
)


class Tag(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)


class Question(db.Model):
    """A question someone asked, with the state of its thread."""

    __table_args__ = (
        Index("ix_question_listing", "status", "last_activity_at", "id"),
        Index("ix_question_topic_listing", "topic_id", "status", "last_activity_at", "id"),
        # the staff reports and the public figures count questions by when they were asked,
        # reading only these columns (moderation/reports.py)
        Index(
            "ix_question_report",
            "created_at",
            "status",
            "language",
            "visibility",
            "topic_id",
            "first_expert_answer_at",
            "answer_count",
        ),
        Index("ix_question_urgent", "urgent_at"),
        # which question accepted an answer (the experts' report)
        Index("ix_question_accepted", "accepted_answer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    title: Mapped[str] = mapped_column(String(150))
    slug: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5))
    anonymous: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(12), default=PostStatus.PUBLISHED.value)
    hold_reason: Mapped[str] = mapped_column(String(40), default="")
    accepted_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("answer.id", use_alter=True, ondelete="SET NULL")
    )
    answer_count: Mapped[int] = mapped_column(default=0)
    expert_answered: Mapped[bool] = mapped_column(default=False)
    view_count: Mapped[int] = mapped_column(default=0)
    closed_reason: Mapped[str] = mapped_column(String(20), default="")
    closed_note: Mapped[str] = mapped_column(Text, default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("question.id"))
    locked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # a Visibility value: everybody, or a private consultation
    visibility: Mapped[str] = mapped_column(
        String(10), default=Visibility.PUBLIC.value, server_default=Visibility.PUBLIC.value
    )
    # an UrgentReason value, "" when the asker did not ask for urgent help; and since when
    urgent_reason: Mapped[str] = mapped_column(String(20), default="")
    urgent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # when the first answer by a verified expert became public: the response time's end
    first_expert_answer_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    topic: Mapped[Topic] = relationship()
    author: Mapped[User] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=question_tag, order_by=Tag.name)
    answers: Mapped[list[Answer]] = relationship(
        back_populates="question", foreign_keys="Answer.question_id"
    )
    comments: Mapped[list[Comment]] = relationship(
        back_populates="question", order_by="Comment.created_at"
    )
    duplicate_of: Mapped[Question | None] = relationship(remote_side=[id])

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE

    @property
    def thread(self) -> Question:
        return self

    @property
    def is_answered(self) -> bool:
        return self.accepted_answer_id is not None

    @property
    def is_closed(self) -> bool:
        return bool(self.closed_reason)

    @property
    def is_urgent(self) -> bool:
        return bool(self.urgent_reason)


def public_questions() -> ColumnElement[bool]:
    """Published questions that everybody may read: all that lists, feeds, sitemaps and the
    search index ever hold. A private consultation is never among them."""
    return and_(
        Question.status == PostStatus.PUBLISHED.value,
        Question.visibility == Visibility.PUBLIC.value,
    )


class Answer(db.Model):
    # the staff reports count expert answers by when they were written
    __table_args__ = (
        Index("ix_answer_created", "created_at", "by_expert"),
        # the moderation report counts the posts still held, by when they were written
        Index("ix_answer_held", "status", "created_at"),
        # the experts' report: their answers in a period, from the index alone
        Index("ix_answer_expert", "by_expert", "created_at", "status", "author_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=PostStatus.PUBLISHED.value)
    hold_reason: Mapped[str] = mapped_column(String(40), default="")
    # the author's standing when the answer was written: the badge stays true to that day
    by_expert: Mapped[bool] = mapped_column(default=False)
    helpful_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    question: Mapped[Question] = relationship(back_populates="answers", foreign_keys=[question_id])
    author: Mapped[User] = relationship()
    comments: Mapped[list[Comment]] = relationship(
        back_populates="answer", order_by="Comment.created_at"
    )

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    @property
    def thread(self) -> Question:
        return self.question


class Comment(db.Model):
    """A short clarification under a question or an answer."""

    __table_args__ = (Index("ix_comment_held", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id"), index=True)
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("answer.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=PostStatus.PUBLISHED.value)
    hold_reason: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    question: Mapped[Question | None] = relationship(back_populates="comments")
    answer: Mapped[Answer | None] = relationship(back_populates="comments")
    author: Mapped[User] = relationship()

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    @property
    def thread(self) -> Question:
        return self.question if self.question is not None else self.answer.question


class Vote(db.Model):
    """One member finding one answer helpful."""

    __table_args__ = (UniqueConstraint("answer_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Revision(db.Model):
    """The text of a post before one of its edits."""

    __table_args__ = (Index("ix_revision_post", "post_kind", "post_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_kind: Mapped[str] = mapped_column(String(10))
    post_id: Mapped[int] = mapped_column()
    editor_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    old_title: Mapped[str] = mapped_column(String(150), default="")
    old_body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    editor: Mapped[User] = relationship()


class PostHold(db.Model):
    """A post the submission policy held for review: kept after the decision, for the reports.

    The post's own `hold_reason` is cleared when a moderator decides and a held edit is held
    again, so each hold is a row of its own. It names the post, not the person.
    """

    __table_args__ = (
        Index("ix_post_hold_held", "held_at"),
        Index("ix_post_hold_post", "post_kind", "post_id", "held_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_kind: Mapped[str] = mapped_column(String(10))
    post_id: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(String(40), default="")
    held_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Subscription(db.Model):
    """A member following a thread."""

    __table_args__ = (UniqueConstraint("user_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NotificationKind(enum.StrEnum):
    NEW_ANSWER = "new_answer"
    NEW_COMMENT = "new_comment"
    ANSWER_ACCEPTED = "answer_accepted"
    POST_APPROVED = "post_approved"
    POST_REJECTED = "post_rejected"
    NEW_QUESTION = "new_question"  # to the experts of its topic and language
    URGENT_QUESTION = "urgent_question"  # to the topic's experts and the moderators, by mail
    POST_REDACTED = "post_redacted"  # to the author, with the moderator's reason
    # to the asker of a consultation: staff wrote a public version that waits for their consent
    CONSENT_REQUESTED = "consent_requested"


class Notification(db.Model):
    __table_args__ = (Index("ix_notification_inbox", "user_id", "read_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    kind: Mapped[str] = mapped_column(String(20))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    note: Mapped[str] = mapped_column(Text, default="")  # a moderator's reason, when one is given
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    question: Mapped[Question] = relationship()
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
