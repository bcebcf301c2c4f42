"""`make bench`: seed 100,000 questions and 300,000 answers, then measure search on both backends.

Reports, for Whoosh (SQLite) and PostgreSQL: the full reindex time, p50 and p95 latency of 200
one-to-three-word queries of content words and 200 of very common words, and the delay from a
commit to the post being found. Results are printed and written as JSON.

    .venv/bin/python -m benchmarks.search_bench [--questions 100000] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade
from markupsafe import escape

from app import create_app
from app.extensions import db
from app.models import Topic, User
from benchmarks.corpus import common_query, content_query
from benchmarks.corpus import questions as synthetic_questions
from forum.models import Question
from search.backend import SearchQuery

ROOT = Path(__file__).resolve().parent.parent
FLASK = str(Path(sys.executable).with_name("flask"))
NOW = datetime(2026, 11, 1, tzinfo=UTC)


LOAD: list[tuple[str, float]] = []


def log(message: str) -> None:
    """Print a step, with the machine's load: other work on it slows every figure."""
    load = os.getloadavg()[0]
    LOAD.append((time.strftime("%H:%M:%S"), round(load, 2)))
    print(f"[{time.strftime('%H:%M:%S')}] (load {load:.2f}) {message}", flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(milliseconds: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(milliseconds, 0.50), 1),
        "p95_ms": round(percentile(milliseconds, 0.95), 1),
        "max_ms": round(max(milliseconds), 1),
        "mean_ms": round(statistics.fmean(milliseconds), 1),
    }


