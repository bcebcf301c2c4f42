"""The search backend for several app servers: PostgreSQL full-text search over search_document.

Each document has a vector in its own language's configuration (lithuanian_unaccent,
russian_unaccent or english_unaccent, made by the search migration) and one of whole words
without diacritics (simple_unaccent); GIN indexes serve the @@ matches, ts_rank_cd ranks and
ts_headline marks the words found. User text only ever reaches SQL as bound parameters of
plainto_tsquery, which reads it as plain words.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from markupsafe import escape
from sqlalchemy import Engine, bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from search.analyzers import (
    ENGLISH_STOP_WORDS,
    FOLDED_STOP_WORDS,
    LITHUANIAN_STOP_WORDS,
    RUSSIAN_STOP_WORDS,
    fold,
)
from search.backend import (
    COUNT_CAP,
    MAX_RESULTS,
    Document,
    DocumentKind,
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
    WriteBatch,
)
from search.snippets import START_MARK, STOP_MARK, clean_excerpt, from_marked_html
from search.words import edit_distance, query_words

log = logging.getLogger("mipas.search")

LANGUAGES = ("lt", "ru", "en")
SIMPLE = "simple"
GROUPS = (*LANGUAGES, SIMPLE)
CONFIGURATIONS = {
    "lt": "lithuanian_unaccent",
    "ru": "russian_unaccent",
    "en": "english_unaccent",
    SIMPLE: "simple_unaccent",
}
VECTORS = {group: f"{group}_vector" for group in GROUPS}
# PostgreSQL has no Lithuanian stop words and its Russian and English lists are short, so
# the analyzers' lists decide which words a query looks for, as they do for Whoosh.
STOP_WORDS = {
    "lt": LITHUANIAN_STOP_WORDS,
    "ru": RUSSIAN_STOP_WORDS,
    "en": ENGLISH_STOP_WORDS,
    # as in the Whoosh backend: no function word of any site language as a whole word
    SIMPLE: FOLDED_STOP_WORDS | LITHUANIAN_STOP_WORDS | RUSSIAN_STOP_WORDS | ENGLISH_STOP_WORDS,
}
# ts_rank_cd weights for labels D, C, B, A: body, -, accepted and expert answers, title.
RANK_WEIGHTS = "{0.3, 0.3, 0.6, 1.0}"
SIMILAR_WEIGHTS = "{0, 0, 0, 1.0}"  # titles only
SIMPLE_RANK_FACTOR = 0.4
# Past this many matches, only this many of the newest are ranked.
RANKED_CANDIDATES = 300  # whole-word matches are the fallback, as in the Whoosh backend
# reviewed articles first; news is of its day, and people search for answers
KIND_WEIGHT = {DocumentKind.ARTICLE: 1.5, DocumentKind.NEWS: 0.7}
HEADLINE_OPTIONS = (
    f"StartSel={START_MARK}, StopSel={STOP_MARK}, MaxWords=40, MinWords=20, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _vector_sql(configuration: str) -> str:
    return (
        f"setweight(to_tsvector('{configuration}', CAST(:title AS text)), 'A') || "
        f"setweight(to_tsvector('{configuration}', CAST(:boosted AS text)), 'B') || "
        f"setweight(to_tsvector('{configuration}', CAST(:body AS text)), 'D')"
    )


UPSERT = text(
    f"""
    INSERT INTO search_document (kind, document_id, title, excerpt, url_path, language, topic,
        answered, weight, updated_at, fingerprint, lt_vector, ru_vector, en_vector, simple_vector)
    VALUES (:kind, :document_id, CAST(:title AS text), :excerpt, :url_path,
        CAST(:language AS text), :topic,
        :answered, :weight, :updated_at, :fingerprint,
        CASE WHEN CAST(:language AS text) = 'lt' THEN {_vector_sql(CONFIGURATIONS["lt"])} END,
        CASE WHEN CAST(:language AS text) = 'ru' THEN {_vector_sql(CONFIGURATIONS["ru"])} END,
        CASE WHEN CAST(:language AS text) = 'en' THEN {_vector_sql(CONFIGURATIONS["en"])} END,
        {_vector_sql(CONFIGURATIONS[SIMPLE])})
    ON CONFLICT (kind, document_id) DO UPDATE SET
        title = excluded.title, excerpt = excluded.excerpt, url_path = excluded.url_path,
        language = excluded.language, topic = excluded.topic, answered = excluded.answered,
        weight = excluded.weight, updated_at = excluded.updated_at,
        fingerprint = excluded.fingerprint, lt_vector = excluded.lt_vector,
        ru_vector = excluded.ru_vector, en_vector = excluded.en_vector,
        simple_vector = excluded.simple_vector
    """  # noqa: S608 - fixed identifiers; user text only as bound parameters
)
# The words of the given documents, for "did you mean".
ADD_WORDS = text(
    """
    INSERT INTO search_word (word)
    SELECT DISTINCT word
    FROM search_document, unnest(tsvector_to_array(simple_vector)) AS word
    WHERE (kind, document_id) IN (SELECT * FROM unnest(CAST(:kinds AS text[]), CAST(:ids AS int[])))
      AND length(word) BETWEEN 4 AND 64 AND word ~ '^[[:alpha:]]+$'
    ON CONFLICT DO NOTHING
    """
)
ALL_WORDS = text(
    """
    INSERT INTO search_word (word)
    SELECT DISTINCT word FROM search_document, unnest(tsvector_to_array(simple_vector)) AS word
    WHERE length(word) BETWEEN 4 AND 64 AND word ~ '^[[:alpha:]]+$'
    ON CONFLICT DO NOTHING
    """
)


SMALL_PENDING_LIST_KB, BULK_PENDING_LIST_KB = 256, 65536


def _pending_list(connection: Connection, kilobytes: int) -> None:
    """Set how large the GIN pending lists may grow in this transaction."""
    connection.execute(
        text("SELECT set_config('gin_pending_list_limit', :kb, true)"), {"kb": str(kilobytes)}
    )


class _QuerySql:
    """The SQL pieces of one query: a tsquery per analysis, the match, the rank, the params."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self.params: dict[str, object] = {f"w{n}": word for n, word in enumerate(words)}
        # which words each analysis looks for
        self.kept: dict[str, list[int]] = {
            group: [
                n
                for n, word in enumerate(words)
                if fold(word) not in STOP_WORDS[group] and word.lower() not in STOP_WORDS[group]
            ]
            for group in GROUPS
        }

    @property
    def is_empty(self) -> bool:
        return not any(self.kept.values())

    def content_words(self) -> int:
        """How many of the words are not a function word in any of the languages."""
        return len(self.kept[SIMPLE])

    def tsquery(self, group: str, require_all: bool, only: Iterable[int] | None = None) -> str:
        positions = [n for n in self.kept[group] if only is None or n in set(only)]
        if not positions:
            return ""
        operator = " && " if require_all else " || "
        configuration = CONFIGURATIONS[group]
        return (
            "("
            + operator.join(f"plainto_tsquery('{configuration}', :w{n})" for n in positions)
            + ")"
        )

    def match(
        self, require_all: bool, only: Iterable[int] | None = None, titles: bool = False
    ) -> str:
        """Any analysis matching; with `titles`, only the words of the titles count."""
        conditions = []
        for group in GROUPS:
            query = self.tsquery(group, require_all, only)
            if not query:
                continue
            vector = f"d.{VECTORS[group]}"
            condition = f"{vector} @@ {query}"
            if titles:
                # the first test can use the index; the second keeps the title's words only
                condition += f" AND ts_filter({vector}, '{{a}}') @@ {query}"
            conditions.append(f"({condition})")
        return "(" + " OR ".join(conditions or ["false"]) + ")"

    def rank(self, require_all: bool, weights: str = RANK_WEIGHTS, alias: str = "d") -> str:
        parts = []
        for group in GROUPS:
            query = self.tsquery(group, require_all)
            if not query:
                continue
            factor = f"{SIMPLE_RANK_FACTOR} * " if group == SIMPLE else ""
            vector = f"{alias}.{VECTORS[group]}"
            parts.append(f"{factor}coalesce(ts_rank_cd('{weights}', {vector}, {query}, 1), 0)")
        return "(" + " + ".join(parts or ["0"]) + f") * {alias}.weight"

    def headline(self, alias: str) -> str:
        """A snippet in the document's language, marking the words found (any of them)."""
        simple = self.tsquery(SIMPLE, False) or "''::tsquery"
        cases = []
        for language in LANGUAGES:
            own = self.tsquery(language, False)
            query = f"{own} || {simple}" if own else simple
            cases.append(
                f"WHEN '{language}' THEN ts_headline('{CONFIGURATIONS[language]}', "
                f"{alias}.excerpt, {query}, :headline_options)"
            )
        fallback = (
            f"ts_headline('{CONFIGURATIONS[SIMPLE]}', {alias}.excerpt, {simple}, :headline_options)"
        )
        return f"CASE {alias}.language {' '.join(cases)} ELSE {fallback} END"


