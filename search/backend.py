"""The one search interface; the Whoosh and PostgreSQL backends both keep this contract."""

from __future__ import annotations

import abc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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

    @property
    def key(self) -> tuple[DocumentKind, int]:
        return (self.kind, self.id)

    def fingerprint(self) -> str:
        """A digest of everything the index keeps of this document, to find stale copies."""
        parts = (
            self.kind,
            str(self.id),
            self.title,
            self.body,
            self.url_path,
            self.language,
            self.topic,
            str(self.answered),
            self.boosted,
            self.updated_at.isoformat() if self.updated_at else "",
        )
        return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


class IndexBusy(Exception):
    """Another writer holds the index; the change waits in the outbox for the next drain."""


SORTS = ("relevance", "date")
# Past this many matches a search reports "more than COUNT_CAP" and no facet counts: counting
# every match of a very common word costs more than the search itself.
COUNT_CAP = 1000
# Results beyond this rank are never shown (page 50 at 20 a page).
MAX_RESULTS = 1000


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
    answered: bool = False


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    total_is_exact: bool = True  # False: "more than `total` results"
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # kind/topic/language/answered
    suggestion: str = ""  # "did you mean", from the index's own words
    timed_out: bool = False
    # False: no document holds every word, so these hold any of them
    matched_all_words: bool = True


Progress = Callable[[int], None]
WriteBatch = Callable[[list[Document]], None]


class SearchBackend(abc.ABC):
    """An index of published documents. Only the indexer writes to it."""

    @abc.abstractmethod
    def update(
        self, documents: list[Document], removed: Iterable[tuple[DocumentKind, int]]
    ) -> None:
        """Add or replace `documents` and remove `removed`, in one commit: the one write."""

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

    @abc.abstractmethod
    def fingerprints(self) -> dict[tuple[DocumentKind, int], str]:
        """The fingerprint of every indexed document, by (kind, id), for `flask search check`."""

    def index(self, documents: list[Document]) -> None:
        """Add or replace documents, in one commit."""
        self.update(documents, ())

    def delete(self, kind: DocumentKind, document_id: int) -> None:
        """Remove one document if it is there."""
        self.update([], [(kind, document_id)])

    def rebuild(
        self,
        batches: Iterable[list[Document]],
        progress: Progress | None = None,
        expected: int | None = None,
    ) -> int:
        """Replace the whole index with the documents of `batches`; return how many.

        `expected`, how many there will be, lets a backend choose how to build.
        """
        total = 0
        with self.rebuilding(expected) as write:
            for batch in batches:
                write(batch)
                total += len(batch)
                if progress:
                    progress(len(batch))
        return total

    @contextmanager
    def rebuilding(self, expected: int | None) -> Iterator[WriteBatch]:
        """How this backend writes a rebuild: it yields what writes one batch, and the new
        documents replace the old ones when the block ends. Here: empty the index, then add."""
        self.clear()
        yield self.index

    def healthy(self) -> bool:
        """Whether the index can be searched."""
        try:
            self.count()
        except Exception:
            return False
        return True

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release open files and connections."""
