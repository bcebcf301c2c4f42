"""The knowledge base: curated articles made from accepted answers, in lt, en and ru."""

from flask import Blueprint

bp = Blueprint("knowledge", __name__, url_prefix="/<lang:lang_code>", template_folder="templates")

from forum.knowledge import views  # noqa: E402, F401  (routes attach themselves to bp)
