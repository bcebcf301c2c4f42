"""Hide a post under load: two gunicorn workers, visitors reading its thread, zero stale pages.

gunicorn serves with two sync workers and the page cache on (in Redis, or in each worker's
memory). Visitors read one thread page from several threads at once, so both workers serve it
and keep it; a moderator then hides an answer through the real form, in one of the workers.
Every visitor response that started after the moderator's response came back must be without
the answer: `stale` counts those that were not. tests/load/test_page_cache_processes.py runs
it; `make bench` may run it longer.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlalchemy as sa

from app import create_app
from app.auth.services import create_account
from app.extensions import db
from app.models import Role, Topic, User
from benchmarks.load_fault import (
    GUNICORN,
    ROOT,
    Browser,
    Log,
    free_port,
    fresh_database,
    wait_until_up,
)
from forum import services

PASSWORD = "a long and quiet river of pages"  # noqa: S105 - the run's own test accounts
HIDDEN_ANSWER = "a hidden answer about the office in Klaipeda"


@dataclass
class Report:
    store: str
    readers: int
    reads_before: int = 0
    reads_after: int = 0
    hits_seen: int = 0
    stale: int = 0
    errors: int = 0
    hidden_after_ms: float = 0.0
    last_stale_ms: float | None = None
    # when the last response that showed the answer came back, from the moderator's response:
    # above 0 only for a request already under way when the hide came back
    last_served_ms: float | None = None
    problems: list[str] = field(default_factory=list)


def make_thread(config: dict) -> tuple[str, int]:
    """A thread with the answer to hide, and a moderator; return the thread's address."""
    app = create_app(config)
    with app.test_request_context():
        create_account("page-moderator@example.org", "Moderator", PASSWORD, Role.MODERATOR, "en")
        asker = create_account("page-asker@example.org", "Asker", PASSWORD, Role.MEMBER, "en")
        topic_id = db.session.scalar(sa.select(Topic.id).order_by(Topic.id))
        draft = services.QuestionDraft(
            title="Where do I renew my residence permit?",
            body="My temporary residence permit ends in two months; where do I go?",
            topic_id=topic_id,
        )
        question = services.ask_question(db.session.get(User, asker.id), draft, "en")
        answer = services.answer_question(db.session.get(User, asker.id), question, HIDDEN_ANSWER)
        url = f"/en/questions/{question.id}/{question.slug}"
        answer_id = answer.id
    app.extensions["search"].backend.close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return url, answer_id


def run(
    database_url: str,
    index_dir: Path,
    redis_url: str | None,
    readers: int = 4,
    seconds_before: float = 2.0,
    seconds_after: float = 3.0,
    log_dir: Path | None = None,
) -> Report:
    """Serve, read, hide, read on; the database must be freshly migrated."""
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": str(index_dir),
        "SECRET_KEY": "page-cache-run-" + "k" * 40,
        "RATELIMIT_ENABLED": False,
        "PREMODERATION_POSTS": 0,
        "PAGE_CACHE": True,
        "REDIS_URL": redis_url,
        # the moderator's form is sent without reading its page first
        "WTF_CSRF_ENABLED": False,
    }
    report = Report(store="redis" if redis_url else "memory", readers=readers)
    url, answer_id = make_thread(config)
    log_dir = log_dir or index_dir.parent
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "MIPAS_LOAD_CONFIG": json.dumps(config),
        "MIPAS_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    server_log = (log_dir / "gunicorn-page-cache.log").open("w")
    command = [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), "benchmarks.load_app:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=server_log, stderr=server_log)
    lock = threading.Lock()
    hidden_at: list[float] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                with urllib.request.urlopen(base + url, timeout=30) as response:  # noqa: S310
                    page = response.read().decode()
                    hit = response.headers.get("X-Page-Cache") == "hit"
            except OSError:
                with lock:
                    report.errors += 1
                continue
            finished = time.monotonic()
            with lock:
                report.hits_seen += hit
                if HIDDEN_ANSWER in page and hidden_at:
                    served_ms = (finished - hidden_at[0]) * 1000
                    report.last_served_ms = max(report.last_served_ms or served_ms, served_ms)
                if not hidden_at:
                    report.reads_before += 1
                    continue
                report.reads_after += 1
                if started > hidden_at[0] and HIDDEN_ANSWER in page:
                    report.stale += 1
                    report.last_stale_ms = (started - hidden_at[0]) * 1000

    try:
        wait_until_up(base, server)
        moderator = Browser(base, Log())
        moderator.send(
            "sign-in",
            "/en/account/sign-in",
            {"email": "page-moderator@example.org", "password": PASSWORD},
        )
        threads = [threading.Thread(target=read) for _ in range(readers)]
        for thread in threads:
            thread.start()
        time.sleep(seconds_before)
        asked = time.monotonic()
        status, _, _ = moderator.send(
            "hide", f"/en/moderation/posts/answer/{answer_id}/hide", {"reason": "a test"}
        )
        with lock:
            hidden_at.append(time.monotonic())
        report.hidden_after_ms = (hidden_at[0] - asked) * 1000
        if status != 302:
            report.problems.append(f"hiding answered {status}")
        time.sleep(seconds_after)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
    return report


def main() -> None:
    """Both stores, one after the other, on a fresh PostgreSQL database each; JSON out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOAD_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/mipas_load"
        ),
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL"))
    parser.add_argument(
        "--directory",
        type=Path,
        default=Path("/tmp/mipas-page-cache"),  # noqa: S108
    )
    args = parser.parse_args()
    reports = []
    for redis_url in [args.redis_url, None] if args.redis_url else [None]:
        shutil.rmtree(args.directory, ignore_errors=True)
        args.directory.mkdir(parents=True)
        url = fresh_database(args.database_url)
        report = run(
            url, args.directory / "search-index", redis_url, args.readers, 2.0, args.seconds
        )
        reports.append(asdict(report))
    print(json.dumps(reports, indent=2))
    if any(report["stale"] or report["problems"] for report in reports):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
