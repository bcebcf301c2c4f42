"""Moderation services: flags, decisions on posts and threads, suspensions.

Claims on queue items are in moderation/claims.py, expert vetting in moderation/vetting.py,
the errors all three raise in moderation/errors.py.

Each function is one moderator action: it changes what it must, writes the audit log,
and commits once. Posts change state through forum.services, the forum's only writer.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.config import LANGUAGES
from app.extensions import db
from app.models import Topic, User, utcnow
from forum import notify
from forum import services as forum_services
from forum.knowledge import services as knowledge_services
from forum.models import Answer, Comment, NotificationKind, PostStatus, Question
from forum.signals import article_changed, publication_changed
from moderation import audit, claims
from moderation.errors import (  # noqa: F401 - the views catch them as services.*
    AlreadyDecided,
    AlreadyFlagged,
    ModerationError,
    ReasonRequired,
    already_decided,
)
from moderation.models import Flag
from news.signals import news_changed

POST_MODELS = {"question": Question, "answer": Answer, "comment": Comment}


def find_post(kind: str, post_id: int) -> Question | Answer | Comment | None:
    model = POST_MODELS.get(kind)
    return db.session.get(model, post_id) if model else None


def _snapshot(post) -> dict:
    return {"status": post.status, "hold_reason": post.hold_reason}


def _tell_author(post, kind: NotificationKind, actor: User, note: str = "") -> None:
    question = forum_services.thread_of(post)
    notify.one(post.author_id, question, kind, actor.id, note)


def approve(moderator: User, kind: str, post: Question | Answer | Comment) -> None:
    """Publish a held post; the author and the thread's followers are told."""
    if post.status != PostStatus.PENDING:
        raise already_decided(kind, post.id)
    before = _snapshot(post)
    forum_services.change_status(post, PostStatus.PUBLISHED, moderator.id)
    claims.release(kind, post.id)
    audit.record(moderator, "approve", kind, post.id, before=before, after=_snapshot(post))
    _tell_author(post, NotificationKind.POST_APPROVED, moderator)
    db.session.commit()


class PassagesNotFound(ModerationError):
    """Text to remove that is neither in the post nor in an earlier version of it."""

    def __init__(self, pieces: list[str]) -> None:
        super().__init__()
        self.pieces = pieces


def redaction_marker(question: Question) -> str:
    """What stands where text was removed, in the thread's language."""
    language = question.language if question.language in LANGUAGES else "en"
    with force_locale(language):
        return _("[removed by a moderator]")


def redact(
    moderator: User, kind: str, post, pieces: list[str], reason: str, approve: bool = False
) -> None:
    """Remove passages (personal data) from a post and from all its earlier versions.

    The audit log says who did it, why, and how much was removed; never the text. The
    author is told in their language. `approve`: publish the held post in the same step.
    """
    pieces = [piece.strip() for piece in pieces if piece.strip()]
    if not reason.strip():
        raise ReasonRequired
    if missing := forum_services.passages_not_found(kind, post, pieces):
        raise PassagesNotFound(missing)
    if approve and post.status != PostStatus.PENDING:
        raise already_decided(kind, post.id)
    question = forum_services.thread_of(post)
    done = forum_services.redact_post(kind, post, pieces, redaction_marker(question))
    _scrub_flag_notes(kind, post.id, pieces)
    after = {"passages": done.passages, "earlier_versions": done.revisions}
    audit.record(moderator, "redact", kind, post.id, reason.strip(), after=after)
    _tell_author(post, NotificationKind.POST_REDACTED, moderator, reason.strip())
    if approve:
        before = _snapshot(post)
        forum_services.change_status(post, PostStatus.PUBLISHED, moderator.id)
        audit.record(moderator, "approve", kind, post.id, before=before, after=_snapshot(post))
        _tell_author(post, NotificationKind.POST_APPROVED, moderator)
    claims.release(kind, post.id)
    db.session.commit()


def _scrub_flag_notes(kind: str, post_id: int, pieces: list[str]) -> None:
    """A flag's note may quote what it flags: it loses the removed text too."""
    for open_or_closed in db.session.scalars(
        select(Flag).where(Flag.post_kind == kind, Flag.post_id == post_id)
    ):
        for piece in pieces:
            open_or_closed.note = open_or_closed.note.replace(piece, "[…]")


def reject(moderator: User, kind: str, post, reason: str) -> None:
    """Turn down a held or hidden post; the author reads the reason in their language."""
    if not reason.strip():
        raise ReasonRequired
    if post.status not in (PostStatus.PENDING, PostStatus.HIDDEN):
        raise already_decided(kind, post.id)
    before = _snapshot(post)
    forum_services.change_status(post, PostStatus.REJECTED, moderator.id)
    _resolve_flags(kind, post.id)
    claims.release(kind, post.id)
    audit.record(moderator, "reject", kind, post.id, reason, before, _snapshot(post))
    _tell_author(post, NotificationKind.POST_REJECTED, moderator, reason.strip())
    db.session.commit()


def hide(moderator: User, kind: str, post, reason: str = "") -> None:
    if post.status != PostStatus.PUBLISHED:
        raise already_decided(kind, post.id)
    before = _snapshot(post)
    forum_services.change_status(post, PostStatus.HIDDEN, moderator.id)
    audit.record(moderator, "hide", kind, post.id, reason, before, _snapshot(post))
    db.session.commit()


