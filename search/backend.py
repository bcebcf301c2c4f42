"""The one search interface; the Whoosh and PostgreSQL backends both keep this contract."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class DocumentKind(StrEnum):
    QUESTION = "question"
    ARTICLE = "article"
    NEWS = "news"


@dataclass(frozen=True)
class Document:
    """What the index knows of one published thing; built from the database, never edited."""

    kind: DocumentKind
    id: int
    title: str
    body: str  # for a question: its text and its published answers' text
    url_path: str  # language-neutral path after the /<lang> prefix, e.g. "/questions/12/slug"
    language: str  # "lt", "en", "ru" or "other"
    topic: str = ""  # topic slug
    answered: bool = False
    # text that should weigh more than the body: accepted and expert answers
    boosted: str = ""
    updated_at: datetime | None = None


SORTS = ("relevance", "date")


@dataclass(frozen=True)
class SearchQuery:
    text: str
    kinds: tuple[DocumentKind, ...] = ()
    topic: str = ""
    language: str = ""
    answered_only: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class Hit:
    kind: DocumentKind
    id: int
    title: str
    snippet: str  # HTML: escaped text with <mark> around the matched words
    url_path: str
    language: str
    score: float


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    total_is_exact: bool = True  # False: "more than `total` results"
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # kind/topic/language/answered
    suggestion: str = ""  # "did you mean", from the index's own words
    timed_out: bool = False


class SearchBackend(abc.ABC):
    """An index of published documents. Only the indexer writes to it."""

    @abc.abstractmethod
    def index(self, documents: list[Document]) -> None:
        """Add or replace documents, in one commit."""

    @abc.abstractmethod
    def delete(self, kind: DocumentKind, document_id: int) -> None:
        """Remove one document if it is there."""

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Find documents; never raises for what a person can type."""

    @abc.abstractmethod
    def similar(self, title: str, language: str, limit: int = 5) -> list[Hit]:
        """Published questions and articles like a title being typed."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Remove every document."""

    @abc.abstractmethod
    def count(self) -> int:
        """How many documents the index holds."""
