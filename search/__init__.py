"""Full-text search over questions, answers, knowledge-base articles and news."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from app.navigation import SiteSearch
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

# search's settings and their defaults; each can be set by an environment variable of its name
# (create_app reads them with app's own, as the type of the default)
SETTINGS = {
    # "whoosh" (files in SEARCH_INDEX_DIR, default instance/search-index) or "postgres"
    "SEARCH_BACKEND": "whoosh",
    "SEARCH_INDEX_DIR": "",
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
    for name, default in SETTINGS.items():
        app.config.setdefault(name, default)
    if not app.config["SEARCH_INDEX_DIR"]:
        app.config["SEARCH_INDEX_DIR"] = str(Path(app.instance_path) / "search-index")
    service = SearchService(app)
    app.extensions["search"] = service
    app.extensions["similar_questions"] = service.similar  # forum.similar.SimilarFinder
    app.extensions["published_search"] = service.search  # api.searching.PublishedSearch
    app.extensions["site_search"] = SiteSearch(
        "search.search",
        _l("Search questions, articles and news"),
        _l("Questions, articles, news…"),
    )
    app.extensions.setdefault("health_checks", {})["search"] = service.healthy
    app.extensions.setdefault("doctor_checks", []).append(service.doctor)
    app.register_blueprint(bp)
    app.register_blueprint(assets)
    app.cli.add_command(search_cli)
    outbox.listen()
    service.open_at_startup()


from search import views  # noqa: E402, F401  (routes attach themselves to bp)
