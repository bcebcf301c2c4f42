"""Links sent by mail: an opaque random token in the address, what it stands for on the server.

Addresses end up in access logs, browser histories and mail archives, so they carry nothing
readable: not an account id, not an address (a signed token such as itsdangerous writes is
only base64 and carried `{"user": 13, "email": ...}`). The token is a random string; the
database keeps its SHA-256 hash beside the account, the purpose and what it is about.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import JSON, ForeignKey, String, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import UTCDateTime, utcnow

INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}

# Links that were not opened within this time are removed when the account gets a new one.
KEPT_FOR = timedelta(days=7)


class LinkInvalid(Exception):
    """The token is unknown, used up, or for something else."""


class LinkExpired(LinkInvalid):
    """The token was right but is too old."""


class MailLink(db.Model):
    """One link sent by mail: whose, what for, and its details (an address, a question)."""

    __tablename__ = "mail_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(purpose: str, user_id: int, data: dict[str, Any] | None = None) -> str:
    """A new single-purpose token for `user_id`; the caller commits, then sends the mail."""
    db.session.execute(
        delete(MailLink).where(
            MailLink.user_id == user_id,
            MailLink.purpose == purpose,
            MailLink.created_at < utcnow() - KEPT_FOR,
        )
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        MailLink(token_hash=_hash(token), purpose=purpose, user_id=user_id, data=data or {})
    )
    return token


def lasting(purpose: str, user_id: int, data: dict[str, Any]) -> str:
    """The same token every time for the same purpose, account and details (one row).

    For links in many mails that must keep working, such as "stop following this question":
    the token is derived from the secret key, so it is not kept anywhere but in the mail.
    """
    message = f"{purpose}|{user_id}|{sorted(data.items())}".encode()
    key = current_app.config["SECRET_KEY"].encode()
    token = hmac.new(key, message, hashlib.sha256).hexdigest()
    token_hash = _hash(token)
    if db.session.scalar(select(MailLink.id).where(MailLink.token_hash == token_hash)) is None:
        # two mails made at once (two answers in one thread) must not fail each other's post
        insert = INSERTS[db.session.get_bind().dialect.name]
        db.session.execute(
            insert(MailLink)
            .values(
                token_hash=token_hash,
                purpose=purpose,
                user_id=user_id,
                data=data,
                created_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["token_hash"])
        )
    return token


def find(purpose: str, token: str, max_age: int | None = None) -> MailLink:
    """The link for `token`, if it is for `purpose`, unused and younger than `max_age` seconds."""
    if not token or len(token) > 100:
        raise LinkInvalid
    link = db.session.scalar(select(MailLink).where(MailLink.token_hash == _hash(token)))
    if link is None or link.purpose != purpose or link.used_at is not None:
        raise LinkInvalid
    if max_age is not None and link.created_at + timedelta(seconds=max_age) < utcnow():
        raise LinkExpired
    return link


def use_up(link: MailLink) -> None:
    """Make a link work only once; the caller commits."""
    link.used_at = utcnow()


def forget_user(user_id: int) -> None:
    """Remove every link of an account that is being deleted; the caller commits."""
    db.session.execute(delete(MailLink).where(MailLink.user_id == user_id))
