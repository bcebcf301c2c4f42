"""The Atom feeds' addresses: /feeds/<lang>/news.xml, questions.xml and kb.xml."""

from __future__ import annotations

from flask import Response, render_template, url_for
from flask_babel import gettext as _

from app.locale import current_language
from app.models import utcnow
from news import atom, feeds_bp, queries
from news.atom import FeedEntry
from news.calendar import CALENDAR_TYPE, calendar_file

ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _feed(name: str, title: str, page_url: str, entries: list[FeedEntry]) -> Response:
    body = render_template(
        "news/feed.xml",
        feed_id=atom.entry_id(f"feed/{current_language()}", name),
        title=title,
        self_url=url_for(f"feeds.{name}", _external=True),
        page_url=page_url,
        updated=atom.last_update(entries),
        entries=entries,
    )
    return Response(body, content_type=ATOM_TYPE)


@feeds_bp.route("/news.xml")
def news():
    language = current_language()
    return _feed(
        "news",
        _("MIPAS: news and events"),
        url_for("news.index", _external=True),
        atom.news_entries(language),
    )


@feeds_bp.route("/questions.xml")
def questions():
    language = current_language()
    return _feed(
        "questions",
        _("MIPAS: new questions"),
        url_for("forum.questions", language=language, _external=True),
        atom.question_entries(language),
    )


@feeds_bp.route("/kb.xml")
def kb():
    language = current_language()
    return _feed(
        "kb",
        _("MIPAS: knowledge base"),
        url_for("knowledge.index", _external=True),
        atom.article_entries(language),
    )


@feeds_bp.route("/events.ics")
def events():
    """Upcoming published events, one per story (in this language where it exists)."""
    listed = queries.upcoming_events(current_language(), utcnow(), limit=queries.FEED_ENTRIES)
    body = calendar_file([entry.item for entry in listed], _("MIPAS: upcoming events"))
    return Response(body, content_type=CALENDAR_TYPE)
