"""The embedded search index's storage: a Whoosh index in the instance folder.

Its schema, how documents become fields, and opening, writing, rebuilding and backing up
the index. Searching it is search/whoosh_backend.py; every Whoosh call of the application is
in these two modules or in search/analyzers.py, so that another embedded engine could replace
Whoosh (whose maintained fork is itself unmaintained) behind the same interface.
"""

from __future__ import annotations

import fcntl
import gc
import logging
import shutil
import tarfile
import threading
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import COLUMN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher
from whoosh.writing import CLEAR

from search.analyzers import (
    english_analyzer,
    english_term,
    fold,
    folded_analyzer,
    folded_term,
    lithuanian_analyzer,
    lithuanian_term,
    russian_analyzer,
    russian_term,
    terms_of,
    words_of,
)
from search.backend import (
    COUNT_CAP,
    Document,
    DocumentKind,
    IndexBusy,
    WriteBatch,
)
from search.snippets import clean_excerpt

log = logging.getLogger("mipas.search")

# Bump when the schema or the analyzers change: an index of another version is rebuilt.
SCHEMA_VERSION = "2"
VERSION_FILE = "mipas-schema-version"
# Whoosh's lock files, which a backup leaves out.
LOCK_FILES = (".lock", "WRITELOCK", "READLOCK")


LANGUAGES = ("lt", "ru", "en")
FOLDED = "folded"
ANALYZER_FACTORIES = {
    "lt": lithuanian_analyzer,
    "ru": russian_analyzer,
    "en": english_analyzer,
    FOLDED: folded_analyzer,
}
# BM25 with half the usual length normalisation: a thread grows with its answers, and a long
# thread is not less about its title's subject for that.
WEIGHTING = scoring.BM25F(B=0.5, K1=1.2)
# how many times a word counts in its document's field, by where it is written
TITLE_WEIGHT, BOOSTED_WEIGHT = 3, 2
# reviewed articles first; news is of its day, and people search for answers
KIND_BOOST = {DocumentKind.ARTICLE: 1.5, DocumentKind.NEWS: 0.7}
NO_TOPIC = "-"

# Below this many documents a rebuild runs in this process only; above, in `procs` processes.
PARALLEL_REBUILD_FROM = 5000


class RebuildCodec(W3Codec):
    """Whoosh's codec, for a full rebuild: uncompressed postings, no per-block length ranges.

    Measured on 10,000 posts, each cut a rebuild's processor time by about a sixth: zlib
    compresses every block of postings, and the length ranges read each posting's document
    length back from disk. Searches then skip blocks by their maximum weight alone. The
    segments a rebuild writes are about a quarter larger. Segments written later by the
    indexer use the default codec; a merge rewrites them with it.
    """

    length_stats = False

    def __init__(self) -> None:
        super().__init__(compression=0)


def build_schema() -> Schema:
    """The index's fields: one stemmed field per language, the folded fields, facets, text."""
    text_fields = {}
    for language in LANGUAGES:
        analyzer = ANALYZER_FACTORIES[language]()
        # the whole document (title and weightier answers counted more than once), and its
        # title alone, which "similar questions" compares
        text_fields[language] = TEXT(analyzer=analyzer, phrase=False)
        text_fields[f"title_{language}"] = TEXT(analyzer=analyzer, phrase=False)
    folded = folded_analyzer()
    return Schema(
        key=ID(unique=True, sortable=True),
        fingerprint=COLUMN(),
        kind=ID(stored=True, sortable=True),
        document_id=STORED(),
        topic=ID(sortable=True),
        language=ID(stored=True, sortable=True),
        answered=ID(stored=True, sortable=True),
        updated=NUMERIC(int, bits=64, sortable=True),
        title=STORED(),
        url_path=STORED(),
        excerpt=STORED(),
        title_folded=TEXT(analyzer=folded, phrase=False),
        folded=TEXT(analyzer=folded, phrase=False),
        **text_fields,
    )


def _key(kind: str, document_id: int) -> str:
    return f"{kind}:{document_id}"


