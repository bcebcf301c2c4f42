"""Full-text search over questions, answers, knowledge-base articles and news."""

from __future__ import annotations

import os

from flask import Blueprint, Flask

from search import (
    models,  # noqa: F401  (the tables, for migrations and the outbox)
    outbox,
)
from search.cli import search_cli
from search.indexer import SearchService

bp = Blueprint("search", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")
assets = Blueprint(
    "search_assets", __name__, static_folder="static", static_url_path="/static/search"
)

DEFAULTS = {
    # "embedded" (drain the outbox after each commit, in-process) or "worker"
    "SEARCH_INDEXER": "embedded",
    "SEARCH_RATE_LIMIT": "30 per minute; 600 per hour",
    # seconds a search may take before it returns what it found so far
    "SEARCH_TIME_LIMIT": 0.25,
    # processes for a full rebuild of the Whoosh index, and the memory of each
    "SEARCH_INDEX_PROCS": max(1, min(os.cpu_count() or 1, 4)),
    "SEARCH_REBUILD_MEMORY_MB": 2048,
    # days a search that found nothing is kept for the staff report, then forgotten
    "SEARCH_LOG_DAYS": 90,
}


def init_app(app: Flask) -> None:
    """Register the search page, the commands, the outbox listeners and the health check."""
    for name, default in DEFAULTS.items():
        app.config.setdefault(name, os.environ.get(name) or default)
    app.config["SEARCH_TIME_LIMIT"] = float(app.config["SEARCH_TIME_LIMIT"])
    app.config["SEARCH_INDEX_PROCS"] = int(app.config["SEARCH_INDEX_PROCS"])
    app.config["SEARCH_REBUILD_MEMORY_MB"] = int(app.config["SEARCH_REBUILD_MEMORY_MB"])
    app.config["SEARCH_LOG_DAYS"] = int(app.config["SEARCH_LOG_DAYS"])
    service = SearchService(app)
    app.extensions["search"] = service
    app.extensions.setdefault("health_checks", {})["search"] = service.healthy
    app.extensions.setdefault("doctor_checks", []).append(service.doctor)
    app.register_blueprint(bp)
    app.register_blueprint(assets)
    app.cli.add_command(search_cli)
    outbox.listen()
    service.open_at_startup()


from search import views  # noqa: E402, F401  (routes attach themselves to bp)
