"""Who reads a private consultation: every surface that shows posts, for every kind of person.

A private thread is for its asker, the verified experts of its topic, moderators and admins.
Everybody else (a visitor, another member, an expert of another topic) gets exactly what a
missing id gives. No list, feed, sitemap or search result shows it to anybody, on either
search backend. Deleted posts: nobody reads their text (issue 11).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app import create_app
from app.auth.services import create_account
from app.extensions import db
from app.models import Role, Topic, User, utcnow
from forum import services
from forum.models import Answer, Question
from moderation.models import ApplicationStatus, ExpertApplication
from tests.conftest import PASSWORD, dispose
from tests.pages import page
from tests.search.conftest import BACKENDS, backend_config

SECRET = "Zebrafinch"  # in the private thread's title, body, answer and comment only
PUBLIC = "Kingfisher"  # a public thread beside it, to show the surfaces work at all
BODY = "My employer keeps my passport and I am afraid to lose my permit. What can I do now?"

ROLES = ["visitor", "member", "expert_other", "expert", "asker", "moderator", "admin"]
ACCOUNT = {
    "member": Role.MEMBER,
    "expert_other": Role.EXPERT,
    "expert": Role.EXPERT,
    "asker": Role.MEMBER,
    "moderator": Role.MODERATOR,
    "admin": Role.ADMIN,
}
INSIDERS = {"expert", "asker", "moderator", "admin"}
MISSING = 999_999


@dataclass
class World:
    app: object
    private_id: int
    private_slug: str
    answer_id: int
    comment_id: int
    public_id: int
    clients: dict


def _vetted(user: User, topics: str) -> None:
    db.session.add(
        ExpertApplication(
            user_id=user.id,
            organisation_name="Help Desk",
            topics=topics,
            languages="en,lt,ru",
            statement="Years of counselling.",
            proof_url="https://help.example.org/team",
            status=ApplicationStatus.APPROVED.value,
            decided_at=utcnow(),
        )
    )


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory) -> World:
    settings = backend_config(request.param, request, tmp_path_factory.mktemp("visible"))
    # pages as production serves them: visitors' and readers' pages from the page cache
    app = create_app({**settings, "PAGE_CACHE": True})
    with app.test_request_context():
        people = {
            role: create_account(
                f"{role}@example.org", role.replace("_", " ").title(), PASSWORD, ACCOUNT[role], "en"
            )
            for role in ROLES[1:]
        }
        _vetted(people["expert"], "residence-permits")
        _vetted(people["expert_other"], "work")
        db.session.commit()
        topic_id = db.session.scalar(select(Topic.id).where(Topic.slug == "residence-permits"))

        def draft(title: str, private: bool) -> services.QuestionDraft:
            return services.QuestionDraft(
                title=title, body=f"{BODY} {title}", topic_id=topic_id, private=private
            )

        public = services.ask_question(
            people["asker"], draft(f"{PUBLIC} permit renewal", False), "en"
        )
        # asked in public first: another member follows it, then the asker makes it private
        question = services.ask_question(
            people["asker"], draft(f"{SECRET} passport kept by my employer", False), "en"
        )
        services.notify.follow(people["member"], question)
        services.edit_question(
            people["asker"], question, draft(question.title, True), "It is about me."
        )
        answer = services.answer_question(
            people["expert"], question, f"{SECRET}: your employer may not keep your passport."
        )
        comment = services.comment_on(
            people["asker"], question, answer, f"Thank you, {SECRET} understood."
        )
        world = World(app, question.id, question.slug, answer.id, comment.id, public.id, {})
    for role in ROLES:
        client = app.test_client()
        if role != "visitor":
            response = client.post(
                "/en/account/sign-in", data={"email": f"{role}@example.org", "password": PASSWORD}
            )
            assert response.status_code == 302
            client.get("/en/about")  # takes the "signed in" message, which pages would differ by
        world.clients[role] = client
    yield world
    app.extensions["search"].backend.close()
    dispose(app)


# surfaces that list content: the private thread is on none of them, for anybody
LISTS = {
    "list": "/en/questions/",
    "topic": "/en/topics/residence-permits",
    "home": "/en/",
    "search": f"/en/search?q={SECRET}",
    "similar": f"/en/questions/similar?title={SECRET}+passport",
    "feed": "/feeds/en/questions.xml",
    "sitemap": "/sitemaps/questions-1.xml",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("surface", LISTS)
def test_no_list_feed_sitemap_or_search_shows_a_private_thread(world, role, surface):
    text = page(world.clients[role].get(LISTS[surface]))
    if surface != "search":  # the search page repeats the query; its results must not hold it
        assert SECRET not in text
    assert "passport kept by my employer" not in text
    assert f"/questions/{world.private_id}/" not in text


@pytest.mark.parametrize("surface", ["list", "topic", "search", "feed", "sitemap"])
def test_the_public_thread_beside_it_is_listed(world, surface):
    path = LISTS[surface].replace(SECRET, PUBLIC)
    assert f"/questions/{world.public_id}/" in page(world.clients["visitor"].get(path))


def _post_pages(world: World) -> dict[str, str]:
    """Every page that shows one of the thread's posts, by a name for the test's id."""
    q, a, c = world.private_id, world.answer_id, world.comment_id
    return {
        "thread": f"/en/questions/{q}/{world.private_slug}",
        "question history": f"/en/questions/{q}/history",
        "answer history": f"/en/answers/{a}/history",
        "comment history": f"/en/comments/{c}/history",
        "question edit": f"/en/questions/{q}/edit",
        "answer edit": f"/en/answers/{a}/edit",
        "flag question": f"/en/posts/question/{q}/flag",
        "flag answer": f"/en/posts/answer/{a}/flag",
        "flag comment": f"/en/posts/comment/{c}/flag",
    }


def _as_missing(path: str, world: World) -> str:
    ids = (world.private_id, world.answer_id, world.comment_id)
    for id_ in ids:
        path = re.sub(rf"/{id_}(/|$)", rf"/{MISSING}\1", path)
    return path.replace(f"/{world.private_slug}", "")


def _same_page(text: str, world: World) -> str:
    # the language switch repeats the address: compare pages with the ids taken out
    for id_ in (world.private_id, world.answer_id, world.comment_id, MISSING):
        text = text.replace(str(id_), "N")
    text = re.sub(r'value="[\w.-]{40,}"', 'value="token"', text)  # CSRF tokens carry the time
    return text.replace(f"/{world.private_slug}", "")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name",
    [
        "thread",
        "question history",
        "answer history",
        "comment history",
        "question edit",
        "answer edit",
        "flag question",
        "flag answer",
        "flag comment",
    ],
)
def test_post_pages_open_for_insiders_and_look_missing_to_everybody_else(world, role, name):
    path = _post_pages(world)[name]
    client = world.clients[role]
    response = client.get(path)
    if role in INSIDERS:
        # the page is theirs to open; an action on it may still be refused (own post: no flag)
        assert response.status_code in (200, 403), (role, name, response.status_code)
        if response.status_code == 200 and name != "flag comment":
            assert SECRET in page(response)
        return
    missing = client.get(_as_missing(path, world))
    assert response.status_code == missing.status_code, (role, name)
    assert response.status_code in (302, 404)  # a visitor is sent to sign in, as for any id
    assert SECRET not in page(response)
    assert _same_page(page(response), world) == _same_page(page(missing), world)


@pytest.mark.parametrize("role", ROLES)
def test_only_insiders_can_answer_comment_mark_or_follow(world, role):
    client = world.clients[role]
    q, a = world.private_id, world.answer_id
    for path in (
        f"/en/questions/{q}/follow",
        f"/en/answers/{a}/helpful",
        f"/en/posts/answer/{a}/flag",
    ):
        response = client.post(path, data={"follow": "1", "helpful": "1", "reason": "spam"})
        if role not in INSIDERS:
            assert response.status_code in (302, 404), (role, path)
            if role != "visitor":
                assert response.status_code == 404, (role, path)


def test_the_staff_queue_lists_it_for_the_topic_expert_and_moderators_only(world):
    for role in ROLES:
        response = world.clients[role].get("/en/moderation/private")
        if role in ("visitor",):
            assert response.status_code == 302
        elif role in ("member", "asker"):
            assert response.status_code == 403
        else:
            text = page(response)
            assert response.status_code == 200
            assert (SECRET in text) is (role in INSIDERS), role
            assert "Claim" in text or role == "expert_other"


def test_my_consultations_lists_it_for_its_asker_only(world):
    assert SECRET in page(world.clients["asker"].get("/en/account/consultations"))
    for role in ("member", "expert", "moderator"):
        assert SECRET not in page(world.clients[role].get("/en/account/consultations"))


def test_notifications_reach_insiders_only(world):
    """The member who followed it while public heard nothing once it was private."""
    for role in ROLES[1:]:
        text = page(world.clients[role].get("/en/notifications"))
        assert (SECRET in text) is (role in {"asker", "expert"}), role
    with world.app.app_context():
        from forum.models import Notification

        member = db.session.scalar(select(User).where(User.email == "member@example.org"))
        kinds = db.session.scalars(
            select(Notification.kind).where(
                Notification.user_id == member.id, Notification.question_id == world.private_id
            )
        )
        assert list(kinds) == []


@pytest.mark.parametrize("role", ["member", "expert_other", "expert", "asker"])
def test_another_members_data_download_holds_nothing_of_it(world, role):
    response = world.clients[role].post("/en/account/export", data={"current_password": PASSWORD})
    assert response.mimetype == "application/json"
    data = json.dumps(response.get_json())
    if role == "asker":
        assert SECRET in data  # their own consultation, answer excepted
    elif role == "expert":
        assert SECRET in data  # their own answer
    else:
        assert SECRET not in data and world.private_slug not in data


def test_a_moved_thread_changes_who_reads_it(world):
    """Moving it to the other expert's topic: they read it now, and the first expert does not."""
    with world.app.test_request_context():
        question = db.session.get(Question, world.private_id)
        home_topic = question.topic_id
        question.topic_id = db.session.scalar(select(Topic.id).where(Topic.slug == "work"))
        db.session.commit()
    path = _post_pages(world)["thread"]
    try:
        assert world.clients["expert_other"].get(path).status_code == 200
        assert world.clients["expert"].get(path).status_code == 404
    finally:
        with world.app.test_request_context():
            db.session.get(Question, world.private_id).topic_id = home_topic
            db.session.commit()


