"""The demo questions and answers, read from the files in forum/demo_threads/.

One file per thread: a header with the question's facts (topic, language, title, asker,
tags, when), the question's text, then one header and text per answer. Each file records
the day its statements of fact were checked and the official source of each (`checked_on`,
`facts`). people.yaml there lists the demo members and the life each one has in the threads,
so that a member's story stays the same from thread to thread. Nothing here touches the
database; forum/demo.py loads these into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from app.frontmatter import (
    LANGUAGES,
    CheckedFact,
    ContentFileError,
    check_keys,
    content_files,
    read_facts,
    read_sections,
    require,
)

THREADS = Path(__file__).parent / "demo_threads"
PEOPLE = THREADS / "people.yaml"

# The demo accounts created by app/demo.py; questions and answers refer to them by these keys.
BASE_PERSON_KEYS: tuple[str, ...] = ("member", "expert", "moderator", "admin")


@dataclass(frozen=True)
class DemoPerson:
    key: str  # "member", "expert", "moderator", "admin", or one of EXTRA_MEMBERS
    email: str  # <something>@mipas.example
    display_name: str
    language: str  # "lt" | "en" | "ru"


@dataclass(frozen=True)
class DemoAnswer:
    author: str  # a DemoPerson key; the asker never answers their own question
    body: str  # Markdown
    accepted: bool = False
    days_after: int = 0  # days after the question was asked


@dataclass(frozen=True)
class DemoPublicVersion:
    """The anonymised text a private consultation's asker agreed to publish."""

    title: str
    body: str  # Markdown
    answer: str  # Markdown, written from the accepted expert answer
    consented: bool = True  # False: it waits for the asker's decision


@dataclass(frozen=True)
class DemoQuestion:
    topic: str  # a topic slug
    language: str  # "lt" | "en" | "ru": the language of the question and its answers
    title: str  # 15-150 characters
    body: str  # Markdown, without personal data
    asker: str  # a DemoPerson key (members only)
    tags: tuple[str, ...]  # 1-5 lowercase tags in the question's language
    days_ago: int  # 1-120
    anonymous: bool = False
    answers: tuple[DemoAnswer, ...] = ()
    checked_on: date | None = None
    facts: tuple[CheckedFact, ...] = ()
    source_file: str = ""
    private: bool = False  # a private consultation
    public_version: DemoPublicVersion | None = None  # published with the asker's consent


QUESTION_KEYS = {"topic", "language", "title", "asker", "tags", "days_ago", "anonymous"}
QUESTION_KEYS |= {"checked_on", "facts", "visibility", "public_version"}
PUBLIC_VERSION_KEYS = ("title", "body", "answer")  # and "consented", true unless said
ANSWER_KEYS = {"author", "accepted", "days_after"}


def read_thread(path: Path) -> DemoQuestion:
    """One thread file as a DemoQuestion."""
    question, *answers = read_sections(path)
    meta = question.meta
    check_keys(path, meta, QUESTION_KEYS)
    language = require(path, meta, "language", str)
    if language not in LANGUAGES:
        raise ContentFileError(path, f"'language' must be one of {', '.join(LANGUAGES)}")
    checked_on, facts = read_facts(path, meta)
    if not question.text:
        raise ContentFileError(path, "the question has no text")
    demo_answers = []
    for answer in answers:
        check_keys(path, answer.meta, ANSWER_KEYS)
        if not answer.text:
            raise ContentFileError(path, "an answer has no text")
        demo_answers.append(
            DemoAnswer(
                author=require(path, answer.meta, "author", str),
                body=answer.text,
                accepted=answer.meta.get("accepted", False) is True,
                days_after=answer.meta.get("days_after", 0),
            )
        )
    visibility = meta.get("visibility", "public")
    if visibility not in ("public", "private"):
        raise ContentFileError(path, "'visibility' must be public or private")
    return DemoQuestion(
        topic=require(path, meta, "topic", str),
        language=language,
        title=require(path, meta, "title", str),
        body=question.text,
        asker=require(path, meta, "asker", str),
        tags=tuple(require(path, meta, "tags", list)),
        days_ago=require(path, meta, "days_ago", int),
        anonymous=meta.get("anonymous", False) is True,
        answers=tuple(demo_answers),
        checked_on=checked_on,
        facts=facts,
        source_file=path.name,
        private=visibility == "private",
        public_version=_public_version(path, meta, visibility),
    )


def _public_version(path: Path, meta: dict, visibility: str) -> DemoPublicVersion | None:
    if "public_version" not in meta:
        return None
    if visibility != "private":
        raise ContentFileError(path, "only a private consultation has a public version")
    version = require(path, meta, "public_version", dict)
    check_keys(path, version, {*PUBLIC_VERSION_KEYS, "consented"})
    consented = version.get("consented", True)
    if not isinstance(consented, bool):
        raise ContentFileError(path, "'consented' must be true or false")
    texts = (require(path, version, key, str) for key in PUBLIC_VERSION_KEYS)
    return DemoPublicVersion(*texts, consented=consented)


def read_people() -> tuple[DemoPerson, ...]:
    """The demo members besides the four base accounts, from people.yaml."""
    entries = yaml.safe_load(PEOPLE.read_text(encoding="utf-8"))
    return tuple(
        DemoPerson(entry["key"], entry["email"], entry["name"], entry["language"])
        for entry in entries
    )


@cache
def extra_members() -> tuple[DemoPerson, ...]:
    """More members, so that threads are not all one person's."""
    return read_people()


@cache
def questions() -> tuple[DemoQuestion, ...]:
    """Every demo thread, in file-name order."""
    return tuple(read_thread(path) for path in content_files(THREADS))


def __getattr__(name: str):
    # read on first use, never when the application starts (production never reads them)
    if name == "QUESTIONS":
        return questions()
    if name == "EXTRA_MEMBERS":
        return extra_members()
    raise AttributeError(name)
