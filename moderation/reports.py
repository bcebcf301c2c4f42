"""Staff reports: figures over a date range, computed in SQL on SQLite and PostgreSQL.

Each report is a table (columns and rows of plain values) and a chart of the same figures;
the page, the SVG chart and the CSV download all draw on the one `Report`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext as _n
from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from app.extensions import db
from app.models import Organisation, Topic, User, utcnow
from forum.knowledge.models import Article
from forum.models import Answer, Comment, PostHold, PostStatus, Question, Visibility
from moderation.models import AuditEntry, Flag
from moderation.response_times import seconds_between
from search.models import UnmatchedSearch

LANGUAGES = ("lt", "en", "ru", "other")
HOUR = 3600.0
DAY = 24 * HOUR
UNMATCHED_SHOWN = 200


class week_start(FunctionElement):
    """The Monday (UTC) of a timestamp's week, on SQLite and on PostgreSQL; read it with _day.

    PostgreSQL gives the date. SQLite gives the Monday's Julian day number divided by 7 (a
    Monday's is a multiple of 7): integer arithmetic on one julianday() per row, where date()
    with modifiers parses and formats a string, over 100,000 rows.
    """

    name = "week_start"
    inherit_cache = True


@compiles(week_start, "sqlite")
def _week_start_sqlite(element, compiler, **kw) -> str:
    (moment,) = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(CAST(julianday({moment}) + 0.5 AS INTEGER) / 7)"


@compiles(week_start, "postgresql")
def _week_start_postgresql(element, compiler, **kw) -> str:
    (moment,) = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(date_trunc('week', {moment}) AS DATE)"


@dataclass(frozen=True)
class DateRange:
    """Whole days, both ends included, in UTC."""

    since: date
    until: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.since, time(), tzinfo=UTC)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.until + timedelta(days=1), time(), tzinfo=UTC)

    def weeks(self) -> list[date]:
        first = self.since - timedelta(days=self.since.weekday())
        return [first + timedelta(weeks=n) for n in range((self.until - first).days // 7 + 1)]


def default_range(today: date) -> DateRange:
    """The last 12 weeks, today included."""
    return DateRange(today - timedelta(weeks=12) + timedelta(days=1), today)


@dataclass(frozen=True)
class Column:
    label: object  # a lazy string
    kind: str = "count"  # text, week, count, share (0..1), hours


@dataclass
class Report:
    slug: str
    title: object
    description: object
    columns: list[Column]
    rows: list[tuple]
    chart: str = "bar"  # bar, stacked, line, hbar
    # the columns the chart draws, by position; the first column labels the x axis
    chart_columns: tuple[int, ...] = ()
    notes: list[object] = field(default_factory=list)
    # for a table with one row per week and language (or topic): the column whose values
    # become the chart's series, those values in their order, and every week of the period
    series_column: int | None = None
    series: list = field(default_factory=list)
    x_values: list = field(default_factory=list)


# date.toordinal() of the day whose Julian day number is 0
JULIAN_DAY_ORDINAL = -1721425


def _day(value) -> date:
    """A date from the database: a week_start on either database, or a date as text."""
    if isinstance(value, date):
        return value
    if isinstance(value, int):
        return date.fromordinal(value * 7 + JULIAN_DAY_ORDINAL)
    return date.fromisoformat(str(value)[:10])


def _in(column, period: DateRange):
    return and_(column >= period.start, column < period.end)


def _hours(seconds) -> float | None:
    return None if seconds is None else round(float(seconds) / HOUR, 1)


def _percentiles(source, keys: list[str], *extra: Callable):
    """count, median and 90th percentile of source.c.value per `keys` (nearest rank for p90).

    `extra` makes further aggregates of the ranked rows (given their columns), in one pass.
    """
    group = [source.c[key] for key in keys]
    ranked = select(
        *group,
        source.c.value.label("value"),
        func.row_number().over(partition_by=group, order_by=source.c.value).label("position"),
        func.count().over(partition_by=group).label("total"),
    ).subquery()
    row = ranked.c
    middle = (row.position == (row.total + 1) // 2) | (row.position == (row.total + 2) // 2)
    return select(
        *(row[key] for key in keys),
        func.max(row.total),
        func.avg(case((middle, row.value))),
        func.max(case((row.position == (row.total * 9 + 9) // 10, row.value))),
        *(aggregate(row) for aggregate in extra),
    ).group_by(*(row[key] for key in keys))


def _asked():
    return Question.status.not_in([PostStatus.REJECTED.value])


def questions_per_week(period: DateRange) -> Report:
    # count(*) throughout: PostgreSQL then answers from ix_question_report without the table
    week = week_start(Question.created_at)
    counts = db.session.execute(
        select(week, Question.language, Question.visibility, func.count())
        .where(_in(Question.created_at, period), _asked())
        .group_by(week, Question.language, Question.visibility)
    ).all()
    table = {monday: [0] * 7 for monday in period.weeks()}
    for monday, language, visibility, number in counts:
        row = table.setdefault(_day(monday), [0] * 7)
        row[LANGUAGES.index(language) if language in LANGUAGES else 3] += number
        row[4 if visibility == Visibility.PUBLIC else 5] += number
        row[6] += number
    return Report(
        "questions",
        _l("Questions asked per week"),
        _l("Questions asked each week, by content language and by who may read them."),
        [
            Column(_l("Week of"), "week"),
            Column(_l("Lithuanian")),
            Column(_l("English")),
            Column(_l("Russian")),
            Column(_l("Other languages")),
            Column(_l("Public")),
            Column(_l("Private consultations")),
            Column(_l("All questions")),
        ],
        [(monday, *values) for monday, values in sorted(table.items())],
        chart="stacked",
        chart_columns=(1, 2, 3, 4),
    )


def questions_per_topic(period: DateRange) -> Report:
    """Questions asked each week in each topic, public and private, named in the page language."""
    week = week_start(Question.created_at)
    public = func.sum(case((Question.visibility == Visibility.PUBLIC.value, 1), else_=0))
    counts = db.session.execute(
        select(week, Question.topic_id, public, func.count())
        .where(_in(Question.created_at, period), _asked())
        .group_by(week, Question.topic_id)
    ).all()
    topics = sorted(db.session.scalars(select(Topic)), key=lambda t: (t.position, t.name))
    order = {topic.id: position for position, topic in enumerate(topics)}
    names = {topic.id: topic.name for topic in topics}
    counts.sort(key=lambda row: (_day(row[0]), order.get(row[1], len(order))))
    shown = {topic_id for _monday, topic_id, _public, _total in counts}
    return Report(
        "topics",
        _l("Questions asked per week, by topic"),
        _l("Questions asked each week in each topic, public and private consultations apart."),
        [
            Column(_l("Week of"), "week"),
            Column(_l("Topic"), "text"),
            Column(_l("Public")),
            Column(_l("Private consultations")),
            Column(_l("All questions")),
        ],
        [
            (_day(monday), names[topic_id], int(public), total - int(public), total)
            for monday, topic_id, public, total in counts
        ],
        chart="stacked",
        chart_columns=(4,),
        series_column=1,
        series=[topic.name for topic in topics if topic.id in shown],
        x_values=period.weeks(),
    )


def response_times_per_week(period: DateRange) -> Report:
    waited = seconds_between(Question.first_expert_answer_at, Question.created_at)
    where = (_in(Question.created_at, period), _asked())
    week = week_start(Question.created_at)
    source = (
        select(week.label("week"), Question.language.label("language"), waited.label("value"))
        .where(*where, Question.first_expert_answer_at.is_not(None))
        .subquery()
    )
    answered = {
        (_day(monday), language): (total, median, p90, int(day), int(three_days))
        for monday, language, total, median, p90, day, three_days in db.session.execute(
            _percentiles(
                source,
                ["week", "language"],
                lambda row: func.sum(case((row.value <= DAY, 1), else_=0)),
                lambda row: func.sum(case((row.value <= 3 * DAY, 1), else_=0)),
            )
        )
    }
    rows = []
    for monday, language, asked in db.session.execute(
        select(week, Question.language, func.count())
        .where(*where)
        .group_by(week, Question.language)
    ):
        total, median, p90, day, three_days = answered.get(
            (_day(monday), language), (0, None, None, 0, 0)
        )
        rows.append(
            (
                _day(monday),
                language,
                asked,
                _hours(median),
                _hours(p90),
                day / asked,
                three_days / asked,
                (asked - total) / asked,
            )
        )
    rows.sort(key=lambda row: (row[0], _language_order(row[1])))
    return Report(
        "response-times",
        _l("Time to the first expert answer"),
        _l(
            "For the questions asked each week, per content language: the median and 90th "
            "percentile of hours until the first public answer of a verified expert, and the "
            "share answered within 24 hours, within 72 hours, and not yet."
        ),
        [
            Column(_l("Week of"), "week"),
            Column(_l("Language"), "language"),
            Column(_l("Questions")),
            Column(_l("Median, hours"), "hours"),
            Column(_l("90th percentile, hours"), "hours"),
            Column(_l("Within 24 hours"), "share"),
            Column(_l("Within 72 hours"), "share"),
            Column(_l("Not answered"), "share"),
        ],
        rows,
        chart="line",
        chart_columns=(3, 4),
        series_column=1,
        series=sorted({row[1] for row in rows}, key=_language_order),
        x_values=period.weeks(),
    )


AGE_LIMITS = (
    (1, _l("Under a day")),
    (3, _l("1–3 days")),
    (7, _l("3–7 days")),
    (28, _l("1–4 weeks")),
)
OLDEST_AGE = _l("Over 4 weeks")


def unanswered_by_age(period: DateRange, now: datetime | None = None) -> Report:
    now = now or utcnow()
    bucket = case(
        *(
            (Question.created_at > now - timedelta(days=days), position)
            for position, (days, _label) in enumerate(AGE_LIMITS)
        ),
        else_=len(AGE_LIMITS),
    )
    counts = db.session.execute(
        select(bucket, Question.language, func.count())
        .where(
            _in(Question.created_at, period),
            Question.status == PostStatus.PUBLISHED.value,
            Question.answer_count == 0,
        )
        .group_by(bucket, Question.language)
    ).all()
    labels = [label for _days, label in AGE_LIMITS] + [OLDEST_AGE]
    table = [[label, 0, 0, 0, 0, 0] for label in labels]
    for position, language, number in counts:
        table[position][1 + (LANGUAGES.index(language) if language in LANGUAGES else 3)] += number
        table[position][5] += number
    return Report(
        "unanswered",
        _l("Unanswered questions by age"),
        _l("Public questions asked in the period that have no answer yet, by how long they wait."),
        [
            Column(_l("Waiting"), "text"),
            Column(_l("Lithuanian")),
            Column(_l("English")),
            Column(_l("Russian")),
            Column(_l("Other languages")),
            Column(_l("All questions")),
        ],
        [tuple(row) for row in table],
        chart="bar",
        chart_columns=(5,),
    )


def urgent_against_target(period: DateRange, now: datetime | None = None) -> Report:
    now = now or utcnow()
    target = current_app.config["URGENT_RESPONSE_HOURS"] * HOUR
    waited = seconds_between(Question.first_expert_answer_at, Question.urgent_at)
    answered = Question.first_expert_answer_at.is_not(None)
    week = week_start(Question.urgent_at)
    counts = db.session.execute(
        select(
            week,
            func.count(Question.id),
            func.sum(case((and_(answered, waited <= target), 1), else_=0)),
            func.sum(case((and_(answered, waited > target), 1), else_=0)),
            func.sum(case((answered, 0), else_=1)),
        )
        .where(_in(Question.urgent_at, period), Question.urgent_reason != "", _asked())
        .group_by(week)
    ).all()
    table = {monday: (0, 0, 0, 0) for monday in period.weeks()}
    table.update({_day(monday): tuple(int(n) for n in numbers) for monday, *numbers in counts})
    return Report(
        "urgent",
        _l("Urgent questions against their response target"),
        _n(
            "Questions marked urgent each week: answered by an expert within the target of "
            "%(num)d hour, answered later, and still waiting.",
            "Questions marked urgent each week: answered by an expert within the target of "
            "%(num)d hours, answered later, and still waiting.",
            current_app.config["URGENT_RESPONSE_HOURS"],
        ),
        [
            Column(_l("Week of"), "week"),
            Column(_l("Urgent questions")),
            Column(_l("Within the target")),
            Column(_l("Later")),
            Column(_l("Still waiting")),
        ],
        [(monday, *values) for monday, values in sorted(table.items())],
        chart="stacked",
        chart_columns=(2, 3, 4),
    )


POST_MODELS = {"question": Question, "answer": Answer, "comment": Comment}


# the moderator actions the moderation report counts, and the column each goes in
MODERATION_COUNTS = {"approve": 1, "reject": 2, "hide": 3, "hide_by_flags": 3}


def moderation_per_week(period: DateRange) -> Report:
    week = week_start(AuditEntry.created_at)
    counted: dict[date, list[int]] = {}
    for monday, number in _count_per_week(PostHold.held_at, period).items():
        counted.setdefault(monday, [0, 0, 0, 0])[0] += number
    for monday, action, number in db.session.execute(
        select(week, AuditEntry.action, func.count())
        .where(_in(AuditEntry.created_at, period), AuditEntry.action.in_(MODERATION_COUNTS))
        .group_by(week, AuditEntry.action)
    ):
        counted.setdefault(_day(monday), [0, 0, 0, 0])[MODERATION_COUNTS[action]] += number
    # time in the queue: from the hold (the last one before the decision: an edit may be held
    # again long after posting) to a moderator's approval or rejection; a rejection of a
    # hidden post, never held, is no time in the queue
    held_at = (
        select(func.max(PostHold.held_at))
        .where(
            PostHold.post_kind == AuditEntry.target_kind,
            PostHold.post_id == AuditEntry.target_id,
            PostHold.held_at <= AuditEntry.created_at,
        )
        .correlate(AuditEntry)
        .scalar_subquery()
    )
    decisions = (
        select(
            week.label("week"),
            literal(1).label("one"),
            held_at.label("held_at"),
            AuditEntry.created_at.label("decided_at"),
        )
        .where(
            AuditEntry.action.in_(["approve", "reject"]),
            _in(AuditEntry.created_at, period),
        )
        .subquery()
    )
    queued = (
        select(
            decisions.c.week,
            decisions.c.one,
            seconds_between(decisions.c.decided_at, decisions.c.held_at).label("value"),
        )
        .where(decisions.c.held_at.is_not(None))
        .subquery()
    )
    medians = {
        _day(monday): median
        for monday, _one, _total, median, _p90 in db.session.execute(
            _percentiles(queued, ["week", "one"])
        )
    }
    raised = _count_per_week(Flag.created_at, period)
    settled = _count_per_week(Flag.resolved_at, period)
    waiting = {}
    for model in POST_MODELS.values():
        for monday, number in _count_per_week(
            model.created_at, period, model.status == PostStatus.PENDING.value
        ).items():
            waiting[monday] = waiting.get(monday, 0) + number
    rows = []
    for monday in sorted(set(period.weeks()) | set(counted)):
        held, approved, rejected, hidden = counted.get(monday, (0, 0, 0, 0))
        rows.append(
            (
                monday,
                held,
                approved,
                rejected,
                hidden,
                waiting.get(monday, 0),
                raised.get(monday, 0),
                settled.get(monday, 0),
                _hours(medians.get(monday)),
            )
        )
    return Report(
        "moderation",
        _l("Moderation"),
        _l(
            "Each week: posts held for review; posts approved, rejected and hidden; posts "
            "written that week still waiting for review; flags raised and settled; and the "
            "median hours a held post waited for a moderator's approval or rejection."
        ),
        [
            Column(_l("Week of"), "week"),
            Column(_l("Held")),
            Column(_l("Approved")),
            Column(_l("Rejected")),
            Column(_l("Hidden")),
            Column(_l("Still held")),
            Column(_l("Flags raised")),
            Column(_l("Flags settled")),
            Column(_l("Median time in the queue, hours"), "hours"),
        ],
        rows,
        chart="bar",
        chart_columns=(1, 2, 3, 4),
    )


def _count_per_week(column, period: DateRange, *where) -> dict[date, int]:
    week = week_start(column)
    return {
        _day(monday): number
        for monday, number in db.session.execute(
            select(week, func.count()).where(_in(column, period), *where).group_by(week)
        )
    }


def experts_and_organisations(period: DateRange) -> Report:
    # an answer is accepted when a question names it: found in that index, not by reading
    # each answer's question; counting rows, not ids, lets PostgreSQL read the indexes alone
    accepted = func.count(Question.accepted_answer_id)
    answers = (
        _in(Answer.created_at, period),
        Answer.by_expert.is_(True),
        Answer.status == PostStatus.PUBLISHED.value,
    )
    rows = db.session.execute(
        select(Answer.author_id, func.count(), accepted)
        .outerjoin(Question, Question.accepted_answer_id == Answer.id)
        .where(*answers)
        .group_by(Answer.author_id)
    ).all()
    # articles are few: counted from their side, apart, so that the answers keep their index
    articles = dict(
        db.session.execute(
            select(Answer.author_id, func.count(Article.id))
            .join(Article, Article.source_answer_id == Answer.id)
            .where(*answers, Answer.id.in_(select(Article.source_answer_id)))
            .group_by(Answer.author_id)
        ).all()
    )
    people = {
        user.id: user
        for user in db.session.scalars(select(User).where(User.id.in_([row[0] for row in rows])))
    }
    organisations = {org.id: org for org in db.session.scalars(select(Organisation))}
    table = []
    for author_id, answer_count, accepted_count in rows:
        person = people[author_id]
        organisation = organisations.get(person.organisation_id)
        table.append(
            (
                person.shown_name,
                organisation.name if organisation else "",
                answer_count,
                int(accepted_count or 0),
                articles.get(author_id, 0),
            )
        )
    table.sort(key=lambda row: (-row[2], row[0]))
    return Report(
        "experts",
        _l("Experts and organisations"),
        _l(
            "Public answers verified experts wrote in the period, how many of them the asker "
            "accepted, and the knowledge-base articles made from them."
        ),
        [
            Column(_l("Expert"), "text"),
            Column(_l("Organisation"), "text"),
            Column(_l("Answers")),
            Column(_l("Accepted answers")),
            Column(_l("Articles made from them")),
        ],
        table,
        chart="hbar",
        chart_columns=(2,),
    )


def knowledge_base(period: DateRange, today: date | None = None) -> Report:
    published = _count_per_week(Article.published_at, period)
    reviewed = _count_per_week(AuditEntry.created_at, period, AuditEntry.action == "review_article")
    overdue = db.session.scalar(
        select(func.count(Article.id)).where(
            Article.status == "published", Article.review_due <= (today or utcnow().date())
        )
    )
    rows = [
        (monday, published.get(monday, 0), reviewed.get(monday, 0))
        for monday in sorted(set(period.weeks()) | set(published) | set(reviewed))
    ]
    return Report(
        "knowledge-base",
        _l("Knowledge base"),
        _l("Articles published and reviewed each week."),
        [
            Column(_l("Week of"), "week"),
            Column(_l("Published")),
            Column(_l("Reviewed")),
        ],
        rows,
        chart="bar",
        chart_columns=(1, 2),
        notes=[
            _n(
                "Today %(num)d article is overdue for review.",
                "Today %(num)d articles are overdue for review.",
                overdue,
            )
        ],
    )


ARTICLES_SHOWN = 100


def article_views(period: DateRange) -> Report:
    """The most read published articles; views count from publication, whatever the period."""
    rows = db.session.execute(
        select(Article.title, Article.language, Article.published_at, Article.view_count)
        .where(Article.status == "published")
        .order_by(Article.view_count.desc(), Article.id)
        .limit(ARTICLES_SHOWN)
    ).all()
    return Report(
        "article-views",
        _l("Page views per article"),
        _l("How often each published article was read since it was published, most read first."),
        [
            Column(_l("Article"), "text"),
            Column(_l("Language"), "language"),
            Column(_l("Published"), "date"),
            Column(_l("Page views")),
        ],
        [(title, language, published, views) for title, language, published, views in rows],
        chart="hbar",
        chart_columns=(3,),
        notes=[_l("Views are counted since publication; the period chosen does not limit them.")],
    )


def unmatched_searches(period: DateRange) -> Report:
    rows = db.session.execute(
        select(
            UnmatchedSearch.folded,
            UnmatchedSearch.language,
            func.count().label("searches"),
            func.min(UnmatchedSearch.query),
        )
        .where(
            UnmatchedSearch.searched_on >= period.since, UnmatchedSearch.searched_on <= period.until
        )
        .group_by(UnmatchedSearch.folded, UnmatchedSearch.language)
        .order_by(func.count().desc(), UnmatchedSearch.folded)
        .limit(UNMATCHED_SHOWN)
    ).all()
    return Report(
        "unmatched-searches",
        _l("Searches that found nothing"),
        _l(
            "What people searched for without finding anything, grouped without regard to "
            "capital letters and diacritics, most frequent first: articles to write next."
        ),
        [
            Column(_l("Search"), "text"),
            Column(_l("Interface language"), "language"),
            Column(_l("Searches")),
        ],
        [(example, language, number) for _folded, language, number, example in rows],
        chart="hbar",
        chart_columns=(2,),
        notes=[
            _l(
                "Only the words, the language and the day are kept, never who searched; "
                "searches with an e-mail address or a long number are not kept at all."
            )
        ],
    )


REPORTS: dict[str, tuple[object, Callable[[DateRange], Report]]] = {
    "questions": (_l("Questions asked per week"), questions_per_week),
    "topics": (_l("Questions asked per week, by topic"), questions_per_topic),
    "response-times": (_l("Time to the first expert answer"), response_times_per_week),
    "unanswered": (_l("Unanswered questions by age"), unanswered_by_age),
    "urgent": (_l("Urgent questions against their response target"), urgent_against_target),
    "moderation": (_l("Moderation"), moderation_per_week),
    "experts": (_l("Experts and organisations"), experts_and_organisations),
    "knowledge-base": (_l("Knowledge base"), knowledge_base),
    "article-views": (_l("Page views per article"), article_views),
    "unmatched-searches": (_l("Searches that found nothing"), unmatched_searches),
}


def build(slug: str, period: DateRange) -> Report:
    return REPORTS[slug][1](period)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell as CSV text; text that a spreadsheet would run as a formula is made inert."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not isinstance(value, int | float) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def as_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(str(column.label)) for column in report.columns])
    for row in report.rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def _language_order(language: str) -> tuple[int, str]:
    return (LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES), language)
