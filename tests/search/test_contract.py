"""The search interface as both backends must keep it (search/backend.py)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from search.backend import Document, DocumentKind, SearchQuery

QUESTION, ARTICLE, NEWS = DocumentKind.QUESTION, DocumentKind.ARTICLE, DocumentKind.NEWS
DAY = timedelta(days=1)
EPOCH = datetime(2026, 3, 1, tzinfo=UTC)


def document(id_: int, title: str, body: str = "", **fields) -> Document:
    values = {
        "kind": QUESTION,
        "id": id_,
        "title": title,
        "body": body or f"Some words about {title.lower()}.",
        "url_path": f"/questions/{id_}/slug",
        "language": "en",
        "topic": "work",
        "updated_at": EPOCH + id_ * DAY,
    }
    values.update(fields)
    return Document(**values)


def ids(results) -> list[int]:
    return [hit.id for hit in results.hits]


def search(backend, text: str, **options):
    return backend.search(SearchQuery(text, **options))


def test_indexed_documents_are_found_with_what_a_page_needs(backend):
    backend.index(
        [
            document(1, "Renewing a residence permit", "Apply in MIGRIS two months ahead."),
            document(2, "Learning Lithuanian", "Free courses for beginners."),
        ]
    )
    assert backend.count() == 2
    results = search(backend, "residence permit")
    assert results.total == 1 and results.total_is_exact
    [hit] = results.hits
    assert (hit.kind, hit.id, hit.title) == (QUESTION, 1, "Renewing a residence permit")
    assert hit.url_path == "/questions/1/slug" and hit.language == "en" and hit.score > 0


def test_answers_and_articles_outrank_news_of_the_same_words(backend):
    text = "Residence permit applications", "Residence permit applications go through MIGRIS."
    backend.index(
        [
            document(7, *text, kind=NEWS, url_path="/news/residence-permits"),
            document(8, *text, kind=QUESTION),
            document(9, *text, kind=ARTICLE, url_path="/kb/residence-permits"),
        ]
    )
    hits = search(backend, "residence permit applications").hits
    assert [(hit.kind, hit.id) for hit in hits] == [(ARTICLE, 9), (QUESTION, 8), (NEWS, 7)]


def test_indexing_a_document_again_replaces_it(backend):
    backend.index([document(1, "Renewing a residence permit")])
    backend.index([document(1, "Exchanging a driving licence")])
    assert backend.count() == 1
    assert ids(search(backend, "driving licence")) == [1]
    assert ids(search(backend, "residence permit")) == []


def test_deleting_removes_at_once_and_a_missing_document_is_no_error(backend):
    backend.index([document(1, "Renewing a residence permit"), document(2, "Permit for work")])
    backend.delete(QUESTION, 1)
    backend.delete(QUESTION, 99)
    assert ids(search(backend, "permit")) == [2]
    assert backend.count() == 1


def test_update_adds_and_removes_in_one_go(backend):
    backend.index([document(1, "Permit one"), document(2, "Permit two")])
    backend.update([document(3, "Permit three")], [(QUESTION, 1)])
    assert sorted(ids(search(backend, "permit"))) == [2, 3]


def test_clear_empties_the_index(backend):
    backend.index([document(1, "Permit one"), document(2, "Permit two")])
    backend.clear()
    assert backend.count() == 0
    assert search(backend, "permit").hits == []


def test_fingerprints_tell_what_the_index_holds(backend):
    one, two = document(1, "Permit one"), document(2, "Permit two")
    backend.index([one, two])
    assert backend.fingerprints() == {
        (QUESTION, 1): one.fingerprint(),
        (QUESTION, 2): two.fingerprint(),
    }
    changed = dataclasses.replace(one, body="Another text.")
    assert changed.fingerprint() != one.fingerprint()


def test_rebuild_replaces_everything(backend):
    backend.index([document(1, "Old permit")])
    total = backend.rebuild(iter([[document(2, "New permit")], [document(3, "Newer permit")]]))
    assert total == 2
    assert sorted(ids(search(backend, "permit"))) == [2, 3]


def test_snippets_mark_the_words_found_and_escape_the_text(backend):
    body = "Before <script>alert(1)</script> you apply, renew the permit & wait."
    backend.index([document(1, "Residence", body)])
    [hit] = search(backend, "renewing permits").hits
    assert "<mark>renew</mark>" in hit.snippet and "<mark>permit</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "&amp;" in hit.snippet


def test_facets_count_the_matches_and_filters_narrow_them(backend):
    backend.index(
        [
            document(1, "Permit for work", topic="work", answered=True),
            document(2, "Permit for students", topic="education", language="en"),
            document(3, "Leidimas dirbti permit", topic="work", language="lt"),
            document(4, "Permit guide", kind=ARTICLE, topic="work", answered=True),
            document(5, "Nothing to do with it", topic="work"),
        ]
    )
    results = search(backend, "permit")
    assert results.total == 4
    assert results.facets["kind"] == {"question": 3, "article": 1}
    assert results.facets["topic"] == {"work": 3, "education": 1}
    assert results.facets["language"] == {"en": 3, "lt": 1}
    assert results.facets["answered"] == {"yes": 2, "no": 2}
    assert sorted(ids(search(backend, "permit", topic="work"))) == [1, 3, 4]
    assert ids(search(backend, "permit", language="lt")) == [3]
    assert sorted(ids(search(backend, "permit", answered_only=True))) == [1, 4]
    assert ids(search(backend, "permit", kinds=(ARTICLE,))) == [4]
    assert ids(search(backend, "permit", topic="no-such-topic")) == []


def test_sorting_by_date_puts_the_newest_first(backend):
    backend.index([document(i, f"Permit {i}", updated_at=EPOCH + i * DAY) for i in (2, 9, 5)])
    assert ids(search(backend, "permit", sort="date")) == [9, 5, 2]


def test_pages_follow_each_other_without_overlap(backend):
    backend.index([document(i, f"Permit number {i}") for i in range(1, 8)])
    pages = [ids(search(backend, "permit", page=page, per_page=3)) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [3, 3, 1]
    assert sorted(id_ for page in pages for id_ in page) == list(range(1, 8))
    past_the_end = search(backend, "permit", page=9, per_page=3)
    assert past_the_end.hits == [] and past_the_end.total == 7


def test_large_result_sets_have_no_exact_total(backend, monkeypatch):
    monkeypatch.setattr(backend, "count_cap", 5)
    backend.index([document(i, f"Permit number {i}") for i in range(1, 9)])
    results = search(backend, "permit")
    assert results.total == 5 and not results.total_is_exact
    assert results.facets == {}
    assert len(results.hits) == 8


def test_every_word_first_then_any_of_them(backend):
    backend.index([document(1, "Residence permit renewal"), document(2, "Driving licence")])
    assert search(backend, "residence permit").matched_all_words
    results = search(backend, "residence licence")
    assert not results.matched_all_words
    assert sorted(ids(results)) == [1, 2]


def test_did_you_mean_comes_from_the_index_words(backend):
    backend.index([document(1, "Leidimas gyventi", "Leidimas gyventi Lietuvoje.", language="lt")])
    results = search(backend, "leidmas")
    assert results.hits == [] and results.suggestion == "leidimas"
    assert search(backend, "zzyzzx").suggestion == ""


def test_removed_documents_words_are_not_suggested(backend):
    backend.index([document(1, "Jonaitiene", "Jonaitiene"), document(2, "Permit")])
    backend.delete(QUESTION, 1)
    assert search(backend, "jonaitene").suggestion == ""


@pytest.mark.parametrize(
    "text",
    [
        '"permit',
        "permit*",
        "(permit",
        "permit OR",
        "title:permit",
        "permit AND NOT work",
        "*:*",
        "permit^5 work~2",
        "'; DROP TABLE search_document; --",
        "permit' OR '1'='1",
        "perm\\it ) ( [ ] { } < > & | !",
    ],
)
def test_query_syntax_is_read_as_plain_words(backend, text):
    backend.index([document(1, "Residence permit"), document(2, "Driving licence")])
    results = search(backend, text)
    assert 2 not in ids(results)
    assert backend.count() == 2


@pytest.mark.parametrize("text", ["", "   ", "!!! ???", "the and of", "ir kad", "x" * 2000])
def test_queries_without_searchable_words_find_nothing_quietly(backend, text):
    backend.index([document(1, "Residence permit")])
    assert search(backend, text).hits == []


def test_a_long_query_is_cut_not_refused(backend):
    backend.index([document(1, "Residence permit")])
    assert ids(search(backend, "permit " + "word " * 400)) == [1]


def test_similar_compares_titles_and_prefers_the_language(backend):
    backend.index(
        [
            document(1, "How do I renew my residence permit for work?"),
            document(2, "Where can I learn Lithuanian?", "residence permit renew"),
            document(3, "Residence permit renewal guide", kind=ARTICLE),
            document(4, "Residence permit news", kind=NEWS),
            document(5, "Residence permit renewal", language="lt"),
        ]
    )
    similar = backend.similar("renewing a residence permit", "en")
    assert [hit.id for hit in similar][:2] in ([1, 3], [3, 1])
    assert {hit.id for hit in similar} == {1, 3, 5}
    assert backend.similar("", "en") == []
    assert backend.similar("the and of", "en") == []


def test_the_backend_reports_itself_healthy(backend):
    assert backend.healthy()


def test_very_common_words_still_find_the_best_matches(backend, monkeypatch):
    # Past a size each backend narrows what it ranks: Whoosh looks in titles first, PostgreSQL
    # ranks the newest matches. Made tiny here, so that a few documents take those paths.
    monkeypatch.setattr("search.whoosh_backend.TITLES_FIRST_FROM", 0)
    monkeypatch.setattr("search.postgres_backend.RANKED_CANDIDATES", 3)
    backend.index(
        [document(id_, f"Question {id_}", "A residence permit question.") for id_ in range(1, 9)]
        + [document(id_, "Residence permit renewal", "Renewal.") for id_ in (20, 21)]
    )
    results = search(backend, "residence permit", per_page=2)
    assert results.total == 10 and results.total_is_exact
    assert {hit.id for hit in results.hits} == {20, 21}
    later = search(backend, "residence permit", per_page=2, page=3)
    assert len(later.hits) == 2 and later.total == 10
