"""MIPAS in numbers: the few figures safe to publish, over the last 90 days.

Every figure is an aggregate over many questions; a count under SMALLEST_SHOWN is shown as
"fewer than 5", and a median over fewer answers is not shown, so nothing leads to a person.
Private consultations are counted, never described.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import Role, User, utcnow
from app.navigation import AboutLink
from forum.models import PostStatus, Question
from moderation.response_times import LanguageResponseTimes, response_times

WINDOW_DAYS = 90
SMALLEST_SHOWN = 5

# the page in the footer and on the About page (app/navigation.py)
NUMBERS_LINK = AboutLink(
    "moderation.numbers",
    _l("MIPAS in numbers"),
    _l("MIPAS in numbers: how many questions were answered, and how fast"),
)


@dataclass(frozen=True)
class Count:
    """A count as it may be published: None when under SMALLEST_SHOWN."""

    value: int | None

    @classmethod
    def of(cls, number: int) -> Count:
        return cls(number if number >= SMALLEST_SHOWN else None)


@dataclass(frozen=True)
class PublicFigures:
    days: int
    answered: Count  # questions asked in the window that have a public answer
    expert_share: float | None  # of those, answered by a verified expert; None if too few
    response_times: list[LanguageResponseTimes]  # only languages with enough answers
    experts: Count
    organisations: Count


def public_figures(now: datetime | None = None) -> PublicFigures:
    """The published figures for the last WINDOW_DAYS days."""
    now = now or utcnow()
    since = now - timedelta(days=WINDOW_DAYS)
    asked = (
        Question.created_at >= since,
        Question.status.in_([PostStatus.PUBLISHED.value, PostStatus.HIDDEN.value]),
    )
    answered = db.session.scalar(
        select(func.count(Question.id)).where(*asked, Question.answer_count > 0)
    )
    by_expert = db.session.scalar(
        select(func.count(Question.id)).where(*asked, Question.first_expert_answer_at.is_not(None))
    )
    experts = db.session.execute(
        select(func.count(User.id), func.count(func.distinct(User.organisation_id))).where(
            User.role == Role.EXPERT.value, User.deleted_at.is_(None)
        )
    ).one()
    times = [
        language
        for language in response_times(now, days=WINDOW_DAYS)
        if language.answered >= SMALLEST_SHOWN and language.language != "other"
    ]
    # the share is a fraction of `answered`: published only when both counts are
    reached = max(answered, by_expert)
    return PublicFigures(
        days=WINDOW_DAYS,
        answered=Count.of(reached),
        expert_share=(
            by_expert / reached
            if reached >= SMALLEST_SHOWN and by_expert >= SMALLEST_SHOWN
            else None
        ),
        response_times=times,
        experts=Count.of(experts[0]),
        organisations=Count.of(experts[1]),
    )
