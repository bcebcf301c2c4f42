"""Two gunicorn workers and the page cache: a hidden post leaves every worker's next response.

Visitors read a thread from both workers; a moderator hides an answer in one of them; no
response that started after the moderator's came back may show it (benchmarks/page_cache_run.py).
"""

from __future__ import annotations

import pytest

from benchmarks.page_cache_run import run
from tests.conftest import service_url


@pytest.mark.parametrize("store", ["redis", "memory"])
def test_a_hidden_answer_is_never_served_again_by_any_worker(database_url, tmp_path, store):
    redis_url = service_url("TEST_REDIS_URL") if store == "redis" else None
    report = run(database_url, tmp_path / "search-index", redis_url, readers=4)
    assert report.problems == []
    assert report.errors == 0
    assert report.reads_before > 0 and report.reads_after > 0, report
    assert report.hits_seen > 0, report  # pages did come from the cache
    assert report.stale == 0, report
