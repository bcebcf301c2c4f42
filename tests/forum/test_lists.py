"""Question lists and topic pages: filters, paging, and the demo forum."""

import re

import pytest
from sqlalchemy import func, select, update

from app import demo
from app.extensions import db
from app.models import Topic
from forum.models import Question, public_questions
from tests.pages import page


def test_lists_filter_by_status_and_language(app, client, make_user, ask, answer):
    member = make_user()
    ask(member, "Unanswered question about residence permits")
    answered = ask(member, "Answered question about residence permits")
    russian = ask(
        member,
        "Как продлить временный вид на жительство?",
        body="Текст вопроса про вид на жительство, довольно длинный.",
    )
    answer_id = answer(make_user(), answered)
    with app.app_context():
        db.session.execute(
            update(Question).where(Question.id == answered).values(accepted_answer_id=answer_id)
        )
        db.session.commit()
    unanswered = page(client.get("/en/questions/?status=unanswered"))
    assert "Unanswered question" in unanswered and "Answered question about" not in unanswered
    solved = page(client.get("/en/questions/?status=answered"))
    assert "Answered question about" in solved and "Unanswered question" not in solved
    in_russian = page(client.get("/en/questions/?language=ru"))
    assert "Как продлить" in in_russian and "Unanswered question" not in in_russian
    assert russian


def test_unknown_filter_values_show_everything(client, make_user, ask):
    ask(make_user(), "A question that is always listed here")
    listing = client.get("/en/questions/?status=bogus&language=xx&topic=nope&after=garbage")
    assert listing.status_code == 200
    assert "A question that is always listed here" in page(listing)


def test_topic_pages_list_their_own_questions(client, make_user, ask, app):
    with app.app_context():
        work = db.session.scalar(select(Topic.id).where(Topic.slug == "work"))
    member = make_user()
    ask(member, "Can I change my employer on a work permit?", topic=work)
    ask(member, "How do I renew my residence permit card?")
    listing = page(client.get("/en/topics/work"))
    assert "Can I change my employer" in listing and "renew my residence" not in listing


def test_paging_continues_without_repeats(app, client, make_user, ask):
    member = make_user()
    for number in range(35):
        ask(member, f"Question number {number:02d} about permits")
    first = page(client.get("/en/questions/"))
    assert first.count('class="question-row"') == 30
    next_link = first.split('class="button button-secondary" href="')[1].split('"')[0]
    second = page(client.get(next_link.replace("&amp;", "&")))
    assert second.count('class="question-row"') == 5
    assert "Question number 00" in second and "Question number 34" in first


def test_demo_forum_is_alive_in_three_languages(app, runner, client):
    runner.invoke(args=["mipas", "load-demo"])
    with app.app_context():
        counts = dict(
            db.session.execute(
                select(Question.language, func.count()).group_by(Question.language)
            ).all()
        )
        answered = db.session.scalar(
            select(func.count()).where(Question.accepted_answer_id.is_not(None))
        )
        unanswered = db.session.scalar(select(func.count()).where(Question.answer_count == 0))
    assert sum(counts.values()) >= 36
    assert all(counts[lang] >= 12 for lang in ("lt", "en", "ru"))
    assert answered >= 6 and unanswered >= 6
    runner.invoke(args=["mipas", "load-demo"])
    with app.app_context():
        assert db.session.scalar(select(func.count(Question.id))) == sum(counts.values())


@pytest.mark.parametrize("lang", ["lt", "en", "ru"])
def test_demo_threads_open_in_every_language(app, client, lang):
    with app.app_context():
        demo.load()
        ids = list(db.session.scalars(select(Question.id).where(public_questions())))
        private = list(db.session.scalars(select(Question.id).where(~public_questions())))
    for question_id in ids[:: max(1, len(ids) // 8)]:
        assert (
            client.get(f"/{lang}/questions/{question_id}", follow_redirects=True).status_code == 200
        )
    # the demo's private consultations are not for a visitor
    assert private
    for question_id in private:
        assert client.get(f"/{lang}/questions/{question_id}").status_code == 404


def test_lists_show_the_page_language_and_the_languages_a_member_reads(
    app, client, make_user, sign_in, ask
):
    member = make_user()
    ask(member, "How do I renew my residence permit card?")
    ask(
        member,
        "Как продлить временный вид на жительство?",
        body="Текст вопроса про вид на жительство, довольно длинный.",
    )
    in_russian = page(client.get("/ru/questions/"))
    assert "Как продлить" in in_russian and "renew my residence" not in in_russian
    assert "Вопросы на языках: русский." in in_russian
    assert "language=all" in in_russian
    everything = page(client.get("/ru/questions/?language=all"))
    assert "Как продлить" in everything and "renew my residence" in everything

    reader = make_user(language="ru")
    sign_in(reader.email)
    profile = {
        "display_name": "Reader",
        "language": "ru",
        "bio": "",
        "email_notifications": "none",
        "reading_languages": ["en"],
    }
    assert client.post("/ru/account/profile", data=profile).status_code == 302
    assert re.search(r'<input checked[^>]*value="en"', page(client.get("/ru/account/profile")))
    mine = page(client.get("/ru/questions/"))
    assert "Как продлить" in mine and "renew my residence" in mine
    assert "Вопросы на языках: русский, английский." in mine
    assert client.post("/ru/account/profile", data={**profile, "reading_languages": []})
    assert "renew my residence" not in page(client.get("/ru/questions/"))
