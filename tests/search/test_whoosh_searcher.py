"""A search process renews its Whoosh searcher as the indexer writes, whatever happens between.

The indexer (another process) may merge a segment away between a search process reading the
index's table of contents and opening the segment. The renewal then tries again; a failed try
must leave the searcher it started from as it was (a 500 to searches under load, seen in the
load test, came from its readers being closed twice).

The time limit stops searches over many matches; a machine too busy to run the search thread
in time must not turn a few matches into "nothing found".
"""

from __future__ import annotations

import pytest

from search import whoosh_backend, whoosh_store
from search.backend import Document, DocumentKind, SearchQuery
from search.whoosh_backend import WhooshBackend


def document(id_: int, title: str) -> Document:
    return Document(
        DocumentKind.QUESTION, id_, title, f"About {title.lower()}.", f"/questions/{id_}/x", "en"
    )


def found(backend: WhooshBackend, text: str) -> set[int]:
    return {hit.id for hit in backend.search(SearchQuery(text)).hits}


def test_a_segment_gone_while_renewing_leaves_the_searcher_whole(tmp_path, monkeypatch):
    backend = WhooshBackend(tmp_path / "index")
    backend.open()
    backend.update([document(1, "Residence permit"), document(2, "Work permit")], [])
    assert found(backend, "permit") == {1, 2}  # a searcher on the first segment
    # a deletion in the first segment and a new segment: both are renewed on the next search
    backend.update([document(3, "Permit for family")], [(DocumentKind.QUESTION, 2)])

    opening = whoosh_store.SegmentReader
    failures = iter([FileNotFoundError("merged away")])

    def open_segment(*args, **kwargs):
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return opening(*args, **kwargs)

    monkeypatch.setattr(whoosh_store, "SegmentReader", open_segment)
    assert found(backend, "permit") == {1, 3}
    assert found(backend, "family") == {3}


@pytest.mark.parametrize("times", [1, 2])
def test_searching_goes_on_after_renewals_that_failed(tmp_path, monkeypatch, times):
    backend = WhooshBackend(tmp_path / "index")
    backend.open()
    backend.update([document(1, "Residence permit")], [])
    assert found(backend, "permit") == {1}
    backend.update([document(2, "Work permit")], [(DocumentKind.QUESTION, 1)])
    opening = whoosh_store.SegmentReader
    failures = iter([FileNotFoundError("merged away")] * times)

    def open_segment(*args, **kwargs):
        if next(failures, None) is not None:
            raise FileNotFoundError("merged away")
        return opening(*args, **kwargs)

    monkeypatch.setattr(whoosh_store, "SegmentReader", open_segment)
    assert found(backend, "permit") == {2}


class StalledClock(whoosh_backend.TimeLimitCollector):
    """The time limit as a machine too busy to run the search thread sees it: always out."""

    def collect_matches(self):
        self.timedout = True
        raise whoosh_backend.TimeLimit


def test_a_busy_machine_does_not_turn_a_few_matches_into_nothing_found(tmp_path, monkeypatch):
    backend = WhooshBackend(tmp_path / "index")
    backend.open()
    backend.update([document(1, "Seasonal worker passport"), document(2, "Work permit")], [])
    monkeypatch.setattr(whoosh_backend, "TimeLimitCollector", StalledClock)

    results = backend.search(SearchQuery("passport"))
    assert [hit.id for hit in results.hits] == [1]
    assert results.total == 1 and not results.timed_out
    assert [hit.id for hit in backend.similar("Passport of a seasonal worker", "en")] == [1]


def test_a_search_over_many_matches_still_stops_at_the_time_limit(tmp_path, monkeypatch):
    backend = WhooshBackend(tmp_path / "index")
    backend.open()
    backend.count_cap = 5  # "many" is more than the cap
    backend.update([document(n, f"Work permit {n}") for n in range(1, 21)], [])
    monkeypatch.setattr(whoosh_backend, "TimeLimitCollector", StalledClock)

    results = backend.search(SearchQuery("permit"))
    assert results.timed_out
    assert results.hits == [] and not results.total_is_exact
