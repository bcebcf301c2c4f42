"""When an event takes place, written through Babel in the page's language and Lithuanian time."""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_date, format_time, to_user_timezone


def event_when(starts: datetime, ends: datetime | None = None) -> str:
    """ "15 March 2027, 18:00–20:00", or both days when the event lasts longer than one."""
    start = to_user_timezone(starts)
    text = f"{format_date(start, 'long')}, {format_time(start, 'short')}"
    if ends is None:
        return text
    end = to_user_timezone(ends)
    if end.date() == start.date():
        return f"{text}–{format_time(end, 'short')}"
    return f"{text} – {format_date(end, 'long')}, {format_time(end, 'short')}"
