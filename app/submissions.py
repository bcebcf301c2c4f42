"""One-time submission keys: a form that is sent twice saves its post once.

Every form that creates content carries a random key, made when the form is drawn. The
service that saves the post records the key in the same transaction, with what it created.
When the same key comes again (a browser resending after a worker died between the commit
and the answer, a double click, the back button), nothing new is saved: the person is shown
the post that was.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import g, has_request_context, request
from sqlalchemy import ForeignKey, String, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from app.extensions import db
from app.models import UTCDateTime, utcnow

FIELD_NAME = "submission_key"
KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# A repeat comes within minutes; keys of older submissions are let go.
KEPT_FOR = timedelta(days=1)


class Submission(db.Model):
    """A submission key a member used, and the post it saved (kind and id)."""

    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20), default="")
    object_id: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@dataclass(frozen=True)
class Saved:
    """What an earlier submission with the same key saved."""

    kind: str
    object_id: int | None


class Resubmitted(Exception):
    """The key was used before: the post it saved is `saved`."""

    def __init__(self, saved: Saved) -> None:
        super().__init__(saved.kind, saved.object_id)
        self.saved = saved


# g: the keys made for this request's forms
ISSUED = "submission_keys_issued"


def new_key() -> str:
    key = secrets.token_urlsafe(24)
    if has_request_context():
        g.setdefault(ISSUED, []).append(key)
    return key


def issued_keys() -> list[str]:
    """The keys made for the forms of this request's page: the page cache gives each reader
    of a kept page fresh ones in their place."""
    return list(g.get(ISSUED, ()))


def _well_formed(value: str | None) -> str:
    """A key as sent, or a new one if it is missing or not the shape we make."""
    return value if isinstance(value, str) and KEY_SHAPE.match(value) else new_key()


def submission_key_field() -> HiddenField:
    """The hidden field that carries a form's key (drawn by `form.hidden_tag()`)."""
    return HiddenField(default=new_key, filters=[_well_formed])


def sent_before(form, user) -> Saved | None:
    """What an earlier sending of this very form saved (the same key), when it is sent again."""
    if request.method != "POST":
        return None
    return earlier(getattr(form, FIELD_NAME).data, user.id)


def earlier(key: str | None, user_id: int) -> Saved | None:
    """What `user_id` saved with `key` before, if anything."""
    if not key:
        return None
    row = db.session.execute(
        select(Submission.kind, Submission.object_id).where(
            Submission.user_id == user_id, Submission.key == key
        )
    ).first()
    return Saved(row.kind, row.object_id) if row else None


def claim(key: str | None, user_id: int, kind: str) -> Submission | None:
    """Take `key` for a post being saved, in the caller's transaction; the caller then calls
    `saved` and commits. Raises Resubmitted when the key was used already.

    Called first in a service: a second request with the same key waits at this insert until
    the first one's transaction ends (PostgreSQL's unique index, SQLite's one writer), then
    fails on the unique key, and nothing of it is saved.
    """
    if not key:
        return None
    db.session.execute(
        delete(Submission).where(
            Submission.user_id == user_id, Submission.created_at < utcnow() - KEPT_FOR
        )
    )
    row = Submission(user_id=user_id, key=key, kind=kind)
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise Resubmitted(earlier(key, user_id) or Saved(kind, None)) from error
    return row


def saved(row: Submission | None, object_id: int) -> None:
    """Note the id of the post a claimed key saved; the caller commits."""
    if row is not None:
        row.object_id = object_id


def forget_user(user_id: int) -> None:
    """Remove an account's keys when it is deleted; the caller commits."""
    db.session.execute(delete(Submission).where(Submission.user_id == user_id))