def _filters(query: SearchQuery, params: dict[str, object]) -> str:
    conditions = []
    if query.kinds:
        conditions.append("d.kind IN :kinds")
        params["kinds"] = [kind.value for kind in query.kinds]
    if query.topic:
        conditions.append("d.topic = :topic")
        params["topic"] = query.topic
    if query.language:
        conditions.append("d.language = :language")
        params["language"] = query.language
    if query.answered_only:
        conditions.append("d.answered")
    return "".join(f" AND {condition}" for condition in conditions)


class SearchTimedOut(Exception):
    """PostgreSQL cancelled a search statement at the time limit."""


def _hits(rows) -> list[Hit]:
    """Hits from rows of kind, id, title, path, language, answered, score and snippet."""
    return [
        Hit(
            kind=DocumentKind(kind),
            id=document_id,
            title=title,
            snippet=from_marked_html(snippet or ""),
            url_path=url_path,
            language=language,
            score=float(score),
            answered=answered,
        )
        for kind, document_id, title, url_path, language, answered, score, snippet in rows
    ]


class PostgresBackend(SearchBackend):
    """Documents, vectors and words in the application's PostgreSQL database."""

    def __init__(self, engine: Engine, time_limit: float = 0.5) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("The PostgreSQL search backend needs a PostgreSQL database.")
        self.engine = engine
        self.time_limit_ms = max(1, int(time_limit * 1000))
        self.count_cap = COUNT_CAP

    # --- writing ------------------------------------------------------------------------

    def update(
        self, documents: list[Document], removed: Iterable[tuple[DocumentKind, int]]
    ) -> None:
        removed = list(removed)
        with self.engine.begin() as connection:
            # New index entries wait in a GIN index's pending list, unsorted, until merged
            # into it, and every search reads the whole list: with the default 4 MB, a few
            # milliseconds per search. Kept small, a drain merges it often and cheaply.
            _pending_list(connection, SMALL_PENDING_LIST_KB)
            self._write(connection, documents, removed)

    def _write(
        self,
        connection: Connection,
        documents: list[Document],
        removed: list[tuple[DocumentKind, int]],
    ) -> None:
        if removed:
            connection.execute(
                text(
                    "DELETE FROM search_document WHERE (kind, document_id) IN "
                    "(SELECT * FROM unnest(CAST(:kinds AS text[]), CAST(:ids AS int[])))"
                ),
                {"kinds": [str(kind) for kind, _ in removed], "ids": [i for _, i in removed]},
            )
        if documents:
            connection.execute(UPSERT, [self._row(document) for document in documents])
            connection.execute(
                ADD_WORDS,
                {
                    "kinds": [document.kind.value for document in documents],
                    "ids": [document.id for document in documents],
                },
            )

    @staticmethod
    def _row(document: Document) -> dict[str, object]:
        def clean(value: str) -> str:
            return value.replace("\x00", "")

        return {
            "kind": document.kind.value,
            "document_id": document.id,
            "title": clean(document.title),
            # kept escaped: ts_headline leaves entities alone but drops anything like a tag
            "excerpt": str(
                escape(
                    clean(
                        clean_excerpt("\n".join(p for p in (document.body, document.boosted) if p))
                    )
                )
            ),
            "url_path": document.url_path,
            "language": document.language,
            "topic": document.topic,
            "answered": document.answered,
            "weight": KIND_WEIGHT.get(document.kind, 1.0),
            "updated_at": document.updated_at.replace(tzinfo=None) if document.updated_at else None,
            "fingerprint": document.fingerprint(),
            "boosted": clean(document.boosted),
            "body": clean(document.body),
        }

    def clear(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(text("DELETE FROM search_document"))
            connection.execute(text("DELETE FROM search_word"))

    @contextmanager
    def rebuilding(self, expected: int | None) -> Iterator[WriteBatch]:
        """Replace every document in one transaction: searches see the old set until the end."""
        with self.engine.begin() as connection:
            # in bulk, merging the pending lists seldom is twice as fast; VACUUM merges them
            _pending_list(connection, BULK_PENDING_LIST_KB)
            connection.execute(text("DELETE FROM search_document"))
            connection.execute(text("DELETE FROM search_word"))
            yield lambda batch: connection.execute(UPSERT, [self._row(doc) for doc in batch])
            connection.execute(ALL_WORDS)
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            # merge the GIN indexes' pending lists and give the planner fresh statistics
            connection.execute(text("VACUUM (ANALYZE) search_document"))
            connection.execute(text("ANALYZE search_word"))

    # --- reading ------------------------------------------------------------------------

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(text("SELECT count(*) FROM search_document"))

    def fingerprints(self) -> dict[tuple[DocumentKind, int], str]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT kind, document_id, fingerprint FROM search_document")
            )
            return {(DocumentKind(kind), id_): print_ for kind, id_, print_ in rows}

    def healthy(self) -> bool:
        try:
            self.count()
        except Exception:
            log.exception("The PostgreSQL search tables cannot be read")
            return False
        return True

    def _timed(self, connection: Connection, sql: str, params: dict, timeout_ms: int) -> list:
        """Run one statement in its own transaction, cancelled after `timeout_ms`."""
        statement = text(sql)
        for name, value in params.items():
            if isinstance(value, list):
                statement = statement.bindparams(bindparam(name, expanding=True))
        transaction = connection.begin()
        try:
            # The planner prices a sequential scan of search_document low, as it does not
            # count reading each row's vectors back from TOAST storage: on a few thousand
            # documents it then takes 20 times longer than the GIN indexes.
            connection.execute(
                text(
                    "SELECT set_config('statement_timeout', :ms, true), "
                    "set_config('enable_seqscan', 'off', true)"
                ),
                {"ms": str(max(1, timeout_ms))},
            )
            rows = connection.execute(statement, params).all()
        except DBAPIError as error:
            transaction.rollback()
            if getattr(error.orig, "sqlstate", None) == "57014":  # query_canceled
                raise SearchTimedOut from error
            raise
        transaction.commit()
        return rows

    # --- searching ----------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        words = query_words(query.text).words
        sql = _QuerySql(words)
        if sql.is_empty:
            return SearchResults(hits=[], total=0)
        with self.engine.connect() as connection:
            try:
                results = self._run(connection, sql, True, query)
                if results.total == 0:
                    suggestion = self._suggest(connection, words)
                    if sql.content_words() > 1:
                        results = self._run(connection, sql, False, query)
                        results.matched_all_words = False
                    results.suggestion = suggestion
            except SearchTimedOut:
                return SearchResults(hits=[], total=0, total_is_exact=False, timed_out=True)
        return results

    def _run(
        self, connection: Connection, sql: _QuerySql, require_all: bool, query: SearchQuery
    ) -> SearchResults:
        params: dict[str, object] = dict(sql.params)
        filters = _filters(query, params)
        match = sql.match(require_all)
        limit = min(query.per_page, max(0, MAX_RESULTS - (query.page - 1) * query.per_page))
        params.update(
            limit=limit,
            offset=(query.page - 1) * query.per_page,
            headline_options=HEADLINE_OPTIONS,
            cap=self.count_cap + 1,
            # never fewer than the pages up to this one hold
            candidates=max(RANKED_CANDIDATES, query.page * query.per_page),
        )
        total, facets = self._count(connection, match + filters, params)
        exact = total <= self.count_cap
        if query.sort == "date":
            matches = f"""
                SELECT d.kind, d.document_id, d.updated_at, 0 AS score
                FROM search_document d WHERE {match}{filters}
                ORDER BY d.updated_at DESC NULLS LAST, d.kind, d.document_id
                LIMIT :limit OFFSET :offset
            """  # noqa: S608 - fixed identifiers; user text only as bound parameters
            order = "p.updated_at DESC NULLS LAST, p.kind, p.document_id"
        else:
            # Ranking reads each match's vectors back from TOAST storage: past a few hundred
            # matches only the newest are ranked, so that common words stay fast.
            newest = (
                "ORDER BY d.updated_at DESC NULLS LAST LIMIT :candidates"
                if total > params["candidates"]
                else ""
            )
            matches = f"""
                SELECT c.kind, c.document_id, c.updated_at,
                    {sql.rank(require_all, alias="c")} AS score
                FROM (
                    SELECT d.kind, d.document_id, d.updated_at, d.weight, d.lt_vector,
                        d.ru_vector, d.en_vector, d.simple_vector
                    FROM search_document d WHERE {match}{filters} {newest}
                ) AS c
                ORDER BY score DESC, c.updated_at DESC NULLS LAST, c.kind, c.document_id
                LIMIT :limit OFFSET :offset
            """  # noqa: S608 - fixed identifiers; user text only as bound parameters
            order = "p.score DESC, p.updated_at DESC NULLS LAST, p.kind, p.document_id"
        # The page's own columns are read last, for its documents only; ts_headline reads the
        # whole excerpt, so it too runs for the page alone.
        page_sql = f"""
            SELECT p.kind, p.document_id, d.title, d.url_path, d.language, d.answered, p.score,
                {sql.headline("d")} AS snippet
            FROM ({matches}) AS p
            JOIN search_document d ON d.kind = p.kind AND d.document_id = p.document_id
            ORDER BY {order}
        """  # noqa: S608 - fixed identifiers; user text only as bound parameters
        rows = self._timed(connection, page_sql, params, self.time_limit_ms)
        hits = _hits(rows)
        return SearchResults(
            hits=hits,
            total=min(total, self.count_cap),
            total_is_exact=exact,
            facets=facets if exact else {},
        )

    def _count(
        self, connection: Connection, condition: str, params: dict
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """The number of matches, up to one past the cap, and their facet values."""
        count_sql = f"""
            SELECT GROUPING(m.kind, m.topic, m.language, m.answered), m.kind, m.topic,
                m.language, m.answered, count(*)
            FROM (
                SELECT d.kind, d.topic, d.language, d.answered FROM search_document d
                WHERE {condition} LIMIT :cap
            ) AS m
            GROUP BY GROUPING SETS ((m.kind), (m.topic), (m.language), (m.answered), ())
        """  # noqa: S608 - fixed identifiers; user text only as bound parameters
        total, facets = 0, {"kind": {}, "topic": {}, "language": {}, "answered": {}}
        for grouping, kind, topic, language, answered, number in self._timed(
            connection, count_sql, params, self.time_limit_ms
        ):
            if grouping == 0b1111:
                total = number
            elif grouping == 0b0111:
                facets["kind"][kind] = number
            elif grouping == 0b1011:
                if topic:
                    facets["topic"][topic] = number
            elif grouping == 0b1101:
                facets["language"][language] = number
            elif grouping == 0b1110:
                facets["answered"]["yes" if answered else "no"] = number
        return total, facets

    def _suggest(self, connection: Connection, words: tuple[str, ...]) -> str:
        """The query with each word the index does not know replaced by its nearest known word."""
        corrected, changed = [], False
        for word in words:
            folded = fold(word)
            if len(folded) < 4 or not folded.isalpha() or folded in STOP_WORDS[SIMPLE]:
                corrected.append(word)
                continue
            candidates = [
                row[0]
                for row in self._timed(
                    connection,
                    "SELECT word FROM search_word WHERE word % :word "
                    "ORDER BY similarity(word, :word) DESC, word LIMIT 20",
                    {"word": folded},
                    self.time_limit_ms,
                )
            ]
            if folded in candidates or not candidates:
                corrected.append(word)
                continue
            maxdist = 1 if len(folded) < 7 else 2
            scored = [
                (edit_distance(candidate, folded), position, candidate)
                for position, candidate in enumerate(candidates)
                if candidate[0] == folded[0]
            ]
            scored = [item for item in scored if item[0] <= maxdist]
            if not scored:
                corrected.append(word)
                continue
            corrected.append(min(scored)[2])
            changed = True
        if not changed:
            return ""
        suggestion = " ".join(corrected)
        check = _QuerySql(query_words(suggestion).words)
        params = dict(check.params)
        found = self._timed(
            connection,
            f"SELECT 1 FROM search_document d WHERE {check.match(True)} LIMIT 1",  # noqa: S608
            params,
            self.time_limit_ms,
        )
        return suggestion if found else ""

    def similar(self, title: str, language: str, limit: int = 5) -> list[Hit]:
        words = query_words(title).words
        sql = _QuerySql(words)
        if not sql.content_words():
            return []
        needed = max(1, math.ceil(sql.content_words() / 2))
        # NULL vectors (other languages) make a NULL match: count it as no match
        matched = " + ".join(
            f"coalesce(({sql.match(False, only=[n], titles=True)})::int, 0)"
            for n in sql.kept[SIMPLE]
        )
        params: dict[str, object] = dict(
            sql.params,
            limit=limit,
            needed=needed,
            language=language,
            headline_options=HEADLINE_OPTIONS,
        )
        rows_sql = f"""
            SELECT d.kind, d.document_id, d.title, d.url_path, d.language, d.answered,
                {sql.rank(False, SIMILAR_WEIGHTS)}
                    * CASE WHEN d.language = :language THEN 1.25 ELSE 1 END AS score,
                {sql.headline("d")} AS snippet
            FROM search_document d
            WHERE d.kind IN ('question', 'article') AND {sql.match(False, titles=True)}
                AND ({matched}) >= :needed
            ORDER BY score DESC, d.document_id
            LIMIT :limit
        """  # noqa: S608 - fixed identifiers; user text only as bound parameters
        with self.engine.connect() as connection:
            try:
                rows = self._timed(connection, rows_sql, params, self.time_limit_ms)
            except SearchTimedOut:
                return []
        return _hits(rows)
