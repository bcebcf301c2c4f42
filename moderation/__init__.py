"""Moderation: submission policy, screening, flags, queues, actions and the audit log."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")

# the views attach their routes to bp; expert_alerts listens for new questions
from moderation import admin_views, expert_alerts, member_views, staff_views  # noqa: E402, F401
