"""Load and faults: gunicorn, the search worker, writers and readers, and a kill -9 on the way.

The production shape on one machine, over loopback: PostgreSQL, gunicorn with two workers
(gunicorn.conf.py), the one `flask search worker` on a Whoosh index, and members who sign
in, ask and answer through the real forms (CSRF tokens, one-time submission keys) while
visitors read lists, threads and search. Halfway through, the search worker is killed with
SIGKILL and started again, as systemd would. After the run the outbox is drained and the
database and the index are compared with what the server acknowledged:

- lost: an acknowledged post (a redirect to it) that is not in the database;
- duplicates: a post saved twice (a client retries a form that was cut off);
- missing from search: a published post that a search for its unique word does not find;
- server errors: responses of 500 or more, and requests that got no response at all.

tests/load/test_load_and_faults.py runs it for about 20 s in CI (every figure must be 0);
`make bench` runs it longer with more writers and writes benchmarks/load_results.json:

    .venv/bin/python -m benchmarks.load_fault [--writers 40 --readers 40 --seconds 60]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.auth.services import create_account
from app.extensions import db
from app.models import Role, Topic
from forum.models import Answer, PostStatus, Question
from search.backend import SearchQuery

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PASSWORD = "a long and quiet river of load"  # noqa: S105 - the run's own test accounts
SENTENCES = (
    "My temporary residence permit for work ends in three months.",
    "The employer I came for has closed and I have found another one.",
    "I applied through MIGRIS but the application still shows as submitted.",
    "My wife and two children live with me in Kaunas.",
    "The declaration of residence was changed when we moved last spring.",
    "I paid the fee and have the receipt from the bank.",
    "My passport is valid for another four years.",
    "The new contract starts on the first day of next month.",
    "I also study Lithuanian in the evenings at a school in Vilnius.",
    "Nobody at the office could tell me how long the decision takes.",
    "I worry that I must leave the country while I wait.",
    "A friend said that a lawyer from an NGO can help for free.",
)


@dataclass
class Report:
    writers: int
    readers: int
    seconds: float
    requests: int = 0
    requests_per_second: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    server_errors: int = 0
    no_response: int = 0
    acknowledged_questions: int = 0
    acknowledged_answers: int = 0
    held_for_review: int = 0
    lost: int = 0
    duplicates: int = 0
    missing_from_search: int = 0
    search_worker_killed_at: float | None = None
    outbox_drained_after: float | None = None
    read_p50_ms: float = 0.0
    read_p95_ms: float = 0.0
    write_p50_ms: float = 0.0
    write_p95_ms: float = 0.0
    problems: list[str] = field(default_factory=list)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is the answer: its Location says which post was saved


class Browser:
    """One person's browser: cookies, and responses as (status, location, text)."""

    def __init__(self, base: str, log: Log) -> None:
        self.base, self.log = base, log
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def send(self, kind: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 - loopback
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                result = response.status, "", response.read().decode()
        except urllib.error.HTTPError as error:
            result = (
                error.code,
                error.headers.get("Location", ""),
                error.read().decode("utf-8", "replace"),
            )
        except OSError:
            self.log.add(kind, 0, time.perf_counter() - started)
            raise
        self.log.add(kind, result[0], time.perf_counter() - started)
        return result


class Log:
    """Every response of the run: its kind (read, write), status and time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: list[tuple[str, int, float]] = []

    def add(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.entries.append((kind, status, seconds))


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" type="hidden" value="([^"]*)"', html)
    if found is None:
        raise ValueError(f"no {name} in the form")
    return found.group(1)


@dataclass
class Shared:
    """What the clients know of each other: the questions acknowledged so far."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    questions: list[tuple[int, str]] = field(default_factory=list)  # (id, unique word)
    answers: list[tuple[int, str]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


def word_for(writer: int, number: int) -> str:
    """A word no language's stemmer or stop list knows, one per post: "lfqbcxd"."""
    letters = "bcdfghjkmnpqrstvwxz"
    suffix = ""
    for value in (writer, number):
        for _ in range(3):
            suffix += letters[value % len(letters)]
            value //= len(letters)
    return f"lf{suffix}"


def post_with_retries(browser: Browser, path: str, form: dict) -> tuple[int, str, str]:
    """Send a form; when the connection breaks, send it again with the same submission key."""
    for attempt in range(3):
        try:
            return browser.send("write", path, form)
        except OSError:
            if attempt == 2:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")


def writer(number: int, base: str, email: str, topic_id: int, shared: Shared, log: Log) -> None:
    browser = Browser(base, log)
    chance = random.Random(number)
    page = browser.send("read", "/en/account/sign-in")[2]
    status, _, _ = browser.send(
        "write",
        "/en/account/sign-in",
        {"csrf_token": hidden(page, "csrf_token"), "email": email, "password": PASSWORD},
    )
    if status != 302:
        raise RuntimeError(f"writer {number} could not sign in ({status})")
    posts = 0
    while not shared.stop.is_set():
        posts += 1
        word = word_for(number, posts)
        text = " ".join(chance.sample(SENTENCES, 4))
        with shared.lock:
            others = list(shared.questions)
        if others and chance.random() < 0.4:
            question_id, _ = chance.choice(others)
            page = thread_page(browser, question_id)
            form = {
                "csrf_token": hidden(page, "csrf_token"),
                "submission_key": hidden(page, "submission_key"),
                "body": f"About {word}: {text}",
            }
            status, location, _ = post_with_retries(
                browser, f"/en/questions/{question_id}/answer", form
            )
            if status == 302 and "#answer-" in location:
                with shared.lock:
                    shared.answers.append((int(location.rsplit("-", 1)[1]), word))
        else:
            page = browser.send("read", "/en/questions/ask")[2]
            form = {
                "csrf_token": hidden(page, "csrf_token"),
                "submission_key": hidden(page, "submission_key"),
                "title": f"How long does {word} take with a residence permit?",
                "body": f"{text} What does {word} mean for me?",
                "topic": str(topic_id),
                "tags": "",
                "language": "en",
            }
            status, location, _ = post_with_retries(browser, "/en/questions/ask", form)
            found = re.search(r"/questions/(\d+)/", location)
            if status == 302 and found:
                with shared.lock:
                    shared.questions.append((int(found.group(1)), word))
        time.sleep(0.05)


def thread_page(browser: Browser, question_id: int) -> str:
    """A thread page: its short address redirects to the one with the slug."""
    status, location, page = browser.send("read", f"/en/questions/{question_id}")
    if status == 301 and location:
        page = browser.send("read", urllib.parse.urlsplit(location).path)[2]
    return page


def reader(number: int, base: str, shared: Shared, log: Log) -> None:
    browser = Browser(base, log)
    chance = random.Random(1000 + number)
    while not shared.stop.is_set():
        with shared.lock:
            known = list(shared.questions)
        pick = chance.random()
        if known and pick < 0.35:
            thread_page(browser, chance.choice(known)[0])
        elif known and pick < 0.5:
            browser.send("read", f"/en/search?q={urllib.parse.quote(chance.choice(known)[1])}")
        else:
            browser.send(
                "read", chance.choice(["/en/", "/en/questions/", "/lt/questions/", "/en/news/"])
            )
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting; see its log")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def make_members(config: dict, count: int) -> tuple[list[str], int]:
    """Confirmed members for the writers, and a topic to ask under."""
    app = create_app({**config, "SEARCH_INDEXER": "worker"})
    emails = [f"load-writer-{n}@example.org" for n in range(count)]
    with app.app_context():
        for email in emails:
            create_account(email, f"Writer {email.split('@')[0][13:]}", PASSWORD, Role.MEMBER, "en")
        topic_id = db.session.scalar(sa.select(Topic.id).order_by(Topic.id))
    close(app)
    return emails, topic_id


def close(app) -> None:
    """Give back an in-process application's connections and files."""
    app.extensions["search"].backend.close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def outbox_size(database_url: str) -> int:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text("SELECT count(*) FROM search_outbox")).scalar_one()
    finally:
        engine.dispose()


def verify(config: dict, shared: Shared, report: Report) -> None:
    """Compare what the server acknowledged with the database and the index."""
    app = create_app({**config, "SEARCH_INDEXER": "worker"})
    with app.app_context():
        backend = app.extensions["search"].backend
        for question_id, word in shared.questions:
            question = db.session.get(Question, question_id)
            if question is None or word not in question.title:
                report.lost += 1
                report.problems.append(f"question {question_id} ({word}) is not in the database")
                continue
            same = db.session.scalar(
                sa.select(sa.func.count(Question.id)).where(Question.title.contains(word))
            )
            report.duplicates += same - 1
            if question.status != PostStatus.PUBLISHED:
                report.held_for_review += 1
                continue
            found = {hit.id for hit in backend.search(SearchQuery(word)).hits}
            if question_id not in found:
                report.missing_from_search += 1
                report.problems.append(f"question {question_id} ({word}) is not found by search")
        for answer_id, word in shared.answers:
            answer = db.session.get(Answer, answer_id)
            if answer is None or word not in answer.body:
                report.lost += 1
                report.problems.append(f"answer {answer_id} ({word}) is not in the database")
                continue
            same = db.session.scalar(
                sa.select(sa.func.count(Answer.id)).where(Answer.body.contains(word))
            )
            report.duplicates += same - 1
        drift = app.extensions["search"].check(repair=False)
        if not drift.clean:
            report.problems.append(
                f"index drift: {len(drift.missing)} missing, {len(drift.stale)} stale, "
                f"{len(drift.extra)} extra"
            )
    close(app)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)


