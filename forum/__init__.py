"""Question threads: topics, questions, answers, comments, votes and notifications."""

from flask import Blueprint
from flask_login import current_user

from app.permissions import current_user_can_see

bp = Blueprint("forum", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")


@bp.app_context_processor
def notification_badge() -> dict:
    """The unread count in the header, read only when the header is drawn for a member."""

    def unread() -> int:
        if not current_user.is_authenticated:
            return 0
        return notify.unread_count(current_user.id)

    return {"unread_notifications": unread}


bp.add_app_template_test(current_user_can_see, "visible_to_viewer")


from forum import notify, thread_views, views  # noqa: E402, F401  (routes attach themselves to bp)
