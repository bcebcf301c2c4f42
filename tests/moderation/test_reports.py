"""Staff reports: figures against fixtures with known answers, on SQLite and PostgreSQL; who may
open them; the date range; the SVG chart; the CSV download; and the unmatched-search log."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from flask_migrate import downgrade, upgrade

from app.extensions import db
from app.models import User, utcnow
from forum import services as forum_services
from forum import view_counter
from forum.knowledge.models import Article
from forum.models import Answer, PostHold, Question
from moderation import reports
from moderation import services as moderation_services
from moderation.models import AuditEntry, Flag
from search.models import UnmatchedSearch
from tests.moderation.test_knowledge_queues import accepted_answer, make_article  # noqa: F401
from tests.pages import page

HOUR = timedelta(hours=1)


def weeks_ago(count: int) -> date:
    """The Monday `count` weeks before this week's."""
    today = utcnow().date()
    return today - timedelta(days=today.weekday(), weeks=count)


def at(day: date, hours: float = 10) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC) + timedelta(hours=hours)


def add_question(author: User, language: str, asked: datetime, **fields) -> Question:
    fields.setdefault("title", f"A question in {language}")
    fields.setdefault("topic_id", 1)
    question = Question(
        author_id=author.id,
        slug="a-question",
        body="What is the waiting time?",
        body_html="<p>What is the waiting time?</p>",
        language=language,
        created_at=asked,
        last_activity_at=asked,
        **fields,
    )
    db.session.add(question)
    db.session.flush()
    return question


@pytest.fixture
def week(app):
    return weeks_ago(3)


@pytest.fixture
def period(week):
    return reports.DateRange(week - timedelta(days=7), week + timedelta(days=6))


def test_questions_per_week_by_language_and_visibility(app, make_user, week, period):
    member = make_user()
    with app.test_request_context("/en/"):
        for _ in range(3):
            add_question(member, "lt", at(week))
        add_question(member, "en", at(week + timedelta(days=6), 23), visibility="private")
        add_question(member, "ru", at(week - timedelta(days=3)))
        add_question(member, "lt", at(week), status="rejected")  # spam is not a question
        add_question(member, "lt", at(week + timedelta(days=7)))  # after the period
        db.session.commit()
        rows = {row[0]: row[1:] for row in reports.questions_per_week(period).rows}
    # lt, en, ru, other, public, private, all
    assert rows == {
        week - timedelta(days=7): (0, 0, 1, 0, 1, 0, 1),
        week: (3, 1, 0, 0, 3, 1, 4),
    }


def test_questions_per_week_by_topic_in_the_pages_language(app, make_user, moderator, week, period):
    member = make_user()
    with app.test_request_context("/en/"):
        # topic 1 is "Residence permits" (first in order), topic 2 "Work"
        for topic_id, asked, fields in (
            (2, at(week), {}),
            (2, at(week, 3), {"visibility": "private"}),
            (1, at(week, 4), {}),
            (1, at(week - timedelta(days=7)), {"visibility": "private"}),
            (1, at(week), {"status": "rejected"}),  # spam is not a question
            (2, at(week + timedelta(days=7)), {}),  # after the period
        ):
            add_question(member, "lt", asked, topic_id=topic_id, **fields)
        db.session.commit()
        report = reports.questions_per_topic(period)
    # week, topic, public, private, all
    assert report.rows == [
        (week - timedelta(days=7), "Residence permits", 0, 1, 1),
        (week, "Residence permits", 1, 0, 1),
        (week, "Work", 1, 1, 2),
    ]
    assert report.series == ["Residence permits", "Work"]
    query = f"since={period.since.isoformat()}&until={period.until.isoformat()}"
    shown = page(moderator.get(f"/ru/moderation/reports/topics?{query}"))
    assert "Вид на жительство" in shown and "Работа" in shown
    rows = list(
        csv.reader(io.StringIO(page(moderator.get(f"/lt/moderation/reports/topics.csv?{query}"))))
    )
    assert rows[1:] == [
        [(week - timedelta(days=7)).isoformat(), "Leidimai gyventi", "0", "1", "1"],
        [week.isoformat(), "Leidimai gyventi", "1", "0", "1"],
        [week.isoformat(), "Darbas", "1", "1", "2"],
    ]
    svg = moderator.get(f"/en/moderation/reports/topics/chart.svg?{query}").get_data(as_text=True)
    assert "Residence permits" in svg and "Work" in svg and "<script" not in svg


