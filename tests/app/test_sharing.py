"""What people see about MIPAS and what social networks are told: the About page with the
aims, the funding line, the social accounts, Open Graph and Twitter cards, the feeds."""

from __future__ import annotations

import re
from html import unescape

import pytest

from app.config import ConfigurationError, environment_overrides

SHARE_IMAGE = "http://localhost/static/img/mipas-share.png"


def meta(page: str) -> dict[str, str]:
    """The page's Open Graph and Twitter card properties."""
    found = re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', page)
    return {name: unescape(value) for name, value in found}


@pytest.mark.parametrize(
    ("lang", "aim", "funding"),
    [
        (
            "lt",
            "trečiųjų šalių piliečių migraciją, prieglobstį, integraciją ir grįžimą",
            "Prieglobsčio, migracijos ir integracijos fondo",
        ),
        (
            "en",
            "migration, asylum, integration and return of third-country nationals",
            "Asylum, Migration and Integration Fund",
        ),
        (
            "ru",
            "миграции, убежище, интеграции и возвращении граждан третьих стран",
            "Фонда убежища, миграции и интеграции",
        ),
    ],
)
def test_the_about_page_gives_the_aims_and_the_funding(client, lang, aim, funding):
    page = client.get(f"/{lang}/about").get_data(as_text=True)
    main = page.split('id="main"')[1].split("</main>")[0]
    assert aim in main
    assert funding in main and "Diversity Development Group" in main
    assert "2017" in main and "2022" in main
    footer = page.split('class="site-footer"')[1]
    assert funding in footer  # and the footer of every page


def test_a_deployment_changes_or_removes_the_funding_line_and_lists_its_social_accounts(
    config, request
):
    overrides = environment_overrides(
        {
            "FUNDING_NOTICE_EN": "Funded by the city of Vilnius.",
            "FUNDING_NOTICE_LT": "",
            "SOCIAL_ACCOUNTS": "Facebook=https://www.facebook.com/mipas, Mastodon=https://m.example/@mipas",
        }
    )
    config.update(overrides)
    client = request.getfixturevalue("app").test_client()
    english = client.get("/en/").get_data(as_text=True)
    assert "Funded by the city of Vilnius." in english
    assert "Asylum, Migration and Integration Fund" not in english
    assert 'class="funding"' not in client.get("/lt/").get_data(as_text=True)
    assert "Фонда убежища" in client.get("/ru/").get_data(as_text=True)  # the default stays
    footer = english.split('class="site-footer"')[1]
    assert '<a href="https://www.facebook.com/mipas" rel="me noopener">Facebook</a>' in footer
    assert '<a href="https://m.example/@mipas" rel="me noopener">Mastodon</a>' in footer
    with pytest.raises(ConfigurationError):
        environment_overrides({"SOCIAL_ACCOUNTS": "Facebook"})


def test_without_social_accounts_the_footer_names_none(client):
    assert "MIPAS on social networks" not in client.get("/en/").get_data(as_text=True)


def test_the_home_page_announces_the_atom_feeds(client):
    page = client.get("/lt/").get_data(as_text=True)
    atom = r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"'
    feeds = re.findall(atom, page)
    assert feeds == [
        "http://localhost/feeds/lt/news.xml",
        "http://localhost/feeds/lt/questions.xml",
        "http://localhost/feeds/lt/kb.xml",
    ]
    for address in feeds:
        assert client.get(address.removeprefix("http://localhost")).status_code == 200


def test_every_page_has_a_card_with_the_sites_own_image(client):
    card = meta(client.get("/ru/about").get_data(as_text=True))
    assert card["og:title"] == "О MIPAS"
    assert card["og:url"] == "http://localhost/ru/about" and card["og:locale"] == "ru_RU"
    assert card["og:image"] == SHARE_IMAGE == card["twitter:image"]
    assert card["twitter:card"] == "summary_large_image" and card["og:description"]
    image = client.get("/static/img/mipas-share.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")


def test_threads_articles_news_and_events_are_shared_with_their_own_words(app, client, runner):
    runner.invoke(args=["mipas", "load-demo"])
    thread = re.search(
        r'href="(/en/questions/\d+/[^"]+)"', client.get("/en/questions/").get_data(as_text=True)
    ).group(1)
    card = meta(client.get(thread).get_data(as_text=True))
    assert card["og:type"] == "article" and card["og:url"] == f"http://localhost{thread}"
    assert card["og:title"] and card["og:description"] and card["og:locale"] == "en_GB"

    shown = client.get("/ru/kb/renewing-a-temporary-residence-permit").get_data(as_text=True)
    article = meta(shown)
    assert article["og:title"] == "Replacing (renewing) a temporary residence permit"
    assert article["og:description"].startswith("Apply through MIGRIS 4 months before")
    assert article["og:url"] == "http://localhost/en/kb/renewing-a-temporary-residence-permit"
    assert article["og:locale"] == "en_GB"  # the article's language, not the page's

    for slug, language in (
        ("epi-baigiamoji-konferencija-monzoje", "lt_LT"),
        ("online-information-session-for-newcomers", "en_GB"),
    ):
        item = meta(client.get(f"/en/news/{slug}").get_data(as_text=True))
        assert item["og:locale"] == language and item["og:url"].endswith(f"/news/{slug}")
        assert item["og:description"] and item["twitter:title"] == item["og:title"]