def run(
    database_url: str,
    index_dir: Path,
    writers: int = 10,
    readers: int = 10,
    seconds: float = 20,
    log_dir: Path | None = None,
) -> Report:
    """Serve, load, kill the search worker halfway, drain, and check; the database must be
    freshly migrated and the index folder new."""
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": str(index_dir),
        "SEARCH_BACKEND": "whoosh",
        "SEARCH_INDEXER": "worker",
        "SECRET_KEY": "load-and-fault-run-" + "k" * 40,
        # one client address for everyone here: the limits would refuse the run itself
        "RATELIMIT_ENABLED": False,
        # the writers are new members; their posts go public at once, as experienced ones'
        "PREMODERATION_POSTS": 0,
    }
    report = Report(writers=writers, readers=readers, seconds=seconds)
    emails, topic_id = make_members(config, writers)
    log_dir = log_dir or index_dir.parent
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "MIPAS_LOAD_CONFIG": json.dumps(config),
        "MIPAS_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "DATABASE_URL": database_url,
        "SEARCH_INDEXER": "worker",
    }
    server_log = (log_dir / "gunicorn.log").open("w")
    indexer_log = (log_dir / "search-worker.log").open("a")
    gunicorn_command = [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), "benchmarks.load_app:app"]
    indexer_command = [
        sys.executable, "-m", "flask", "--app", "benchmarks.load_app",
        "search", "worker", "--poll", "0.2",
    ]  # fmt: skip
    server = subprocess.Popen(
        gunicorn_command, cwd=ROOT, env=env, stdout=server_log, stderr=server_log
    )
    indexer = subprocess.Popen(
        indexer_command, cwd=ROOT, env=env, stdout=indexer_log, stderr=indexer_log
    )
    shared, log = Shared(), Log()
    threads: list[threading.Thread] = []
    failures: list[BaseException] = []

    def guarded(target, *args) -> None:
        try:
            target(*args)
        except BaseException as error:  # a client that stops is a finding, not a hang
            failures.append(error)

    try:
        wait_until_up(base, server)
        threads = [
            threading.Thread(
                target=guarded, args=(writer, n, base, emails[n], topic_id, shared, log)
            )
            for n in range(writers)
        ] + [
            threading.Thread(target=guarded, args=(reader, n, base, shared, log))
            for n in range(readers)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(seconds / 2)
        indexer.send_signal(signal.SIGKILL)
        indexer.wait()
        report.search_worker_killed_at = round(time.monotonic() - started, 1)
        time.sleep(1)  # systemd's RestartSec
        indexer = subprocess.Popen(
            indexer_command, cwd=ROOT, env=env, stdout=indexer_log, stderr=indexer_log
        )
        time.sleep(max(0.0, seconds - (time.monotonic() - started)))
        shared.stop.set()
        for thread in threads:
            thread.join(timeout=90)
        elapsed = time.monotonic() - started
        drain_started = time.monotonic()
        while outbox_size(database_url) and time.monotonic() - drain_started < 120:
            time.sleep(0.2)
        report.outbox_drained_after = round(time.monotonic() - drain_started, 1)
    finally:
        shared.stop.set()
        for process in (indexer, server):
            process.send_signal(signal.SIGTERM)
        for process in (indexer, server):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        server_log.close()
        indexer_log.close()

    report.requests = len(log.entries)
    report.requests_per_second = round(report.requests / elapsed, 1)
    report.statuses = {str(k): v for k, v in sorted(Counter(s for _, s, _ in log.entries).items())}
    report.server_errors = sum(1 for _, status, _ in log.entries if status >= 500)
    report.no_response = sum(1 for _, status, _ in log.entries if status == 0)
    reads = [t for kind, status, t in log.entries if kind == "read" and status]
    writes = [t for kind, status, t in log.entries if kind == "write" and status]
    report.read_p50_ms, report.read_p95_ms = percentile(reads, 0.5), percentile(reads, 0.95)
    report.write_p50_ms, report.write_p95_ms = percentile(writes, 0.5), percentile(writes, 0.95)
    report.acknowledged_questions = len(shared.questions)
    report.acknowledged_answers = len(shared.answers)
    report.problems += [f"a client stopped: {error!r}" for error in failures]
    if outbox_size(database_url):
        report.problems.append("the outbox was not drained within 120 s")
    verify(config, shared, report)
    return report


def fresh_database(url: str) -> str:
    """Drop and make the benchmark's database again, migrated to the newest revision."""
    address = sa.make_url(url)
    admin = sa.create_engine(address.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{address.database}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{address.database}"'))
    admin.dispose()
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x" * 40, "SEARCH_INDEXER": "worker"}
    )
    with app.app_context():
        upgrade(revision="heads")
    close(app)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=40)
    parser.add_argument("--readers", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOAD_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/mipas_load"
        ),
    )
    parser.add_argument("--directory", type=Path, default=Path("/tmp/mipas-load"))  # noqa: S108
    args = parser.parse_args()
    if args.directory.exists():
        subprocess.run(["rm", "-rf", str(args.directory)], check=True)
    args.directory.mkdir(parents=True)
    url = fresh_database(args.database_url)
    load = os.getloadavg()[0]
    report = run(url, args.directory / "search-index", args.writers, args.readers, args.seconds)
    result = {**asdict(report), "load_average_before": round(load, 2), "cores": os.cpu_count()}
    (ROOT / "benchmarks" / "load_results.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    if report.problems or report.server_errors or report.no_response:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
