"""The embedded search backend: searching the Whoosh index that search/whoosh_store.py keeps."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from markupsafe import Markup
from whoosh import sorting
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.query import And, ConstantScoreQuery, Or, Query, Term
from whoosh.searching import Searcher

from search.analyzers import (
    ENGLISH_STOP_WORDS,
    FOLDED_STOP_WORDS,
    LITHUANIAN_STOP_WORDS,
    RUSSIAN_STOP_WORDS,
    analyze,
    fold,
    folded_term,
    words_of,
)
from search.backend import (
    MAX_RESULTS,
    DocumentKind,
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
)
from search.snippets import highlight
from search.whoosh_store import (
    ANALYZER_FACTORIES,
    FOLDED,
    LANGUAGES,
    NO_TOPIC,
    TERMS,
    WhooshStore,
)
from search.words import edit_distance, query_words

# The fields a word is looked for in, per analysis, with how much a match there counts. The
# title's weight is in its field already (its words are counted three times); one term per word
# and analysis keeps the matching light: Whoosh matches in Python, document by document. The
# folded field (whole words without diacritics) is the fallback: it counts least.
FIELD_BOOSTS: dict[str, tuple[tuple[str, float], ...]] = {
    **{language: ((language, 1.0),) for language in LANGUAGES},
    FOLDED: ((FOLDED, 0.5),),
}
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
FACETS = ("kind", "topic", "language", "answered")

# Past this many possible matches, relevance-ranked searches look in the titles first.
TITLES_FIRST_FROM = 10_000

# the term function of each field a suggestion may come from
FIELD_TERMS = {**TERMS, FOLDED: folded_term}


class _Any(Or):
    """Or, always as a tree of union matchers.

    On indexes under 5,000 documents Whoosh would pre-load each Or into an array of 2,048
    scores, which costs more than the search itself when a query has dozens of them.
    """

    matcher_type = Or.DEFAULT_MATCHER


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


class WhooshBackend(WhooshStore, SearchBackend):
    """The Whoosh index, searched: full-text search, similar titles, facets and suggestions."""

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
        # A small set is collected whole, without a clock: it takes milliseconds, and a
        # machine that stalled the search thread past the limit (a busy CPU) must not turn
        # a document that matches into "nothing found".
        found, timed_out = self._collect(
            searcher, full_query, limit, sortedby, None if small else deadline
        )
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

    def _collect(
        self,
        searcher: Searcher,
        query: Query,
        limit: int,
        sortedby,
        deadline: float | None,
        terms: bool = False,
    ):
        """The best `limit` matches, or those found before the deadline; and whether it came.

        Without a deadline every match is collected: for the sets too small to need one.
        """
        collector = searcher.collector(limit=limit, sortedby=sortedby, terms=terms)
        if deadline is None:
            searcher.search_with_collector(query, collector)
            return collector.results(), False
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
        small = query.estimate_size(searcher.reader()) <= self.count_cap
        deadline = None if small else time.monotonic() + self.time_limit
        found, _ = self._collect(searcher, query, limit * 4, None, deadline, terms=True)
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