def test_time_to_the_first_expert_answer_per_week_and_language(app, make_user, week, period):
    member = make_user()
    with app.test_request_context("/en/"):
        for hours in (1, 2, 3, 4, 100):
            asked = at(week)
            add_question(member, "lt", asked, first_expert_answer_at=asked + hours * HOUR)
        add_question(member, "lt", at(week))  # never answered
        asked = at(week - timedelta(days=7))
        add_question(member, "en", asked, first_expert_answer_at=asked + 30 * HOUR)
        db.session.commit()
        rows = reports.response_times_per_week(period).rows
    assert rows == [
        (week - timedelta(days=7), "en", 1, 30.0, 30.0, 0.0, 1.0, 0.0),
        (week, "lt", 6, 3.0, 100.0, 4 / 6, 4 / 6, 1 / 6),
    ]


def test_response_times_at_the_24_and_72_hour_edges_in_page_csv_and_chart(
    app, make_user, moderator, week, period
):
    member = make_user()
    with app.test_request_context("/en/"):
        for language, hours in (("ru", 24), ("ru", 72), ("ru", 73), ("ru", None), ("en", 10)):
            asked = at(week)
            answered = asked + hours * HOUR if hours else None
            add_question(member, language, asked, first_expert_answer_at=answered)
        add_question(member, "ru", at(week), first_expert_answer_at=at(week, 13), status="rejected")
        db.session.commit()
        report = reports.response_times_per_week(period)
    # week, language, questions, median, p90, within 24 h, within 72 h, not answered
    assert report.rows == [
        (week, "en", 1, 10.0, 10.0, 1.0, 1.0, 0.0),
        (week, "ru", 4, 72.0, 73.0, 0.25, 0.5, 0.25),
    ]
    query = f"since={period.since.isoformat()}&until={period.until.isoformat()}"
    rows = list(
        csv.reader(
            io.StringIO(page(moderator.get(f"/en/moderation/reports/response-times.csv?{query}")))
        )
    )
    assert rows[1:] == [
        [week.isoformat(), "en", "1", "10", "10", "1", "1", "0"],
        [week.isoformat(), "ru", "4", "72", "73", "0.25", "0.5", "0.25"],
    ]
    shown = page(moderator.get(f"/en/moderation/reports/response-times?{query}"))
    assert "25%" in shown and "50%" in shown and "72.0" in shown
    svg = moderator.get(f"/en/moderation/reports/response-times/chart.svg?{query}")
    text = svg.get_data(as_text=True)
    assert "RU: Median, hours" in text and "RU: 90th percentile, hours" in text


def test_unanswered_questions_by_age(app, make_user):
    member = make_user()
    now = utcnow()
    with app.test_request_context("/en/"):
        add_question(member, "lt", now - 2 * HOUR)
        add_question(member, "ru", now - timedelta(days=2))
        add_question(member, "ru", now - timedelta(days=10))
        add_question(member, "en", now - timedelta(days=10), answer_count=1)  # answered
        db.session.commit()
        report = reports.unanswered_by_age(reports.default_range(now.date()), now)
    totals = [row[-1] for row in report.rows]
    assert totals == [1, 1, 0, 1, 0]
    assert report.rows[3][3] == 1  # the Russian one, 1-4 weeks old


def test_urgent_questions_against_the_target(app, make_user, week, period):
    member = make_user()
    with app.test_request_context("/en/"):
        for waited in (2 * HOUR, 30 * HOUR, None):
            asked = at(week)
            add_question(
                member,
                "lt",
                asked,
                urgent_reason="detention",
                urgent_at=asked,
                first_expert_answer_at=asked + waited if waited else None,
            )
        db.session.commit()
        rows = {row[0]: row[1:] for row in reports.urgent_against_target(period).rows}
    assert rows[week] == (3, 1, 1, 1)
    assert rows[week - timedelta(days=7)] == (0, 0, 0, 0)


