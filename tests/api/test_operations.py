"""The partner API as a partner's code and a partner's developer meet it."""

from __future__ import annotations

import re

import pytest

from app import create_app
from app.extensions import db
from app.models import utctoday
from forum.knowledge import queries as knowledge_queries
from forum.knowledge.models import Article
from tests.api.conftest import every_page
from tests.conftest import dispose

LISTS = [
    "/api/v1/articles",
    "/api/v1/news",
    "/api/v1/events",
    "/api/v1/questions",
    "/api/v1/topics",
    "/api/v1/organisations",
    "/api/v1/search?q=leidimas",
]


@pytest.fixture
def client(shared_demo):
    return shared_demo.test_client()


@pytest.mark.parametrize("address", LISTS)
def test_lists_are_public_cacheable_json_readable_from_other_sites(client, address):
    response = client.get(address, headers={"Origin": "https://partner.example"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json()["items"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "public" in response.headers["Cache-Control"]
    assert response.headers["ETag"]
    assert "Set-Cookie" not in response.headers


def test_a_partner_page_may_ask_before_reading(client):
    response = client.options(
        "/api/v1/articles",
        headers={"Origin": "https://partner.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]


def test_pages_follow_each_other_without_repeats_or_gaps(client):
    one_page = client.get("/api/v1/questions?limit=50").get_json()["items"]
    walked = every_page(client, "/api/v1/questions?limit=3")
    assert [q["id"] for q in walked] == [q["id"] for q in one_page]
    assert len(walked) > 3
    articles = every_page(client, "/api/v1/articles?limit=2&lang=en")
    assert len({a["slug"] for a in articles}) == len(articles) > 2


def test_the_language_comes_from_lang_or_accept_language(client):
    by_header = client.get("/api/v1/topics", headers={"Accept-Language": "ru,en;q=0.5"})
    by_parameter = client.get("/api/v1/topics?lang=en", headers={"Accept-Language": "ru"})
    assert by_header.headers["Content-Language"] == "ru"
    assert by_header.get_json()["items"][0]["name"] == "Вид на жительство"
    assert by_parameter.get_json()["language"] == "en"
    assert by_parameter.get_json()["items"][0]["name"] == "Residence permits"
    assert "Accept-Language" in by_parameter.headers["Vary"]


def test_an_article_has_its_sources_dates_translations_and_both_texts(client, shared_demo):
    listed = client.get("/api/v1/articles?lang=en").get_json()["items"][0]
    article = client.get(f"/api/v1/articles/{listed['slug']}?lang=en").get_json()
    assert article["language"] == "en"
    assert article["sources"] and article["sources"][0].startswith("http")
    assert article["checked_on"] and article["review_due"]
    assert article["stale"] is False
    assert {t["language"] for t in article["translations"]} == {"lt", "ru"}
    assert article["body_markdown"] and "<p>" in article["body_html"]
    assert article["url"].endswith(f"/en/kb/{listed['slug']}")


def test_an_article_past_its_review_date_is_stale(demo_app):
    # a site of its own: the shared one is only read
    app = demo_app
    with app.app_context():
        article = db.session.scalar(db.select(Article).where(Article.language == "en"))
        article.review_due = utctoday()
        slug = article.slug
        db.session.commit()
    response = app.test_client().get(f"/api/v1/articles/{slug}")
    assert response.get_json()["stale"] is True


def test_events_have_place_time_zone_and_registration(client):
    events = client.get("/api/v1/events?lang=en").get_json()["items"]
    assert events
    for event in events:
        assert event["kind"] == "event"
        assert event["starts_at"] and event["time_zone"] == "Europe/Vilnius"
        assert "place" in event and "online" in event and "registration_url" in event


def test_a_question_comes_with_its_accepted_or_expert_answer(client):
    listed = client.get("/api/v1/questions?lang=en").get_json()["items"]
    assert all(q["answered"] for q in listed)
    found = client.get(f"/api/v1/questions/{listed[0]['id']}").get_json()
    assert found["answer"]["accepted"] or found["answer"]["by_expert"]
    assert found["answer"]["body_html"] and found["answer"]["body_markdown"]
    assert "author" not in found


def test_search_uses_the_sites_index(client):
    hits = client.get("/api/v1/search?q=MIGRIS&lang=en").get_json()["items"]
    assert hits
    assert all("/en/" in hit["url"] for hit in hits)
    assert any("<mark>" in hit["snippet_html"] for hit in hits)


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/articles?colour=blue",
        "/api/v1/articles?cursor=not-a-cursor",
        "/api/v1/questions?cursor=eDox",  # a cursor of another list
        "/api/v1/questions?limit=51",
        "/api/v1/questions?limit=-1",
        "/api/v1/news?lang=de",
        "/api/v1/articles?topic=no-such-topic",
        "/api/v1/search",
    ],
)
def test_bad_input_is_a_400_problem_document(client, address):
    response = client.get(address, headers={"Accept-Language": "lt"})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 400
    assert problem["title"] == "Netinkama užklausa"


@pytest.mark.parametrize(
    "address", ["/api/v1/articles/no-such-article", "/api/v1/questions/99999", "/api/v1/nowhere"]
)
def test_what_is_not_there_is_a_404_problem_document(client, address):
    response = client.get(address)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_writing_is_refused_with_a_problem_document(client):
    response = client.post("/api/v1/articles")
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("address", ["/api/v1/articles", "/api/v1/topics", "/api/v1/questions"])
def test_a_conditional_get_is_answered_304(client, address):
    first = client.get(address)
    again = client.get(address, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""
    other_language = client.get(
        address, headers={"If-None-Match": first.headers["ETag"], "Accept-Language": "ru"}
    )
    assert other_language.status_code == 200


def test_a_copy_newer_than_the_last_change_is_answered_304(client):
    first = client.get("/api/v1/articles")
    since = first.headers["Last-Modified"]
    assert client.get("/api/v1/articles", headers={"If-Modified-Since": since}).status_code == 304


def test_the_openapi_description_covers_every_operation(client):
    response = client.get("/api/v1/openapi.json")
    spec = response.get_json()
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {
        "/api/v1/articles",
        "/api/v1/articles/{slug}",
        "/api/v1/news",
        "/api/v1/news/{slug}",
        "/api/v1/events",
        "/api/v1/questions",
        "/api/v1/questions/{question_id}",
        "/api/v1/topics",
        "/api/v1/organisations",
        "/api/v1/search",
    }


@pytest.mark.parametrize(
    ("language", "heading"),
    [("lt", "API partneriams"), ("en", "API for partners"), ("ru", "API для партнёров")],
)
def test_the_docs_page_is_translated_and_needs_no_script(client, language, heading):
    page = client.get(f"/{language}/api/").get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in page
    assert "curl " in page and "/api/v1/openapi.json" in page
    assert "mipas-widget" in page
    # everything is in the HTML; the only script is the widget's, from this site
    assert re.findall(r"<script(?![^>]*\ssrc=)", page) == []


def test_api_goes_to_the_docs_in_the_visitors_language(client):
    response = client.get("/api/", headers={"Accept-Language": "ru"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ru/api/")


def test_the_widget_script_is_served_from_mipas_itself(client):
    response = client.get("/api/static/widget.js")
    assert response.status_code == 200
    script = response.get_data(as_text=True)
    assert "/api/v1/articles" in script
    assert "innerHTML" not in script and "eval(" not in script
    response.close()


def test_a_failure_on_our_side_is_a_500_problem_document(config, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(knowledge_queries, "published_articles", broken)
    app = create_app({**config, "PROPAGATE_EXCEPTIONS": False})
    try:
        response = app.test_client().get("/api/v1/articles", headers={"Accept-Language": "ru"})
    finally:
        dispose(app)
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["title"] == "Ошибка сервера"
