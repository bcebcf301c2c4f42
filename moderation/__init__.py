"""Moderation: submission policy, screening, flags, queues, actions and the audit log."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")

# the views attach their routes to bp; expert_alerts listens for new questions
from moderation import (  # noqa: E402, F401
    admin_views,
    expert_alerts,
    member_views,
    report_views,
    staff_views,
)
