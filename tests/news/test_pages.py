"""The news list and item pages, in three languages, as visitors and staff see them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Organisation, utcnow
from news.queries import PER_PAGE
from tests.news.conftest import vilnius


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "heading", "when"),
    [("lt", "Naujienos ir renginiai", "2030 m. kovo 15 d., 18:00–20:00"),
     ("en", "News and events", "March 15, 2030, 6:00\u202fPM–8:00\u202fPM"),
     ("ru", "Новости и мероприятия", "15 марта 2030\u202fг., 18:00–20:00")],
)  # fmt: skip
def test_list_and_event_page_in_each_language(client, event, lang, heading, when):
    item = event()
    listed = page(client, f"/{lang}/news/")
    assert f"<h1>{heading}</h1>" in listed
    assert f'href="/{lang}/news/{item.slug}"' in listed
    shown = page(client, f"/{lang}/news/{item.slug}")
    # the date through Babel in the page's language, in Lithuanian time
    assert when in shown
    assert "Kaunas" in shown


def test_upcoming_events_come_first_in_their_own_section(client, write, event):
    write("Older news about residence permits")
    past = event("A meeting that has taken place", starts_at=utcnow() - timedelta(days=3),
                 ends_at=utcnow() - timedelta(days=3, hours=-2))  # fmt: skip
    coming = event("Consultation day in Vilnius next week", starts_at=utcnow() + timedelta(days=7),
                   ends_at=utcnow() + timedelta(days=7, hours=2))  # fmt: skip
    listed = page(client, "/en/news/")
    upcoming, latest = listed.split('id="upcoming-title"')[1].split('id="latest-title"')
    assert coming.title in upcoming and coming.title not in latest
    assert past.title in latest and "Older news about residence permits" in latest


def test_the_filter_shows_news_or_events_only(client, write, event):
    write("Only news here, about work permits")
    event("Only an event here, online", place="", online=True)
    news_only = page(client, "/en/news/?kind=news")
    assert "Only news here" in news_only and "Only an event here" not in news_only
    events_only = page(client, "/en/news/?kind=event")
    assert "Only news here" not in events_only and "Only an event here" in events_only


def test_the_list_goes_on_over_pages(client, write):
    for number in range(PER_PAGE + 1):
        write(f"News item number {number:02d} about permits")
    first = page(client, "/en/news/")
    assert "News item number 20" in first and "News item number 00" not in first
    assert 'href="/en/news/?page=2"' in first
    assert "News item number 00" in page(client, "/en/news/?page=2")


def test_a_story_shows_in_the_page_language_or_another_one_marked(client, write):
    original = write("Lithuanian language courses start in spring", language="en")
    write("Весной начинаются курсы литовского языка", language="ru", translation_of=original.slug)
    russian = page(client, "/ru/news/")
    assert "Весной начинаются курсы литовского языка" in russian
    assert "Lithuanian language courses start in spring" not in russian
    lithuanian = page(client, "/lt/news/")
    # no Lithuanian version: the English one, marked with its language, and the others named
    assert "Lithuanian language courses start in spring" in lithuanian
    assert 'class="mark mark-language"' in lithuanian
    row = lithuanian.split('lang="en" hreflang="en">Lithuanian language courses')[1].split("</li>")
    assert "RU" in row[0]


def test_an_item_names_its_translations_canonical_and_alternates(client, write):
    original = write("Residence permits now through MIGRIS", language="en")
    russian = write("Вид на жительство теперь через MIGRIS", language="ru",
                    translation_of=original.slug)  # fmt: skip
    shown = page(client, f"/lt/news/{original.slug}")
    assert f'<link rel="canonical" href="http://localhost/en/news/{original.slug}">' in shown
    assert f'hreflang="ru" href="http://localhost/ru/news/{russian.slug}"' in shown
    assert f'href="/lt/news/{russian.slug}" hreflang="ru"' in shown  # "also in: RU"


def test_an_event_links_its_organisation_and_is_on_the_organisations_page(app, client, event):
    with app.app_context():
        organisation = Organisation(slug="caritas", name_lt="Caritas", name_en="Caritas",
                                    name_ru="Каритас")  # fmt: skip
        db.session.add(organisation)
        db.session.commit()
        organisation_id = organisation.id
    item = event(organisation_id=organisation_id, starts_at=utcnow() + timedelta(days=3),
                 ends_at=None, registration_url="https://example.org/register")  # fmt: skip
    shown = page(client, f"/ru/news/{item.slug}")
    assert 'href="/ru/organisations/caritas">Каритас</a>' in shown
    assert 'href="https://example.org/register"' in shown
    on_organisation_page = page(client, "/ru/organisations/caritas")
    assert "Предстоящие мероприятия" in on_organisation_page
    assert f'href="/ru/news/{item.slug}"' in on_organisation_page


def test_drafts_are_for_staff_only(client, write, make_user, sign_in, moderator):
    draft = write("A draft nobody should see yet", published=False)
    assert client.get(f"/en/news/{draft.slug}").status_code == 404
    assert "A draft nobody should see yet" not in page(client, "/en/news/")
    member = make_user("member")
    sign_in(member.email)
    assert client.get(f"/en/news/{draft.slug}").status_code == 404
    sign_in(moderator.email)
    assert "This item is not public" in page(client, f"/en/news/{draft.slug}")
    assert "A draft nobody should see yet" in page(client, "/en/news/")


def test_an_unpublished_item_disappears_from_the_list(client, write, sign_in, moderator):
    item = write("Published for a while, then taken back")
    sign_in(moderator.email)
    response = client.post(f"/en/news/{item.slug}/unpublish")
    assert response.status_code == 302
    client.post("/en/account/sign-out")
    assert client.get(f"/en/news/{item.slug}").status_code == 404
    assert "Published for a while" not in page(client, "/en/news/")


def test_an_event_page_says_when_it_has_taken_place(client, event):
    item = event(starts_at=vilnius(2020, 3, 15, 18), ends_at=vilnius(2020, 3, 15, 20),
                 registration_url="https://example.org/register")  # fmt: skip
    shown = page(client, f"/en/news/{item.slug}")
    assert "this event has taken place" in shown
    assert "https://example.org/register" not in shown


def test_the_home_page_shows_the_next_events_and_latest_news(client, write, event):
    assert "Latest news" not in client.get("/en/").get_data(as_text=True)
    write("Migration Department opens a new service")
    write("A course that is not announced yet", published=False)
    event("Information evening for newcomers")
    home = client.get("/en/").get_data(as_text=True)
    assert "Upcoming events" in home and "Information evening for newcomers" in home
    assert "Latest news" in home and "Migration Department opens a new service" in home
    assert "A course that is not announced yet" not in home
    assert "Naujausios naujienos" in client.get("/lt/").get_data(as_text=True)
