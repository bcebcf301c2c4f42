"""Events in calendars: an .ics file per event and a feed of upcoming events per language,
read back with the iCalendar parser; event pages say the time zone and "published on"."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from news.models import NewsItem
from tests.news.conftest import vilnius


def calendar(client, path: str) -> Calendar:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.data)


def test_an_event_downloads_as_an_ics_file_a_calendar_reads(client, event):
    item: NewsItem = event("Information evening in Kaunas", place="Kaunas, Laisvės al. 1")
    page = client.get(f"/en/news/{item.slug}").get_data(as_text=True)
    assert f'href="/en/news/{item.slug}/event.ics"' in page
    response = client.get(f"/en/news/{item.slug}/event.ics")
    assert f'filename="{item.slug}.ics"' in response.headers["Content-Disposition"]
    events = calendar(client, f"/en/news/{item.slug}/event.ics").walk("VEVENT")
    assert len(events) == 1
    found = events[0]
    assert str(found["SUMMARY"]) == "Information evening in Kaunas"
    assert str(found["LOCATION"]) == "Kaunas, Laisvės al. 1"
    starts, ends = found.decoded("DTSTART"), found.decoded("DTEND")
    assert str(starts.tzinfo) == "Europe/Vilnius" and (starts.hour, starts.minute) == (18, 0)
    assert starts == vilnius(2030, 3, 15, 18) and ends == vilnius(2030, 3, 15, 20)
    assert str(found["URL"]) == f"http://localhost/en/news/{item.slug}"


def test_news_has_no_calendar_file(client, write):
    item = write("Residence permits now through MIGRIS")
    assert client.get(f"/en/news/{item.slug}/event.ics").status_code == 404


def test_each_language_has_a_calendar_feed_of_upcoming_events(client, event):
    event("Past evening", starts_at=vilnius(2020, 3, 15, 18), ends_at=vilnius(2020, 3, 15, 20))
    coming = event("Vakaras atvykusiems", language="lt")
    event("Evening for newcomers", language="en", translation_of=coming.slug)
    event("Draft evening", published=False)
    feed = calendar(client, "/feeds/en/events.ics")
    assert [str(found["SUMMARY"]) for found in feed.walk("VEVENT")] == ["Evening for newcomers"]
    assert feed.walk("VTIMEZONE"), "the calendar describes its time zone"
    lithuanian = calendar(client, "/feeds/lt/events.ics")
    assert [str(found["SUMMARY"]) for found in lithuanian.walk("VEVENT")] == ["Vakaras atvykusiems"]
    index = client.get("/en/news/").get_data(as_text=True)
    assert 'type="text/calendar"' in index and "http://localhost/feeds/en/events.ics" in index


def test_an_event_abroad_shows_and_exports_its_own_time_zone(client, event):
    item = event(
        "Integration conference in Riga",
        place="Riga",
        time_zone="Europe/Riga",
        starts_at=datetime(2030, 6, 19, 6, 30, tzinfo=UTC),
        ends_at=datetime(2030, 6, 19, 12, 30, tzinfo=UTC),
    )
    page = client.get(f"/en/news/{item.slug}").get_data(as_text=True)
    assert "Time zone" in page and "(Europe/Riga)" in page
    assert "9:30" in page  # Riga summer time, not UTC
    found = calendar(client, f"/en/news/{item.slug}/event.ics").walk("VEVENT")[0]
    assert str(found.decoded("DTSTART").tzinfo) == "Europe/Riga"
    vilnius_event = event("Evening in Vilnius")
    shown = client.get(f"/lt/news/{vilnius_event.slug}").get_data(as_text=True)
    assert "Laiko juosta" in shown and "(Europe/Vilnius)" in shown


def test_the_form_refuses_an_unknown_time_zone_next_to_the_field(client, sign_in, moderator):
    sign_in(moderator.email)
    response = client.post(
        "/en/news/new",
        data={
            "language": "en",
            "kind": "event",
            "title": "Conference in Riga",
            "summary": "A conference on immigrant integration policy.",
            "body": "A body long enough for a news item: it says what happened and where.",
            "starts_at": "2030-06-19T09:30",
            "place": "Riga",
            "time_zone": "Riga time",
            "organisation": "0",
        },
    )
    shown = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Give a time zone such as Europe/Vilnius" in shown.split('id="time_zone-error"')[1][:200]
    assert 'value="Riga time"' in shown


def test_news_and_event_pages_say_published_on_before_the_date(client, event, write):
    news = write("Residence permits now through MIGRIS")
    for path in (f"/en/news/{news.slug}", f"/en/news/{event().slug}", "/en/news/?kind=news"):
        assert "Published on " in client.get(path).get_data(as_text=True), path
    assert "Paskelbta " in client.get(f"/lt/news/{news.slug}").get_data(as_text=True)
    assert "Опубликовано " in client.get(f"/ru/news/{news.slug}").get_data(as_text=True)
