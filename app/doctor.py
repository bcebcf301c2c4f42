"""`flask mipas doctor`: check the configuration and the services, and say what is wrong.

For operators, in plain English (like the other command-line tools and the logs they read):
each finding says what is wrong, what follows from it, and what to do. Feature packages add
their own checks through `app.extensions["doctor_checks"]` (search: the index against the
database). The same configuration checks run when gunicorn starts (gunicorn.conf.py).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from app.config import MIGRATIONS, DefaultConfig, environment_overrides
from app.extensions import db

# gunicorn reads the same variable for its number of workers (gunicorn.conf.py).
WORKERS_VARIABLE = "WEB_CONCURRENCY"


class Level(enum.IntEnum):
    OK = 0
    WARNING = 1
    PROBLEM = 2


@dataclass(frozen=True)
class Finding:
    level: Level
    subject: str
    text: str


Check = Callable[[int], list[Finding]]


def planned_workers() -> int:
    """The number of web worker processes, as gunicorn will start them (default 2)."""
    value = os.environ.get(WORKERS_VARIABLE, "")
    return int(value) if value.isdigit() and int(value) > 0 else 2


def configuration_findings(config, workers: int) -> list[Finding]:
    """What the settings alone say, without reaching any service (also run by gunicorn)."""
    findings = [_secret_key(config)]
    several = workers > 1
    database = str(config.get("SQLALCHEMY_DATABASE_URI", ""))
    if database.startswith("sqlite") and several:
        findings.append(
            Finding(
                Level.PROBLEM,
                "Database",
                f"SQLite with {workers} worker processes: they queue for SQLite's one writer "
                "and requests time out under load. Set DATABASE_URL to a PostgreSQL database.",
            )
        )
    if not config.get("REDIS_URL") and several:
        findings.append(
            Finding(
                Level.PROBLEM,
                "Rate limits",
                f"No REDIS_URL with {workers} worker processes: each process keeps its own "
                f"rate limits, so {workers} times as many sign-in attempts get through as "
                "configured, and mail is sent inside web requests. Set REDIS_URL.",
            )
        )
    if config.get("SEARCH_INDEXER") == "embedded" and several:
        findings.append(
            Finding(
                Level.PROBLEM,
                "Search indexer",
                f"SEARCH_INDEXER=embedded with {workers} worker processes: every process "
                "writes the index after its own changes and they wait for each other. Set "
                "SEARCH_INDEXER=worker and run exactly one `flask search worker`.",
            )
        )
    if not config.get("MAIL_SERVER"):
        findings.append(
            Finding(
                Level.WARNING if config.get("MIPAS_ENV") != "production" else Level.PROBLEM,
                "Mail",
                "MAIL_SERVER is not set: mail is written to the log, so nobody receives "
                "confirmation or password links. Set MAIL_SERVER and its login.",
            )
        )
    return findings


def _secret_key(config) -> Finding:
    key = str(config.get("SECRET_KEY") or "")
    if config.get("MIPAS_ENV") != "production":
        return Finding(
            Level.WARNING,
            "Environment",
            "MIPAS_ENV is not production: cookies are not marked secure, and without "
            "SECRET_KEY the development key in instance/secret_key signs sessions and links. "
            "Fine on one computer; on a public server set MIPAS_ENV=production and SECRET_KEY.",
        )
    if len(key) < 32:
        return Finding(
            Level.PROBLEM,
            "Secret key",
            "SECRET_KEY is shorter than 32 characters: sessions and links can be forged. "
            "Use a long random one: python3 -c 'import secrets; print(secrets.token_hex(32))'.",
        )
    return Finding(Level.OK, "Secret key", "SECRET_KEY is set.")


def startup_findings(workers: int, feature_settings: Mapping[str, object]) -> list[Finding]:
    """The configuration checks from the environment alone, before any worker starts: for
    gunicorn's `when_ready` hook, which knows the number of workers but has no application."""
    config = {name: getattr(DefaultConfig, name) for name in dir(DefaultConfig) if name.isupper()}
    config.update(feature_settings)
    config.update(environment_overrides(feature_settings=feature_settings))
    config.setdefault("SQLALCHEMY_DATABASE_URI", "sqlite:///instance/mipas.sqlite3")
    return configuration_findings(config, workers)


def service_findings(app: Flask, workers: int) -> list[Finding]:
    """What the services say: the database and its migrations, Redis, and the features' own."""
    database = _database_and_migrations()
    findings = [database]
    if app.config.get("REDIS_URL"):
        findings.append(_redis(app.config["REDIS_URL"]))
    if database.level is Level.PROBLEM:
        return findings  # the features' checks read the database
    for check in app.extensions.get("doctor_checks", []):
        try:
            findings.extend(check(workers))
        except Exception as error:  # a check that fails is itself a finding
            findings.append(
                Finding(Level.PROBLEM, "Check", f"{check.__qualname__} failed: {error!r}")
            )
    return findings


def _database_and_migrations() -> Finding:
    try:
        with db.engine.connect() as connection:
            applied = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as error:
        return Finding(
            Level.PROBLEM,
            "Database",
            f"Cannot reach the database ({type(error).__name__}). Check DATABASE_URL and that "
            "the database server runs.",
        )
    heads = set(ScriptDirectory(str(MIGRATIONS)).get_heads())
    if applied != heads:
        return Finding(
            Level.PROBLEM,
            "Database",
            "The database's migrations are not up to date "
            f"(at {', '.join(sorted(applied)) or 'none'}, the code needs "
            f"{', '.join(sorted(heads))}). Run `flask --app wsgi db upgrade`.",
        )
    return Finding(Level.OK, "Database", "Reachable; migrations up to date.")


def _redis(url: str) -> Finding:
    try:
        Redis.from_url(url, socket_connect_timeout=3).ping()
    except RedisError as error:
        return Finding(
            Level.PROBLEM,
            "Redis",
            f"Cannot reach Redis at REDIS_URL ({type(error).__name__}): rate limits and mail "
            "jobs fail. Check that Redis runs and the address is right.",
        )
    return Finding(Level.OK, "Redis", "Reachable.")


def examine(workers: int | None = None) -> list[Finding]:
    """Every finding about the running configuration and its services."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    workers = workers or planned_workers()
    return configuration_findings(app.config, workers) + service_findings(app, workers)


MARKS = {Level.OK: "ok     ", Level.WARNING: "warning", Level.PROBLEM: "PROBLEM"}


def report(findings: list[Finding]) -> str:
    return "\n".join(f"{MARKS[f.level]}  {f.subject}: {f.text}" for f in findings)
