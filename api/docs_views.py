"""The API's page for people: what it offers, with examples, and the knowledge-base widget."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for

from api import docs
from api.operations import TAGS
from app.locale import current_language, preferred_language
from app.main.services import all_topics

WIDGET_ARTICLES = 5


def _operations() -> list[tuple[str, object, str]]:
    """Each operation's path, translated summary and tag, in the order of the OpenAPI text."""
    found = []
    for rule in sorted(current_app.url_map.iter_rules(), key=lambda r: r.rule):
        operation = getattr(current_app.view_functions.get(rule.endpoint), "api_operation", None)
        if operation is not None:
            path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
            found.append((path, operation.summary, operation.tag))
    return found


@docs.route("/api/")
def start():
    """The docs in the visitor's language, as `/` goes to the home page in it."""
    return redirect(url_for("api_docs.index", lang_code=preferred_language()))


@docs.route("/<lang:lang_code>/api/")
def index():
    language = current_language()
    topics = all_topics()
    return render_template(
        "api/index.html",
        operations=_operations(),
        tags=TAGS,
        root=request.host_url.rstrip("/") + request.script_root,
        example_topic=topics[0].slug if topics else "residence",
        widget_url=url_for("api_docs.static", filename="widget.js", _external=True),
        kb_url=url_for("knowledge.index", lang_code=language, _external=True),
        language=language,
        widget_articles=WIDGET_ARTICLES,
    )
