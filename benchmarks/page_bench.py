"""`make bench`, second part: page speed and worker memory at 100,000 questions (DESIGN section 10).

Runs on the SQLite database and Whoosh index that `search_bench` seeded. Measures, each beside
its yardstick in the same run (the bare app in benchmarks/bare_app.py):
- the thread page with 30 answers rendered in-process: p50, p95, and its SQL queries;
- the question list (first page, a page 50,000 questions deep, filtered) and a topic page;
- gunicorn with 2 workers under wrk on loopback, MIPAS against the bare app, and the
  workers' resident memory afterwards.

    .venv/bin/python -m benchmarks.page_bench [--directory /tmp/mipas-bench]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db
from app.models import Topic, User
from app.text import slugify
from benchmarks.bare_app import create_bare_app
from benchmarks.corpus import questions as synthetic_questions
from benchmarks.search_bench import NOW, ROOT, app_for, log, machine, summary
from forum.models import Answer, Comment, Question
from forum.queries import Cursor

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
ANSWERS = 30
BARE_PORT, MIPAS_PORT = 8701, 8702


def add_thread(app) -> tuple[str, dict]:
    """A published English question with 30 answers and a few comments; its address and rows."""
    texts = [item for item in synthetic_questions(400) if item.language == "en"]
    with app.app_context():
        topic = db.session.scalars(sa.select(Topic).order_by(Topic.id)).first()
        experts = list(db.session.scalars(sa.select(User).where(User.role == "expert").limit(5)))
        members = list(db.session.scalars(sa.select(User).where(User.role == "member").limit(30)))
        title = texts[0].title
        question = Question(
            topic_id=topic.id,
            author_id=members[0].id,
            title=title,
            slug=slugify(title),
            body=texts[0].body,
            body_html=f"<p>{texts[0].body}</p>",
            language="en",
            created_at=NOW,
            last_activity_at=NOW,
            answer_count=ANSWERS,
        )
        db.session.add(question)
        answers = []
        for number in range(ANSWERS):
            text = texts[1 + number].body
            by_expert = number % 6 == 0
            answer = Answer(
                question=question,
                author_id=(experts if by_expert else members)[number % 5].id,
                body=text,
                body_html=f"<p>{text}</p>",
                by_expert=by_expert,
                helpful_count=number % 4,
                created_at=NOW + timedelta(minutes=number),
            )
            answers.append(answer)
            if number % 3 == 0:
                comment = texts[40 + number].title
                answer.comments.append(
                    Comment(
                        author_id=members[number].id,
                        body=comment,
                        body_html=f"<p>{comment}</p>",
                        created_at=NOW + timedelta(minutes=number + 1),
                    )
                )
        db.session.add_all(answers)
        db.session.flush()
        question.accepted_answer_id = answers[0].id
        db.session.commit()
        path = f"/en/questions/{question.id}/{question.slug}"
        rows = {
            "question": {
                "id": question.id,
                "slug": question.slug,
                "title": question.title,
                "body_html": question.body_html,
                "language": "en",
                "topic": topic.slug,
                "topic_slug": topic.slug,
                "author": question.author.display_name,
                "created_at": NOW.isoformat(),
                "views": 0,
            },
            "answers": [
                {
                    "id": answer.id,
                    "accepted": answer.id == question.accepted_answer_id,
                    "by_expert": answer.by_expert,
                    "organisation": "Organisation",
                    "author": answer.author.display_name,
                    "body_html": answer.body_html,
                    "created_at": answer.created_at.isoformat(),
                    "helpful": answer.helpful_count,
                    "comments": [
                        {"body_html": c.body_html, "author": c.author.display_name}
                        for c in answer.comments
                    ],
                }
                for answer in answers
            ],
            "navigation": ["Questions", "Ask", "Knowledge base", "Organisations"],
        }
    return path, rows


def time_get(client, path: str, requests: int) -> dict[str, float]:
    """p50 and p95 of `requests` GETs after a warm-up; every answer must be 200."""
    for _ in range(20):
        assert client.get(path).status_code == 200, path
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, path
    return {**summary(timings), "bytes": len(response.data)}


def count_queries(app, client, path: str) -> int:
    statements = []

    def record(*_args) -> None:
        statements.append(1)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        client.get(path)
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def deep_cursor(app, depth: int) -> str:
    """The `after` value of the list page that starts `depth` questions down."""
    with app.app_context():
        row = db.session.execute(
            sa.select(Question.last_activity_at, Question.id)
            .where(Question.status == "published")
            .order_by(Question.last_activity_at.desc(), Question.id.desc())
            .offset(depth)
            .limit(1)
        ).one()
    return Cursor(row[0], row[1]).encode()


def in_process(app, bare, thread_path: str, requests: int) -> dict[str, object]:
    client = app.test_client()
    after = deep_cursor(app, 50_000)
    with app.app_context():
        topic = db.session.scalars(sa.select(Topic.slug).order_by(Topic.id)).first()
    pages = {
        "question_list": "/en/questions/",
        "question_list_50000_deep": f"/en/questions/?after={after}",
        "question_list_unanswered_lt": "/en/questions/?status=unanswered&language=lt",
        "topic_page": f"/en/topics/{topic}",
    }
    results: dict[str, object] = {}
    log("In-process: thread page with 30 answers, and the bare app")
    results["thread_page"] = time_get(client, thread_path, requests)
    results["thread_page_bare_app"] = time_get(bare.test_client(), thread_path, requests)
    results["thread_page_ratio"] = round(
        results["thread_page"]["p50_ms"] / results["thread_page_bare_app"]["p50_ms"], 2
    )
    results["thread_page_queries"] = count_queries(app, client, thread_path)
    for name, path in pages.items():
        log(f"In-process: {name}")
        results[name] = time_get(client, path, requests)
        results[f"{name}_queries"] = count_queries(app, client, path)
    log(f"  {json.dumps(results)}")
    return results


def resident_mb(pid: int) -> dict[str, float]:
    """A process's resident memory: in all, and its own (not pages of files it maps).

    Whoosh maps its index files into memory; the pages of them a process has read count in
    its resident size but belong to the page cache, shared by every worker and given back
    when memory is short. The process's own memory is the anonymous part.
    """
    sizes = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                sizes[name] = round(int(value.split()[0]) / 1024, 1)
    return {"resident": sizes["VmRSS"], "own": sizes["RssAnon"], "mapped_files": sizes["RssFile"]}


def serve(spec: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", spec],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return server
        except OSError as error:  # refused while starting; 404 from the bare app
            if getattr(error, "code", None) == 404:
                return server
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"gunicorn did not start on port {port}")


def workers_of(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def wrk(url: str, seconds: int) -> dict[str, float]:
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Socket errors: (.*)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def under_gunicorn(directory: Path, thread_path: str, rows: dict, seconds: int) -> dict:
    """Both apps under gunicorn with two workers, alternately loaded by wrk, twice each."""
    if shutil.which("wrk") is None or not Path(GUNICORN).exists():
        log("wrk or gunicorn is missing (apt-get install wrk; pip install -e '.[deploy]')")
        return {"skipped": "wrk or gunicorn is not installed"}
    rows_file = directory / "bare-rows.json"
    rows_file.write_text(json.dumps(rows))
    mipas_env = {
        "DATABASE_URL": f"sqlite:///{directory / 'mipas.sqlite3'}",
        "SEARCH_INDEX_DIR": str(directory / "search-index"),
        "SECRET_KEY": "benchmark",
        "MIPAS_ENV": "production",
    }
    bare = serve("benchmarks.bare_app:app", BARE_PORT, {"BARE_APP_ROWS": str(rows_file)})
    mipas = serve("wsgi:app", MIPAS_PORT, mipas_env)
    rounds: dict[str, list[dict]] = {"bare_app": [], "mipas": []}
    try:
        for _ in range(2):
            for name, port in (("bare_app", BARE_PORT), ("mipas", MIPAS_PORT)):
                log(f"gunicorn + wrk: {name}")
                rounds[name].append(wrk(f"http://127.0.0.1:{port}{thread_path}", seconds))
        memory = [resident_mb(pid) for pid in workers_of(mipas)]
    finally:
        for server in (bare, mipas):
            server.terminate()
            server.wait(timeout=30)
    result: dict[str, object] = {"seconds_per_round": seconds}
    for name, runs in rounds.items():
        result[name] = {
            "requests_per_second": round(
                sum(run["requests_per_second"] for run in runs) / len(runs), 1
            ),
            "non_2xx": sum(run["non_2xx"] for run in runs),
            "socket_errors": [run["socket_errors"] for run in runs if run["socket_errors"]],
        }
    result["share_of_bare_app"] = round(
        result["mipas"]["requests_per_second"] / result["bare_app"]["requests_per_second"], 2
    )
    result["worker_rss_mb"] = memory
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", default=str(Path(tempfile.gettempdir()) / "mipas-bench"))
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--wrk-seconds", type=int, default=15)
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "page_results.json"))
    args = parser.parse_args()
    directory = Path(args.directory)
    if not (directory / "mipas.sqlite3").exists():
        sys.exit(f"No database in {directory}: run benchmarks.search_bench first.")
    app = app_for(f"sqlite:///{directory / 'mipas.sqlite3'}", directory / "search-index")
    log("Adding a thread with 30 answers")
    thread_path, rows = add_thread(app)
    results: dict[str, object] = {"machine": machine()}
    results["in_process"] = in_process(app, create_bare_app(rows), thread_path, args.requests)
    results["in_process_rss_mb"] = resident_mb(os.getpid())
    results["gunicorn"] = under_gunicorn(directory, thread_path, rows, args.wrk_seconds)
    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    log(f"Written to {args.output}")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
