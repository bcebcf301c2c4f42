"""Atom feeds of news, questions and the knowledge base: well-formed, published content only."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from app.extensions import db
from app.models import Topic, User
from forum.knowledge.models import Article, ArticleGroup
from forum.models import Question

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.data)  # noqa: S314 - the app's own output
    assert root.tag == f"{ATOM}feed"
    return root


def titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def test_the_news_feed_is_valid_atom_in_its_language(client, write):
    write("Residence permits now through MIGRIS", language="en", summary="Apply in <MIGRIS> & go.")
    write("Leidimai gyventi per MIGRIS", language="lt")
    root = feed(client, "/feeds/en/news.xml")
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert root.find(ATOM + required) is not None, required
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {
        "self": "http://localhost/feeds/en/news.xml",
        "alternate": "http://localhost/en/news/",
    }
    assert titles(root) == ["Residence permits now through MIGRIS"]
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/en/news/")
    assert entry.find(f"{ATOM}content").get("type") == "html"
    # the summary is plain text carried as HTML: escaped, so that no tag comes out of it
    assert entry.findtext(f"{ATOM}summary") == "Apply in &lt;MIGRIS&gt; &amp; go."
    assert "<p>" in entry.findtext(f"{ATOM}content")


def test_drafts_and_unpublished_items_never_reach_the_feed(client, write, sign_in, moderator):
    write("A draft that must stay inside", published=False)
    taken_back = write("Published, then taken back")
    sign_in(moderator.email)
    client.post(f"/en/news/{taken_back.slug}/unpublish")
    assert titles(feed(client, "/feeds/en/news.xml")) == []


def test_the_feed_holds_the_newest_fifty(client, write):
    for number in range(52):
        write(f"News item number {number:02d} about permits")
    shown = titles(feed(client, "/feeds/en/news.xml"))
    assert len(shown) == 50
    assert shown[0] == "News item number 51 about permits"


@pytest.fixture
def content(app, make_user):
    """Questions in Russian (published, hidden) and articles in Lithuanian (published, draft)."""
    author = make_user("expert")
    with app.app_context():
        topic = db.session.scalar(db.select(Topic).limit(1))
        for title, status in (("Как продлить ВНЖ?", "published"), ("Скрытый вопрос", "hidden")):
            db.session.add(
                Question(topic_id=topic.id, author_id=author.id, title=title, slug="q",
                         body="Текст", body_html="<p>Текст</p>", language="ru", status=status)
            )  # fmt: skip
        group = ArticleGroup()
        for title, status in (("Leidimo gyventi keitimas", "published"), ("Juodraštis", "draft")):
            db.session.add(
                Article(group=group if status == "published" else ArticleGroup(), language="lt",
                        slug=title.lower().replace(" ", "-"), title=title, summary="Santrauka",
                        body="Tekstas", body_html="<p>Tekstas</p>", topic_id=topic.id,
                        status=status, checked_on=date(2026, 1, 1), review_due=date(2027, 1, 1),
                        created_by_id=author.id, updated_by_id=author.id)
            )  # fmt: skip
        db.session.commit()
        assert db.session.get(User, author.id)


def test_the_questions_feed_has_published_questions_of_its_language(client, content):
    assert titles(feed(client, "/feeds/ru/questions.xml")) == ["Как продлить ВНЖ?"]
    assert titles(feed(client, "/feeds/en/questions.xml")) == []


def test_the_knowledge_base_feed_has_published_articles(client, content):
    assert titles(feed(client, "/feeds/lt/kb.xml")) == ["Leidimo gyventi keitimas"]


def test_pages_name_their_feed(client, write):
    item = write("Residence permits now through MIGRIS")
    feed_link = 'type="application/atom+xml" title="MIPAS news and events" href="http://localhost/feeds/en/news.xml"'
    assert feed_link in client.get("/en/news/").get_data(as_text=True)
    assert feed_link in client.get(f"/en/news/{item.slug}").get_data(as_text=True)
    assert "/feeds/ru/questions.xml" in client.get("/ru/questions/").get_data(as_text=True)
    assert "/feeds/lt/kb.xml" in client.get("/lt/kb/").get_data(as_text=True)


def test_a_feed_nobody_registered_is_not_found_and_the_home_page_announces_the_three(client):
    assert client.get("/feeds/en/comments.xml").status_code == 404
    home = client.get("/en/").get_data(as_text=True)
    announced = [
        line
        for line in home.splitlines()
        if 'type="application/atom+xml"' in line and "rel=" in line
    ]
    for name in ("news", "questions", "kb"):
        assert any(f"/feeds/en/{name}.xml" in line for line in announced), name
