"""Following threads, in-app notifications, and mail in the recipient's language."""

from sqlalchemy import update

from app.extensions import db
from app.models import User
from forum import notify
from forum.models import Notification, NotificationKind, Question
from tests.pages import page


def test_the_asker_is_told_of_a_new_answer_in_the_app_and_by_mail(
    app, client, make_user, ask, answer, sign_in, mailbox
):
    asker = make_user(language="ru")
    question_id = ask(asker)
    answer(make_user(), question_id)
    [(to, subject, body)] = mailbox.messages
    assert to == asker.email
    assert subject == "Новый ответ: How do I renew my residence permit?"
    assert f"/ru/questions/{question_id}/" in body
    assert "/ru/unfollow/" in body
    sign_in(asker.email)
    assert '<span class="badge" aria-hidden="true">1</span>' in page(client.get("/en/"))
    listing = page(client.get("/en/notifications"))
    assert "New answer to" in listing


def test_the_answerer_is_told_when_the_answer_is_accepted(
    client, make_user, ask, answer, sign_in, mailbox
):
    asker, helper = make_user(), make_user(language="lt")
    question_id = ask(asker)
    answer_id = answer(helper, question_id)
    sign_in(asker.email)
    client.post(f"/en/answers/{answer_id}/accept")
    [(_, subject, _)] = mailbox.to(helper.email)
    assert subject == "Jūsų atsakymas priimtas: How do I renew my residence permit?"


def test_members_who_chose_no_mail_get_only_the_in_app_notice(app, make_user, ask, answer, mailbox):
    asker = make_user()
    with app.app_context():
        db.session.execute(
            update(User).where(User.id == asker.id).values(email_notifications=False)
        )
        db.session.commit()
    answer(make_user(), ask(asker))
    assert mailbox.to(asker.email) == []
    with app.app_context():
        assert db.session.query(Notification).filter_by(user_id=asker.id).count() == 1


def test_the_one_click_link_unfollows(app, client, make_user, ask, answer, mailbox):
    asker = make_user()
    question_id = ask(asker)
    answer(make_user(), question_id)
    [(_, _subject, body)] = mailbox.to(asker.email)  # the asker's mail, whoever else got one
    link = next(line for line in body.splitlines() if "/unfollow/" in line)
    response = client.get(link.split("localhost", 1)[1])
    assert response.status_code == 200
    answer(make_user(), question_id, "A second answer that nobody is told of.")
    assert len(mailbox.to(asker.email)) == 1
    assert client.get("/en/unfollow/forged-token").status_code == 404


def test_follow_and_unfollow_by_button(client, make_user, ask, answer, sign_in, mailbox):
    reader = make_user()
    question_id = ask(make_user())
    sign_in(reader.email)
    client.post(f"/en/questions/{question_id}/follow", data={"follow": "1"})
    answer(make_user(), question_id)
    assert len(mailbox.to(reader.email)) == 1
    client.post(f"/en/questions/{question_id}/follow", data={"follow": "0"})
    answer(make_user(), question_id, "Another answer after unfollowing.")
    assert len(mailbox.to(reader.email)) == 1


def test_opening_a_notification_marks_it_read(app, client, make_user, ask, answer, sign_in):
    asker = make_user()
    question_id = ask(asker)
    answer(make_user(), question_id)
    sign_in(asker.email)
    with app.app_context():
        notification_id = db.session.query(Notification.id).scalar()
    response = client.get(f"/en/notifications/{notification_id}")
    assert f"/en/questions/{question_id}/" in response.headers["Location"]
    assert 'class="badge"' not in page(client.get("/en/"))


def test_mark_all_read_and_others_notifications_stay_private(
    app, client, make_user, ask, answer, sign_in
):
    asker = make_user()
    answer(make_user(), ask(asker))
    sign_in(make_user().email)
    with app.app_context():
        notification_id = db.session.query(Notification.id).scalar()
    assert client.get(f"/en/notifications/{notification_id}").status_code == 404
    sign_in(asker.email)
    client.post("/en/notifications")
    with app.app_context():
        assert db.session.query(Notification).filter(Notification.read_at.is_(None)).count() == 0


def test_a_notification_rolled_back_sends_no_mail(app, make_user, ask, mailbox):
    asker = make_user()
    question_id = ask(asker)
    with app.test_request_context("/en/"):
        question = db.session.get(Question, question_id)
        mailbox.messages.clear()
        notify.one(asker.id, question, NotificationKind.NEW_ANSWER, actor_id=make_user().id)
        db.session.rollback()
        assert mailbox.messages == []
        # the same notification committed is mailed, without the service sending it itself
        notify.one(asker.id, question, NotificationKind.NEW_ANSWER, actor_id=make_user().id)
        db.session.commit()
    [(to, _, _)] = mailbox.messages
    assert to == asker.email
