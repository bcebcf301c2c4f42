"""The read API for partners: knowledge base, news and events, answered questions, topics,
organisations and search as JSON under /api/v1/, described in OpenAPI 3.1."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, request
from flask_cors import CORS

from api.http import problem
from app.config import LANGUAGES
from app.extensions import limiter
from app.locale import negotiated_language

v1 = Blueprint("api", __name__, url_prefix="/api/v1")
docs = Blueprint(
    "api_docs",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/api/static",
)

# the API's settings and their defaults; each can be set by an environment variable of its name
# (create_app reads them with app's own, as the type of the default)
SETTINGS = {
    # per client address, over every operation of the API
    "API_RATE_LIMIT": "120 per minute; 3000 per hour",
    # seconds a partner's cache or a proxy may keep an answer without asking again
    "API_MAX_AGE": 300,
}
PREFIX = "/api/v1/"
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(v1)


@v1.before_request
def _choose_language() -> None:
    """?lang= or Accept-Language; an unknown ?lang= is refused later, with the others."""
    asked = request.args.get("lang")
    negotiated_language(asked if asked in LANGUAGES else None)


def answer_api_error(code: int, error: Exception | None):
    """The API's errors are problem documents, never the site's HTML pages."""
    if not request.path.startswith(PREFIX):
        return None
    _choose_language()
    response = problem(code)
    allowed = getattr(error, "valid_methods", None)
    if code == 405 and allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


def init_app(app: Flask) -> None:
    """Register the API, its docs and widget, its CORS headers, limit and error form."""
    for name, default in SETTINGS.items():
        app.config.setdefault(name, default)
    app.register_blueprint(v1)
    app.register_blueprint(docs)
    # partner pages read the API from the browser; nothing here needs cookies
    CORS(
        app,
        resources={r"/api/v1/*": {"origins": "*"}},
        methods=["GET", "HEAD", "OPTIONS"],
        expose_headers=["ETag", "Last-Modified", "Content-Language", "Retry-After"],
        supports_credentials=False,
        send_wildcard=True,  # one answer for every origin, so caches keep one copy
        max_age=86400,
    )
    app.extensions.setdefault("error_responders", []).append(answer_api_error)


from api import docs_views, views  # noqa: E402, F401  (routes attach themselves)
