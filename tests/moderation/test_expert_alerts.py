"""Experts hear of new questions in the topics and languages they were approved for."""

from sqlalchemy import select

from app.extensions import db
from app.models import User, utcnow
from forum.models import Notification, Question
from moderation import services
from moderation.models import ExpertApplication

TITLE = "How do I renew my residence permit?"


def expert(app, make_user, topics="residence-permits", languages="en,ru", **account) -> User:
    """An expert approved for `topics` and `languages`."""
    user = make_user("expert", **account)
    with app.app_context():
        db.session.add(
            ExpertApplication(
                user_id=user.id,
                organisation_name="Help Desk",
                topics=topics,
                languages=languages,
                statement="Ten years of counselling.",
                proof_url="https://help.example.org/team",
                status="approved",
                decided_at=utcnow(),
            )
        )
        db.session.commit()
    return user


def alerts(app, user: User) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(Notification.question_id).where(
                    Notification.user_id == user.id, Notification.kind == "new_question"
                )
            )
        )


def test_an_approved_question_reaches_the_experts_of_its_topic_and_language(
    app, client, make_user, ask, sign_in, mailbox
):
    reader = expert(app, make_user)
    other_topic = expert(app, make_user, topics="work")
    other_language = expert(app, make_user, languages="lt")
    question_id = ask(make_user())  # a new member's first question waits for a moderator
    assert alerts(app, reader) == []
    sign_in(make_user("moderator").email)
    client.post(f"/en/moderation/posts/question/{question_id}/approve")
    assert alerts(app, reader) == [question_id]
    assert alerts(app, other_topic) == [] and alerts(app, other_language) == []
    (_, subject, body), *_ = mailbox.to(reader.email)
    assert subject == f"New question in your topics: {TITLE}"
    assert "a topic and language you answer as an expert" in body
    assert "Stop following" not in body
    sign_in(reader.email)
    inbox = client.get("/en/notifications").get_data(as_text=True)
    assert f"New question in your topics: “{TITLE}”" in inbox


def test_a_question_published_at_once_alerts_once_and_a_restored_one_not_again(app, make_user, ask):
    reader = expert(app, make_user)
    moderator = make_user("moderator")
    question_id = ask(make_user("moderator"))  # staff publish at once
    assert alerts(app, reader) == [question_id]
    with app.test_request_context():
        question = db.session.get(Question, question_id)
        services.hide(db.session.get(User, moderator.id), "question", question, "checking")
        services.restore(db.session.get(User, moderator.id), "question", question)
    assert alerts(app, reader) == [question_id]


def test_a_question_in_another_language_goes_to_every_expert_of_its_topic(app, make_user, ask):
    lithuanian_only = expert(app, make_user, languages="lt")
    question_id = ask(make_user("moderator"), language="other")
    assert alerts(app, lithuanian_only) == [question_id]


def test_the_asker_suspended_and_former_experts_hear_nothing(app, make_user, ask):
    asker = expert(app, make_user)
    suspended = expert(app, make_user, suspended=True)
    former = expert(app, make_user)
    with app.app_context():
        db.session.get(User, former.id).role = "member"
        db.session.commit()
    ask(asker)
    assert alerts(app, asker) == alerts(app, suspended) == alerts(app, former) == []
