"""Background jobs: run inline by default, on an RQ queue when REDIS_URL is set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, has_app_context
from redis import Redis
from rq import Queue
from sqlalchemy.orm import Session, SessionTransaction

from app.extensions import listen_to_every_session

QUEUE_NAME = "mipas"
# session.info keys: the jobs waiting for the session's commit, and those whose commit happened
WAITING = "jobs_after_commit"
COMMITTED = "jobs_committed"

Job = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]


def enqueue(job: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run `job` now, or hand it to the RQ workers when a Redis server is configured.

    Call it after the commit, so a worker never sees a change that was rolled back; or
    call `after_commit`, which waits for the commit itself.
    """
    if current_app.config.get("REDIS_URL"):
        job_queue().enqueue(job, *args, **kwargs)
    else:
        job(*args, **kwargs)


def after_commit(session: Session, job: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue `job` once `session` commits what it holds now; drop it if that rolls back.

    Services write and commit; what must follow a commit (mail about it) is declared where the
    change is made, so that no service has to remember to send it after committing.
    """
    session.info.setdefault(WAITING, []).append((job, args, kwargs))


def _committed(session: Session) -> None:
    # No SQL may run in after_commit; the jobs run when the transaction has ended.
    waiting = session.info.pop(WAITING, None)
    if waiting:
        session.info.setdefault(COMMITTED, []).extend(waiting)


def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    session.info.pop(WAITING, None)  # not committed: rolled back or closed
    jobs: list[Job] = session.info.pop(COMMITTED, None) or []
    if jobs and has_app_context():
        for job, args, kwargs in jobs:
            enqueue(job, *args, **kwargs)


def listen() -> None:
    """Run the jobs of `after_commit` after the commits of every session of the process."""
    listen_to_every_session(
        "jobs after commit", {"after_commit": _committed, "after_transaction_end": _ended}
    )


def job_queue() -> Queue:
    """The RQ queue on the configured Redis server."""
    connection = Redis.from_url(current_app.config["REDIS_URL"])
    return Queue(QUEUE_NAME, connection=connection)
