"""The embedded search backend: a Whoosh index in the instance folder.

Every Whoosh call of the application is in this module or in search/analyzers.py, so that
another embedded engine could replace Whoosh (whose maintained fork is itself unmaintained)
behind the same interface.
"""

from __future__ import annotations

import fcntl
import gc
import logging
import math
import shutil
import tarfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from markupsafe import Markup
from whoosh import index as whoosh_index
from whoosh import scoring, sorting
from whoosh.codec.whoosh3 import W3Codec
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.fields import COLUMN, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, ConstantScoreQuery, Or, Query, Term
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher
from whoosh.writing import CLEAR

from search.analyzers import (
    ENGLISH_STOP_WORDS,
    FOLDED_STOP_WORDS,
    LITHUANIAN_STOP_WORDS,
    RUSSIAN_STOP_WORDS,
    analyze,
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
    MAX_RESULTS,
    Document,
    DocumentKind,
    Hit,
    IndexBusy,
    Progress,
    SearchBackend,
    SearchQuery,
    SearchResults,
)
from search.snippets import clean_excerpt, highlight
from search.words import edit_distance, query_words

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
# The fields a word is looked for in, per analysis, with how much a match there counts. The
# title's weight is in its field already (its words are counted three times); one term per word
# and analysis keeps the matching light: Whoosh matches in Python, document by document. The
# folded field (whole words without diacritics) is the fallback: it counts least.
FIELD_BOOSTS: dict[str, tuple[tuple[str, float], ...]] = {
    **{language: ((language, 1.0),) for language in LANGUAGES},
    FOLDED: ((FOLDED, 0.5),),
}
# BM25 with half the usual length normalisation: a thread grows with its answers, and a long
# thread is not less about its title's subject for that.
WEIGHTING = scoring.BM25F(B=0.5, K1=1.2)
# how many times a word counts in its document's field, by where it is written
TITLE_WEIGHT, BOOSTED_WEIGHT = 3, 2
# "Similar questions" compares titles with titles.
TITLE_FIELDS: dict[str, tuple[tuple[str, float], ...]] = {
    **{language: ((f"title_{language}", 1.0),) for language in LANGUAGES},
    FOLDED: (("title_folded", 0.5),),
}
FIELD_GROUP = {
    field: group
    for boosts in (FIELD_BOOSTS, TITLE_FIELDS)
    for group, fields in boosts.items()
    for field, _ in fields
}
# reviewed articles first; news is of its day, and people search for answers
KIND_BOOST = {DocumentKind.ARTICLE: 1.5, DocumentKind.NEWS: 0.7}
FACETS = ("kind", "topic", "language", "answered")
NO_TOPIC = "-"

# Past this many possible matches, relevance-ranked searches look in the titles first.
TITLES_FIRST_FROM = 10_000
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


class _Any(Or):
    """Or, always as a tree of union matchers.

    On indexes under 5,000 documents Whoosh would pre-load each Or into an array of 2,048
    scores, which costs more than the search itself when a query has dozens of them.
    """

    matcher_type = Or.DEFAULT_MATCHER


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
# the term function of each field a suggestion may come from
FIELD_TERMS = {**TERMS, FOLDED: folded_term}


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


# A query word that is a function word in any site language is not looked for as a whole word
# (the folded field): "kaip ir kur" finds nothing rather than every Lithuanian post. The
# stemmed fields still find it where it is a content word ("visa" in English).
QUERY_FOLDED_STOP_WORDS = (
    FOLDED_STOP_WORDS | LITHUANIAN_STOP_WORDS | RUSSIAN_STOP_WORDS | ENGLISH_STOP_WORDS
)


