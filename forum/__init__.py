"""Question threads: topics, questions, answers, comments, votes and notifications."""

from flask import Blueprint

from app.permissions import current_user_can_see

bp = Blueprint("forum", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")

bp.add_app_template_test(current_user_can_see, "visible_to_viewer")


from forum import notify, thread_views, views  # noqa: E402, F401  (routes attach themselves to bp)