def lithuanian_fallback_term(word: str) -> str | None:
    """The folded word, if the Lithuanian field would not find it typed without diacritics.

    The Lithuanian stemmer needs the diacritics (it reads ą, ę, ų as case endings), so for
    some words the stem of the form typed without them differs: "uzmokescio" does not meet
    "užmokesčio" there. Those words go into the folded field too, whole and folded.
    """
    term = lithuanian_term(word)
    if term is None or term == lithuanian_term(fold(word)):
        return None
    return folded_term(word)


TERMS = {"lt": lithuanian_term, "ru": russian_term, "en": english_term}


def _weighted(term, title: list[str], boosted: list[str], body: list[str]) -> list[str]:
    """The terms of a document for one field: a title word counts three times, an accepted
    or expert answer's word twice, as if written that often."""
    title_terms = terms_of(term, title)
    return (
        title_terms * TITLE_WEIGHT + terms_of(term, boosted) * BOOSTED_WEIGHT + terms_of(term, body)
    )


def _fields(document: Document) -> dict:
    """The values Whoosh stores and indexes for one document.

    Text fields are given as lists of terms, made with the analyzers' own term functions:
    Whoosh indexes a list as it is, so each text is split into words once for all fields.
    """
    title, boosted, body = (
        words_of(text) for text in (document.title, document.boosted, document.body)
    )
    language = document.language
    fields = {
        "key": _key(document.kind, document.id),
        "fingerprint": document.fingerprint().encode(),
        "kind": document.kind.value,
        "document_id": document.id,
        "topic": document.topic or NO_TOPIC,
        "language": language,
        "answered": "yes" if document.answered else "no",
        # microseconds, so that posts of the same second keep their order
        "updated": int(document.updated_at.timestamp() * 1_000_000) if document.updated_at else 0,
        "title": document.title,
        "url_path": document.url_path,
        "excerpt": clean_excerpt(_excerpt_text(document)),
        "title_folded": terms_of(folded_term, title),
        "_boost": KIND_BOOST.get(document.kind, 1.0),
    }
    # Each document is stemmed in its own language only: three stemmed copies of every post
    # would triple the index and its build time, and the folded field catches the rest.
    if language in LANGUAGES:
        fields[language] = _weighted(TERMS[language], title, boosted, body)
        fields[f"title_{language}"] = terms_of(TERMS[language], title)
    # The Russian and English fields fold each word before stemming it, so the folded field
    # would find nothing in their texts that they do not; Lithuanian needs it for the words
    # whose stem depends on diacritics; a text in another language has only the folded field.
    if language == "lt":
        fields["folded"] = _weighted(lithuanian_fallback_term, title, boosted, body)
    elif language not in LANGUAGES:
        fields["folded"] = _weighted(folded_term, title, boosted, body)
    return fields


def _excerpt_text(document: Document) -> str:
    return "\n".join(part for part in (document.body, document.boosted) if part)


class _ThreadSearcher(threading.local):
    """Each thread's own searcher: Whoosh readers are not to be shared between threads."""

    def __init__(self) -> None:
        self.searcher: Searcher | None = None
        self.generation = -1
        self.columns: dict | None = None


