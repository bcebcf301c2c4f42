"""New questions are announced to the experts of their topic; urgent ones also to moderators."""

from __future__ import annotations

from sqlalchemy import select

from app.config import LANGUAGES
from app.extensions import db
from app.models import Role, User
from forum import notify
from forum.models import NotificationKind, Question
from forum.signals import question_published, question_urgent
from moderation.models import ApplicationStatus, ExpertApplication


def experts_for(question: Question, every_language: bool = False) -> list[User]:
    """Active experts approved for the question's topic and language, not its author.

    A question in another language than the site's three goes to every expert of its
    topic: someone there may still read it, or know who can. `every_language`: every expert
    of the topic, whatever they read (an urgent question).
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
        in_language = (
            every_language or question.language in languages or question.language not in LANGUAGES
        )
        if question.topic.slug in application.topic_slugs and in_language and not user.is_suspended:
            experts.append(user)
    return experts


def moderators() -> list[User]:
    """Everyone who moderates: moderators and admins whose accounts can act."""
    people = db.session.scalars(
        select(User).where(
            User.role.in_([Role.MODERATOR.value, Role.ADMIN.value]), User.deleted_at.is_(None)
        )
    )
    return [person for person in people if person.is_confirmed and not person.is_suspended]


@question_published.connect
def alert_experts(question: Question, **_: object) -> None:
    """Notify the question's experts, in the transaction that makes it public."""
    if question.is_urgent:
        return  # they heard of it when it became urgent
    for expert in experts_for(question):
        notify.one(expert.id, question, NotificationKind.NEW_QUESTION, actor_id=question.author_id)


@question_urgent.connect
def alert_urgent(question: Question, **_: object) -> None:
    """An urgent question: its topic's experts and every moderator are e-mailed at once.

    Whatever their mail setting, and before a moderator has looked at it if it is held: an
    urgent question waiting for review is the one that most needs a moderator.
    """
    people = {person.id: person for person in [*experts_for(question, True), *moderators()]}
    for person_id in people:
        if person_id != question.author_id:
            notify.one(
                person_id,
                question,
                NotificationKind.URGENT_QUESTION,
                actor_id=question.author_id,
                always_mail=True,
            )
