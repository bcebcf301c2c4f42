"""Load and faults in CI: gunicorn, the search worker killed halfway, nothing lost, no 5xx.

About 20 s of 10 writers and 10 readers on PostgreSQL (benchmarks/load_fault.py; `make bench`
runs the same longer, with more of them).
"""

from __future__ import annotations

import pytest

from benchmarks.load_fault import run


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_under_load_with_the_search_worker_killed_nothing_is_lost(database_url, tmp_path):
    report = run(database_url, tmp_path / "search-index", writers=10, readers=10, seconds=20)
    assert report.search_worker_killed_at is not None
    assert report.acknowledged_questions >= 20 and report.acknowledged_answers >= 10, report
    assert report.server_errors == 0 and report.no_response == 0, report.statuses
    assert report.lost == 0 and report.duplicates == 0, report.problems
    assert report.held_for_review == 0, report  # every post went public, so all are searchable
    assert report.missing_from_search == 0, report.problems
    assert report.problems == []
