"""The search page as visitors use it, in three languages, including what they type wrong."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from app import create_app
from search.backend import SearchQuery, SearchResults
from tests.conftest import dispose
from tests.pages import page


def main(response) -> str:
    html = page(response)
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def threads(post) -> dict[str, int]:
    return {
        "renew": post(
            "Renewing a residence permit",
            "Apply in MIGRIS two months before the permit expires.",
            answers=("Book the appointment after you apply.",),
        ),
        "lt": post(
            "Leidimas gyventi baigiasi",
            "Mano leidimas laikinai gyventi baigiasi. Ką daryti?",
            language="lt",
        ),
        "ru": post(
            "Вид на жительство для студентов",
            "Как получить вид на жительство после учёбы?",
            language="ru",
            topic="education",
        ),
        "work": post(
            "Work permit for a new employer", "Changing employers on a permit.", topic="work"
        ),
    }


def test_results_show_the_title_a_marked_snippet_and_the_count(search_client, threads):
    response = search_client.get("/en/search?q=renewing+permits")
    assert response.status_code == 200
    html = main(response)
    assert html.count("<h1") == 1
    assert "1 result for “renewing permits”" in html
    assert f'href="/en/questions/{threads["renew"]}/q"' in html
    assert "<mark>permit</mark>" in html
    assert 'lang="en"' in html


def test_the_results_link_to_threads_in_the_page_language(search_client, threads):
    html = main(search_client.get("/ru/search?q=вида+на+жительство"))
    assert f'href="/ru/questions/{threads["ru"]}/q"' in html
    assert 'lang="ru"' in html


@pytest.mark.parametrize("language", ["lt", "en", "ru"])
def test_the_page_speaks_each_language(search_client, threads, language):
    response = search_client.get(f"/{language}/search?q=leidimo+gyventi")
    assert response.status_code == 200
    html = page(response)
    assert f'<html lang="{language}">' in html
    assert f'href="/{language}/questions/{threads["lt"]}/q"' in html


def test_filters_narrow_the_results_and_show_counts(search_client, threads):
    html = main(search_client.get("/en/search?q=permit"))
    assert re.search(r'<option value="work">[^<]*\(1\)</option>', html)
    assert re.search(r'<option value="residence-permits">[^<]*\(1\)</option>', html)
    narrowed = main(search_client.get("/en/search?q=permit&topic=work"))
    assert f'/questions/{threads["work"]}/q"' in narrowed
    assert f'/questions/{threads["renew"]}/q"' not in narrowed
    only_lt = main(search_client.get("/en/search?q=leidimas&language=lt"))
    assert f'/questions/{threads["lt"]}/q"' in only_lt


def test_sorting_by_date_and_back(search_client, threads):
    html = main(search_client.get("/en/search?q=permit&sort=date"))
    assert '<option value="date" selected>' in html
    assert html.index(f'/questions/{threads["work"]}/q"') < html.index(
        f'/questions/{threads["renew"]}/q"'
    )


def test_pages_link_to_each_other(search_client, post):
    for number in range(23):
        post(f"Residence permit question {number}")
    first = main(search_client.get("/en/search?q=residence+permit"))
    assert "Page 1 of 2" in first and 'rel="next"' in first and 'rel="prev"' not in first
    second = main(search_client.get("/en/search?q=residence+permit&page=2"))
    assert "Page 2 of 2" in second and 'rel="prev"' in second and 'rel="next"' not in second
    assert second.count('class="question-row"') == 3


def test_more_than_a_thousand_results_say_so(search_client, search_app, threads, monkeypatch):
    monkeypatch.setattr(search_app.extensions["search"].backend, "count_cap", 1)
    html = main(search_client.get("/en/search?q=permit"))
    assert "More than 1 results for “permit”" in html


def test_did_you_mean_offers_a_word_the_index_knows(search_client, threads):
    html = main(search_client.get("/en/search?q=leidmas"))
    assert "Did you mean:" in html
    assert 'href="/en/search?q=leidimas"' in html


def test_nothing_found_offers_to_ask(search_client, threads):
    html = main(search_client.get("/en/search?q=kangaroo"))
    assert "Nothing found for “kangaroo”" in html
    assert 'href="/en/questions/ask"' in html


def test_any_word_results_say_not_every_word_was_found(search_client, threads):
    html = main(search_client.get("/en/search?q=kangaroo+permit"))
    assert "No page has all of these words" in html
    assert "<mark>permit</mark>" in html


def test_the_empty_page_explains_what_to_type(search_client):
    html = main(search_client.get("/en/search"))
    assert "Type a few words" in html and 'id="search-q"' in html


BAD_INPUT = [
    ("q=", "Type a few words"),
    ("q=" + "a" * 2000, "only its beginning was used"),
    ("q=" + "permit+" * 300, "only its beginning was used"),
    ('q="', "Please search with words or numbers."),
    ("q=*", "Please search with words or numbers."),
    ("q=(", "Please search with words or numbers."),
    ("q=:", "Please search with words or numbers."),
    ("q=OR", "Nothing found for “OR”"),
    ("q=permit+OR", "permit"),
    ("q=" + quote('"permit* (OR: renewing)'), "permit"),
    ("q=" + quote("'; DROP TABLE question; --"), "Nothing found"),
    ("q=" + quote("permit' OR 1=1 --"), "permit"),
    ("q=" + quote("title:permit AND NOT body:x"), "permit"),
    ("q=" + quote("*:* OR content:[a TO z]"), "Nothing found"),
    ("q=" + quote("<script>alert(1)</script>"), "Nothing found"),
    ("q=permit&page=abc", "“abc” is not a page number"),
    ("q=permit&page=-3", "“-3” is not a page number"),
    ("q=permit&page=²", "“²” is not a page number"),
    ("q=permit&page=9", "There is no page 9 of these results"),
    ("q=permit&page=99999999999999999999", "Only the first 50 pages"),
    ("q=permit&topic=no-such-topic", "“no-such-topic” is not a filter we know"),
    ("q=permit&kind=rumour", "“rumour” is not a filter we know"),
    ("q=permit&language=xx", "“xx” is not a filter we know"),
    ("q=permit&answered=maybe", "“maybe” is not a filter we know"),
    ("q=permit&sort=" + quote("title desc"), "“title desc” is not a filter we know"),
]


@pytest.mark.parametrize(("query", "message"), BAD_INPUT, ids=[q[:40] for q, _ in BAD_INPUT])
def test_bad_input_gives_a_normal_page_with_a_clear_message(search_client, threads, query, message):
    response = search_client.get(f"/en/search?{query}")
    assert response.status_code == 200
    html = main(response)
    assert message in html
    assert "<script>alert" not in page(response)


def test_a_search_that_runs_out_of_time_says_so(search_client, search_app, monkeypatch):
    def slow(query: SearchQuery) -> SearchResults:
        return SearchResults(hits=[], total=0, total_is_exact=False, timed_out=True)

    monkeypatch.setattr(search_app.extensions["search"].backend, "search", slow)
    html = main(search_client.get("/en/search?q=permit"))
    assert "The search took too long" in html


def test_every_page_has_the_search_box(client):
    html = page(client.get("/lt/"))
    form = re.search(r'<form class="header-search" role="search"[^>]*>.*?</form>', html, re.S)
    assert form and 'action="/lt/search"' in form.group(0) and 'method="get"' in form.group(0)
    assert '<label for="site-search"' in form.group(0) and 'name="q"' in form.group(0)
    assert 'type="submit"' in form.group(0)


def test_similar_questions_use_the_index(client, post):
    post("How do I renew my residence permit for work?", answers=("Apply in MIGRIS.",))
    post("Where can I learn Lithuanian for free?", "residence permit renew")
    found = client.get("/en/questions/similar?title=renewing my residence permit").get_json()
    assert found["questions"] == [
        {
            "title": "How do I renew my residence permit for work?",
            "url": "/en/questions/1/q",
            "kind": "open",
            "label": "Open question",
            "answered": False,
        }
    ]


def test_searching_is_rate_limited(config):
    app = create_app({**config, "RATELIMIT_ENABLED": True, "SEARCH_RATE_LIMIT": "2 per minute"})
    client = app.test_client()
    assert [client.get("/en/search?q=permit").status_code for _ in range(3)] == [200, 200, 429]
    dispose(app)


def test_health_check_reports_the_search_index(client, app):
    assert client.get("/healthz").get_json() == {"status": "ok", "database": True, "search": True}
    app.extensions["health_checks"]["search"] = lambda: False
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["search"] is False
