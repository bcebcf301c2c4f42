"""Members delete their account, keeping their posts as "deleted member" or removing them."""

import json
import re
import uuid
from datetime import date

import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from sqlalchemy import func, select

from app import tasks
from app.extensions import db
from app.models import User
from forum import services
from forum.knowledge.models import Article, ArticleGroup
from forum.models import Answer, Comment, Notification, Question, Revision, Subscription, Vote
from moderation import services as moderation
from moderation.models import AuditEntry, Flag
from search.backend import SearchQuery
from tests.app.posts import answer, ask, comment
from tests.conftest import PASSWORD, service_url


def delete_account(client, posts="keep", password=PASSWORD, lang="en"):
    data = {"current_password": password}
    if posts:
        data["posts"] = posts
    return client.post(f"/{lang}/account/delete", data=data)


def found(app, word: str) -> list[int]:
    return [hit.id for hit in app.extensions["search"].backend.search(SearchQuery(word)).hits]


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def index_matches_database(runner) -> bool:
    result = runner.invoke(args=["search", "check", "--report-only"])
    return result.exit_code == 0 and "The index matches the database." in result.output


def test_the_page_explains_counts_and_asks_for_a_choice(app, client, make_user, sign_in):
    member = make_user()
    ask(app, member, "How long does a work permit take?")
    sign_in(member.email)
    page = client.get("/en/account/delete").get_data(as_text=True)
    assert "cannot be undone" in page
    assert "1 question, 0 answers, 0 comments" in page
    assert 'name="posts"' in page and 'name="current_password"' in page
    assert "/en/account/delete" in client.get("/en/account/profile").get_data(as_text=True)


