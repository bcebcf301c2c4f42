"""Translated, publishable content: what knowledge-base articles and news items share.

A group is one subject or story; each of its items is the same text in one language, with its
own slug (address), title, summary, Markdown body and state. The features add only what differs:
sources and review dates for articles; kind, dates and place for news and events.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app import submissions
from app.config import LANGUAGES
from app.extensions import db
from app.frontmatter import DemoText
from app.markup import render_markdown
from app.models import UTCDateTime, utcnow
from app.submissions import Submission
from app.text import slugify

PUBLISHED = "published"
DRAFT = "draft"


class ContentError(Exception):
    """An action on an article or a news item that cannot be carried out as asked."""


class SlugTaken(ContentError):
    pass


class LanguageTaken(ContentError):
    """The group already has an item in that language."""

    def __init__(self, existing) -> None:
        super().__init__()
        self.existing = existing


class WrongState(ContentError):
    """The item is not in a state this action applies to (someone acted first)."""


class TranslationGroup:
    """A group's columns: one subject or story, whose items translate each other."""

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TranslatedContent:
    """An item's columns, in one language of its group (`__group_table__` names the group's)."""

    __group_table__: str

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(2))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @declared_attr
    def group_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey(f"{cls.__group_table__}.id"))

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED

    def write_text(self, title: str, summary: str, body: str) -> None:
        """Set the words, the body's HTML with them, and the time of the change."""
        self.title = title.strip()
        self.summary = summary.strip()
        self.body = body
        self.body_html = str(render_markdown(body))
        self.updated_at = utcnow()

    def snapshot(self, *columns: str, heading: tuple[str, ...] = ()) -> dict:
        """What the audit log keeps of the item before and after a change, in this order: its
        group, state, language and address, the feature's `heading` (what kind of item it is),
        its text, then the feature's other `columns`."""
        shared = ("group_id", "status", "language", "slug", *heading, "title", "summary", "body")
        return {name: getattr(self, name) for name in (*shared, *columns)}


def translations(item, published_only: bool) -> list:
    """The other items of the item's group, in the site's language order."""
    model = type(item)
    query = select(model).where(model.group_id == item.group_id, model.id != item.id)
    if published_only:
        query = query.where(model.status == PUBLISHED)
    found = list(db.session.scalars(query))
    return sorted(found, key=lambda other: LANGUAGES.index(other.language))


def free_slug(model, wanted: str, reserved: frozenset[str], item_id: int | None = None) -> str:
    """`wanted` as an address, unless another item of `model` or a page has it (SlugTaken)."""
    slug = slugify(wanted)
    taken = db.session.scalar(
        select(func.count(model.id)).where(model.slug == slug, model.id != (item_id or 0))
    )
    if taken or slug in reserved:
        raise SlugTaken(slug)
    return slug


def refuse_second_translation(model, group_id: int, language: str) -> None:
    """A group has one item per language: LanguageTaken names the one it has."""
    existing = db.session.scalar(
        select(model).where(model.group_id == group_id, model.language == language)
    )
    if existing is not None:
        raise LanguageTaken(existing)


def save(item, announce, claimed: Submission | None = None):
    """Flush, record the form's submission, announce (for the audit log) and commit: a slug
    taken by someone else at the same moment is still SlugTaken."""
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise SlugTaken(item.slug) from error
    submissions.saved(claimed, item.id)
    announce()
    db.session.commit()
    return item


def add_demo_item(model, group, text: DemoText, moment: datetime, **columns):
    """Add a demo item of `model` to `group`: a demo file's text (app/frontmatter.py), written
    at `moment`, with the feature's own `columns`."""
    item = model(group=group, language=text.language, slug=text.slug, **columns)
    item.write_text(text.title, text.summary, text.body)
    item.created_at = item.updated_at = moment
    db.session.add(item)
    return item
