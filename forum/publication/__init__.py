"""Publication with consent: an anonymised public version of a private consultation."""

from flask import Blueprint

from forum.models import Question

bp = Blueprint("publication", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")


@bp.app_template_global()
def public_version_of(question: Question):
    """The newest public version of a private consultation, for its thread page; else None."""
    if not question.is_private:
        return None
    return services.latest_version(question)


from forum.publication import services, views  # noqa: E402, F401  (routes attach themselves)
