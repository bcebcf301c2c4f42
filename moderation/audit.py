"""Writing and reading the append-only audit log of moderator and admin actions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import User
from forum.signals import post_edited
from moderation.models import AuditEntry


def record(
    actor: User,
    action: str,
    target_kind: str,
    target_id: int,
    reason: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """Add one entry; the caller commits it together with the action itself."""
    db.session.add(
        AuditEntry(
            actor_id=actor.id,
            action=action,
            target_kind=target_kind,
            target_id=target_id,
            reason=reason,
            before=json.dumps(before or {}, ensure_ascii=False, default=str),
            after=json.dumps(after or {}, ensure_ascii=False, default=str),
        )
    )


@dataclass(frozen=True)
class AuditFilter:
    actor_id: int | None = None
    action: str = ""
    since: date | None = None
    until: date | None = None


def entries(filters: AuditFilter, limit: int = 200) -> list[AuditEntry]:
    query = select(AuditEntry).options(joinedload(AuditEntry.actor))
    if filters.actor_id:
        query = query.where(AuditEntry.actor_id == filters.actor_id)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.since:
        query = query.where(AuditEntry.created_at >= datetime.combine(filters.since, time(), UTC))
    if filters.until:
        end = datetime.combine(filters.until + timedelta(days=1), time(), UTC)
        query = query.where(AuditEntry.created_at < end)
    return list(
        db.session.scalars(
            query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)
        )
    )


def last_decision(target_kind: str, target_id: int) -> AuditEntry | None:
    """Who last acted on a target, to tell a second moderator that it is already done."""
    return db.session.scalar(
        select(AuditEntry)
        .where(AuditEntry.target_kind == target_kind, AuditEntry.target_id == target_id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(1)
    )


@post_edited.connect
def record_staff_edit(post, kind: str, editor: User, reason: str, before: dict) -> None:
    """Staff editing someone else's post is a moderator action: it goes in the log."""
    if editor.id != post.author_id:
        record(editor, "edit", kind, post.id, reason, before, {})
