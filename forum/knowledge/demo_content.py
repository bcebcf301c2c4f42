"""The demo knowledge-base articles, read from the files in forum/knowledge/demo_articles/.

One file per subject, each made from a demo thread with an accepted answer: a first header
names the thread (`question_title`), the day the facts were checked and the official source
of each (`checked_on`, `facts`); then one header and text per language, with the article's
legal basis and the official pages it was checked against (`legal_basis`, `sources`).
Nothing here touches the database; forum/knowledge/demo.py loads these into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from app.frontmatter import (
    CheckedFact,
    ContentFileError,
    DemoText,
    Section,
    check_keys,
    content_files,
    read_facts,
    read_sections,
    read_text,
    require,
)

ARTICLES = Path(__file__).parent / "demo_articles"


@dataclass(frozen=True)
class DemoArticle(DemoText):
    legal_basis: str = ""
    sources: tuple[str, ...] = ()  # official web addresses


@dataclass(frozen=True)
class DemoGroup:
    """One subject: the demo thread it was made from and its articles, the original first."""

    question_title: str  # the title of a demo question with an accepted answer
    articles: tuple[DemoArticle, ...]
    checked_on: date
    facts: tuple[CheckedFact, ...] = ()
    source_file: str = ""


GROUP_KEYS = {"question_title", "checked_on", "facts"}
ARTICLE_KEYS = {"legal_basis", "sources"}


def read_article(path: Path, section: Section) -> DemoArticle:
    text = read_text(path, section, ARTICLE_KEYS)
    sources = tuple(str(address) for address in require(path, section.meta, "sources", list))
    if not sources or not all(address.startswith(("https://", "http://")) for address in sources):
        raise ContentFileError(path, f"the {text['language']} article needs official addresses")
    legal_basis = require(path, section.meta, "legal_basis", str)
    return DemoArticle(**text, legal_basis=legal_basis, sources=sources)


def read_group(path: Path) -> DemoGroup:
    """One subject's file as a DemoGroup."""
    group, *articles = read_sections(path)
    check_keys(path, group.meta, GROUP_KEYS)
    if group.text:
        raise ContentFileError(path, "the first header is about the subject and has no text")
    checked_on, facts = read_facts(path, group.meta)
    return DemoGroup(
        question_title=require(path, group.meta, "question_title", str),
        articles=tuple(read_article(path, item) for item in articles),
        checked_on=checked_on,
        facts=facts,
        source_file=path.name,
    )


@cache
def groups() -> tuple[DemoGroup, ...]:
    """Every demo subject, read on first use (never when the application starts)."""
    return tuple(read_group(path) for path in content_files(ARTICLES))
