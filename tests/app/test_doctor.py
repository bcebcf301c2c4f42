"""`flask mipas doctor` says in plain words what is wrong with the configuration and services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import create_app
from app.extensions import db
from app.models import utcnow
from search.models import SearchOutbox
from tests.conftest import dispose, service_url


def doctor(app, *args: str):
    return app.test_cli_runner().invoke(args=["mipas", "doctor", *args])


def test_the_embedded_set_up_with_several_workers_is_three_problems(app, database_url):
    result = doctor(app, "--workers", "3")
    assert result.exit_code == 1
    out = result.output
    sqlite_problem = "PROBLEM  Database: SQLite with 3 worker processes" in out
    assert sqlite_problem == database_url.startswith("sqlite")
    assert "PROBLEM  Rate limits: No REDIS_URL with 3 worker processes" in out
    assert "3 times as many sign-in attempts" in out
    assert "PROBLEM  Search indexer: SEARCH_INDEXER=embedded with 3 worker processes" in out
    assert "warning  Mail: MAIL_SERVER is not set" in out
    assert "ok       Database: Reachable; migrations up to date." in out


def test_one_process_on_a_laptop_has_warnings_only(app):
    result = doctor(app, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "PROBLEM" not in result.output


def test_the_worker_count_comes_from_the_environment_as_for_gunicorn(app, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    assert "No REDIS_URL with 4 worker processes" in doctor(app).output


def test_migrations_not_applied(config, tmp_path):
    empty = create_app({**config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'new.db'}"})
    try:
        result = doctor(empty, "--workers", "1")
    finally:
        dispose(empty)
    assert result.exit_code == 1
    assert "migrations are not up to date (at none" in result.output
    assert "flask --app wsgi db upgrade" in result.output


def test_a_search_index_older_than_the_database(config):
    app = create_app({**config, "SEARCH_INDEXER": "worker"})
    try:
        with app.app_context():
            db.session.add(
                SearchOutbox(
                    kind="question", document_id=1, created_at=utcnow() - timedelta(minutes=5)
                )
            )
            db.session.commit()
        result = doctor(app, "--workers", "1")
    finally:
        dispose(app)
    assert result.exit_code == 1
    assert "The index is older than the database: 1 changes have waited" in result.output
    assert "Is the one `flask search worker` running?" in result.output


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_the_production_shape_passes(config):
    redis_url = service_url("TEST_REDIS_URL")
    secret = "s" * 64
    production = {
        **config,
        "SECRET_KEY": secret,
        "MIPAS_ENV": "production",
        "REDIS_URL": redis_url,
        "SEARCH_INDEXER": "worker",
        "MAIL_SERVER": "smtp.example.org",
    }
    app = create_app(production)
    try:
        result = doctor(app, "--workers", "4")
    finally:
        dispose(app)
    assert result.exit_code == 0, result.output
    assert "PROBLEM" not in result.output and "warning" not in result.output


def test_redis_that_cannot_be_reached(config):
    app = create_app({**config, "REDIS_URL": "redis://127.0.0.1:1/0"})
    try:
        result = doctor(app, "--workers", "1")
    finally:
        dispose(app)
    assert result.exit_code == 1
    assert "PROBLEM  Redis: Cannot reach Redis at REDIS_URL" in result.output
