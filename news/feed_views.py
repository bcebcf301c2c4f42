"""The calendar of upcoming events: /feeds/<lang>/events.ics (the Atom feeds are app's)."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _

from app.feeds import FEED_ENTRIES
from app.locale import current_language
from app.models import utcnow
from news import calendar_bp, queries
from news.calendar import CALENDAR_TYPE, calendar_file


@calendar_bp.route("/events.ics")
def events():
    """Upcoming published events, one per story (in this language where it exists)."""
    listed = queries.upcoming_events(current_language(), utcnow(), limit=FEED_ENTRIES)
    body = calendar_file([entry.item for entry in listed], _("MIPAS: upcoming events"))
    return Response(body, content_type=CALENDAR_TYPE)
