"""`make bench`, second part: page speed, the page cache and worker memory at 100,000 questions.

Runs on the SQLite database and Whoosh index that `search_bench` seeded (DESIGN section 10 and
issue 15). Every figure is taken beside its yardstick, the bare app of benchmarks/bare_app.py,
interleaved with it in the same run, because other work on the machine changes its speed:
- in-process, one GET of each figure in turn, in rounds: the bare app; the visitor's thread
  page with 30 answers warm (from the page cache) and cold (the first request after a change:
  its version bumped before each request); the member's thread page, as a reader with no part
  in the thread gets it (kept for members of that standing: for the first member and for a
  second one) and cold (after a change), and as its asker gets it (kept for them alone); the
  question lists and a topic page, warm and cold (an app with PAGE_CACHE off); and the SQL
  queries of each;
- gunicorn with 2 workers under wrk on loopback, the bare app, MIPAS with the page cache in
  each worker's memory and MIPAS with it in Redis, in turn, three rounds; the cache's hit ratio seen
  by wrk; the workers' resident memory afterwards;
- hiding a post under load (benchmarks/page_cache_run.py, on PostgreSQL, Redis and memory):
  responses served with the post after the hide, and when the last one with it was finished.

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
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from redis import Redis

from app import page_cache
from app.auth.services import create_account
from app.extensions import db
from app.models import Role, Topic, User
from app.text import slugify
from benchmarks import page_cache_run
from benchmarks.bare_app import create_bare_app
from benchmarks.corpus import questions as synthetic_questions
from benchmarks.load_fault import fresh_database
from benchmarks.search_bench import LOAD, NOW, ROOT, app_for, log, machine, percentile, summary
from forum.cached_pages import thread_scope
from forum.models import Answer, Comment, Question
from forum.queries import Cursor

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
ANSWERS = 30
BARE_PORT, MIPAS_PORT, REDIS_PORT = 8701, 8702, 8703
MEMBER_EMAIL = "bench-member@example.org"


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


def time_get(client, path: str, requests: int, before=None) -> list[float]:
    """Milliseconds of `requests` GETs; `before` runs, untimed, ahead of each one."""
    timings = []
    for _ in range(requests):
        if before is not None:
            before()
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return timings


def count_queries(app, client, path: str) -> tuple[int, object]:
    """The SQL statements of one GET, and its response."""
    statements = []

    def record(*_args) -> None:
        statements.append(1)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.get(path)
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return len(statements), response


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


def member_client(app, email: str = MEMBER_EMAIL):
    """A test client signed in as a confirmed member: by default one who wrote nothing on the
    thread (a reader who shares its page by standing)."""
    with app.test_request_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        if user is None:
            user = create_account(email, "Bench Member", "a long bench password", Role.MEMBER, "en")
        session_id = user.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
    return client


def asker_email(app, question_id: int) -> str:
    """The asker's address, their account confirmed (the seeded accounts are not): their page
    has every form a member's has, and their own tools."""
    with app.app_context():
        asker = db.session.get(Question, question_id).author
        asker.email_confirmed_at = NOW
        db.session.commit()
        return asker.email


def bump_thread(app, question_id: int):
    """What a change to the thread does to its cached page: a new version of its scope."""

    def bump() -> None:
        with app.app_context():
            page_cache.bump(db.session, [thread_scope(question_id)])
            db.session.commit()

    return bump


def thread_figures(app, bare, thread_path: str) -> dict:
    """The thread page's figures: client, address and what runs untimed before each GET."""
    question_id = int(thread_path.split("/")[3])
    visitor, member = app.test_client(), member_client(app)
    # a second reader of the same standing: the page the first one's GETs keep is shared
    reader = member_client(app, "bench-reader@example.org")
    asker = member_client(app, asker_email(app, question_id))
    for client in (member, reader, asker):
        assert b"Sign out" in client.get(thread_path).data, "the member is not signed in"

    def warm(client):
        """Untimed, ahead of a warm figure's GET: a cold figure's change renews the whole
        thread (visitors' and members' pages alike), so the page is kept again first."""
        return lambda: client.get(thread_path)

    return {
        "bare_app": (bare.test_client(), thread_path, None),
        "thread_visitor_warm": (visitor, thread_path, warm(visitor)),
        "thread_visitor_cold": (visitor, thread_path, bump_thread(app, question_id)),
        # a member who wrote nothing on the thread: the page kept for members of that standing
        "thread_member": (member, thread_path, warm(member)),
        # a second such member, after the first one's GET kept it: shared
        "thread_member_second_reader": (reader, thread_path, warm(member)),
        # the first member's GET after a change: rendered, then kept
        "thread_member_cold": (member, thread_path, bump_thread(app, question_id)),
        # the asker: their page has their own tools, and is kept for them alone
        "thread_asker": (asker, thread_path, warm(asker)),
    }