def restore(moderator: User, kind: str, post) -> None:
    """Make a hidden post public again and close its flags."""
    if post.status != PostStatus.HIDDEN:
        raise already_decided(kind, post.id)
    before = _snapshot(post)
    forum_services.change_status(post, PostStatus.PUBLISHED, moderator.id)
    _resolve_flags(kind, post.id)
    claims.release(kind, post.id)
    audit.record(moderator, "restore", kind, post.id, before=before, after=_snapshot(post))
    db.session.commit()


def dismiss_flags(moderator: User, kind: str, post) -> None:
    """Keep a flagged post as it is and close its flags."""
    if not _resolve_flags(kind, post.id):
        raise already_decided(kind, post.id)
    claims.release(kind, post.id)
    audit.record(moderator, "dismiss_flags", kind, post.id)
    db.session.commit()


def _resolve_flags(kind: str, post_id: int) -> int:
    open_flags = db.session.scalars(
        select(Flag).where(
            Flag.post_kind == kind, Flag.post_id == post_id, Flag.resolved_at.is_(None)
        )
    ).all()
    for flag in open_flags:
        flag.resolved_at = utcnow()
    return len(open_flags)


def flag(member: User, kind: str, post, reason: str, note: str = "") -> bool:
    """Record a member's flag; return True if the post is hidden now because of flags."""
    db.session.add(
        Flag(post_kind=kind, post_id=post.id, user_id=member.id, reason=reason, note=note.strip())
    )
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise AlreadyFlagged from error
    open_flags = db.session.scalar(
        select(func.count(func.distinct(Flag.user_id))).where(
            Flag.post_kind == kind, Flag.post_id == post.id, Flag.resolved_at.is_(None)
        )
    )
    hidden = False
    if post.status == PostStatus.PUBLISHED and (
        member.is_staff or open_flags >= current_app.config["FLAG_HIDE_THRESHOLD"]
    ):
        before = _snapshot(post)
        forum_services.change_status(post, PostStatus.HIDDEN, member.id)
        audit.record(member, "hide_by_flags", kind, post.id, reason, before, _snapshot(post))
        hidden = True
    db.session.commit()
    return hidden


def close_question(
    moderator: User,
    question: Question,
    reason: str,
    note: str,
    duplicate_of: Question | None,
    merge: bool = False,
) -> None:
    """Close a question; a duplicate may also hand its answers to the question it repeats."""
    before = {"closed_reason": question.closed_reason, "duplicate_of": question.duplicate_of_id}
    question.closed_reason = reason
    question.closed_note = note.strip()
    question.duplicate_of = duplicate_of
    after: dict = {
        "closed_reason": reason,
        "duplicate_of": duplicate_of.id if duplicate_of else None,
    }
    if merge and duplicate_of is not None:
        after["answers_moved"] = forum_services.move_answers(question, duplicate_of)
        knowledge_services.follow_moved_answers(after["answers_moved"], duplicate_of.id)
    audit.record(moderator, "close", "question", question.id, note, before, after)
    db.session.commit()


def reopen_question(moderator: User, question: Question) -> None:
    before = {"closed_reason": question.closed_reason}
    question.closed_reason, question.closed_note, question.duplicate_of = "", "", None
    audit.record(moderator, "reopen", "question", question.id, before=before)
    db.session.commit()


def set_locked(moderator: User, question: Question, locked: bool, reason: str = "") -> None:
    if question.locked == locked:
        raise already_decided("question", question.id)
    question.locked = locked
    action = "lock" if locked else "unlock"
    audit.record(
        moderator,
        action,
        "question",
        question.id,
        reason,
        {"locked": not locked},
        {"locked": locked},
    )
    db.session.commit()


def move_question(moderator: User, question: Question, topic: Topic) -> None:
    before = {"topic": question.topic.slug}
    question.topic = topic
    audit.record(
        moderator, "move", "question", question.id, before=before, after={"topic": topic.slug}
    )
    db.session.commit()


def suspend(moderator: User, member: User, until: datetime, reason: str) -> None:
    if not reason.strip():
        raise ReasonRequired
    before = {"suspended_until": member.suspended_until}
    member.suspended_until = until
    member.suspension_reason = reason.strip()
    audit.record(
        moderator, "suspend", "member", member.id, reason, before, {"suspended_until": until}
    )
    db.session.commit()


def unsuspend(moderator: User, member: User) -> None:
    before = {"suspended_until": member.suspended_until}
    member.suspended_until = None
    member.suspension_reason = ""
    audit.record(moderator, "unsuspend", "member", member.id, before=before)
    db.session.commit()


@article_changed.connect
def record_article_action(
    article, action: str, actor: User, reason: str, before: dict, after: dict
) -> None:
    """Every knowledge-base action goes in the log; it ends the claim on what it settled."""
    audit.record(actor, action, "article", article.id, reason, before, after)
    if action in ("review_article", "archive_article"):
        claims.release("article", article.id)
    if action == "create_article" and article.source_answer_id is not None:
        claims.release("proposal", article.source_answer_id)


@publication_changed.connect
def record_publication_step(version, action: str, actor: User, before: dict, after: dict) -> None:
    """Each step of publishing a consultation goes in the log: who, which version, what state.

    Not the text: before consent it belongs to a private consultation.
    """
    audit.record(actor, action, "public_version", version.id, "", before, after)


@news_changed.connect
def record_news_action(item, action: str, actor: User, before: dict, after: dict) -> None:
    """Every news action goes in the log, in the action's own commit."""
    audit.record(actor, action, "news", item.id, "", before, after)
