"""The submission policy: first posts wait, personal data is warned about and then held."""

from sqlalchemy import select

from app.extensions import db
from forum.models import Answer, Notification, Question
from tests.pages import page

QUESTION = {
    "title": "Как продлить вид на жительство по работе?",
    "body": "У меня временный вид на жительство по работе, он заканчивается через три месяца. "
    "Что нужно сделать и когда подавать документы?",
    "language": "",
}


def questions(app) -> list[Question]:
    with app.app_context():
        return list(db.session.scalars(select(Question)))


def test_a_new_members_first_question_waits_and_only_they_see_it(
    app, client, make_user, sign_in, topic_id
):
    member = make_user(language="ru")
    sign_in(member.email)
    response = client.post("/ru/questions/ask", data={**QUESTION, "topic": topic_id})
    [question] = questions(app)
    assert question.status == "pending" and question.hold_reason == "first_posts"
    thread = page(client.get(response.headers["Location"]))
    assert "state-notice" in thread
    client.post("/en/account/sign-out")
    assert client.get(response.headers["Location"]).status_code == 404
    assert QUESTION["title"] not in page(client.get("/en/questions/"))


def test_staff_posts_are_published_at_once(app, client, make_user, sign_in, ask):
    expert = make_user("expert")
    question_id = ask(make_user("moderator"))
    sign_in(expert.email)
    client.post(
        f"/en/questions/{question_id}/answer", data={"body": "An expert answer, published."}
    )
    with app.app_context():
        assert db.session.scalar(select(Answer.status)) == "published"
        assert db.session.scalar(select(Question.status)) == "published"


def test_members_with_enough_public_posts_publish_at_once(app, make_user, ask):
    member = make_user()
    ids = [ask(member, f"Question number {n} about residence permits") for n in range(3)]
    with app.app_context():
        db.session.execute(
            Question.__table__.update().where(Question.id.in_(ids[:2])).values(status="published")
        )
        db.session.commit()
    fourth = ask(member, "The fourth question about residence permits")
    with app.app_context():
        assert db.session.get(Question, fourth).status == "published"


def test_personal_data_is_warned_about_then_held_when_posted_anyway(
    app, client, make_user, sign_in, topic_id
):
    sign_in(make_user(language="ru").email)
    data = {
        **QUESTION,
        "topic": topic_id,
        "body": QUESTION["body"] + " Мой телефон +370 612 34567.",
    }
    warned = client.post("/ru/questions/ask", data=data)
    assert warned.status_code == 200
    assert "+370 612 34567" in page(warned)
    form = page(warned).split('<form method="post" class="form"')[1].split("</form>")[0]
    assert 'name="post_anyway"' in form  # the choice is sent with the form
    assert QUESTION["title"] in page(warned)  # nothing typed is lost
    assert questions(app) == []
    client.post("/ru/questions/ask", data={**data, "post_anyway": "y"})
    [question] = questions(app)
    assert question.status == "pending" and question.hold_reason == "personal_data"


def test_editing_the_data_away_posts_normally(app, client, make_user, sign_in, topic_id, ask):
    member = make_user()
    for n in range(2):
        ask(member, f"Earlier question number {n} about permits")
    with app.app_context():
        db.session.execute(Question.__table__.update().values(status="published"))
        db.session.commit()
    sign_in(member.email)
    client.post("/en/questions/ask", data={**QUESTION, "topic": topic_id})
    assert {q.status for q in questions(app)} == {"published"}


def test_spam_signals_hold_a_post(app, client, make_user, sign_in, topic_id):
    sign_in(make_user().email)
    body = QUESTION["body"] + " Best casino bonus here."
    client.post("/en/questions/ask", data={**QUESTION, "topic": topic_id, "body": body})
    [question] = questions(app)
    assert question.hold_reason == "spam"


def test_approval_publishes_and_tells_the_author(app, client, make_user, sign_in, ask, mailbox):
    member = make_user(language="ru")
    question_id = ask(member)
    moderator = make_user("moderator")
    sign_in(moderator.email)
    client.post(f"/en/moderation/posts/question/{question_id}/approve")
    with app.app_context():
        assert db.session.get(Question, question_id).status == "published"
        assert db.session.scalar(select(Notification.kind)) == "post_approved"
    [(_, subject, _)] = mailbox.to(member.email)
    assert subject == "Ваше сообщение опубликовано: How do I renew my residence permit?"
