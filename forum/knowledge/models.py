"""Knowledge-base articles: one subject per group, one article per language in it."""

from __future__ import annotations

import enum
from datetime import date
from urllib.parse import unquote

from sqlalchemy import Date, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.content import DRAFT, PUBLISHED, TranslatedContent, TranslationGroup
from app.extensions import db
from app.models import Topic, User
from forum.models import Answer, Question

ARTICLE_LANGUAGES = ("lt", "en", "ru")


def source_lines(text: str) -> list[str]:
    """The non-empty lines of a sources text, each a web address."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class ArticleStatus(enum.StrEnum):
    DRAFT = DRAFT
    PUBLISHED = PUBLISHED
    ARCHIVED = "archived"


class ArticleGroup(TranslationGroup, db.Model):
    """One subject of the knowledge base; its articles are translations of each other."""

    __tablename__ = "article_group"

    articles: Mapped[list[Article]] = relationship(back_populates="group", order_by="Article.id")


class Article(TranslatedContent, db.Model):
    """A curated answer to a common question, in one language."""

    __group_table__ = "article_group"
    __table_args__ = (
        UniqueConstraint("group_id", "language"),
        Index("ix_article_listing", "status", "topic_id"),
        Index("ix_article_review", "status", "review_due"),
    )

    # the laws it rests on, in the article's language, and the official pages it was checked
    # against: one web address a line
    legal_basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    sources: Mapped[str] = mapped_column(Text, default="", server_default="")
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"))
    source_question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id"), index=True)
    source_answer_id: Mapped[int | None] = mapped_column(ForeignKey("answer.id"), index=True)
    checked_on: Mapped[date] = mapped_column(Date)
    review_due: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("account.id"))

    group: Mapped[ArticleGroup] = relationship(back_populates="articles")
    topic: Mapped[Topic] = relationship()
    source_question: Mapped[Question | None] = relationship()
    source_answer: Mapped[Answer | None] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User] = relationship(foreign_keys=[updated_by_id])

    @property
    def source_addresses(self) -> list[str]:
        """The official pages the article was checked against, one per line of `sources`."""
        return source_lines(self.sources)

    @property
    def sources_shown(self) -> list[tuple[str, str]]:
        """Each source's address and the same address as people read it (%C5%BE as ž)."""
        return [(address, unquote(address)) for address in self.source_addresses]

    def is_overdue(self, today: date) -> bool:
        return self.review_due <= today