def test_moderation_per_week(app, make_user, week, period):
    member, moderator = make_user(), make_user("moderator")
    with app.test_request_context("/en/"):
        held = add_question(member, "lt", at(week), status="pending")
        approved = add_question(member, "lt", at(week - timedelta(days=7), 1))
        rejected = add_question(member, "lt", at(week, 2), status="rejected")
        # the approved one was held when asked and again after an edit: it waited from the
        # second hold (2 h) to its approval (3 h); the rejected one was never held (hidden,
        # then rejected): no time in the queue
        for post, hours in ((held, 0), (approved, -7 * 24 + 1), (approved, 2)):
            db.session.add(PostHold(post_kind="question", post_id=post.id, held_at=at(week, hours)))
        for action, question, hours in (("approve", approved, 3), ("reject", rejected, 7)):
            db.session.add(
                AuditEntry(
                    actor_id=moderator.id,
                    action=action,
                    target_kind="question",
                    target_id=question.id,
                    created_at=at(week, hours),
                )
            )
        db.session.add(
            Flag(
                post_kind="question",
                post_id=held.id,
                user_id=moderator.id,
                reason="spam",
                created_at=at(week),
                resolved_at=at(week, 5),
            )
        )
        db.session.commit()
        rows = {row[0]: row[1:] for row in reports.moderation_per_week(period).rows}
    # held, approved, rejected, hidden, still held, flags raised, settled, median hours queued
    assert rows[week] == (2, 1, 1, 0, 1, 1, 1, 1.0)
    assert rows[week - timedelta(days=7)] == (1, 0, 0, 0, 0, 0, 0, None)


def test_holds_are_counted_after_the_moderator_decides(app, make_user, ask):
    """The policy's hold reason goes when a post is decided; the hold itself stays counted."""
    member, moderator = make_user(), make_user("moderator")
    first, second, third = (ask(member, title=f"Question number {n}?") for n in (1, 2, 3))
    with app.test_request_context("/en/"):
        staff = db.session.get(User, moderator.id)
        moderation_services.approve(staff, "question", db.session.get(Question, first))
        moderation_services.reject(staff, "question", db.session.get(Question, second), "Spam")
        assert db.session.get(Question, first).hold_reason == ""
        holds = db.session.scalars(db.select(PostHold).order_by(PostHold.id)).all()
        assert [(hold.post_id, hold.reason) for hold in holds] == [
            (first, "first_posts"),
            (second, "first_posts"),
            (third, "first_posts"),
        ]
        today = utcnow().date()
        rows = reports.moderation_per_week(reports.DateRange(today, today)).rows
    # held, approved, rejected, hidden, still held
    assert [row[1:6] for row in rows] == [(3, 1, 1, 0, 1)]


def test_experts_answers_accepted_answers_and_articles(app, make_user, week, period):
    member, expert = make_user(), make_user("expert")
    with app.test_request_context("/en/"):
        question = add_question(member, "lt", at(week))
        answers = [
            Answer(
                question_id=question.id,
                author_id=expert.id,
                body="Apply in MIGRIS.",
                body_html="<p>Apply in MIGRIS.</p>",
                by_expert=True,
                created_at=at(week, hours),
            )
            for hours in (1, 2)
        ]
        db.session.add_all(answers)
        db.session.flush()
        question.accepted_answer_id = answers[0].id
        db.session.commit()
        rows = reports.experts_and_organisations(period).rows
    assert [row[2:] for row in rows] == [(2, 1, 0)]


def test_the_reports_are_for_moderators_and_admins(client, make_user, sign_in):
    addresses = [
        "/en/moderation/reports/",
        "/en/moderation/reports/questions",
        "/en/moderation/reports/questions/chart.svg",
        "/en/moderation/reports/questions.csv",
    ]
    assert all(client.get(address).status_code in (302, 401) for address in addresses)
    for role in ("member", "expert"):
        sign_in(make_user(role).email)
        assert [client.get(address).status_code for address in addresses] == [403] * 4
        client.post("/en/account/sign-out")
    for role in ("moderator", "admin"):
        sign_in(make_user(role).email)
        assert [client.get(address).status_code for address in addresses] == [200] * 4
        client.post("/en/account/sign-out")


@pytest.fixture
def moderator(client, make_user, sign_in):
    sign_in(make_user("moderator").email)
    return client


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=2026-03-31&until=2026-03-01", "The end comes before the start"),
        ("since=2099-01-01", "The start cannot be in the future"),
        ("until=2099-01-01", "The end cannot be in the future"),
        ("since=2020-01-01&until=2024-01-01", "at most two years"),
        ("since=31.03.2026", "Write the date as year-month-day"),
        ("since=2026-02-30", "Write the date as year-month-day"),
    ],
)
def test_a_wrong_period_is_told_and_kept(moderator, query, message):
    response = moderator.get(f"/en/moderation/reports/response-times?{query}")
    assert response.status_code == 400
    shown = page(response)
    assert message in shown
    typed = query.split("&")[0].split("=")[1]
    assert f'value="{typed}"' in shown
    assert moderator.get(f"/en/moderation/reports/questions.csv?{query}").status_code == 400
    assert moderator.get(f"/en/moderation/reports/questions/chart.svg?{query}").status_code == 400


