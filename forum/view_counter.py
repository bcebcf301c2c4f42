"""Page views counted in memory and written in batches, never one write per view."""

from __future__ import annotations

import threading
import time
from collections import Counter


class ViewCounter:
    """Collect views per page (a thread, an article); hand back a batch when it is due."""

    def __init__(self, batch_size: int = 50, max_seconds: float = 60.0) -> None:
        self.batch_size = batch_size
        self.max_seconds = max_seconds
        self._counts: Counter[int] = Counter()
        self._since = time.monotonic()
        self._lock = threading.Lock()

    def add(self, question_id: int) -> dict[int, int] | None:
        with self._lock:
            self._counts[question_id] += 1
            due = (
                sum(self._counts.values()) >= self.batch_size
                or time.monotonic() - self._since >= self.max_seconds
            )
            if not due:
                return None
            batch, self._counts = dict(self._counts), Counter()
            self._since = time.monotonic()
            return batch

    def put_back(self, batch: dict[int, int]) -> None:
        """Keep a batch that could not be written, to go with the next one."""
        with self._lock:
            self._counts.update(batch)


views = ViewCounter()  # question threads
article_views = ViewCounter()  # knowledge-base articles
