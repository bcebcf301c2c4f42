"""Staff reports at 100,000 questions: each report's build time on SQLite and PostgreSQL.

Runs on the databases that `benchmarks.search_bench` seeded (the target: every report under
200 ms, issue 17). Adds 50,000 searches that found nothing first, as 90 days of a busy site
would leave, and the activity the reports count (first expert answers, private and urgent
questions, 12,000 holds, 20,000 moderator actions, 5,000 flags), then builds each report
over the default 12 weeks and over two years, beside two yardsticks timed in the same run:
a trivial `SELECT 1` and a count of the period's questions.

    .venv/bin/python -m benchmarks.report_bench [--directory /tmp/mipas-bench] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from app.extensions import db
from benchmarks.search_bench import NOW, ROOT, app_for, log, machine, summary
from forum.models import PostHold, Question
from moderation import reports
from moderation.models import AuditEntry, Flag
from search.models import UnmatchedSearch

RUNS = 15
UNMATCHED = 50_000
AUDIT_ENTRIES = 20_000
HOLDS = 12_000
FLAGS = 5_000
DAYS = 700
# what moderators do, and how often
ACTIONS = ("approve",) * 3 + ("reject", "hide", "hide_by_flags", "review_article")

# every question an expert answered gets its first expert answer 0 to 239 hours later; one in
# ten is a private consultation and one in forty urgent (the same rows on both databases)
FIRST_ANSWER = {
    "sqlite": "datetime(created_at, '+' || ((id * 7919) % 240) || ' hours')",
    "postgresql": "created_at + ((id * 7919) % 240) * interval '1 hour'",
}


def add_unmatched_searches(app) -> None:
    rng = random.Random(17)
    words = ["leidimas", "gyventi", "darbas", "вид", "жительство", "permit", "tax", "school"]
    with app.app_context():
        upgrade(revision="heads")  # a database seeded before the reports' migration
        db.session.execute(sa.delete(UnmatchedSearch))
        rows = []
        for _ in range(UNMATCHED):
            text = " ".join(rng.sample(words, 2)) + f" {rng.randrange(400)}x"
            rows.append(
                {
                    "query": text,
                    "folded": text.lower(),
                    "language": rng.choice(["lt", "en", "ru"]),
                    "searched_on": (NOW - timedelta(days=rng.randrange(90))).date(),
                }
            )
        db.session.execute(sa.insert(UnmatchedSearch), rows)
        db.session.commit()


def add_report_activity(app) -> None:
    """The rows the reports count beyond questions and answers, once per database."""
    with app.app_context():
        if db.session.scalar(sa.select(sa.func.count(AuditEntry.id))):
            return
        first_answer = FIRST_ANSWER[db.engine.dialect.name]
        db.session.execute(
            sa.text(
                f"UPDATE question SET first_expert_answer_at = {first_answer}"  # noqa: S608
                " WHERE expert_answered" + (" = 1" if db.engine.dialect.name == "sqlite" else "")
            )
        )
        db.session.execute(
            sa.update(Question).where(Question.id % 10 == 3).values(visibility="private")
        )
        db.session.execute(
            sa.update(Question)
            .where(Question.id % 40 == 7)
            .values(urgent_reason="detention", urgent_at=Question.created_at)
        )
        rng = random.Random(18)
        questions = db.session.scalar(sa.select(sa.func.max(Question.id)))
        entries = []
        for _ in range(AUDIT_ENTRIES):
            entries.append(
                {
                    "actor_id": rng.randint(1, 50),
                    "action": rng.choice(ACTIONS),
                    "target_kind": "question",
                    "target_id": rng.randint(1, questions),
                    "reason": "",
                    "before": "{}",
                    "after": "{}",
                    "created_at": NOW - timedelta(minutes=rng.randint(0, 60 * 24 * DAYS)),
                }
            )
        db.session.execute(sa.insert(AuditEntry), entries)
        holds = [
            {
                "post_kind": "question",
                "post_id": rng.randint(1, questions),
                "reason": "first_posts",
                "held_at": NOW - timedelta(minutes=rng.randint(0, 60 * 24 * DAYS)),
            }
            for _ in range(HOLDS)
        ]
        db.session.execute(sa.insert(PostHold), holds)
        flags = []
        for number in range(FLAGS):
            raised = NOW - timedelta(minutes=rng.randint(0, 60 * 24 * DAYS))
            flags.append(
                {
                    "post_kind": "question",
                    "post_id": number + 1,
                    "user_id": rng.randint(51, 2000),
                    "reason": "spam",
                    "note": "",
                    "created_at": raised,
                    "resolved_at": raised + timedelta(hours=rng.randint(1, 96))
                    if rng.random() < 0.8
                    else None,
                }
            )
        db.session.execute(sa.insert(Flag), flags)
        db.session.commit()


def refresh_statistics(app) -> None:
    """What autovacuum does on a live server: fresh statistics, and on PostgreSQL a visibility
    map that lets it answer from the indexes alone."""
    with app.app_context(), db.engine.connect() as connection:
        vacuum = "VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text(vacuum))


def _timed(build) -> dict[str, float]:
    build()  # warm-up
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        build()
        timings.append((time.perf_counter() - started) * 1000)
        db.session.rollback()
    return summary(timings)


def time_reports(app) -> dict[str, dict]:
    periods = {
        "12_weeks": reports.default_range(NOW.date()),
        "2_years": reports.DateRange(NOW.date() - timedelta(days=730), NOW.date()),
    }
    results: dict[str, dict] = {}
    with app.test_request_context("/en/"):
        results["yardstick/select_1"] = summary_of = _timed(
            lambda: db.session.execute(sa.text("SELECT 1")).all()
        )
        log(f"  yardstick SELECT 1: {summary_of}")
        for period_name, period in periods.items():
            results[f"yardstick/count_questions/{period_name}"] = summary_of = _timed(
                lambda period=period: db.session.scalar(
                    sa.select(sa.func.count()).where(
                        Question.created_at >= period.start, Question.created_at < period.end
                    )
                )
            )
            log(f"  yardstick count of the questions over {period_name}: {summary_of}")
            for slug in reports.REPORTS:
                results[f"{slug}/{period_name}"] = _timed(
                    lambda slug=slug, period=period: reports.build(slug, period)
                )
                log(f"  {slug} over {period_name}: {results[f'{slug}/{period_name}']}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--directory", default=str(Path(tempfile.gettempdir()) / "mipas-bench"))
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/mipas_bench"
        ),
    )
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    directory = Path(args.directory)
    targets = {"sqlite": f"sqlite:///{directory / 'mipas.sqlite3'}"}
    if not args.skip_postgres:
        targets["postgres"] = args.postgres
    results: dict[str, object] = {
        "machine": machine(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average_1min": os.getloadavg()[0],
        "runs": RUNS,
        "target_ms": 200,
    }
    for name, url in targets.items():
        log(f"{name}: reports")
        # the search index search_bench left (Whoosh) or the database's own (PostgreSQL): a
        # missing Whoosh index would be rebuilt from 100,000 questions before the first report
        if name == "sqlite":
            app = app_for(url, directory / "search-index")
        else:
            app = app_for(url, directory / "unused", SEARCH_BACKEND="postgres")
        add_unmatched_searches(app)
        add_report_activity(app)
        refresh_statistics(app)
        results[name] = time_reports(app)
    (ROOT / "benchmarks" / "report_results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
