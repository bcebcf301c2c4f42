"""Pages about the site itself: home, about, privacy, organisations, health check."""

from flask import Blueprint

bp = Blueprint("main", __name__, url_prefix="/<lang:lang_code>")
site = Blueprint("site", __name__)

from app.main import views  # noqa: E402, F401  (routes attach themselves to the blueprints)