class _Analysed:
    """A query's words as each analysis turns them into terms, remembering which word gave each."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self.terms: dict[str, dict[str, set[int]]] = {}
        for group, analyzer in _analyzers().items():
            terms: dict[str, set[int]] = {}
            for position, word in enumerate(words):
                if group == FOLDED and fold(word) in QUERY_FOLDED_STOP_WORDS:
                    continue
                for term in analyze(analyzer, word):
                    terms.setdefault(term, set()).add(position)
            self.terms[group] = terms

    @property
    def is_empty(self) -> bool:
        return not any(self.terms.values())

    def content_positions(self) -> set[int]:
        """The words that are not a function word in any of the languages."""
        return {p for positions in self.terms[FOLDED].values() for p in positions}

    def content_words(self) -> int:
        return len(self.content_positions())

    def query(self, require_all: bool, fields: dict[str, tuple[tuple[str, float], ...]]) -> Query:
        """Any analysis matching; within one, every word (or any word) in any of its fields."""
        per_group = []
        for group, terms in self.terms.items():
            if not terms:
                continue
            clauses = [
                _Any([Term(field, term, boost=boost) for field, boost in fields[group]])
                for term in terms
            ]
            per_group.append(And(clauses) if require_all else _Any(clauses))
        return _Any(per_group)

    def matcher_for(self, language: str) -> Callable[[str], bool]:
        """Tell whether a word of a document in `language` is one of the words searched for."""
        groups = [FOLDED] + ([language] if language in LANGUAGES else [])
        wanted = {group: self.terms[group] for group in groups if self.terms[group]}
        prefixes = tuple({term[:3] for terms in wanted.values() for term in terms})
        analyzers = _analyzers()
        cache: dict[str, bool] = {}

        def is_match(word: str) -> bool:
            if word not in cache:
                folded = fold(word)
                cache[word] = folded.startswith(prefixes) and any(
                    term in terms
                    for group, terms in wanted.items()
                    for term in analyze(analyzers[group], word)
                )
            return cache[word]

        return is_match


_thread_analyzers = threading.local()


def _analyzers() -> dict:
    """This thread's analyzers for the query side, built once."""
    analyzers = getattr(_thread_analyzers, "by_group", None)
    if analyzers is None:
        analyzers = {group: make() for group, make in ANALYZER_FACTORIES.items()}
        _thread_analyzers.by_group = analyzers
    return analyzers


def _filters(query: SearchQuery) -> list[Query]:
    """The facet filters, which narrow the results without changing their scores."""
    filters: list[Query] = []
    if query.kinds:
        filters.append(_Any([Term("kind", kind.value) for kind in query.kinds]))
    if query.topic:
        filters.append(Term("topic", query.topic))
    if query.language:
        filters.append(Term("language", query.language))
    if query.answered_only:
        filters.append(Term("answered", "yes"))
    return [ConstantScoreQuery(f, 0.0) for f in filters]


def _nearest_terms(reader, word: str) -> list[tuple[str, str]]:
    """The index terms nearest to the word's term in each field, nearest and commonest first;
    none if the index knows the word already."""
    candidates: list[tuple[int, int, str, str]] = []
    for field, analyzer in _analyzers().items():
        for term in analyze(analyzer, word):
            if reader.doc_frequency(field, term):
                return []
            maxdist = 1 if len(term) < 6 else 2
            candidates.extend(
                (edit_distance(near, term), -reader.doc_frequency(field, near), field, near)
                for leaf, _ in reader.leaf_readers()
                for near in leaf.terms_within(field, term, maxdist, prefix=1)
            )
    return [(field, near) for _, _, field, near in sorted(candidates)]


class _ThreadSearcher(threading.local):
    """Each thread's own searcher: Whoosh readers are not to be shared between threads."""

    def __init__(self) -> None:
        self.searcher: Searcher | None = None
        self.generation = -1
        self.columns: dict | None = None