@pytest.mark.parametrize("language", ["lt", "ru"])
def test_a_wrong_period_is_told_in_the_pages_language(moderator, language):
    shown = page(moderator.get(f"/{language}/moderation/reports/questions?since=nonsense"))
    assert "Write the date as year-month-day" not in shown
    assert 'value="nonsense"' in shown


def test_the_page_csv_and_chart_show_the_same_figures(app, make_user, moderator, week):
    member = make_user()
    with app.test_request_context("/en/"):
        for _ in range(1234):
            db.session.add(
                Question(
                    topic_id=1,
                    author_id=member.id,
                    title="Many questions",
                    slug="many",
                    body="Text",
                    body_html="<p>Text</p>",
                    language="lt",
                    created_at=at(week),
                    last_activity_at=at(week),
                )
            )
        db.session.commit()
    query = f"since={week.isoformat()}&until={(week + timedelta(days=6)).isoformat()}"
    shown = page(moderator.get(f"/en/moderation/reports/questions?{query}"))
    assert "1,234" in shown and "<caption" in shown
    assert 'alt="Chart: Questions asked per week.' in shown
    assert page(moderator.get(f"/lt/moderation/reports/questions?{query}")).count("1\xa0234") >= 2
    rows = list(
        csv.reader(
            io.StringIO(page(moderator.get(f"/en/moderation/reports/questions.csv?{query}")))
        )
    )
    assert rows[0][0] == "Week of"
    assert rows[1] == [week.isoformat(), "1234", "0", "0", "0", "1234", "0", "1234"]
    chart = moderator.get(f"/en/moderation/reports/questions/chart.svg?{query}")
    assert chart.mimetype == "image/svg+xml"
    svg = chart.get_data(as_text=True)
    assert "<title>Questions asked per week</title>" in svg and "<desc>" in svg
    assert "<script" not in svg


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    report = reports.Report(
        "x", "X", "x", [reports.Column("Search", "text"), reports.Column("Searches")], []
    )
    report.rows = [
        ('=HYPERLINK("http://evil")', 3),
        ("+1", 2),
        ("-2", 1),
        ("@SUM(A1)", 1),
        ("ok", 1),
    ]
    rows = list(csv.reader(io.StringIO(reports.as_csv(report))))
    assert [row[0] for row in rows[1:]] == [
        '\'=HYPERLINK("http://evil")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "ok",
    ]
    assert [row[1] for row in rows[1:]] == ["3", "2", "1", "1", "1"]


def test_searches_that_found_nothing_are_grouped_kept_without_who_and_forgotten(
    app, client, make_user, sign_in, runner
):
    for typed in ("Leidimas gyventi zuvims", "leidimas GYVENTI žuvims", "my code 38001010001"):
        assert client.get("/lt/search", query_string={"q": typed}).status_code == 200
    client.get("/en/search", query_string={"q": "me@example.org qwzx"})
    with app.test_request_context("/en/"):
        kept = db.session.scalars(db.select(UnmatchedSearch)).all()
        assert {(row.folded, row.language) for row in kept} == {("leidimas gyventi zuvims", "lt")}
        assert {column.name for column in UnmatchedSearch.__table__.columns} == {
            "id", "query", "folded", "language", "searched_on",
        }  # fmt: skip
        db.session.add(
            UnmatchedSearch(query="old", folded="old", language="en", searched_on=date(2020, 1, 1))
        )
        db.session.commit()
    sign_in(make_user("moderator").email)
    shown = page(client.get("/en/moderation/reports/unmatched-searches"))
    row = shown[shown.index("Leidimas gyventi zuvims") :].split("</tr>")[0]
    assert ">2<" in row
    result = runner.invoke(args=["search", "forget-searches"])
    assert "Forgot 1 searches older than 90 days" in result.output
    with app.test_request_context("/en/"):
        assert db.session.scalar(db.select(db.func.count(UnmatchedSearch.id))) == 2


