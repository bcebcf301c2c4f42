"""Read content files made of sections: a YAML header between two `---` lines, then Markdown.

The demo content is kept this way so that a person who checks facts, not a programmer, can
read and correct it. A file holds one or more sections; a line that is exactly `---` opens
or closes a header, so the Markdown itself never has such a line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

DELIMITER = "---"
LANGUAGES = ("lt", "en", "ru")


class ContentFileError(ValueError):
    """A content file that cannot be read as sections, or whose values are wrong."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path.name}: {problem}")
        self.path = path


@dataclass(frozen=True)
class Section:
    """One header and the Markdown text under it."""

    meta: dict
    text: str


def read_sections(path: Path) -> list[Section]:
    """The sections of one file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != DELIMITER:
        raise ContentFileError(path, "the file must start with a line '---'")
    sections: list[Section] = []
    position = 0
    while position < len(lines):
        # lines[position] is the '---' that opens a header
        try:
            closing = lines.index(DELIMITER, position + 1)
        except ValueError:
            raise ContentFileError(path, "a header is not closed with a line '---'") from None
        try:
            meta = yaml.safe_load("\n".join(lines[position + 1 : closing])) or {}
        except yaml.YAMLError as error:
            raise ContentFileError(path, f"the header is not valid YAML: {error}") from None
        if not isinstance(meta, dict):
            raise ContentFileError(path, "a header must be a list of 'name: value' lines")
        try:
            following = lines.index(DELIMITER, closing + 1)
        except ValueError:
            following = len(lines)
        sections.append(Section(meta, "\n".join(lines[closing + 1 : following]).strip()))
        position = following
    return sections


def content_files(folder: Path) -> list[Path]:
    """The Markdown content files of a folder, in name order."""
    return sorted(folder.glob("*.md"))


def require(path: Path, meta: dict, name: str, kind: type | tuple[type, ...]):
    """The value of `name` in a header, which must be there and of the given type."""
    if name not in meta:
        raise ContentFileError(path, f"'{name}' is missing")
    value = meta[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ContentFileError(path, f"'{name}' has a wrong value: {value!r}")
    return value


def check_keys(path: Path, meta: dict, allowed: set[str]) -> None:
    """Refuse names a header does not know (a misspelt name would be silently ignored)."""
    unknown = set(meta) - allowed
    if unknown:
        raise ContentFileError(path, f"unknown names in a header: {', '.join(sorted(unknown))}")


@dataclass(frozen=True)
class CheckedFact:
    """A statement of fact in the demo content and the official page that confirms it."""

    fact: str
    source: str  # an https:// address


def read_facts(path: Path, meta: dict) -> tuple[date, tuple[CheckedFact, ...]]:
    """The day a file's facts were checked and each fact with its source."""
    checked_on = require(path, meta, "checked_on", date)
    facts = []
    for item in require(path, meta, "facts", list):
        if not isinstance(item, dict) or set(item) != {"fact", "source"}:
            raise ContentFileError(path, "each fact needs a 'fact' and a 'source'")
        if not str(item["source"]).startswith(("https://", "http://")):
            raise ContentFileError(path, f"a source must be a web address: {item['source']}")
        facts.append(CheckedFact(str(item["fact"]), str(item["source"])))
    return checked_on, tuple(facts)


# the header names of one language's version of an article or a news item
TEXT_KEYS = {"language", "slug", "title", "summary"}


@dataclass(frozen=True)
class DemoText:
    """One language's version of a demo article or news item."""

    language: str  # "lt" | "en" | "ru"
    slug: str
    title: str
    summary: str
    body: str  # Markdown


def read_text(path: Path, section: Section, extra_keys: set[str]) -> dict:
    """A version's header and text as DemoText's fields; the feature reads `extra_keys`."""
    check_keys(path, section.meta, TEXT_KEYS | extra_keys)
    language = require(path, section.meta, "language", str)
    if language not in LANGUAGES or not section.text:
        raise ContentFileError(path, f"each version needs a language of {LANGUAGES} and a text")
    return {
        "language": language,
        "slug": require(path, section.meta, "slug", str),
        "title": require(path, section.meta, "title", str),
        "summary": require(path, section.meta, "summary", str),
        "body": section.text,
    }