def in_process(app, cold_app, bare, thread_path: str, requests: int, rounds: int) -> dict:
    """Each figure beside the bare app, in `rounds` rounds of `requests` GETs each, in turn."""
    after = deep_cursor(app, 50_000)
    with app.app_context():
        topic = db.session.scalars(sa.select(Topic.slug).order_by(Topic.id)).first()
    visitor, cold_visitor = app.test_client(), cold_app.test_client()
    lists = {
        "question_list": "/en/questions/",
        "question_list_50000_deep": f"/en/questions/?after={after}",
        "question_list_unanswered_lt": "/en/questions/?status=unanswered&language=lt",
        "topic_page": f"/en/topics/{topic}",
    }
    figures = thread_figures(app, bare, thread_path)
    for name, path in lists.items():
        figures[f"{name}_warm"] = (visitor, path, None)
        figures[f"{name}_cold"] = (cold_visitor, path, None)
    for client, path, _ in figures.values():  # warm-up: templates, catalogues, the cache
        time_get(client, path, 20)
    timings: dict[str, list[float]] = {name: [] for name in figures}
    round_ratios: dict[str, list[float]] = {name: [] for name in figures}
    for number in range(rounds):
        log(f"In-process, round {number + 1} of {rounds}")
        # one GET of each figure in turn: every figure sees the same moments of the machine
        this_round: dict[str, list[float]] = {name: [] for name in figures}
        for _ in range(requests):
            for name, (client, path, before) in figures.items():
                this_round[name].extend(time_get(client, path, 1, before))
        bare_p50 = percentile(this_round["bare_app"], 0.5)
        for name, values in this_round.items():
            timings[name].extend(values)
            round_ratios[name].append(round(percentile(values, 0.5) / bare_p50, 2))
    bare_p50 = percentile(timings["bare_app"], 0.5)
    results: dict[str, object] = {"requests_per_round": requests, "rounds": rounds}
    for name, (client, path, before) in figures.items():
        figure = summary(timings[name])
        figure["ratio_to_bare_app"] = round(percentile(timings[name], 0.5) / bare_p50, 2)
        figure["ratio_by_round"] = round_ratios[name]
        if name != "bare_app":
            if before is not None:
                before()
            figure["queries"], response = count_queries(client.application, client, path)
            figure["bytes"] = len(response.data)
            figure["page_cache"] = response.headers.get(page_cache.HIT_HEADER, "-")
        results[name] = figure
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


# counts the page cache's answers (X-Page-Cache) in every thread, and prints them at the end
WRK_SCRIPT = """
hits, misses, threads = 0, 0, {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  local seen = headers["X-Page-Cache"]
  if seen == "hit" then hits = hits + 1 elseif seen == "miss" then misses = misses + 1 end
end
function done(summary, latency, requests)
  local h, m = 0, 0
  for _, thread in ipairs(threads) do h = h + thread:get("hits"); m = m + thread:get("misses") end
  io.write(string.format("page cache: %d hits, %d misses\\n", h, m))
end
"""


def wrk(url: str, seconds: int, script: Path) -> dict[str, float]:
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Socket errors: (.*)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    cache = re.search(r"page cache: (\d+) hits, (\d+) misses", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
        "hits": int(cache.group(1)) if cache else 0,
        "misses": int(cache.group(2)) if cache else 0,
    }


