"""What people type finds what they mean, in Lithuanian, English and Russian, on both backends."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from app import create_app
from search.backend import SearchBackend, SearchQuery
from tests.conftest import dispose
from tests.search.conftest import BACKENDS, backend_config
from tests.search.corpus import CORPUS, FINDS, MISSES, Finds, Misses


@pytest.fixture(scope="module", params=BACKENDS)
def corpus_backend(request, tmp_path_factory) -> Iterator[SearchBackend]:
    """One backend per run of this module, holding the whole corpus."""
    config = backend_config(request.param, request, tmp_path_factory.mktemp("corpus"))
    app = create_app(config)
    backend = app.extensions["search"].backend
    backend.index(CORPUS)
    yield backend
    backend.close()
    dispose(app)


def top(backend: SearchBackend, text: str, n: int = 3) -> list[int]:
    return [hit.id for hit in backend.search(SearchQuery(text, per_page=n)).hits]


def test_the_corpus_is_big_enough_and_in_three_languages():
    assert len(CORPUS) >= 60 and len(FINDS) >= 40
    languages = {document.language for document in CORPUS}
    assert languages == {"lt", "en", "ru"}
    assert all(
        sum(document.language == language for document in CORPUS) >= 20 for language in languages
    )


@pytest.mark.parametrize("case", FINDS, ids=[case.query for case in FINDS])
def test_finds_in_the_first_three(corpus_backend, case: Finds):
    found = top(corpus_backend, case.query)
    assert set(case.ids) <= set(found), f"{case.why}: {case.query!r} gave {found}"


@pytest.mark.parametrize("case", MISSES, ids=[case.query for case in MISSES])
def test_does_not_match(corpus_backend, case: Misses):
    found = top(corpus_backend, case.query, n=100)
    if case.ids:
        assert not set(case.ids) & set(found), f"{case.why}: {case.query!r} gave {found}"
    else:
        assert found == [], f"{case.why}: {case.query!r} gave {found}"


def test_snippets_mark_the_inflected_forms(corpus_backend):
    [hit] = corpus_backend.search(SearchQuery("leidimo gyventi", per_page=1)).hits
    assert re.search(r"<mark>leidim\w*</mark> (laikinai )?<mark>gyventi</mark>", hit.snippet, re.I)


def test_similar_questions_for_a_title_being_typed(corpus_backend):
    similar = corpus_backend.similar("Kaip pratęsti leidimą laikinai gyventi", "lt")
    assert {1, 301} <= {hit.id for hit in similar}
    similar = corpus_backend.similar("Как продлить вид на жительство", "ru")
    assert 202 in {hit.id for hit in similar[:3]}
