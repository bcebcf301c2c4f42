"""Question threads: topics, questions, answers, comments, votes and notifications."""

from flask import Blueprint

bp = Blueprint("forum", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")


from forum import notify, thread_views, views  # noqa: E402, F401  (routes attach themselves to bp)