def under_gunicorn(
    directory: Path, thread_path: str, rows: dict, seconds: int, redis_url: str, wrk_rounds: int
) -> dict:
    """The bare app, and MIPAS with its page cache in memory and in Redis, in turn, each round."""
    if shutil.which("wrk") is None or not Path(GUNICORN).exists():
        log("wrk or gunicorn is missing (apt-get install wrk; pip install -e '.[deploy]')")
        return {"skipped": "wrk or gunicorn is not installed"}
    rows_file = directory / "bare-rows.json"
    rows_file.write_text(json.dumps(rows))
    script = directory / "page-cache.lua"
    script.write_text(WRK_SCRIPT)
    mipas_env = {
        "DATABASE_URL": f"sqlite:///{directory / 'mipas.sqlite3'}",
        "SEARCH_INDEX_DIR": str(directory / "search-index"),
        "SECRET_KEY": "benchmark",
        "MIPAS_ENV": "production",
    }
    Redis.from_url(redis_url).flushdb()  # the benchmark's own database number
    servers = {
        "bare_app": serve("benchmarks.bare_app:app", BARE_PORT, {"BARE_APP_ROWS": str(rows_file)}),
        "mipas_memory_cache": serve("wsgi:app", MIPAS_PORT, mipas_env),
        "mipas_redis_cache": serve("wsgi:app", REDIS_PORT, {**mipas_env, "REDIS_URL": redis_url}),
    }
    ports = {
        "bare_app": BARE_PORT,
        "mipas_memory_cache": MIPAS_PORT,
        "mipas_redis_cache": REDIS_PORT,
    }
    rounds: dict[str, list[dict]] = {name: [] for name in servers}
    try:
        for _ in range(wrk_rounds):
            for name, port in ports.items():
                log(f"gunicorn + wrk: {name}")
                rounds[name].append(wrk(f"http://127.0.0.1:{port}{thread_path}", seconds, script))
        memory = {
            name: [resident_mb(pid) for pid in workers_of(servers[name])]
            for name in ("mipas_memory_cache", "mipas_redis_cache")
        }
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)
    result: dict[str, object] = {"seconds_per_round": seconds, "redis": redis_url}
    for name, runs in rounds.items():
        hits, misses = sum(run["hits"] for run in runs), sum(run["misses"] for run in runs)
        result[name] = {
            "requests_per_second": round(
                sum(run["requests_per_second"] for run in runs) / len(runs), 1
            ),
            "by_round": [run["requests_per_second"] for run in runs],
            "non_2xx": sum(run["non_2xx"] for run in runs),
            "socket_errors": [run["socket_errors"] for run in runs if run["socket_errors"]],
            "hit_ratio": round(hits / (hits + misses), 4) if hits + misses else None,
            "misses": misses,
        }
        if name != "bare_app":
            result[name]["share_of_bare_app"] = round(
                result[name]["requests_per_second"] / result["bare_app"]["requests_per_second"], 2
            )
    result["worker_rss_mb"] = memory
    return result


def hiding_under_load(database_url: str, redis_url: str, directory: Path, seconds: float) -> list:
    """A post hidden while 8 visitors read its thread from 2 workers: Redis, then memory."""
    reports = []
    for store_url in (redis_url, None):
        log(f"Hiding a post under load, page cache in {'Redis' if store_url else 'memory'}")
        Redis.from_url(redis_url).flushdb()
        work = directory / "hide-run"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        report = page_cache_run.run(
            fresh_database(database_url), work / "search-index", store_url, 8, 2.0, seconds
        )
        reports.append(asdict(report))
        log(f"  {reports[-1]}")
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", default=str(Path(tempfile.gettempdir()) / "mipas-bench"))
    parser.add_argument("--requests", type=int, default=100, help="GETs per figure and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--wrk-rounds", type=int, default=3)
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    )
    parser.add_argument(
        "--hide-database-url",
        default=os.environ.get(
            "BENCH_HIDE_DATABASE_URL",
            "postgresql+psycopg://postgres@127.0.0.1:5432/mipas_bench_page_cache",
        ),
    )
    parser.add_argument("--hide-seconds", type=float, default=5.0)
    parser.add_argument("--skip-gunicorn", action="store_true")
    parser.add_argument("--skip-hide", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "page_results.json"))
    args = parser.parse_args()
    directory = Path(args.directory)
    if not (directory / "mipas.sqlite3").exists():
        sys.exit(f"No database in {directory}: run benchmarks.search_bench first.")
    database_url = f"sqlite:///{directory / 'mipas.sqlite3'}"
    app = app_for(database_url, directory / "search-index", PAGE_CACHE=True)
    cold_app = app_for(database_url, directory / "search-index", PAGE_CACHE=False)
    log("Adding a thread with 30 answers")
    thread_path, rows = add_thread(app)
    results: dict[str, object] = {"machine": machine(), "started": time.strftime("%F %T UTC")}
    bare = create_bare_app(rows)
    results["in_process"] = in_process(app, cold_app, bare, thread_path, args.requests, args.rounds)
    results["in_process_rss_mb"] = resident_mb(os.getpid())
    if not args.skip_gunicorn:
        results["gunicorn"] = under_gunicorn(
            directory, thread_path, rows, args.wrk_seconds, args.redis_url, args.wrk_rounds
        )
    if not args.skip_hide:
        results["hiding_a_post"] = hiding_under_load(
            args.hide_database_url, args.redis_url, directory, args.hide_seconds
        )
    results["finished"] = time.strftime("%F %T UTC")
    results["load_average_1min"] = LOAD
    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    log(f"Written to {args.output}")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
