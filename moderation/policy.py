"""The submission policy: publish a new or edited post at once, or hold it for a moderator."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from app.screening import find_personal_data
from forum.models import Answer, Comment, PostStatus, Question
from forum.policy import Decision, Submission
from moderation.screening import find_spam_signals


class HoldReason:
    FIRST_POSTS = "first_posts"
    PERSONAL_DATA = "personal_data"
    SPAM = "spam"


def approved_posts(author: User) -> int:
    """How many of the author's posts are public now."""
    total = 0
    for model in (Question, Answer, Comment):
        total += db.session.scalar(
            select(func.count(model.id)).where(
                model.author_id == author.id, model.status == PostStatus.PUBLISHED
            )
        )
    return total


def recent_texts(author: User, limit: int = 20) -> list[str]:
    texts: list[str] = []
    for model in (Question, Answer, Comment):
        texts += db.session.scalars(
            select(model.body)
            .where(model.author_id == author.id)
            .order_by(model.created_at.desc())
            .limit(limit)
        )
    return texts


def decide(author: User, submission: Submission) -> Decision:
    """Publish staff posts; hold first posts, personal data and spam signals for review."""
    if author.is_staff:
        return Decision(publish=True)
    if author.is_suspended or not author.is_confirmed:
        # the views refuse these before they get here; a policy never publishes them
        return Decision(publish=False, reason=HoldReason.FIRST_POSTS)
    if find_personal_data(submission.text):
        return Decision(publish=False, reason=HoldReason.PERSONAL_DATA)
    config = current_app.config
    is_new = approved_posts(author) < config["PREMODERATION_POSTS"]
    signals = find_spam_signals(
        submission.text,
        author_is_new=is_new,
        blocklist=config["SPAM_BLOCKLIST"],
        recent_texts_by_author=[] if submission.is_edit else recent_texts(author),
    )
    if signals:
        return Decision(publish=False, reason=HoldReason.SPAM)
    if is_new and not submission.is_edit:
        return Decision(publish=False, reason=HoldReason.FIRST_POSTS)
    return Decision(publish=True)
