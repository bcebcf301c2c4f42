"""New questions are announced to the experts of their topic who read their language."""

from __future__ import annotations

from sqlalchemy import select

from app.config import LANGUAGES
from app.extensions import db
from app.models import Role, User
from forum import notify
from forum.models import NotificationKind, Question
from forum.signals import question_published
from moderation.models import ApplicationStatus, ExpertApplication


def experts_for(question: Question) -> list[User]:
    """Active experts approved for the question's topic and language, not its author.

    A question in another language than the site's three goes to every expert of its
    topic: someone there may still read it, or know who can.
    """
    approved = db.session.execute(
        select(User, ExpertApplication)
        .join(ExpertApplication, ExpertApplication.user_id == User.id)
        .where(
            User.role == Role.EXPERT.value,
            User.deleted_at.is_(None),
            User.id != question.author_id,
            ExpertApplication.status == ApplicationStatus.APPROVED,
        )
        .order_by(ExpertApplication.decided_at)
    )
    # an expert's latest approval says what they answer now
    latest = {user.id: (user, application) for user, application in approved}
    experts = []
    for user, application in latest.values():
        languages = application.language_codes
        in_language = question.language in languages or question.language not in LANGUAGES
        if question.topic.slug in application.topic_slugs and in_language and not user.is_suspended:
            experts.append(user)
    return experts


@question_published.connect
def alert_experts(question: Question, **_: object) -> None:
    """Notify the question's experts, in the transaction that makes it public."""
    for expert in experts_for(question):
        notify.one(expert.id, question, NotificationKind.NEW_QUESTION, actor_id=question.author_id)
