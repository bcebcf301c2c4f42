"""Staff reports at 100,000 questions: each report's build time on SQLite and PostgreSQL.

Runs on the databases that `benchmarks.search_bench` seeded (the target: every report under
200 ms, issue 17). Adds 50,000 searches that found nothing first, as 90 days of a busy site
would leave, then builds each report over the default 12 weeks and over two years.

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
from moderation import reports
from search.models import UnmatchedSearch

RUNS = 15
UNMATCHED = 50_000


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


def time_reports(app) -> dict[str, dict]:
    periods = {
        "12_weeks": reports.default_range(NOW.date()),
        "2_years": reports.DateRange(NOW.date() - timedelta(days=730), NOW.date()),
    }
    results: dict[str, dict] = {}
    with app.test_request_context("/en/"):
        for period_name, period in periods.items():
            for slug in reports.REPORTS:
                reports.build(slug, period)  # warm-up
                timings = []
                for _ in range(RUNS):
                    started = time.perf_counter()
                    reports.build(slug, period)
                    timings.append((time.perf_counter() - started) * 1000)
                    db.session.rollback()
                results[f"{slug}/{period_name}"] = summary(timings)
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
    results: dict[str, object] = {"machine": machine(), "runs": RUNS, "target_ms": 200}
    for name, url in targets.items():
        log(f"{name}: reports")
        app = app_for(url, directory / "unused")
        add_unmatched_searches(app)
        results[name] = time_reports(app)
    (ROOT / "benchmarks" / "report_results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
