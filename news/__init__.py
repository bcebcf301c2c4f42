"""News and events on migration and integration, with feeds."""

from flask import Blueprint

bp = Blueprint("news", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")
# the calendar of events sits beside the Atom feeds, whose addresses app/ serves
calendar_bp = Blueprint("calendar", __name__, url_prefix="/feeds/<lang:lang_code>")

from news import feed_views, views  # noqa: E402, F401  (routes attach themselves to bp and calendar_bp)
