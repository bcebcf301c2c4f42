"""Forum pages."""

from flask import abort, render_template

from app.main.services import topic_by_slug
from forum import bp


@bp.route("/topics/<slug>")
def topic(slug: str):
    found = topic_by_slug(slug)
    if found is None:
        abort(404)
    return render_template("forum/topic.html", topic=found)
