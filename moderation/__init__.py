"""Moderation: submission policy, screening, flags, queues, actions and the audit log."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")

from moderation import admin_views, member_views, staff_views  # noqa: E402, F401  (routes attach themselves)