def test_the_index_never_held_it(world):
    with world.app.app_context():
        backend = world.app.extensions["search"].backend
        assert not [hit for hit in backend.similar(f"{SECRET} passport", "en")]
        answer = db.session.get(Answer, world.answer_id)
        assert answer.question.is_private


# --- deleted posts (issue 11, item 1) ---------------------------------------------------------

DELETED_TEXT = "Nightjar: go to the Migration Department with your passport and contract."


@pytest.fixture
def deleted_answer(app, make_user, sign_in, client):
    """An answer its author deleted, under a public question; returns (answer id, question id)."""
    from tests.app import posts

    author = make_user()
    question_id = posts.ask(app, make_user(), "How do I renew my residence permit in time?")
    answer_id = posts.answer(app, author, question_id, DELETED_TEXT)
    sign_in(author.email)
    assert client.post(f"/en/answers/{answer_id}/delete").status_code == 302
    return answer_id, question_id


@pytest.mark.parametrize("role", ["visitor", "member", "moderator", "admin"])
def test_nobody_reads_a_deleted_answer_on_any_page(
    app, client, make_user, sign_in, deleted_answer, role
):
    answer_id, question_id = deleted_answer
    client.post("/en/account/sign-out")
    if role != "visitor":
        sign_in(make_user(role).email)
    for path in (
        f"/en/posts/answer/{answer_id}/flag",
        f"/en/answers/{answer_id}/history",
        f"/en/answers/{answer_id}/edit",
        f"/en/questions/{question_id}",
    ):
        response = client.get(path, follow_redirects=True)
        assert "Nightjar" not in page(response), path
    if role == "visitor":
        return
    assert client.get(f"/en/posts/answer/{answer_id}/flag").status_code == 404
    assert client.get(f"/en/answers/{answer_id}/history").status_code == 404


