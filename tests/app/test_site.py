"""Languages, addresses, error pages, security headers and the health check."""

from datetime import UTC, datetime

import pytest

from app import demo
from app.locale import LANGUAGE_COOKIE, MINUTES, format_moment


def text(response) -> str:
    return response.get_data(as_text=True)


def test_root_goes_to_lithuanian_by_default(client):
    assert client.get("/").headers["Location"] == "/lt/"


def test_root_follows_the_browser_language(client):
    response = client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert response.headers["Location"] == "/ru/"


def test_root_prefers_the_saved_choice_over_the_browser(client):
    client.get("/en/about")  # visiting a language saves it
    response = client.get("/", headers={"Accept-Language": "ru"})
    assert response.headers["Location"] == "/en/"


def test_an_unsupported_browser_language_falls_back_to_lithuanian(client):
    assert client.get("/", headers={"Accept-Language": "de"}).headers["Location"] == "/lt/"


def test_the_saved_choice_is_a_cookie(client):
    response = client.get("/ru/")
    assert f"{LANGUAGE_COOKIE}=ru" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("path", ["/de/", "/xx/about", "/EN/", "/lt-LT/"])
def test_an_unknown_language_prefix_is_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("lang", "html_lang", "words"),
    [("lt", "lt", "Temos"), ("en", "en", "Topics"), ("ru", "ru", "Темы")],
)
def test_home_page_lists_the_topics_in_each_language(client, lang, html_lang, words):
    page = text(client.get(f"/{lang}/"))
    assert f'<html lang="{html_lang}">' in page
    assert words in page
    residence = {"lt": "Leidimai gyventi", "en": "Residence permits", "ru": "Вид на жительство"}
    assert residence[lang] in page
    assert page.count('class="card"') >= 12


def test_the_switcher_keeps_the_page_and_its_query(client):
    page = text(client.get("/en/organisations/?page=2"))
    assert 'href="/lt/organisations/?page=2"' in page
    assert 'href="/ru/organisations/?page=2"' in page
    assert 'hreflang="ru" href="http://localhost/ru/organisations/?page=2"' in page


def test_pages_name_their_alternates_and_canonical(client):
    page = text(client.get("/ru/about"))
    assert '<link rel="canonical" href="http://localhost/ru/about">' in page
    for lang in ("lt", "en", "ru"):
        assert (
            f'<link rel="alternate" hreflang="{lang}" href="http://localhost/{lang}/about">' in page
        )


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/lt/nera-tokio", "Puslapis nerastas"),
        ("/en/no-such-page", "Page not found"),
        ("/ru/net-takoy", "Страница не найдена"),
    ],
)
def test_not_found_pages_are_translated(client, path, title):
    response = client.get(path)
    assert response.status_code == 404
    assert title in text(response)


def test_a_topic_that_does_not_exist_is_not_found(client):
    assert client.get("/en/topics/no-such-topic").status_code == 404


def test_an_organisation_page_lists_its_experts(client, app, make_user):
    with app.app_context():
        demo.load()
    page = text(client.get("/en/organisations/red-cross-lithuania"))
    assert "Lithuanian Red Cross Society" in page
    assert "Expert Laura" in page
    assert client.get("/en/organisations/nobody").status_code == 404


def test_security_headers(client):
    headers = client.get("/en/").headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_other_sites(client):
    page = text(client.get("/en/"))
    for marker in ('src="http', "src='http", 'href="//', "@import"):
        assert marker not in page


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": True, "search": True}


def test_robots_keep_crawlers_out_of_accounts(client):
    assert "Disallow: /lt/account/" in text(client.get("/robots.txt"))


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("lt", "2026-11-05 18:13"),
        ("en", "Nov 5, 2026, 6:13\u202fPM"),
        ("ru", "5 нояб. 2026\u202fг., 18:13"),
    ],
)
def test_posts_are_dated_to_the_minute_in_lithuanian_time(app, lang, shown):
    with app.test_request_context(f"/{lang}/"):
        app.preprocess_request()
        assert format_moment(datetime(2026, 11, 5, 16, 13, 41, tzinfo=UTC), MINUTES) == shown