def test_the_public_numbers_say_fewer_than_5_and_nothing_private(app, client, make_user):
    member = make_user()
    experts = [make_user("expert") for _ in range(2)]
    now = utcnow()
    with app.test_request_context("/en/"):
        for number in range(6):
            add_question(
                member,
                "lt",
                now - timedelta(days=3),
                answer_count=1,
                first_expert_answer_at=now - timedelta(days=3) + (number + 1) * HOUR,
                visibility="private" if number == 0 else "public",
                title=f"Secret consultation {number}",
            )
        db.session.commit()
    assert experts
    for language in ("lt", "en", "ru"):
        assert client.get(f"/{language}/numbers").status_code == 200
    shown = page(client.get("/en/numbers"))
    assert "Secret consultation" not in shown
    figures = shown[shown.index("Questions answered") :]
    assert ">6<" in figures  # questions answered
    assert "100%" in figures
    assert "fewer than 5" in figures  # two experts
    assert '<th scope="row">Lietuvių</th><td>4 hours</td>' in figures  # median 3.5 h
    assert 'href="/en/numbers"' in page(client.get("/en/about"))


def test_article_views_are_counted_and_reported(
    app,
    client,
    make_user,
    accepted_answer,  # noqa: F811  (the fixture imported above)
    monkeypatch,
):
    moderator = make_user("moderator")
    article_id = make_article(
        app, accepted_answer("How do I renew my permit?"), moderator, "Renewing", -30
    )
    monkeypatch.setattr(view_counter, "article_views", view_counter.ViewCounter(batch_size=1))
    with app.test_request_context("/en/"):
        slug = db.session.get(Article, article_id).slug
    for _ in range(3):
        assert client.get(f"/en/kb/{slug}").status_code == 200
    today = utcnow().date()
    with app.test_request_context("/en/"):
        views = reports.article_views(reports.default_range(today)).rows
        published = reports.knowledge_base(reports.default_range(today)).rows
        experts = reports.experts_and_organisations(reports.default_range(today)).rows
    assert [(row[0], row[3]) for row in views] == [("Renewing", 3)]
    # the expert's one answer, accepted, and the article made from it
    assert [row[2:] for row in experts] == [(1, 1, 1)]
    assert sum(row[1] for row in published) == 1


def test_holds_decided_before_they_were_kept_are_counted_after_the_upgrade(app, make_user):
    """The migration that keeps holds finds the older ones in the decisions' `before`."""
    member, moderator = make_user(), make_user("moderator")
    asked = at(weeks_ago(2))
    with app.test_request_context("/en/"):
        downgrade(revision="7a9e5c0de0a1")
        try:
            waiting = add_question(member, "lt", asked, status="pending", hold_reason="spam")
            approved = add_question(member, "lt", asked)
            hidden = add_question(member, "lt", asked, status="rejected")
            for action, post, before in (
                ("approve", approved, {"status": "pending", "hold_reason": "first_posts"}),
                ("reject", hidden, {"status": "hidden", "hold_reason": ""}),  # not a hold
            ):
                db.session.add(
                    AuditEntry(
                        actor_id=moderator.id,
                        action=action,
                        target_kind="question",
                        target_id=post.id,
                        before=json.dumps(before),
                    )
                )
            db.session.commit()
            waiting_id, approved_id = waiting.id, approved.id
        finally:
            db.session.remove()
            upgrade(revision="heads")
        holds = db.session.execute(
            db.select(PostHold.post_id, PostHold.reason, PostHold.held_at).order_by(
                PostHold.post_id
            )
        ).all()
    assert holds == [(waiting_id, "spam", asked), (approved_id, "first_posts", asked)]


def test_an_edit_held_again_is_a_hold_of_its_own(app, make_user, ask, topic_id):
    """A published question its author edits with a phone number waits again: a second hold."""
    member, moderator = make_user(), make_user("moderator")
    question_id = ask(member)
    with app.test_request_context("/en/"):
        question = db.session.get(Question, question_id)
        moderation_services.approve(db.session.get(User, moderator.id), "question", question)
        draft = forum_services.QuestionDraft(
            title=question.title,
            body=question.body + " Call me on +370 612 34567.",
            topic_id=topic_id,
        )
        forum_services.edit_question(db.session.get(User, member.id), question, draft, "More")
        reasons = db.session.scalars(db.select(PostHold.reason).order_by(PostHold.id)).all()
        assert question.status == "pending"
    assert reasons == ["first_posts", "personal_data"]
