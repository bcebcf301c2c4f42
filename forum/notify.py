"""Following threads and telling followers what happened, in the app and by e-mail."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import delete, func, select, update

from app import links
from app.extensions import db
from app.mail import mail_user
from app.models import User, utcnow
from app.navigation import AccountLink
from app.tasks import after_commit
from forum.models import Notification, NotificationKind, Question, Subscription

UNFOLLOW = "unfollow-thread"

__all__ = ["NotificationKind"]


def is_following(user_id: int, question_id: int) -> bool:
    return (
        db.session.scalar(
            select(Subscription.id).where(
                Subscription.user_id == user_id, Subscription.question_id == question_id
            )
        )
        is not None
    )


def follow_quietly(user_id: int, question_id: int) -> None:
    """Follow a thread as part of a larger change; the caller commits."""
    if not is_following(user_id, question_id):
        db.session.add(Subscription(user_id=user_id, question_id=question_id))


def follow(user: User, question: Question) -> None:
    follow_quietly(user.id, question.id)
    db.session.commit()


def unfollow(user_id: int, question_id: int) -> None:
    db.session.execute(
        delete(Subscription).where(
            Subscription.user_id == user_id, Subscription.question_id == question_id
        )
    )
    db.session.commit()


def unfollow_token(user_id: int, question_id: int) -> str:
    """The opaque token of the one-click link that stops `user_id` following a question."""
    return links.lasting(UNFOLLOW, user_id, {"question": question_id})


def read_unfollow_token(token: str) -> tuple[int, int] | None:
    """The follower and the question of an unfollow link, or None for a token we never made."""
    try:
        link = links.find(UNFOLLOW, token)
    except links.LinkInvalid:
        return None
    question_id = link.data.get("question")
    return (link.user_id, question_id) if isinstance(question_id, int) else None


def followers_of(question: Question, kind: NotificationKind, actor_id: int) -> None:
    """Notify everyone who follows `question`, except whoever caused the event."""
    followers = db.session.scalars(
        select(User)
        .join(Subscription, Subscription.user_id == User.id)
        .where(Subscription.question_id == question.id, User.id != actor_id)
    )
    for user in followers:
        _notify(user, question, kind, actor_id)


def one(
    user_id: int,
    question: Question,
    kind: NotificationKind,
    actor_id: int,
    note: str = "",
    always_mail: bool = False,
) -> None:
    """Notify one person; the caller commits, and the mail goes after the commit.

    `always_mail`: by e-mail too, whatever the person chose (urgent questions to the staff).
    """
    user = db.session.get(User, user_id)
    if user is not None:
        _notify(user, question, kind, actor_id, note, always_mail)


def _notify(
    user: User,
    question: Question,
    kind: NotificationKind,
    actor_id: int,
    note: str = "",
    always_mail: bool = False,
) -> None:
    if not user.is_active:
        return
    db.session.add(
        Notification(
            user_id=user.id, kind=kind.value, question_id=question.id, actor_id=actor_id, note=note
        )
    )
    if (user.email_notifications or always_mail) and user.is_confirmed:
        # links are made now, in the recipient's language; the mail goes after the commit
        context = {
            "kind": kind.value,
            "note": note,
            "urgent_reason": question.urgent_reason,
            "target_hours": current_app.config["URGENT_RESPONSE_HOURS"],
            "title": question.title,
            "link": url_for(
                "forum.thread",
                lang_code=user.language,
                question_id=question.id,
                slug=question.slug,
                _external=True,
            ),
            "unfollow_link": url_for(
                "forum.unfollow_by_link",
                lang_code=user.language,
                token=unfollow_token(user.id, question.id),
                _external=True,
            ),
            "settings_link": url_for("auth.profile", lang_code=user.language, _external=True),
        }
        after_commit(db.session, mail_user, user.id, "notification", context)


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
    )


def latest(user_id: int, limit: int = 50) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def mark_read_and_get(user_id: int, notification_id: int) -> Notification | None:
    item = db.session.get(Notification, notification_id)
    if item is None or item.user_id != user_id:
        return None
    item.read_at = item.read_at or utcnow()
    db.session.commit()
    return item


def mark_read(user_id: int, notification_id: int | None = None) -> None:
    """Mark one notification, or all of them, as read."""
    statement = update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        statement = statement.where(Notification.id == notification_id)
    db.session.execute(statement.values(read_at=utcnow()))
    db.session.commit()


def _unread_of_viewer() -> int:
    """The header's badge: read only when the header is drawn for a member."""
    return unread_count(current_user.id) if current_user.is_authenticated else 0


# the account menu's link to the notifications, with the unread count (registered in create_app)
NOTIFICATIONS_LINK = AccountLink(
    "forum.notifications",
    _l("Notifications"),
    _unread_of_viewer,
    lambda count: ngettext("%(num)d unread", "%(num)d unread", count),
)
