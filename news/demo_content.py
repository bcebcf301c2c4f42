"""The demo news and events, read from the files in news/demo_stories/.

One file per story: a first header with what the story is (news or an event: when, for how
long, online or not, which organisation), the day its facts were checked and the official
source of each (`checked_on`, `facts`), and, when a language is missing, why
(`missing_languages`); then one header and text per language. Nothing here touches the
database; news/demo.py loads these into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from app import frontmatter
from app.frontmatter import CheckedFact, ContentFileError, DemoText, read_text
from news.models import EVENT_TIME_ZONE

STORIES_FOLDER = Path(__file__).parent / "demo_stories"


@dataclass(frozen=True)
class DemoItem(DemoText):
    place: str = ""


@dataclass(frozen=True)
class DemoStory:
    """One group: news (days_ago or published_on) or an event (starts in_days at hour)."""

    items: tuple[DemoItem, ...]
    kind: str = "news"
    organisation: str = ""
    days_ago: int = 0
    published_on: date | None = None  # a fixed publication day, instead of days_ago
    in_days: int | None = None
    hour: int = 17
    hours: int = 2
    online: bool = False
    registration_url: str = ""
    time_zone: str = EVENT_TIME_ZONE
    published: bool = True
    missing_languages: str = ""  # why the story is not in every language
    checked_on: date | None = None
    facts: tuple[CheckedFact, ...] = ()
    source_file: str = ""


STORY_KEYS = {"kind", "organisation", "days_ago", "published_on", "in_days", "hour", "hours"}
STORY_KEYS |= {"online", "registration_url", "time_zone", "published", "missing_languages"}
STORY_KEYS |= {"checked_on", "facts"}
ITEM_KEYS = {"place"}


def read_story(path: Path) -> DemoStory:
    """One story's file as a DemoStory."""
    story, *items = frontmatter.read_sections(path)
    meta = story.meta
    frontmatter.check_keys(path, meta, STORY_KEYS)
    if story.text:
        raise ContentFileError(path, "the first header is about the story and has no text")
    checked_on, facts = frontmatter.read_facts(path, meta)
    demo_items = [
        DemoItem(**read_text(path, item, ITEM_KEYS), place=str(item.meta.get("place", "")))
        for item in items
    ]
    kind = meta.get("kind", "news")
    if kind not in {"news", "event"}:
        raise ContentFileError(path, "'kind' is news or event")
    return DemoStory(
        items=tuple(demo_items),
        kind=kind,
        organisation=str(meta.get("organisation", "")),
        days_ago=int(meta.get("days_ago", 0)),
        published_on=meta.get("published_on"),
        in_days=frontmatter.require(path, meta, "in_days", int) if kind == "event" else None,
        hour=int(meta.get("hour", 17)),
        hours=int(meta.get("hours", 2)),
        online=meta.get("online", False) is True,
        registration_url=str(meta.get("registration_url", "")),
        time_zone=str(meta.get("time_zone", EVENT_TIME_ZONE)),
        published=meta.get("published", True) is not False,
        missing_languages=str(meta.get("missing_languages", "")),
        checked_on=checked_on,
        facts=facts,
        source_file=path.name,
    )


@cache
def stories() -> tuple[DemoStory, ...]:
    """Every demo story, read on first use (never when the application starts)."""
    return tuple(read_story(path) for path in frontmatter.content_files(STORIES_FOLDER))