class WhooshBackend(SearchBackend):
    """A Whoosh index in a directory; only the indexer writes to it, one writer at a time."""

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
        readers = []
        try:
            for segment in toc.segments:
                old = reusable.pop(segment.segment_id(), None)
                # a segment's deletions only ever grow, so an equal count means no change
                if old is not None and old.segment().deleted_count() == segment.deleted_count():
                    readers.append(old)
                    continue
                if old is not None:
                    old.close()
                readers.append(
                    SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
                )
        except BaseException:
            for reader in readers:
                reader.close()
            raise
        finally:
            for old in reusable.values():
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

    def index(self, documents: list[Document]) -> None:
        self.update(documents, ())

    def delete(self, kind: DocumentKind, document_id: int) -> None:
        self.update([], [(kind, document_id)])

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

    def rebuild(
        self,
        batches: Iterable[list[Document]],
        progress: Progress | None = None,
        expected: int | None = None,
    ) -> int:
        """Write every document into new segments that replace the old ones in one commit."""
        options: dict = {"limitmb": self.rebuild_memory_mb, "codec": RebuildCodec()}
        if self.procs > 1 and (expected or 0) >= PARALLEL_REBUILD_FROM:
            options.update(procs=self.procs, multisegment=True)
        total = 0
        # A drain running now finishes first; the ones after wait in the outbox.
        with self._writer(timeout=60.0, replace_all=True, **options) as writer:
            for batch in batches:
                for document in batch:
                    writer.add_document(**_fields(document))
                total += len(batch)
                if progress:
                    progress(len(batch))
        return total

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

    # --- searching ----------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        words = query_words(query.text).words
        analysed = _Analysed(words)
        if analysed.is_empty:
            return SearchResults(hits=[], total=0)
        searcher = self._searcher()
        deadline = time.monotonic() + self.time_limit
        filters = _filters(query)
        results = self._run(searcher, analysed, True, filters, query, deadline)
        if results.total == 0:
            results.suggestion = self._suggest(searcher, words)
            if analysed.content_words() > 1:
                results = self._run(searcher, analysed, False, filters, query, deadline)
                results.matched_all_words = False
                results.suggestion = self._suggest(searcher, words)
        return results

    def _run(
        self,
        searcher: Searcher,
        analysed: _Analysed,
        require_all: bool,
        filters: list[Query],
        query: SearchQuery,
        deadline: float,
    ) -> SearchResults:
        text_query = analysed.query(require_all, FIELD_BOOSTS)
        full_query = And([text_query, *filters]) if filters else text_query
        sortedby = sorting.FieldFacet("updated", reverse=True) if query.sort == "date" else None
        wanted = min(query.page * query.per_page, MAX_RESULTS)
        start = (query.page - 1) * query.per_page
        # At most this many documents can match (the posting lists' lengths say so).
        estimate = full_query.estimate_size(searcher.reader())
        if sortedby is None and estimate > TITLES_FIRST_FROM:
            found_in_titles = self._titles_first(searcher, analysed, require_all, filters, wanted)
            if found_in_titles is not None:
                total, exact, facets = self._count(searcher, full_query, deadline)
                return SearchResults(
                    hits=[
                        self._hit(searcher, docnum, score, analysed)
                        for docnum, score in found_in_titles[start:wanted]
                    ],
                    total=total,
                    total_is_exact=exact,
                    facets=facets,
                )
        # A set that may be small is collected one past the cap: the total and the facets
        # come from the same pass. A set that may be large is collected for the page only, so
        # that Whoosh can skip blocks of postings that cannot reach it, then counted.
        small = estimate <= self.count_cap
        limit = max(self.count_cap + 1, wanted) if small else wanted
        found, timed_out = self._collect(searcher, full_query, limit, sortedby, deadline)
        collected = len(found.top_n)
        page = [
            (found.docnum(n), 0.0 if sortedby else float(found.score(n)))
            for n in range(start, min(collected, start + query.per_page))
        ]
        if timed_out:
            total, exact, facets = collected, False, {}
        elif small or collected < limit:  # every match was collected
            docnums = [found.docnum(n) for n in range(collected)]
            total, exact = min(collected, self.count_cap), collected <= self.count_cap
            facets = self._facets(docnums) if exact else {}
        else:
            total, exact, facets = self._count(searcher, full_query, deadline)
        return SearchResults(
            hits=[self._hit(searcher, docnum, score, analysed) for docnum, score in page],
            total=total,
            total_is_exact=exact,
            facets=facets,
            timed_out=timed_out,
        )

    def _collect(self, searcher: Searcher, query: Query, limit: int, sortedby, deadline: float):
        """The best `limit` matches, or those found before the deadline; and whether it came."""
        collector = searcher.collector(limit=limit, sortedby=sortedby)
        remaining = max(deadline - time.monotonic(), 0.02)
        timed = TimeLimitCollector(collector, timelimit=remaining, use_alarm=False)
        timed_out = False
        try:
            searcher.search_with_collector(query, timed)
        except TimeLimit:
            timed_out = True
        return timed.results(), timed_out

    def _titles_first(
        self,
        searcher: Searcher,
        analysed: _Analysed,
        require_all: bool,
        filters: list[Query],
        wanted: int,
    ) -> list[tuple[int, float]] | None:
        """The best matches among documents with the words in their titles, if there are enough.

        Words found in tens of thousands of posts take Whoosh, which matches in Python one
        document at a time, longer than a search may: the titles hold far fewer postings and
        the best candidates anyway. None if they do not fill the page asked for.
        """
        title_query = analysed.query(require_all, TITLE_FIELDS)
        if filters:
            title_query = And([title_query, *filters])
        found, timed_out = self._collect(
            searcher, title_query, wanted, None, time.monotonic() + self.time_limit / 2
        )
        if timed_out or len(found.top_n) < wanted:
            return None
        return [(found.docnum(n), float(found.score(n))) for n in range(len(found.top_n))]

    def _count(
        self, searcher: Searcher, query: Query, deadline: float
    ) -> tuple[int, bool, dict[str, dict[str, int]]]:
        """Count the matches up to the cap, and their facets if there are no more."""
        docnums: list[int] = []
        for docnum in searcher.docs_for_query(query):
            if len(docnums) == self.count_cap:
                return self.count_cap, False, {}
            docnums.append(docnum)
            if len(docnums) % 64 == 0 and time.monotonic() > deadline:
                return len(docnums), False, {}
        return len(docnums), True, self._facets(docnums)

    def _facets(self, docnums: list[int]) -> dict[str, dict[str, int]]:
        """How many of these documents have each kind, topic, language and answered value."""
        facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        if not docnums:
            return facets
        for name, column in self._columns().items():
            counts = facets[name]
            for docnum in docnums:
                value = column[docnum]
                counts[value] = counts.get(value, 0) + 1
        facets["topic"].pop(NO_TOPIC, None)
        return facets

    def _columns(self) -> dict:
        """This thread's readers of the facet columns, kept as long as its searcher."""
        local = self._local
        if local.columns is None:
            reader = local.searcher.reader()
            local.columns = {name: reader.column_reader(name) for name in FACETS}
        return local.columns

    def _matches_any(self, searcher: Searcher, query: Query) -> bool:
        return next(iter(searcher.docs_for_query(query)), None) is not None

    def _hit(self, searcher: Searcher, docnum: int, score: float, analysed: _Analysed) -> Hit:
        stored = searcher.stored_fields(docnum)
        snippet: Markup = highlight(stored["excerpt"], analysed.matcher_for(stored["language"]))
        return Hit(
            kind=DocumentKind(stored["kind"]),
            id=stored["document_id"],
            title=stored["title"],
            snippet=snippet,
            url_path=stored["url_path"],
            language=stored["language"],
            score=score,
            answered=stored["answered"] == "yes",
        )

    def _suggest(self, searcher: Searcher, words: tuple[str, ...]) -> str:
        """The query with each word the index does not know replaced by its nearest known word.

        The nearest term is looked for in each language's field (a misspelt "leidmas" stems
        to "leidm", one edit from "leidim"), then written as a published document writes it.
        """
        reader = searcher.reader()
        corrected, changed = [], False
        for word in words:
            folded = fold(word)
            if len(folded) < 4 or not folded.isalpha() or folded in QUERY_FOLDED_STOP_WORDS:
                corrected.append(word)
                continue
            written = None
            for field, near in _nearest_terms(reader, word)[:3]:
                written = self._written_form(searcher, field, near)
                if written:
                    break
            corrected.append(written or word)
            changed |= written is not None
        if not changed:
            return ""
        suggestion = " ".join(corrected)
        check = _Analysed(query_words(suggestion).words).query(True, FIELD_BOOSTS)
        return suggestion if self._matches_any(searcher, check) else ""

    def _written_form(self, searcher: Searcher, field: str, term: str) -> str | None:
        """A word of a published document that the field's analysis turns into `term`.

        Only live documents are read, so the words of removed ones (which stay in the
        index's word list until its segments merge) are never offered.
        """
        term_of = FIELD_TERMS[field]
        for number, docnum in enumerate(searcher.docs_for_query(Term(field, term))):
            stored = searcher.stored_fields(docnum)
            for word in words_of(f"{stored['title']} {stored['excerpt']}"):
                if term_of(word) == term:
                    return word.lower()
            if number == 4:
                break
        return None

    def similar(self, title: str, language: str, limit: int = 5) -> list[Hit]:
        words = query_words(title).words
        analysed = _Analysed(words)
        content = analysed.content_positions()
        if not content:
            return []
        needed = max(1, math.ceil(len(content) / 2))
        searcher = self._searcher()
        kinds = ConstantScoreQuery(
            _Any(
                [
                    Term("kind", DocumentKind.QUESTION.value),
                    Term("kind", DocumentKind.ARTICLE.value),
                ]
            ),
            0.0,
        )
        query = And([analysed.query(False, TITLE_FIELDS), kinds])
        collector = searcher.collector(limit=limit * 4, terms=True)
        timed = TimeLimitCollector(collector, timelimit=self.time_limit, use_alarm=False)
        with suppress(TimeLimit):
            searcher.search_with_collector(query, timed)
        found = timed.results()
        ranked = []
        for hit in found:
            matched = set()
            for field, term in hit.matched_terms():
                group = FIELD_GROUP.get(field)
                if group is None:
                    continue
                text = term.decode() if isinstance(term, bytes) else term
                matched |= analysed.terms[group].get(text, set())
            if len(matched & content) < needed:
                continue
            same_language = 1.25 if hit["language"] == language else 1.0
            ranked.append((hit.score * same_language, hit.docnum))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        return [self._hit(searcher, docnum, score, analysed) for score, docnum in ranked[:limit]]
