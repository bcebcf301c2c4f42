"""iCalendar (.ics) files of events, for calendar apps: one event, or a language's upcoming ones."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from flask import request, url_for
from icalendar import Calendar, Event

from news.models import NewsItem

PRODUCT_ID = "-//MIPAS//news and events//EN"
CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _event(item: NewsItem) -> Event:
    zone = ZoneInfo(item.time_zone)
    event = Event()
    # a permanent id that survives a change of title or address
    event.add("uid", f"event-{item.id}@{request.host.split(':')[0]}")
    event.add("dtstamp", item.updated_at)
    event.add("dtstart", item.starts_at.astimezone(zone))
    if item.ends_at:
        event.add("dtend", item.ends_at.astimezone(zone))
    event.add("summary", item.title)
    event.add("description", item.summary)
    event.add("location", item.place or "online")
    event.add("url", url_for("news.item", lang_code=item.language, slug=item.slug, _external=True))
    return event


def calendar_file(items: Iterable[NewsItem], name: str) -> bytes:
    """A calendar with the given events, their time zones described inside it."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for item in items:
        calendar.add_component(_event(item))
    calendar.add_missing_timezones()
    return calendar.to_ical()
