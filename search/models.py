"""The search tables: the outbox of changed documents, and the PostgreSQL backend's index."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, Index, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import UTCDateTime, utcnow

# A text search vector on PostgreSQL; elsewhere the column exists, unused, so that the
# migration builds the same schema on every database.
SearchVector = Text().with_variant(TSVECTOR(), "postgresql")


class SearchOutbox(db.Model):
    """A document whose indexed copy may be out of date, written in the change's transaction."""

    __tablename__ = "search_outbox"
    # Ids are never reused: the indexer deletes the rows it read by id, and a reused id could
    # be a newer change it has not read yet (SQLite otherwise reuses the highest free id).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    document_id: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


VECTOR_COLUMNS = ("lt_vector", "ru_vector", "en_vector", "simple_vector")


class SearchDocument(db.Model):
    """One published document as the PostgreSQL backend indexes it (empty with Whoosh)."""

    __tablename__ = "search_document"
    __table_args__ = (
        *(
            Index(f"ix_search_document_{column}", column, postgresql_using="gin")
            for column in VECTOR_COLUMNS
        ),
        # newest first: sorting by date, and the candidates ranked for very common words
        Index("ix_search_document_updated_at", "updated_at"),
    )

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    document_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(300))
    # the start of the text, for snippets; the vectors hold all of it
    excerpt: Mapped[str] = mapped_column(Text)
    url_path: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(5))
    topic: Mapped[str] = mapped_column(String(80))
    answered: Mapped[bool] = mapped_column()
    weight: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fingerprint: Mapped[str] = mapped_column(String(32))
    # Each language's vector is filled for documents in that language only; the simple
    # vector (whole words without diacritics) for every document.
    lt_vector: Mapped[str | None] = mapped_column(SearchVector)
    ru_vector: Mapped[str | None] = mapped_column(SearchVector)
    en_vector: Mapped[str | None] = mapped_column(SearchVector)
    simple_vector: Mapped[str | None] = mapped_column(SearchVector)


class SearchWord(db.Model):
    """A word of the PostgreSQL index, for "did you mean" (empty with Whoosh)."""

    __tablename__ = "search_word"
    __table_args__ = (
        Index(
            "ix_search_word_trigrams",
            "word",
            postgresql_using="gin",
            postgresql_ops={"word": "gin_trgm_ops"},
        ),
    )

    word: Mapped[str] = mapped_column(String(64), primary_key=True)


class UnmatchedSearch(db.Model):
    """A search that found nothing: what was asked, in which language, on which day.

    Never who asked or from where: no account, address or time of day. Kept
    SEARCH_LOG_DAYS, then `flask search forget-searches` drops it.
    """

    __tablename__ = "unmatched_search"
    # the report groups a period's searches by folded text and language, from this index alone
    __table_args__ = (
        Index("ix_unmatched_search_period", "searched_on", "folded", "language", "query"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    query: Mapped[str] = mapped_column(String(200))
    # lowercase, without diacritics: the form the staff report groups by
    folded: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2))
    searched_on: Mapped[date] = mapped_column(Date)
