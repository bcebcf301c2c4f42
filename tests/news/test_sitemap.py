"""/sitemap.xml names every public page, with its language versions, and nothing unpublished."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from app import sitemap
from app.extensions import db
from app.models import Topic
from forum.models import Question

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def xml(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers["Content-Type"] == "application/xml; charset=utf-8"
    return ET.fromstring(response.data)  # noqa: S314 - the app's own output


def addresses(client) -> dict[str, dict[str, str]]:
    """Every address in the sitemap, with its alternates by language."""
    index = xml(client, "/sitemap.xml")
    found = {}
    for loc in index.iter(f"{SITEMAP}loc"):
        part = xml(client, loc.text.removeprefix("http://localhost"))
        for url in part.findall(f"{SITEMAP}url"):
            found[url.findtext(f"{SITEMAP}loc")] = {
                link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
            }
    return found


def test_the_sitemap_lists_public_pages_with_their_languages(app, client, write, make_user):
    original = write("Residence permits now through MIGRIS", language="en")
    russian = write("Вид на жительство через MIGRIS", language="ru", translation_of=original.slug)
    draft = write("A draft that must stay out", published=False)
    asker = make_user("member")
    with app.app_context():
        topic = db.session.scalar(db.select(Topic).where(Topic.slug == "work"))
        for title, status in (("Public question", "published"), ("Pending question", "pending")):
            db.session.add(
                Question(topic_id=topic.id, author_id=asker.id, title=title, slug=title.lower()
                         .replace(" ", "-"), body="b", body_html="<p>b</p>", language="en",
                         status=status)
            )  # fmt: skip
        db.session.commit()
    found = addresses(client)
    home = {code: f"http://localhost/{code}/" for code in ("lt", "en", "ru")}
    assert found["http://localhost/lt/"] == home
    assert "http://localhost/ru/topics/work" in found
    assert "http://localhost/en/news/" in found
    # an item's address in its own language, with its translations as alternates
    news_versions = {
        "en": f"http://localhost/en/news/{original.slug}",
        "ru": f"http://localhost/ru/news/{russian.slug}",
    }
    assert found[news_versions["en"]] == news_versions
    assert found[news_versions["ru"]] == news_versions
    assert not any(draft.slug in address for address in found)
    threads = [address for address in found if "/questions/" in address and "question" in address]
    assert any(address.endswith("/public-question") for address in threads)
    assert not any(address.endswith("/pending-question") for address in threads)


def test_large_sources_are_split_into_files(app, client, monkeypatch, write):
    for number in range(3):
        write(f"News item number {number} about permits")
    monkeypatch.setattr(sitemap, "PAGES_PER_FILE", 2)
    index = xml(client, "/sitemap.xml")
    files = [loc.text for loc in index.iter(f"{SITEMAP}loc") if "/sitemaps/news-" in loc.text]
    # the list page and three stories, two pages a file
    assert files == ["http://localhost/sitemaps/news-1.xml", "http://localhost/sitemaps/news-2.xml"]
    second = xml(client, "/sitemaps/news-2.xml")
    assert len(second.findall(f"{SITEMAP}url")) == 2
    assert client.get("/sitemaps/news-3.xml").status_code == 404


@pytest.mark.parametrize("path", ["/sitemaps/nothing-1.xml", "/sitemaps/news-0.xml"])
def test_unknown_sitemap_files_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_robots_names_the_sitemap(client):
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in robots


def test_every_address_in_the_demo_sitemap_opens(app, client, runner):
    runner.invoke(args=["mipas", "load-demo"])
    found = addresses(client)
    assert len(found) > 100
    for address, alternates in found.items():
        for link in {address, *alternates.values()}:
            path = link.removeprefix("http://localhost")
            assert client.get(path).status_code == 200, path
