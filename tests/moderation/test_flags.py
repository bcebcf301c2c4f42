"""Flags: one per member per post; enough of them, or one from staff, hide the post."""

from sqlalchemy import func, select

from app.extensions import db
from forum.models import Answer
from moderation.models import Flag
from tests.pages import chosen, page

PASSWORD = "a long and quiet river"


def flag_as(app, user, answer_id, reason="incorrect", note=""):
    client = app.test_client()
    client.post("/en/account/sign-in", data={"email": user.email, "password": PASSWORD})
    return client.post(
        f"/en/posts/answer/{answer_id}/flag",
        data={"reason": reason, "note": note},
        follow_redirects=True,
    )


def status(app, answer_id) -> str:
    with app.app_context():
        return db.session.get(Answer, answer_id).status


def test_three_members_flag_and_the_answer_disappears_until_restored(app, make_user, ask, answer):
    question_id = ask(make_user("moderator"))
    answer_id = answer(make_user("expert"), question_id)
    flaggers = [make_user() for _ in range(3)]
    first = flag_as(app, flaggers[0], answer_id)
    assert "Thank you. The moderators will look at this post." in page(first)
    flag_as(app, flaggers[1], answer_id, "spam")
    assert status(app, answer_id) == "published"
    flag_as(app, flaggers[2], answer_id, "other", "Links to a paid service")
    assert status(app, answer_id) == "hidden"
    visitor = page(app.test_client().get(f"/en/questions/{question_id}", follow_redirects=True))
    assert "Apply in MIGRIS in time." not in visitor

    moderator = app.test_client()
    moderator.post(
        "/en/account/sign-in", data={"email": make_user("moderator").email, "password": PASSWORD}
    )
    queue = page(moderator.get("/en/moderation/flags"))
    assert "Links to a paid service" in queue and "Hidden until you decide" in queue
    moderator.post(f"/en/moderation/posts/answer/{answer_id}/restore")
    assert status(app, answer_id) == "published"
    with app.app_context():
        assert db.session.scalar(select(func.count(Flag.id)).where(Flag.resolved_at.is_(None))) == 0


def test_one_flag_from_staff_hides_at_once(app, make_user, ask, answer):
    answer_id = answer(make_user("expert"), ask(make_user("moderator")))
    flag_as(app, make_user("moderator"), answer_id, "abusive")
    assert status(app, answer_id) == "hidden"


def test_flagging_twice_is_refused_kindly(app, make_user, ask, answer):
    answer_id = answer(make_user("expert"), ask(make_user("moderator")))
    member = make_user()
    flag_as(app, member, answer_id)
    again = flag_as(app, member, answer_id)
    assert "You have already flagged this post." in page(again)
    with app.app_context():
        assert db.session.scalar(select(func.count(Flag.id))) == 1


def test_nobody_flags_their_own_post(app, make_user, ask, answer):
    expert = make_user("expert")
    answer_id = answer(expert, ask(make_user("moderator")))
    client = app.test_client()
    client.post("/en/account/sign-in", data={"email": expert.email, "password": PASSWORD})
    assert (
        client.post(f"/en/posts/answer/{answer_id}/flag", data={"reason": "spam"}).status_code
        == 403
    )


def test_other_needs_a_note_and_the_form_keeps_it(app, make_user, ask, answer):
    answer_id = answer(make_user("expert"), ask(make_user("moderator")))
    client = app.test_client()
    client.post("/en/account/sign-in", data={"email": make_user().email, "password": PASSWORD})
    response = client.post(
        f"/en/posts/answer/{answer_id}/flag", data={"reason": "other", "note": ""}
    )
    assert "Tell the moderators what is wrong." in page(response)
    assert chosen(page(response), "reason") == ["other"]


def test_visitors_are_asked_to_sign_in_to_flag(client, make_user, ask, answer):
    answer_id = answer(make_user("expert"), ask(make_user("moderator")))
    response = client.get(f"/en/posts/answer/{answer_id}/flag")
    assert "/en/account/sign-in" in response.headers["Location"]


def test_the_flag_that_hides_a_question_sends_the_member_to_its_topic(app, make_user, ask):
    question_id = ask(make_user("moderator"))
    flaggers = [make_user() for _ in range(3)]
    for flagger in flaggers[:2]:
        client = app.test_client()
        client.post("/en/account/sign-in", data={"email": flagger.email, "password": PASSWORD})
        client.post(f"/en/posts/question/{question_id}/flag", data={"reason": "spam"})
    last = app.test_client()
    last.post("/en/account/sign-in", data={"email": flaggers[2].email, "password": PASSWORD})
    sent = last.post(f"/en/posts/question/{question_id}/flag", data={"reason": "spam"})
    assert sent.status_code == 302 and "/en/topics/" in sent.headers["Location"]
    landed = last.get(sent.headers["Location"])
    assert landed.status_code == 200
    assert "Thank you. The moderators will look at this post." in page(landed)