def test_a_deleted_answer_takes_no_comment_helpful_mark_or_flag(
    app, client, make_user, sign_in, deleted_answer
):
    answer_id, _question_id = deleted_answer
    sign_in(make_user().email)
    sent = {f"comment-answer-{answer_id}-body": "Thank you, this helped me a lot."}
    assert client.post(f"/en/answers/{answer_id}/comment", data=sent).status_code == 404
    assert client.post(f"/en/answers/{answer_id}/helpful", data={"helpful": "1"}).status_code == 404
    flagged = client.post(f"/en/posts/answer/{answer_id}/flag", data={"reason": "spam"})
    assert flagged.status_code == 404
    with app.app_context():
        answer = db.session.get(Answer, answer_id)
        assert answer.helpful_count == 0 and answer.comments == []


def test_an_old_unfollow_link_unfollows_without_showing_a_private_title(world):
    with world.app.test_request_context():
        member_id = db.session.scalar(select(User.id).where(User.email == "member@example.org"))
        token = services.notify.unfollow_token(member_id, world.private_id)
        db.session.commit()
    response = world.clients["visitor"].get(f"/en/unfollow/{token}")
    assert response.status_code == 404 and SECRET not in page(response)
    with world.app.app_context():
        assert not services.notify.is_following(member_id, world.private_id)
