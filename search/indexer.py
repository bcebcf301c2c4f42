"""The one indexer: drains the outbox into the backend in batches, rebuilds, and finds drift."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask, current_app, has_app_context
from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.config import ConfigurationError
from app.doctor import Finding, Level
from app.extensions import db
from app.models import utcnow
from search.backend import (
    DocumentKind,
    Hit,
    IndexBusy,
    Progress,
    SearchBackend,
    SearchQuery,
    SearchResults,
)
from search.documents import all_documents, count_published, load_documents
from search.models import SearchOutbox

log = logging.getLogger("mipas.search")

BACKENDS = ("whoosh", "postgres")
# "embedded": each process drains the outbox right after its own commits (one app process);
# "worker": only `flask search worker` drains it (several app processes).
INDEXERS = ("embedded", "worker")
BATCH_SIZE = 200
# An outbox row older than this means no indexer is draining it.
OUTBOX_LATE = timedelta(seconds=60)
# Seconds before each further try of a drain that failed after a commit: about 10 minutes.
RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 60.0, 60.0, 120.0, 240.0)

Key = tuple[DocumentKind, int]


@dataclass
class Drift:
    """How the index differs from the database."""

    missing: set[Key] = field(default_factory=set)  # published, not in the index
    stale: set[Key] = field(default_factory=set)  # in the index with an older text
    extra: set[Key] = field(default_factory=set)  # in the index, not published
    pending: int = 0  # outbox rows not yet applied

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


class SearchService:
    """The application's search backend and its indexer (app.extensions["search"])."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.backend_name = app.config["SEARCH_BACKEND"]
        self.indexer = app.config["SEARCH_INDEXER"]
        if self.backend_name not in BACKENDS:
            raise ConfigurationError(
                f"SEARCH_BACKEND is {self.backend_name!r}; it must be one of {BACKENDS}."
            )
        if self.indexer not in INDEXERS:
            raise ConfigurationError(
                f"SEARCH_INDEXER is {self.indexer!r}; it must be one of {INDEXERS}."
            )
        database = str(app.config["SQLALCHEMY_DATABASE_URI"])
        if self.backend_name == "postgres" and not database.startswith("postgresql"):
            raise ConfigurationError(
                "SEARCH_BACKEND=postgres needs a PostgreSQL database (DATABASE_URL)."
            )
        self._backend: SearchBackend | None = None
        self._backend_lock = threading.Lock()
        # documents indexed by a rebuild at start-up (the index was missing or unusable)
        self.rebuilt_at_startup: int | None = None
        # One drain at a time in this process; other processes meet the index's own lock.
        self._drain_lock = threading.Lock()
        # A drain after a commit that failed (the index busy with a rebuild or a backup in
        # another process) is tried again on a timer, so that the change does not wait for
        # the next commit, which may be hours away on a quiet site.
        self.retry_delays: tuple[float, ...] = RETRY_DELAYS
        self._retry: threading.Timer | None = None
        self._retry_lock = threading.Lock()

    def _context(self) -> AbstractContextManager:
        """This application's context: the current one if it is already there."""
        if has_app_context() and current_app._get_current_object() is self.app:
            return nullcontext()
        return self.app.app_context()

    @property
    def backend(self) -> SearchBackend:
        if self._backend is None:
            with self._backend_lock:
                if self._backend is None:
                    self._backend = self._make_backend()
        return self._backend

    def _make_backend(self) -> SearchBackend:
        config = self.app.config
        if self.backend_name == "postgres":
            from search.postgres_backend import PostgresBackend

            with self._context():
                return PostgresBackend(db.engine, time_limit=config["SEARCH_TIME_LIMIT"])
        from search.whoosh_backend import WhooshBackend

        return WhooshBackend(
            config["SEARCH_INDEX_DIR"],
            time_limit=config["SEARCH_TIME_LIMIT"],
            procs=config["SEARCH_INDEX_PROCS"],
            rebuild_memory_mb=config["SEARCH_REBUILD_MEMORY_MB"],
        )

    # --- start-up -----------------------------------------------------------------------

    def open_at_startup(self) -> None:
        """Open the Whoosh index; rebuild it from the database if it was missing or broken."""
        if self.backend_name != "whoosh":
            return
        state = self.backend.open()  # type: ignore[attr-defined]
        if state == "ready":
            return
        with self._context():
            try:
                with Session(db.engine) as session:
                    published = count_published(session)
            except SQLAlchemyError:
                log.info("Search index created empty: the database has no tables yet.")
                return
            if not published:
                return
            log.warning(
                "Search index %s; rebuilding it from the database (%d documents).",
                "created" if state == "created" else "was unusable",
                published,
            )
            self.rebuilt_at_startup = self.rebuild()

    # --- the outbox ---------------------------------------------------------------------

    def after_commit(self) -> None:
        """Apply the outbox right after a commit that wrote to it, in the embedded setup."""
        if self.indexer != "embedded":
            return
        if not self._drained():
            self._retry_later(0)

    def _drained(self) -> bool:
        """Drain the outbox; False if it failed and its rows stay for another try."""
        try:
            self.drain()
        except IndexBusy:
            log.info("Search index busy; the changes wait in the outbox for the next drain.")
        except Exception:
            # The request's change is committed and its outbox row stays: it is applied by
            # the next drain, and `flask search check` would report it meanwhile.
            log.exception("Applying the search outbox failed; the rows stay for the next drain.")
        else:
            return True
        return False

    def _retry_later(self, attempt: int) -> None:
        """Drain again after the attempt's delay, unless a retry is already waiting."""
        if attempt >= len(self.retry_delays):
            log.error(
                "The search outbox could not be applied after %d tries; its rows wait for "
                "the next commit or `flask search worker`.",
                attempt,
            )
            return
        with self._retry_lock:
            if self._retry is not None:  # one waiting retry drains for every commit
                return
            timer = threading.Timer(self.retry_delays[attempt], self._run_retry, (attempt,))
            timer.daemon = True
            self._retry = timer
        timer.start()

    def _run_retry(self, attempt: int) -> None:
        with self._retry_lock:
            self._retry = None
        if not self._drained():
            self._retry_later(attempt + 1)

    def drain(self, batch_size: int = BATCH_SIZE) -> int:
        """Apply every outbox row, one index commit per batch; return how many rows."""
        applied = 0
        with self._drain_lock, self._context():
            while batch := self._drain_batch(batch_size):
                applied += batch
        return applied

    def _drain_batch(self, batch_size: int) -> int:
        with Session(db.engine) as session:
            rows = session.execute(
                select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.document_id)
                .order_by(SearchOutbox.id)
                .limit(batch_size)
            ).all()
            if not rows:
                return 0
            keys = {(DocumentKind(kind), document_id) for _, kind, document_id in rows}
            # The documents as the database has them now: a row says "look again", not what
            # changed, so applying it late or twice gives the same index.
            documents = load_documents(session, keys)
            self.backend.update(list(documents.values()), keys - documents.keys())
            session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([r[0] for r in rows])))
            session.commit()
            return len(rows)

    def pending(self) -> int:
        with self._context(), Session(db.engine) as session:
            return session.scalar(select(func.count(SearchOutbox.id))) or 0

    def run_worker(self, poll_seconds: float, should_stop: Callable[[], bool]) -> None:
        """Drain the outbox until told to stop, polling when it is empty."""
        while not should_stop():
            try:
                applied = self.drain()
            except IndexBusy:
                applied = 0
            if not applied:
                time.sleep(poll_seconds)

    # --- rebuild and check --------------------------------------------------------------

    def rebuild(self, progress: Progress | None = None) -> int:
        """Build the whole index again from the database; return how many documents."""
        with self._context(), Session(db.engine) as session:
            expected = count_published(session)
            total = self.backend.rebuild(all_documents(session), progress, expected=expected)
        # Changes made while it ran wait in the outbox: apply them now.
        self.drain()
        return total

    def expected_count(self) -> int:
        with self._context(), Session(db.engine) as session:
            return count_published(session)

    def check(self, repair: bool = False) -> Drift:
        """Compare the index with the database; with `repair`, index and remove what differs."""
        drift = Drift(pending=self.pending())
        indexed = self.backend.fingerprints()
        wanted: dict[Key, str] = {}
        with self._context(), Session(db.engine) as session:
            for batch in all_documents(session):
                for document in batch:
                    wanted[document.key] = document.fingerprint()
            drift.missing = wanted.keys() - indexed.keys()
            drift.extra = indexed.keys() - wanted.keys()
            drift.stale = {
                key for key in wanted.keys() & indexed.keys() if wanted[key] != indexed[key]
            }
            if repair and not drift.clean:
                todo = sorted(drift.missing | drift.stale)
                removed = set(drift.extra)
                for start in range(0, max(len(todo), 1), BATCH_SIZE):
                    documents = load_documents(session, todo[start : start + BATCH_SIZE])
                    gone = set(todo[start : start + BATCH_SIZE]) - documents.keys()
                    self.backend.update(list(documents.values()), removed | gone)
                    removed = set()
        return drift

    def search(self, query: SearchQuery) -> SearchResults:
        """Published documents matching `query`, from the backend (opened on first use)."""
        return self.backend.search(query)

    def similar(self, title: str, language: str) -> list[Hit]:
        """Published questions and articles like a title being typed (forum.similar's finder)."""
        return self.backend.similar(title, language)

    def healthy(self) -> bool:
        return self.backend.healthy()

    def doctor(self, workers: int) -> list[Finding]:
        """For `flask mipas doctor`: can the index be searched, and is it as new as the data?"""
        subject = f"Search ({self.backend_name})"
        if not self.healthy():
            return [
                Finding(
                    Level.PROBLEM,
                    subject,
                    "The index cannot be searched. Run `flask search reindex`.",
                )
            ]
        with self._context(), Session(db.engine) as session:
            waiting, oldest = session.execute(
                select(func.count(SearchOutbox.id), func.min(SearchOutbox.created_at))
            ).one()
        if waiting and oldest is not None and utcnow() - oldest > OUTBOX_LATE:
            drainer = (
                "Is the one `flask search worker` running?"
                if self.indexer == "worker"
                else "Run `flask search check`."
            )
            return [
                Finding(
                    Level.PROBLEM,
                    subject,
                    f"The index is older than the database: {waiting} changes have waited "
                    f"more than {OUTBOX_LATE.seconds} seconds to be indexed. {drainer}",
                )
            ]
        indexed, expected = self.backend.count(), self.expected_count()
        if indexed != expected:
            return [
                Finding(
                    Level.WARNING,
                    subject,
                    f"The index holds {indexed} documents and the database {expected}. "
                    "Run `flask search check` to find and repair the difference.",
                )
            ]
        return [Finding(Level.OK, subject, f"{indexed} documents, as in the database.")]