class WhooshStore:
    """A Whoosh index in a directory: opening, writing, backing up and counting it.

    Only the indexer writes to it, one writer at a time; WhooshBackend adds the searching.
    """

    def __init__(
        self,
        index_dir: str | Path,
        time_limit: float = 0.25,
        writer_timeout: float = 1.0,
        procs: int = 1,
        rebuild_memory_mb: int = 2048,
    ) -> None:
        self.path = Path(index_dir)
        self.time_limit = time_limit
        self.writer_timeout = writer_timeout
        self.procs = max(1, procs)
        # Memory for each process of a full rebuild: past it Whoosh spills sorted postings
        # to disk and merges them back, which doubled the time of a 20,000-post rebuild.
        self.rebuild_memory_mb = rebuild_memory_mb
        self._index: whoosh_index.Index | None = None
        self._open_lock = threading.Lock()
        # Threads of one process take turns before they ask for Whoosh's own (file) lock.
        self._write_lock = threading.Lock()
        self._local = _ThreadSearcher()
        self.count_cap = COUNT_CAP

    # --- opening ------------------------------------------------------------------------

    def open(self) -> str:
        """Open the index, creating it if missing or unreadable.

        Returns "ready", "created" (there was none) or "recreated" (it was unusable).
        """
        with self._open_lock:
            self._index = None
            with self._directory_lock():
                state = self._open_or_create()
            return state

    def _open_or_create(self) -> str:
        has_toc = self.path.is_dir() and any(self.path.glob("_MAIN_*.toc"))
        if not has_toc:
            if self.path.exists() and any(self.path.iterdir()):
                self._move_aside("it holds files but no index")
                state = "recreated"
            else:
                state = "created"
            self._create()
            return state
        problem = ""
        # Whoosh leaves the files of an index it cannot read open; they close as the error
        # goes, and the warning they raise then says nothing the log does not.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                opened = self._storage().open_index()
                version = (self.path / VERSION_FILE).read_text().strip()
                if version != SCHEMA_VERSION:
                    raise ValueError(f"schema version {version!r}, expected {SCHEMA_VERSION!r}")
                with opened.searcher() as searcher:
                    searcher.doc_count()
            except Exception as error:  # an unreadable index of any kind is rebuilt, not fatal
                problem = repr(error)
            gc.collect()
        if problem:
            self._move_aside(f"it cannot be read ({problem})")
            self._create()
            return "recreated"
        self._index = opened
        return "ready"

    def _create(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        self._index = self._storage().create_index(build_schema())
        (self.path / VERSION_FILE).write_text(SCHEMA_VERSION)

    def _move_aside(self, reason: str) -> None:
        aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        log.error("The search index at %s is unusable: %s. Moved to %s.", self.path, reason, aside)
        if aside.exists():
            shutil.rmtree(aside)
        self.path.rename(aside)

    @contextmanager
    def _directory_lock(self) -> Iterator[None]:
        """Keep two processes from creating or replacing the index directory at once."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.parent / f".{self.path.name}.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _storage(self) -> FileStorage:
        """The index's folder, read through files rather than memory maps.

        Whoosh copies each memory-mapped segment into the process's own memory: at 100,000
        posts a worker grew by 460 MB and took a second to open its first searcher. Read
        through files, it grows by 25 MB, the operating system's page cache is shared by
        every worker, and searches took about as long (docs/PERFORMANCE.md).
        """
        return FileStorage(str(self.path), supports_mmap=False)

    def _ix(self) -> whoosh_index.Index:
        if self._index is None:
            self.open()
        assert self._index is not None
        return self._index

    def _searcher(self) -> Searcher:
        """This thread's searcher, renewed when the index has changed since it was opened."""
        local = self._local
        ix = self._ix()
        if local.searcher is None or local.generation != ix.latest_generation():
            for attempt in range(3):
                try:
                    local.searcher, local.generation = self._renewed_searcher(local.searcher)
                    local.columns = None
                    break
                except FileNotFoundError:
                    # a writer merged away a segment between our reading the table of
                    # contents and opening the segment: read the new table
                    if attempt == 2:
                        raise
        return local.searcher

    def _renewed_searcher(self, previous: Searcher | None) -> tuple[Searcher, int]:
        """Open a searcher on the latest segments, keeping the readers of unchanged ones.

        Whoosh's own Searcher.refresh() reuses a segment's reader even when documents of the
        segment were deleted since, so deleted documents would stay findable.

        The previous searcher's readers are closed only once the new one is whole: when a
        segment cannot be opened (a writer merged it away meanwhile), the previous searcher
        is left as it was, for the caller to try again with. Closing its readers first made
        the next try close them twice (ReaderClosed, a 500 to a search under load).
        """
        ix = self._ix()
        toc = ix._read_toc()
        reusable = {}
        if previous is not None:
            reusable = {
                reader.segment().segment_id(): reader
                for reader, _ in previous.reader().leaf_readers()
                if reader.segment() is not None
            }
        readers, opened = [], []
        try:
            for segment in toc.segments:
                old = reusable.get(segment.segment_id())
                # a segment's deletions only ever grow, so an equal count means no change
                if old is not None and old.segment().deleted_count() == segment.deleted_count():
                    readers.append(reusable.pop(segment.segment_id()))
                    continue
                opened.append(
                    SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
                )
                readers.append(opened[-1])
        except BaseException:
            for reader in opened:
                reader.close()
            raise
        for old in reusable.values():  # the previous searcher's, not kept: changed or gone
            old.close()
        if not readers:
            reader = EmptyReader(toc.schema)
        elif len(readers) == 1:
            reader = readers[0]
        else:
            reader = MultiReader(readers, generation=toc.generation)
        return Searcher(reader, fromindex=ix, weighting=WEIGHTING), toc.generation

    # --- writing ------------------------------------------------------------------------

    @contextmanager
    def _writer(self, timeout: float | None = None, replace_all: bool = False, **options):
        """A writer that commits when the block ends (replacing every segment if asked)."""
        with self._write_lock:
            try:
                writer = self._ix().writer(
                    timeout=self.writer_timeout if timeout is None else timeout, **options
                )
            except whoosh_index.LockError as error:
                raise IndexBusy(str(self.path)) from error
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            else:
                if replace_all:
                    writer.commit(mergetype=CLEAR)
                else:
                    writer.commit()

    def update(
        self, documents: list[Document], removed: Iterable[tuple[DocumentKind, int]]
    ) -> None:
        removed = list(removed)
        if not documents and not removed:
            return
        with self._writer() as writer:
            for kind, document_id in removed:
                writer.delete_by_term("key", _key(kind, document_id))
            for document in documents:
                writer.update_document(**_fields(document))

    def clear(self) -> None:
        with self._writer(replace_all=True):
            pass

    @contextmanager
    def rebuilding(self, expected: int | None) -> Iterator[WriteBatch]:
        """Write every document into new segments that replace the old ones in one commit."""
        options: dict = {"limitmb": self.rebuild_memory_mb, "codec": RebuildCodec()}
        if self.procs > 1 and (expected or 0) >= PARALLEL_REBUILD_FROM:
            options.update(procs=self.procs, multisegment=True)
        # A drain running now finishes first; the ones after wait in the outbox.
        with self._writer(timeout=60.0, replace_all=True, **options) as writer:

            def add(batch: list[Document]) -> None:
                for document in batch:
                    writer.add_document(**_fields(document))

            yield add

    # --- backup ---------------------------------------------------------------------------

    def backup(self, archive: Path, timeout: float = 60.0) -> int:
        """Write the index into a .tar.gz archive; return how many documents it holds.

        Whoosh's write lock is held meanwhile, so that no drain commits (or merges away a
        segment) while the files are read; drains wait, their changes wait in the outbox.
        """
        with self._write_lock:
            lock = self._ix().lock("WRITELOCK")
            deadline = time.monotonic() + timeout
            while not lock.acquire(blocking=False):
                if time.monotonic() > deadline:
                    raise IndexBusy(str(self.path))
                time.sleep(0.1)
            try:
                with self._ix().searcher() as searcher:
                    documents = searcher.doc_count()
                with tarfile.open(archive, "w:gz") as tar:
                    for file in sorted(self.path.iterdir()):
                        if file.is_file() and not file.name.endswith(LOCK_FILES):
                            tar.add(file, arcname=file.name)
            finally:
                lock.release()
        return documents

    # --- reading ------------------------------------------------------------------------

    def count(self) -> int:
        return self._searcher().doc_count()

    def fingerprints(self) -> dict[tuple[DocumentKind, int], str]:
        searcher = self._searcher()
        reader = searcher.reader()
        if not reader.doc_count():
            return {}
        keys = reader.column_reader("key")
        prints = reader.column_reader("fingerprint")
        found = {}
        for docnum in reader.all_doc_ids():
            kind, _, document_id = keys[docnum].partition(":")
            found[(DocumentKind(kind), int(document_id))] = prints[docnum].decode()
        return found

    def healthy(self) -> bool:
        try:
            self._searcher().doc_count()
        except Exception:
            log.exception("The search index at %s cannot be searched", self.path)
            return False
        return True

    def close(self) -> None:
        if self._local.searcher is not None:
            self._local.searcher.close()
            self._local.searcher = None
        self._index = None
