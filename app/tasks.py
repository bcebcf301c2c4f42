"""Background jobs: run inline by default, on an RQ queue when REDIS_URL is set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app
from redis import Redis
from rq import Queue

QUEUE_NAME = "mipas"


def enqueue(job: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run `job` now, or hand it to the RQ workers when a Redis server is configured.

    Call it after the commit, so a worker never sees a change that was rolled back.
    """
    if current_app.config.get("REDIS_URL"):
        job_queue().enqueue(job, *args, **kwargs)
    else:
        job(*args, **kwargs)


def job_queue() -> Queue:
    """The RQ queue on the configured Redis server."""
    connection = Redis.from_url(current_app.config["REDIS_URL"])
    return Queue(QUEUE_NAME, connection=connection)
