"""News services: the only code that writes news items, one commit per action.

Each staff action is announced on `news.signals.news_changed` inside its transaction, so that
moderation can write its audit log in the same commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app import submissions
from app.config import LANGUAGES
from app.content import (
    ContentError,
    WrongState,
    free_slug,
    refuse_second_translation,
    save,
)
from app.extensions import db
from app.models import Organisation, User, utcnow
from app.submissions import Submission
from news.models import EVENT_TIME_ZONE, NewsGroup, NewsItem, NewsKind, NewsStatus
from news.signals import news_changed

# addresses under /news/ that are pages, not items
RESERVED_SLUGS = frozenset({"new"})


class UnknownOrganisation(ContentError):
    pass


class EventNeedsStart(ContentError):
    """An event without a start date cannot be announced."""


class EndsBeforeStart(ContentError):
    pass


@dataclass
class NewsDraft:
    """A news item as its editor wrote it, before it is saved."""

    title: str
    summary: str
    body: str
    language: str
    kind: str = NewsKind.NEWS.value
    slug: str = ""  # empty: made from the title
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    time_zone: str = EVENT_TIME_ZONE
    place: str = ""
    online: bool = False
    registration_url: str = ""
    organisation_id: int | None = None
    submission_key: str = ""  # the form's one-time key (app/submissions.py)

    @classmethod
    def of(cls, item: NewsItem) -> NewsDraft:
        """The draft that an existing item's edit form starts from."""
        return cls(
            title=item.title,
            summary=item.summary,
            body=item.body,
            language=item.language,
            kind=item.kind,
            slug=item.slug,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            time_zone=item.time_zone,
            place=item.place,
            online=item.online,
            registration_url=item.registration_url,
            organisation_id=item.organisation_id,
        )


def snapshot(item: NewsItem) -> dict:
    """What the audit log keeps of an item before and after a change."""
    event = ("starts_at", "ends_at", "time_zone", "place", "online", "registration_url")
    return item.snapshot(*event, "organisation_id", heading=("kind",))


def _announce(item: NewsItem, action: str, actor: User, before: dict) -> None:
    news_changed.send(item, action=action, actor=actor, before=before, after=snapshot(item))


def _check(draft: NewsDraft) -> None:
    if draft.language not in LANGUAGES or draft.kind not in set(NewsKind):
        raise ContentError(draft.language, draft.kind)
    if draft.organisation_id and db.session.get(Organisation, draft.organisation_id) is None:
        raise UnknownOrganisation(draft.organisation_id)
    if draft.kind == NewsKind.EVENT:
        if draft.starts_at is None:
            raise EventNeedsStart()
        if draft.ends_at is not None and draft.ends_at < draft.starts_at:
            raise EndsBeforeStart()


def _fill(item: NewsItem, draft: NewsDraft) -> None:
    event = draft.kind == NewsKind.EVENT
    item.kind = draft.kind
    item.write_text(draft.title, draft.summary, draft.body)
    # news has no date, place or sign-up of its own: keep none from an earlier event draft
    item.starts_at = draft.starts_at if event else None
    item.ends_at = draft.ends_at if event else None
    item.time_zone = draft.time_zone if event else EVENT_TIME_ZONE
    item.place = draft.place.strip() if event else ""
    item.online = draft.online if event else False
    item.registration_url = draft.registration_url.strip() if event else ""
    item.organisation_id = draft.organisation_id or None


def _save(
    item: NewsItem, action: str, actor: User, before: dict, claimed: Submission | None = None
) -> NewsItem:
    return save(item, lambda: _announce(item, action, actor, before), claimed)


def _new_item(author: User, group: NewsGroup, draft: NewsDraft) -> NewsItem:
    _check(draft)
    item = NewsItem(
        group=group,
        language=draft.language,
        slug=free_slug(NewsItem, draft.slug or draft.title, RESERVED_SLUGS),
        status=NewsStatus.DRAFT.value,
        author_id=author.id,
    )
    _fill(item, draft)
    db.session.add(item)
    return item


def create_item(author: User, draft: NewsDraft) -> NewsItem:
    """Start a draft news item or event, in a new group of its own."""
    claimed = submissions.claim(draft.submission_key, author.id, "news")
    return _save(_new_item(author, NewsGroup(), draft), "create_news", author, {}, claimed)


def create_translation(author: User, original: NewsItem, draft: NewsDraft) -> NewsItem:
    """Start a draft in another language of the original's group."""
    refuse_second_translation(NewsItem, original.group_id, draft.language)
    claimed = submissions.claim(draft.submission_key, author.id, "news")
    item = _new_item(author, original.group, draft)
    return _save(item, "translate_news", author, {}, claimed)


def edit_item(editor: User, item: NewsItem, draft: NewsDraft) -> None:
    """Change an item's text, dates, place or address; its state stays."""
    claimed = submissions.claim(draft.submission_key, editor.id, "news")
    _check(draft)
    before = snapshot(item)
    item.slug = free_slug(NewsItem, draft.slug or draft.title, RESERVED_SLUGS, item.id)
    _fill(item, draft)
    _save(item, "edit_news", editor, before, claimed)


def publish_item(curator: User, item: NewsItem) -> None:
    """Make a draft public, dated now."""
    if item.status != NewsStatus.DRAFT:
        raise WrongState(item.status)
    before = snapshot(item)
    item.status = NewsStatus.PUBLISHED.value
    item.published_at = item.updated_at = utcnow()
    _announce(item, "publish_news", curator, before)
    db.session.commit()


def unpublish_item(curator: User, item: NewsItem) -> None:
    """Take a published item back to a draft; it leaves the list, the feeds and search."""
    if item.status != NewsStatus.PUBLISHED:
        raise WrongState(item.status)
    before = snapshot(item)
    item.status = NewsStatus.DRAFT.value
    item.updated_at = utcnow()
    _announce(item, "unpublish_news", curator, before)
    db.session.commit()
