"""Every demo content file (forum threads, knowledge-base articles, news) reads, keeps its
shape, names existing topics and demo people, records when and against what its facts were
checked, and the articles each carry official sources; a broken file says what is wrong."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.demo import DEMO_ACCOUNTS, DEMO_ORGANISATIONS
from app.extensions import db
from app.frontmatter import ContentFileError, content_files, read_sections
from app.models import Topic
from forum import demo_content as threads
from forum.demo_content import THREADS, read_thread
from forum.knowledge import demo_content as articles
from forum.knowledge.models import Article
from news import demo_content as news

LANGUAGES = ("lt", "en", "ru")
BASE_PEOPLE = {key for key, *_ in DEMO_ACCOUNTS}
MEMBERS = {"member"} | {person.key for person in threads.extra_members()}


@pytest.fixture
def topic_slugs(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Topic.slug)))


def test_every_thread_names_a_topic_a_demo_member_and_demo_answerers(topic_slugs):
    people = BASE_PEOPLE | MEMBERS
    for question in threads.questions():
        where = question.source_file
        assert question.topic in topic_slugs, where
        assert question.language in LANGUAGES, where
        assert 15 <= len(question.title) <= 150, where
        assert question.asker in MEMBERS, where
        assert 1 <= len(question.tags) <= 5 and 1 <= question.days_ago <= 120, where
        assert sum(answer.accepted for answer in question.answers) <= 1, where
        for answer in question.answers:
            assert answer.author in people and answer.author != question.asker, where
        assert question.checked_on <= date.today(), where
        if any(answer.author == "expert" for answer in question.answers):
            assert question.facts, f"{where}: an expert answer states rules, so facts need sources"
    titles = Counter(question.title for question in threads.questions())
    assert max(titles.values()) == 1


def test_every_demo_member_has_a_story_and_every_story_a_thread():
    people = {entry.key for entry in threads.extra_members()}
    askers = {question.asker for question in threads.questions()}
    assert people <= askers | {"samir"} and "samir" in askers
    entries = Path(threads.PEOPLE).read_text(encoding="utf-8")
    assert entries.count("story:") == len(people)


def test_at_least_eight_articles_in_each_language_each_with_official_sources():
    titles = {question.title: question for question in threads.questions()}
    per_language = Counter()
    slugs = set()
    for group in articles.groups():
        source = titles[group.question_title]  # made from a demo thread ...
        assert any(answer.accepted for answer in source.answers), group.source_file  # ... answered
        assert group.facts and group.checked_on <= date.today(), group.source_file
        for article in group.articles:
            per_language[article.language] += 1
            assert article.slug not in slugs
            slugs.add(article.slug)
            assert article.legal_basis and article.sources, (group.source_file, article.language)
            assert all(address.startswith(("https://", "http://")) for address in article.sources)
        assert len({article.language for article in group.articles}) == len(group.articles)
    assert all(per_language[code] >= 8 for code in LANGUAGES), per_language


def test_every_news_story_is_in_every_language_or_says_why_not():
    organisations = {values["slug"] for values in DEMO_ORGANISATIONS}
    for story in news.stories():
        languages = {item.language for item in story.items}
        assert languages == set(LANGUAGES) or story.missing_languages, story.source_file
        assert not story.organisation or story.organisation in organisations, story.source_file
        assert story.checked_on <= date.today(), story.source_file
        if story.kind == "event":
            assert story.in_days is not None, story.source_file


def test_the_seed_news_says_only_what_the_seeds_say():
    by_slug = {item.slug: item for story in news.stories() for item in story.items}
    monza = by_slug["epi-closing-conference-in-monza"]
    assert "Monza, Italy, on 30–31 May 2022" in monza.body
    for city in ("Cartagena", "Cluj-Napoca", "Dietzenbach", "Linköping", "Lublin", "Ravenna"):
        assert city in monza.body
    riga = by_slug["providus-mentoring-programme-presented-in-riga"]
    assert "19 June" in riga.body and "Avalon" in riga.body
    assert "does not give the year" in riga.body
    seeded = " ".join(item.body for item in by_slug.values())
    # no private persons and no personal contact details from the seed documents
    for private in ("Golubev", "67039261", "@providus.lv", "Kažoka", "Mangule", "Anisimov"):
        assert private not in seeded


def test_the_demo_loads_every_article_with_a_source(app, runner):
    assert runner.invoke(args=["mipas", "load-demo"]).exit_code == 0
    with app.app_context():
        loaded = list(db.session.scalars(select(Article)))
    assert len(loaded) == sum(len(group.articles) for group in articles.groups())
    assert all(article.source_addresses and article.is_published for article in loaded)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("no header at all\n", "must start with a line '---'"),
        ("---\ntopic: work\n", "not closed"),
        ("---\ntitle: a: b\n---\ntext\n", "not valid YAML"),
        (
            "---\ntopic: work\nlanguage: lt\ntitle: Klausimas apie darbą Lietuvoje\n"
            "asker: siarhei\ntags: [darbas]\ndays_ago: 3\nchecked_on: 2026-12-01\nfacts: []\n"
            "tpoic: x\n---\nKlausimas\n",
            "unknown names in a header: tpoic",
        ),
        (
            "---\ntopic: work\nlanguage: de\ntitle: Eine Frage zur Arbeit in Litauen\n"
            "asker: siarhei\ntags: [x]\ndays_ago: 3\nchecked_on: 2026-12-01\nfacts: []\n"
            "---\nFrage\n",
            "'language' must be one of",
        ),
        (
            "---\ntopic: work\nlanguage: lt\ntitle: Klausimas apie darbą Lietuvoje\nasker: siarhei"
            "\ntags: [x]\ndays_ago: 3\nchecked_on: 2026-12-01\nfacts:\n  - fact: A rule\n"
            "    source: migracija.lt\n---\nKlausimas\n",
            "a source must be a web address",
        ),
    ],
)
def test_a_broken_thread_file_says_what_is_wrong(tmp_path, text, problem):
    path = tmp_path / "broken.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentFileError) as raised:
        read_thread(path)
    assert problem in str(raised.value) and "broken.md" in str(raised.value)


def test_no_markdown_line_is_taken_for_a_header():
    for path in content_files(THREADS):
        for section in read_sections(path):
            assert "\n---\n" not in f"\n{section.text}\n", path.name
