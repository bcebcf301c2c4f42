"""How long askers wait for an expert: the median and 90th percentile, per language, in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Float, and_, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from app.extensions import db
from app.models import utcnow
from forum.models import PostStatus, Question

WINDOW_DAYS = 30


class seconds_between(FunctionElement):
    """later - earlier in seconds, on SQLite and on PostgreSQL."""

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between, "sqlite")
def _seconds_between_sqlite(element, compiler, **kw) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"


@compiles(seconds_between, "postgresql")
def _seconds_between_postgresql(element, compiler, **kw) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"


@dataclass(frozen=True)
class LanguageResponseTimes:
    """One content language's response times over the window."""

    language: str
    answered: int  # questions whose first expert answer came in the window
    median: timedelta | None
    p90: timedelta | None
    waiting: int  # questions asked in the window still without an expert answer


def response_times(
    now: datetime | None = None, days: int = WINDOW_DAYS
) -> list[LanguageResponseTimes]:
    """Time from asking to the first public expert answer, for answers of the last `days` days.

    Ranked with window functions (both databases have them; SQLite has no percentile
    function): the median averages the middle one or two, the 90th percentile is the
    nearest rank, ceil(0.9 n).
    """
    since = (now or utcnow()) - timedelta(days=days)
    waited = seconds_between(Question.first_expert_answer_at, Question.created_at)
    ranked = (
        select(
            Question.language.label("language"),
            waited.label("waited"),
            func.row_number()
            .over(partition_by=Question.language, order_by=waited)
            .label("position"),
            func.count().over(partition_by=Question.language).label("total"),
        )
        .where(Question.first_expert_answer_at >= since)
        .subquery()
    )
    row = ranked.c
    middle = (row.position == (row.total + 1) // 2) | (row.position == (row.total + 2) // 2)
    answered = db.session.execute(
        select(
            row.language,
            func.max(row.total),
            func.avg(case((middle, row.waited))),
            func.max(case((row.position == (row.total * 9 + 9) // 10, row.waited))),
        ).group_by(row.language)
    )
    stats = {language: (total, median, p90) for language, total, median, p90 in answered}
    waiting = dict(
        db.session.execute(
            select(Question.language, func.count(Question.id))
            .where(
                and_(
                    Question.created_at >= since,
                    Question.first_expert_answer_at.is_(None),
                    Question.status.in_([PostStatus.PUBLISHED.value, PostStatus.PENDING.value]),
                )
            )
            .group_by(Question.language)
        ).all()
    )
    languages = sorted(set(stats) | set(waiting), key=_language_order)
    return [
        LanguageResponseTimes(
            language=language,
            answered=stats.get(language, (0, None, None))[0],
            median=_seconds(stats.get(language, (0, None, None))[1]),
            p90=_seconds(stats.get(language, (0, None, None))[2]),
            waiting=waiting.get(language, 0),
        )
        for language in languages
    ]


def _seconds(value) -> timedelta | None:
    return None if value is None else timedelta(seconds=round(float(value)))


def _language_order(language: str) -> tuple[int, str]:
    order = ("lt", "en", "ru")
    return (order.index(language) if language in order else len(order), language)