@pytest.mark.parametrize(
    ("posts", "password", "field", "message"),
    [
        ("keep", "not the password at all", "current_password", "Tai ne jūsų dabartinis"),
        ("", PASSWORD, "posts", "Pasirinkite, kas bus su jūsų įrašais."),
        ("remove", "", "current_password", "Įveskite dabartinį slaptažodį."),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_keeps_the_choice(
    app, client, make_user, sign_in, posts, password, field, message
):
    member = make_user()
    sign_in(member.email)
    response = delete_account(client, posts=posts, password=password, lang="lt")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error">{message}' in page
    if posts:
        assert re.search(rf'<input checked[^>]*value="{posts}"', page)
    with app.app_context():
        assert db.session.get(User, member.id).is_active


def test_keeping_posts_shows_them_as_written_by_a_deleted_member(
    app, client, make_user, sign_in, mailbox, runner
):
    member, other = make_user(language="lt"), make_user()
    question_id = ask(app, member, "Kaip pratęsti leidimą gyventi?", body="Mano vardas Olena.")
    answer(app, other, question_id, "Apply through MIGRIS in time.")
    sign_in(member.email)

    response = delete_account(client, posts="keep")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/account/deleted")
    assert "Your account is deleted" in client.get(response.headers["Location"]).get_data(True)
    thread = client.get(f"/en/questions/{question_id}/x", follow_redirects=True)
    page = thread.get_data(as_text=True)
    assert "Mano vardas Olena." in page and "deleted member" in page
    assert member.display_name not in page
    with app.app_context():
        gone = db.session.get(User, member.id)
        assert not gone.is_active and gone.display_name == "" and gone.bio == ""
        assert gone.email.endswith(".invalid") and not gone.check_password(PASSWORD)
    assert count(app, Subscription, Subscription.user_id == member.id) == 0
    assert found(app, "MIGRIS") == [question_id]
    assert index_matches_database(runner)
    _, subject, _ = mailbox.to(member.email)[-1]
    assert subject == "Jūsų MIPAS paskyra ištrinta"


def test_a_deleted_member_is_signed_out_and_cannot_sign_in_again(app, client, make_user):
    member = make_user()
    other_device = app.test_client()
    for device in (client, other_device):
        device.post("/en/account/sign-in", data={"email": member.email, "password": PASSWORD})
    delete_account(client)
    assert client.get("/en/account/profile").status_code == 302
    assert other_device.get("/en/account/profile").status_code == 302
    credentials = {"email": member.email, "password": PASSWORD}
    response = client.post("/en/account/sign-in", data=credentials)
    assert response.status_code == 200 and "not right" in response.get_data(as_text=True)


def test_the_address_can_register_again(app, client, make_user, sign_in):
    member = make_user(email="olena@example.org")
    sign_in(member.email)
    delete_account(client, posts="remove")
    response = client.post(
        "/en/account/register",
        data={
            "email": "olena@example.org",
            "display_name": "Olena again",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "language": "en",
            "accept_privacy": "y",
        },
    )
    assert response.status_code == 302
    assert count(app, User, User.email == "olena@example.org") == 1


def test_removing_posts_deletes_them_and_keeps_others_help(
    app, client, make_user, sign_in, runner, mailbox
):
    member, other, third = make_user(), make_user(), make_user()
    alone = ask(app, member, "Zanzibarian visa question nobody answered")
    comment(app, third, alone, "A comment that goes with the question.")
    answered = ask(app, member, "Quetzalcoatl permit question", body="Wobbleberry family details.")
    others_help = answer(app, other, answered, "Go to the Migration Department in person.")
    elsewhere = ask(app, other, "Question by another member about housing")
    mine = answer(app, member, elsewhere, "Xylophonic advice from the member.")
    with app.test_request_context():
        me, them = db.session.get(User, member.id), db.session.get(User, other.id)
        services.accept_answer(db.session.get(Answer, mine), them)
        services.set_helpful(them, db.session.get(Answer, mine), True)
        services.set_helpful(me, db.session.get(Answer, others_help), True)
        moderation.flag(them, "question", db.session.get(Question, alone), "spam")
        moderation.flag(me, "answer", db.session.get(Answer, others_help), "other", "My note")
        services.edit_answer(me, db.session.get(Answer, mine), "Xylophonic advice, edited.", "")
    assert found(app, "Zanzibarian") == [alone]
    sign_in(member.email)

    assert delete_account(client, posts="remove").status_code == 302

    assert client.get(f"/en/questions/{alone}").status_code == 404
    assert count(app, Question, Question.id == alone) == 0
    assert count(app, Comment, Comment.question_id == alone) == 0
    assert count(app, Flag, Flag.post_kind == "question", Flag.post_id == alone) == 0
    assert found(app, "Zanzibarian") == [] and found(app, "Xylophonic") == []
    kept = client.get(f"/en/questions/{answered}", follow_redirects=True).get_data(as_text=True)
    assert "Quetzalcoatl permit question" in kept
    assert "Wobbleberry" not in kept and "deleted their account" in kept
    assert "Go to the Migration Department in person." in kept
    with app.app_context():
        question = db.session.get(Question, elsewhere)
        assert question.accepted_answer_id is None and question.answer_count == 0
    assert count(app, Answer, Answer.author_id == member.id) == 0
    assert count(app, Revision, Revision.post_kind == "answer", Revision.post_id == mine) == 0
    assert count(app, Vote, Vote.answer_id == mine) == 0
    assert count(app, Vote, Vote.user_id == member.id) == 1  # given marks stay, nameless
    assert count(app, Notification, Notification.user_id == member.id) == 0
    [note] = [f.note for f in _flags_by(app, member.id)]
    assert note == ""
    assert index_matches_database(runner)
    assert "removed from the site" in mailbox.to(member.email)[-1][2]


def _flags_by(app, user_id: int) -> list[Flag]:
    with app.app_context():
        return list(db.session.scalars(select(Flag).where(Flag.user_id == user_id)))


def test_an_article_from_a_removed_answer_keeps_its_text(app, client, make_user, sign_in):
    expert, asker, moderator = make_user("expert"), make_user(), make_user("moderator")
    question_id = ask(app, asker, "How to renew a residence permit?")
    answer_id = answer(app, expert, question_id, "Apply 40 days before it ends.")
    with app.app_context():
        group = ArticleGroup()
        article = Article(
            group=group,
            language="en",
            slug="renewing-a-residence-permit",
            title="Renewing a residence permit",
            summary="Apply early.",
            body="Apply 40 days before it ends.",
            body_html="<p>Apply 40 days before it ends.</p>",
            topic_id=db.session.get(Question, question_id).topic_id,
            source_question_id=question_id,
            source_answer_id=answer_id,
            status="published",
            checked_on=date(2026, 1, 1),
            review_due=date(2027, 1, 1),
            created_by_id=moderator.id,
            updated_by_id=moderator.id,
        )
        db.session.add(article)
        db.session.commit()
    sign_in(expert.email)
    delete_account(client, posts="remove")
    with app.app_context():
        article = db.session.scalar(select(Article))
        assert article.source_answer_id is None and article.source_question_id == question_id
    page = client.get("/en/kb/renewing-a-residence-permit").get_data(as_text=True)
    assert "Apply 40 days before it ends." in page and expert.display_name not in page


def test_the_deletion_is_logged_without_personal_data(app, client, make_user, sign_in):
    member = make_user()
    ask(app, member, "A question that will go")
    sign_in(member.email)
    delete_account(client, posts="remove")
    with app.app_context():
        [entry] = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "delete_account")
        )
        assert entry.actor_id == entry.target_id == member.id
        logged = entry.reason + entry.before + entry.after
        assert json.loads(entry.after)["posts"] == "removed"
        assert json.loads(entry.after)["questions_removed"] == 1
        assert member.email not in logged and member.display_name not in logged
    admin = make_user("admin")
    sign_in(admin.email)
    page = client.get("/en/moderation/audit").get_data(as_text=True)
    assert "Deleted their own account" in page and "deleted member" in page
    assert member.display_name not in page


def test_the_last_admin_cannot_leave(app, client, make_user, sign_in):
    admin = make_user("admin")
    sign_in(admin.email)
    page = client.get("/en/account/delete").get_data(as_text=True)
    assert "You are the only administrator" in page and 'name="posts"' not in page
    response = delete_account(client)
    assert response.status_code == 200
    assert "You are the only administrator" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, admin.id).is_active
    make_user("admin")
    assert delete_account(client).status_code == 302


def test_visitors_are_sent_to_sign_in(client):
    response = delete_account(client)
    assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"]


@pytest.mark.redis
def test_the_goodbye_mail_reaches_the_old_address_through_the_rq_worker(
    app, client, make_user, sign_in, mailbox, monkeypatch
):
    """The worker runs after the commit, when the account no longer holds the address."""
    redis_url = service_url("TEST_REDIS_URL")
    monkeypatch.setattr(tasks, "QUEUE_NAME", f"test-{uuid.uuid4().hex}")
    member = make_user(language="ru")
    sign_in(member.email)
    app.config["REDIS_URL"] = redis_url
    delete_account(client, posts="keep")
    assert mailbox.to(member.email) == []  # queued, not sent yet
    queue = Queue(tasks.QUEUE_NAME, connection=Redis.from_url(redis_url))
    with app.app_context():
        SimpleWorker([queue], connection=queue.connection).work(burst=True)
    [(_, subject, body)] = mailbox.to(member.email)
    assert subject == "Ваш аккаунт MIPAS удалён"
    assert "удалённый участник" in body
    queue.delete(delete_jobs=True)