def machine() -> dict[str, object]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        memory_kb = int(handle.readline().split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def app_for(database_url: str, index_dir: Path, **settings):
    config = {
        "SECRET_KEY": "benchmark",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": str(index_dir),
        "RATELIMIT_ENABLED": False,
        **settings,
    }
    return create_app(config)


# --- seeding ------------------------------------------------------------------------------


def seed_sqlite(path: Path, index_dir: Path, count: int) -> dict[str, float]:
    """Build the SQLite database with `count` synthetic questions; rows go in without events."""
    for stale in (path, path.with_suffix(".sqlite3-wal"), path.with_suffix(".sqlite3-shm")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(index_dir, ignore_errors=True)
    app = app_for(f"sqlite:///{path}", index_dir)
    started = time.perf_counter()
    with app.app_context():
        upgrade(revision="heads")
        topics = list(db.session.scalars(sa.select(Topic.id)))
    rng = random.Random(3)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    stamp = NOW.replace(tzinfo=None).isoformat(" ")
    connection.executemany(
        "INSERT INTO account (id, email, display_name, password_hash, language, bio, role,"
        " created_at, suspension_reason, email_notifications)"
        " VALUES (?, ?, ?, 'x', 'lt', '', ?, ?, '', 0)",
        [
            (n, f"member{n}@bench.example", f"Member {n}", "expert" if n <= 50 else "member", stamp)
            for n in range(1, 2001)
        ],
    )
    answer_id = 0
    question_rows, answer_rows = [], []
    answers_total = 0

    def flush() -> None:
        connection.executemany(QUESTION_INSERT, question_rows)
        connection.executemany(ANSWER_INSERT, answer_rows)
        connection.commit()
        question_rows.clear()
        answer_rows.clear()

    for number, item in enumerate(synthetic_questions(count), start=1):
        asked = NOW - timedelta(minutes=rng.randint(0, 60 * 24 * 700))
        asked_text = asked.replace(tzinfo=None).isoformat(" ")
        accepted = None
        expert_answered = False
        for position, body in enumerate(item.answers):
            answer_id += 1
            by_expert = rng.random() < 0.15
            expert_answered |= by_expert
            if position == 0 and rng.random() < 0.5:
                accepted = answer_id
            answer_rows.append(
                (
                    answer_id,
                    number,
                    rng.randint(1, 2000),
                    body,
                    f"<p>{escape(body)}</p>",
                    int(by_expert),
                    asked_text,
                )
            )
        answers_total += len(item.answers)
        question_rows.append(
            (
                number,
                rng.choice(topics),
                rng.randint(51, 2000),
                item.title,
                "q",
                item.body,
                f"<p>{escape(item.body)}</p>",
                item.language,
                accepted,
                len(item.answers),
                int(expert_answered),
                asked_text,
                asked_text,
            )
        )
        if len(question_rows) == 5000:
            flush()
            log(f"  SQLite: {number:,} questions")
    flush()
    connection.execute("PRAGMA foreign_key_check")
    connection.execute("ANALYZE")
    connection.close()
    return {
        "questions": count,
        "answers": answers_total,
        "seconds": round(time.perf_counter() - started, 1),
    }


QUESTION_INSERT = (
    "INSERT INTO question (id, topic_id, author_id, title, slug, body, body_html, language,"
    " accepted_answer_id, answer_count, expert_answered, created_at, last_activity_at,"
    " anonymous, status, hold_reason, view_count, closed_reason, closed_note, locked)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'published', '', 0, '', '', 0)"
)
ANSWER_INSERT = (
    "INSERT INTO answer (id, question_id, author_id, body, body_html, by_expert, created_at,"
    " status, hold_reason, helpful_count) VALUES (?, ?, ?, ?, ?, ?, ?, 'published', '', 0)"
)


def seed_postgres(url: str, sqlite_path: Path, index_dir: Path) -> dict[str, float]:
    """Make a fresh PostgreSQL database with the same rows as the SQLite one (COPY)."""
    database = sa.engine.make_url(url).database
    admin = sa.create_engine(
        sa.engine.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    app = app_for(url, index_dir, SEARCH_BACKEND="postgres")
    started = time.perf_counter()
    with app.app_context():
        upgrade(revision="heads")
        engine = db.engine
    source = sqlite3.connect(sqlite_path)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("SET session_replication_role = replica")  # no foreign-key triggers
        for table in ("account", "question", "answer"):
            columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
            names = ", ".join(f'"{name}"' for name in columns)
            # table and column names come from the schema, not from input
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {names} FROM {table}"):  # noqa: S608
                    copy.write_row(row)
            serial = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) "
            cursor.execute(serial + f"FROM {table}))")
            log(f"  PostgreSQL: {table} copied")
        cursor.execute("SET session_replication_role = DEFAULT")
        raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
        source.close()
    with app.app_context():
        db.engine.dispose()
    return {"seconds": round(time.perf_counter() - started, 1)}


# --- measuring ----------------------------------------------------------------------------


def reindex(app) -> dict[str, float]:
    service = app.extensions["search"]
    expected = service.expected_count()
    done = 0
    last_report = time.perf_counter()

    def progress(number: int) -> None:
        nonlocal done, last_report
        done += number
        if time.perf_counter() - last_report > 30:
            log(f"  indexed {done:,} of {expected:,}")
            last_report = time.perf_counter()

    started = time.perf_counter()
    total = service.rebuild(progress=progress)
    seconds = time.perf_counter() - started
    return {
        "documents": total,
        "seconds": round(seconds, 1),
        "docs_per_second": round(total / seconds),
    }


def common_queries(number: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    languages = ["lt", "lt", "ru", "en"]
    return [common_query(rng.choice(languages), rng) for _ in range(number)]


def content_queries(sqlite_path: Path, number: int, seed: int) -> list[str]:
    """Words from randomly chosen posts: what someone looking for that thread would type."""
    rng = random.Random(seed)
    connection = sqlite3.connect(sqlite_path)
    count = connection.execute("SELECT max(id) FROM question").fetchone()[0]
    queries: list[str] = []
    while len(queries) < number:
        row = connection.execute(
            "SELECT language, title || ' ' || body FROM question WHERE id = ?",
            (rng.randint(1, count),),
        ).fetchone()
        if row and (query := content_query(row[0], row[1], rng)):
            queries.append(query)
    connection.close()
    return queries


def time_queries(app, queries: list[str]) -> dict[str, object]:
    backend = app.extensions["search"].backend
    with app.app_context():
        for text in queries[:20]:  # warm up caches and the searcher
            backend.search(SearchQuery(text))
        timings, timed_out, inexact, empty = [], 0, 0, 0
        for text in queries:
            started = time.perf_counter()
            results = backend.search(SearchQuery(text))
            timings.append((time.perf_counter() - started) * 1000)
            timed_out += results.timed_out
            inexact += not results.total_is_exact
            empty += not results.hits
    return {
        **summary(timings),
        "queries": len(queries),
        "timed_out": timed_out,
        "more_than_cap": inexact,
        "no_hits": empty,
        "examples": queries[:5],
    }


def commit_to_searchable(app, samples: int = 20) -> dict[str, float]:
    """Commit a question with a unique word and time until a search finds it."""
    backend = app.extensions["search"].backend
    delays = []
    with app.app_context():
        author = db.session.scalar(sa.select(User.id).limit(1))
        topic = db.session.scalar(sa.select(Topic.id).limit(1))
    for sample in range(samples):
        word = f"zyxbench{os.getpid()}x{sample}x{random.randrange(10**9)}"
        with app.app_context():
            db.session.add(
                Question(
                    topic_id=topic,
                    author_id=author,
                    title=f"Benchmark question {word}",
                    slug="q",
                    body=f"A new post with the word {word}.",
                    body_html=f"<p>A new post with the word {word}.</p>",
                    language="en",
                )
            )
            started = time.perf_counter()
            db.session.commit()
        while not backend.search(SearchQuery(word)).hits:
            if time.perf_counter() - started > 30:
                raise RuntimeError("a committed post was not searchable within 30 s")
            time.sleep(0.005)
        delays.append((time.perf_counter() - started) * 1000)
        time.sleep(0.2)
    return summary(delays)


def worker_process(database_url: str, index_dir: Path, backend: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_DIR": str(index_dir),
        "SEARCH_BACKEND": backend,
        "SEARCH_INDEXER": "worker",
        "SECRET_KEY": "benchmark",
    }
    return subprocess.Popen(
        [FLASK, "--app", "wsgi", "search", "worker", "--poll", "0.5"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def with_worker(database_url: str, index_dir: Path, backend: str, **settings) -> dict:
    """Commit in an app process and let `flask search worker` index."""
    worker = worker_process(database_url, index_dir, backend)
    try:
        time.sleep(5)  # the worker starts and drains what is waiting
        app = app_for(database_url, index_dir, SEARCH_INDEXER="worker", **settings)
        return commit_to_searchable(app)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def index_size(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.glob("*")) / 1024 / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--directory", default=str(Path(tempfile.gettempdir()) / "mipas-bench"))
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/mipas_bench"
        ),
    )
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results.json"))
    args = parser.parse_args()

    directory = Path(args.directory)
    directory.mkdir(parents=True, exist_ok=True)
    sqlite_path = directory / "mipas.sqlite3"
    whoosh_dir = directory / "search-index"
    sqlite_url = f"sqlite:///{sqlite_path}"
    results: dict[str, object] = {"machine": machine(), "started": datetime.now(UTC).isoformat()}
    log(f"Seeding SQLite with {args.questions:,} questions")
    results["seed_sqlite"] = seed_sqlite(sqlite_path, whoosh_dir, args.questions)
    log(f"  {results['seed_sqlite']}")
    content = content_queries(sqlite_path, args.queries, seed=101)
    common = common_queries(args.queries, seed=202)

    whoosh = app_for(sqlite_url, whoosh_dir)
    log("Whoosh: full reindex")
    whoosh_results: dict[str, object] = {"reindex": reindex(whoosh)}
    whoosh_results["index_mb"] = index_size(whoosh_dir)
    log(f"  {whoosh_results['reindex']}, {whoosh_results['index_mb']} MB")
    log("Whoosh: content-word queries")
    whoosh_results["content_words"] = time_queries(whoosh, content)
    log(f"  {whoosh_results['content_words']}")
    log("Whoosh: common-word queries")
    whoosh_results["common_words"] = time_queries(whoosh, common)
    log(f"  {whoosh_results['common_words']}")
    log("Whoosh: commit to searchable, embedded indexer")
    whoosh_results["commit_to_searchable_embedded"] = commit_to_searchable(whoosh)
    log(f"  {whoosh_results['commit_to_searchable_embedded']}")
    whoosh.extensions["search"].backend.close()
    log("Whoosh: commit to searchable, `flask search worker`")
    whoosh_results["commit_to_searchable_worker"] = with_worker(sqlite_url, whoosh_dir, "whoosh")
    log(f"  {whoosh_results['commit_to_searchable_worker']}")
    results["whoosh"] = whoosh_results

    if not args.skip_postgres:
        log("Seeding PostgreSQL from the SQLite rows")
        results["seed_postgres"] = seed_postgres(args.postgres, sqlite_path, directory / "unused")
        postgres = app_for(args.postgres, directory / "unused", SEARCH_BACKEND="postgres")
        log("PostgreSQL: full reindex")
        postgres_results: dict[str, object] = {"reindex": reindex(postgres)}
        log(f"  {postgres_results['reindex']}")
        log("PostgreSQL: content-word queries")
        postgres_results["content_words"] = time_queries(postgres, content)
        log(f"  {postgres_results['content_words']}")
        log("PostgreSQL: common-word queries")
        postgres_results["common_words"] = time_queries(postgres, common)
        log(f"  {postgres_results['common_words']}")
        log("PostgreSQL: commit to searchable, `flask search worker`")
        postgres_results["commit_to_searchable_worker"] = with_worker(
            args.postgres, directory / "unused", "postgres", SEARCH_BACKEND="postgres"
        )
        log(f"  {postgres_results['commit_to_searchable_worker']}")
        with postgres.app_context():
            postgres_results["server"] = db.session.scalar(sa.text("SHOW server_version"))
            postgres_results["table_mb"] = round(
                db.session.scalar(sa.text("SELECT pg_total_relation_size('search_document')"))
                / 1024
                / 1024,
                1,
            )
        results["postgres"] = postgres_results

    results["finished"] = datetime.now(UTC).isoformat()
    results["load_average_1min"] = {
        "max": max(load for _, load in LOAD),
        "samples": LOAD,
    }
    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    log(f"Written to {args.output}")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
