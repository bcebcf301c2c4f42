"""When an event takes place, written through Babel in the page's language and the event's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_name
from flask_babel import format_date, format_time, get_locale

from news.models import EVENT_TIME_ZONE


def _in_zone(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def event_when(starts: datetime, ends: datetime | None = None, zone: str = EVENT_TIME_ZONE) -> str:
    """ "15 March 2027, 18:00–20:00", or both days when the event lasts longer than one."""
    start = _in_zone(starts, zone)
    # Flask-Babel would move the times to Lithuanian time: they are the event's own already
    text = f"{format_date(start.date(), 'long')}, {format_time(start.time(), 'short')}"
    if ends is None:
        return text
    end = _in_zone(ends, zone)
    if end.date() == start.date():
        return f"{text}–{format_time(end.time(), 'short')}"
    return f"{text} – {format_date(end.date(), 'long')}, {format_time(end.time(), 'short')}"


def time_zone_label(starts: datetime, zone: str = EVENT_TIME_ZONE) -> str:
    """The zone as people know it, then its name: "Eastern European Time (Europe/Vilnius)"."""
    name = get_timezone_name(_in_zone(starts, zone), width="long", locale=get_locale())
    return f"{name} ({zone})"
