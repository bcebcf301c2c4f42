"""The page cache: every change a reader can see reaches the very next response.

For each kind of change, a visitor's page (and a signed-in reader's shared thread page) is kept
in the cache, the change is made through the services, and the next response from the cache
must be byte for byte the page rendered afresh (for readers, but for the CSRF token and the
forms' one-time keys, which are new on every page).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from app import create_app
from app.extensions import db
from app.models import Topic, User, utcnow
from forum import services
from forum.knowledge import services as knowledge_services
from forum.knowledge.models import Article, ArticleGroup
from forum.models import Answer, Comment, Question, Visibility
from moderation import services as moderation
from news.models import NewsItem
from tests.conftest import PASSWORD, dispose, service_url


@pytest.fixture
def config(config):
    # the batched view counts are written past the cache on purpose (a page may show a count
    # a little behind); the shared `config` fixture keeps them waiting, so that fresh and
    # cached pages can be compared
    return {**config, "PAGE_CACHE": True}


@dataclass
class Thread:
    """A public thread with two answers, the first accepted, and what the changes need."""

    question_id: int
    answer_id: int
    other_answer_id: int
    asker: User
    expert: User
    moderator: User
    other_question_id: int
    topic_slug: str
    url: str
    other_url: str


@pytest.fixture
def thread(app, make_user, ask, answer, topic_id) -> Thread:
    asker, expert, moderator = make_user(), make_user("expert"), make_user("moderator")
    question_id = ask(asker, "How do I renew my residence permit in time?")
    other_question_id = ask(asker, "Where do I register my address?")
    answer_id = answer(expert, question_id, "Apply in MIGRIS two months before it ends.")
    other_answer_id = answer(asker, question_id, "I did it at the migration office.")
    with app.test_request_context():
        services.accept_answer(db.session.get(Answer, answer_id), db.session.get(User, asker.id))
        slug = db.session.get(Topic, topic_id).slug
        urls = [
            f"/en/questions/{q.id}/{q.slug}"
            for q in (db.session.get(Question, i) for i in (question_id, other_question_id))
        ]
    return Thread(
        question_id,
        answer_id,
        other_answer_id,
        asker,
        expert,
        moderator,
        other_question_id,
        slug,
        *urls,
    )


def visitor_page(app, url: str):
    """A visitor's response: a client of its own, with no cookies."""
    return app.test_client().get(url, follow_redirects=True)


RELATIVE_TIME = re.compile(rb"(<time [^>]*>)[^<]*(</time>)")


def same_page(cached: bytes, fresh: bytes) -> bool:
    """Byte for byte, but for "2 seconds ago": such a text may be PAGE_CACHE_SECONDS behind."""
    return RELATIVE_TIME.sub(rb"\1\2", cached) == RELATIVE_TIME.sub(rb"\1\2", fresh)


def fresh_page(app, url: str) -> bytes:
    app.extensions["page_cache"].store.clear()
    response = visitor_page(app, url)
    assert response.headers["X-Page-Cache"] == "miss"
    return response.get_data()


def user(user_: User) -> User:
    return db.session.get(User, user_.id)


# each change, made as the site makes it, inside a request context
def post_answer(t: Thread) -> None:
    question = db.session.get(Question, t.question_id)
    services.answer_question(user(t.expert), question, "Book a visit at the office as well.")


def edit_answer(t: Thread) -> None:
    answer = db.session.get(Answer, t.other_answer_id)
    services.edit_answer(user(t.asker), answer, "I did it in MIGRIS, it took a week.", "clearer")


def hide_answer(t: Thread) -> None:
    answer = db.session.get(Answer, t.other_answer_id)
    moderation.hide(user(t.moderator), "answer", answer, "off topic")


def restore_answer(t: Thread) -> None:
    hide_answer(t)
    answer = db.session.get(Answer, t.other_answer_id)
    moderation.restore(user(t.moderator), "answer", answer)


def delete_answer(t: Thread) -> None:
    services.delete_post(db.session.get(Answer, t.other_answer_id))


def hide_question(t: Thread) -> None:
    question = db.session.get(Question, t.question_id)
    moderation.hide(user(t.moderator), "question", question, "personal data")


def comment(t: Thread) -> None:
    question = db.session.get(Question, t.question_id)
    answer = db.session.get(Answer, t.answer_id)
    services.comment_on(user(t.asker), question, answer, "Thank you, that worked for me.")


def hide_comment(t: Thread) -> None:
    comment(t)
    found = db.session.scalar(select(Comment).where(Comment.answer_id == t.answer_id))
    moderation.hide(user(t.moderator), "comment", found, "spam")


def helpful(t: Thread) -> None:
    services.set_helpful(user(t.asker), db.session.get(Answer, t.answer_id), True)


def accept_other(t: Thread) -> None:
    services.accept_answer(db.session.get(Answer, t.other_answer_id), user(t.asker))


def unaccept(t: Thread) -> None:
    services.unaccept_answer(db.session.get(Question, t.question_id))


def lock(t: Thread) -> None:
    moderation.set_locked(user(t.moderator), db.session.get(Question, t.question_id), True)


def close(t: Thread) -> None:
    moderation.close_question(
        user(t.moderator), db.session.get(Question, t.question_id), "off_topic", "", None
    )


def move(t: Thread) -> None:
    topic = db.session.scalar(select(Topic).where(Topic.slug != t.topic_slug))
    moderation.move_question(user(t.moderator), db.session.get(Question, t.question_id), topic)


def merge(t: Thread) -> None:
    moderation.close_question(
        user(t.moderator),
        db.session.get(Question, t.question_id),
        "duplicate",
        "",
        db.session.get(Question, t.other_question_id),
        merge=True,
    )


def rename_author(t: Thread) -> None:
    user(t.expert).display_name = "Renamed Expert"
    db.session.commit()


def make_anonymous(t: Thread) -> None:
    question = db.session.get(Question, t.question_id)
    draft = services.QuestionDraft(
        title=question.title,
        body=question.body,
        topic_id=question.topic_id,
        language=question.language,
        anonymous=True,
    )
    services.edit_question(user(t.asker), question, draft, "anonymous")


def rename_topic(t: Thread) -> None:
    topic = db.session.scalar(select(Topic).where(Topic.slug == t.topic_slug))
    topic.name_en = "Permits to stay"
    db.session.commit()


def make_private(t: Thread) -> None:
    db.session.get(Question, t.question_id).visibility = Visibility.PRIVATE.value
    db.session.commit()


def link_article(t: Thread) -> None:
    answer = db.session.get(Answer, t.answer_id)
    article = knowledge_services.create_article_from_answer(
        user(t.expert),
        answer,
        knowledge_services.ArticleDraft(
            "Renewing a temporary residence permit",
            "Apply for a new permit in MIGRIS two months before the old one ends.",
            "Renew a temporary residence permit through MIGRIS well before it expires.",
            answer.question.topic_id,
            "en",
            sources="https://www.migracija.lt/en/",
        ),
    )
    knowledge_services.publish_article(user(t.moderator), article)


def unlink_article(t: Thread) -> None:
    link_article(t)
    for article in db.session.scalars(select(Article)):
        article.source_question_id, article.source_answer_id = None, None
    db.session.commit()


def draft_article(t: Thread) -> None:
    """Staff see "Create article" under an accepted answer no article was started from."""
    answer = db.session.get(Answer, t.answer_id)
    knowledge_services.create_article_from_answer(
        user(t.expert),
        answer,
        knowledge_services.ArticleDraft(
            "Renewing a permit", "Apply in MIGRIS.", "Apply early.", answer.question.topic_id, "en"
        ),
    )


def change_translation_group(t: Thread) -> None:
    link_article(t)
    article = db.session.scalar(select(Article))
    article.group = ArticleGroup()
    db.session.commit()


CHANGES: dict[str, Callable[[Thread], None]] = {
    "answer posted": post_answer,
    "answer edited": edit_answer,
    "answer hidden": hide_answer,
    "answer restored": restore_answer,
    "answer deleted": delete_answer,
    "question hidden": hide_question,
    "comment": comment,
    "comment hidden": hide_comment,
    "helpful mark": helpful,
    "acceptance": accept_other,
    "acceptance withdrawn": unaccept,
    "lock": lock,
    "close": close,
    "move": move,
    "merge": merge,
    "author renamed": rename_author,
    "anonymity": make_anonymous,
    "topic renamed": rename_topic,
    "made private": make_private,
    "article linked": link_article,
    "article unlinked": unlink_article,
    "translation group changed": change_translation_group,
    "article drafted": draft_article,
}


def pages(t: Thread) -> list[str]:
    return [
        t.url,
        "/en/questions/",
        "/en/questions/?language=en",
        f"/en/topics/{t.topic_slug}",
        f"/en/questions/?topic={t.topic_slug}",
        "/en/",
        t.other_url,
    ]


@pytest.mark.parametrize("change", CHANGES)
def test_the_cached_page_is_the_fresh_page_after_every_change(app, thread, make_user, change):
    """For visitors; for signed-in readers with no part in the thread, who share its page by
    standing (a member's and a moderator's differ: the moderator's has tools); and for the
    asker, whose page is their own."""
    urls = pages(thread)
    before = {}
    for url in urls:
        visitor_page(app, url)
        response = visitor_page(app, url)
        assert response.headers["X-Page-Cache"] == "hit", url
        before[url] = response.get_data()
    readers = [signed_in_client(app, make_user(role).email) for role in ("member", "moderator")]
    # and the asker, whose page (with their own tools) is kept for them alone
    readers.append(signed_in_client(app, thread.asker.email))
    for reader in readers:
        reader.get(thread.url)
        assert reader.get(thread.url).headers["X-Page-Cache"] == "hit"
    with app.test_request_context():
        CHANGES[change](thread)
        kb_urls = [
            f"/en/kb/{a.slug}"
            for a in db.session.scalars(select(Article).where(Article.status == "published"))
        ]
    after = {url: visitor_page(app, url) for url in [*urls, "/en/kb/", *kb_urls]}
    for url, response in after.items():
        if response.status_code != 200:
            assert response.status_code == 404 and change in {"question hidden", "made private"}
            continue
        cached = response.get_data()
        assert same_page(cached, fresh_page(app, url)), url
        if cached != before.get(url, cached):
            assert response.headers["X-Page-Cache"] == "miss", url
    for reader in readers:
        response = reader.get(thread.url)
        if change in {"question hidden", "made private"}:
            # no longer public: the moderator's and the asker's pages are drawn for them, on
            # every request; the member's is 404
            assert response.status_code == (404 if reader is readers[0] else 200)
            assert "X-Page-Cache" not in response.headers
            continue
        cached = masked(response.get_data())
        assert same_page(cached, masked(fresh_reader_page(app, reader, thread.url))), change


def test_the_thread_changed_by_the_change_is_renewed(app, thread):
    visitor_page(app, thread.url)
    with app.test_request_context():
        hide_answer(thread)
    page = visitor_page(app, thread.url)
    assert page.headers["X-Page-Cache"] == "miss"
    assert "I did it at the migration office." not in page.get_data(as_text=True)


def test_making_a_thread_private_renews_its_pages(app, thread):
    for url in (thread.url, "/en/questions/"):
        visitor_page(app, url)
    with app.test_request_context():
        make_private(thread)
    # what a visitor gets now is decided afresh, by the visibility rule
    for url in (thread.url, "/en/questions/"):
        assert visitor_page(app, url).headers.get("X-Page-Cache") != "hit"


def test_view_counts_go_on_without_renewing_the_page(app, thread):
    visitor_page(app, thread.url)
    with app.app_context():
        services.record_views({thread.question_id: 5})
    assert visitor_page(app, thread.url).headers["X-Page-Cache"] == "hit"


def test_news_changes_renew_the_news_pages(app):
    visitor_page(app, "/en/news/")
    assert visitor_page(app, "/en/news/").headers["X-Page-Cache"] == "hit"
    with app.app_context():
        # a statement run through the session counts as well as a service's change
        db.session.execute(delete(NewsItem))
        db.session.commit()
    assert visitor_page(app, "/en/news/").headers["X-Page-Cache"] == "miss"


def signed_in_client(app, email: str):
    """A reader signed in, who has seen the page that says so (and its flash) already."""
    client = app.test_client()
    response = client.post("/en/account/sign-in", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302
    client.get(response.location)
    return client


# the CSRF token and the one-time submission keys of a signed-in reader's forms
FORM_TOKENS = re.compile(rb'(name="[\w-]*(?:csrf_token|submission_key)"[^>]*?value=")[^"]*"')


def masked(page: bytes) -> bytes:
    return FORM_TOKENS.sub(rb'\1"', page)


def fresh_reader_page(app, reader, url: str) -> bytes:
    app.extensions["page_cache"].store.clear()
    response = reader.get(url)
    assert response.headers["X-Page-Cache"] == "miss"
    return response.get_data()


def test_readers_of_one_standing_share_the_page_each_with_their_own_menu(app, thread, make_user):
    first, second = make_user(), make_user()
    assert signed_in_client(app, first.email).get(thread.url).headers["X-Page-Cache"] == "miss"
    response = signed_in_client(app, second.email).get(thread.url)
    assert response.headers["X-Page-Cache"] == "hit"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "ETag" not in response.headers
    page = response.get_data(as_text=True)
    assert second.display_name in page and first.display_name not in page
    keys = re.findall(r'name="[\w-]*submission_key"[^>]*?value="([^"]+)"', page)
    assert len(keys) > 3 and len(set(keys)) == len(keys)  # the answer form's and a comment's each


def test_a_page_of_one_standing_is_never_served_to_another(app, thread, make_user):
    moderator = signed_in_client(app, make_user("moderator").email)
    assert "Hide" in moderator.get(thread.url).get_data(as_text=True)
    for reader in (make_user(), make_user(confirmed=False), make_user(suspended=True)):
        response = signed_in_client(app, reader.email).get(thread.url)
        assert response.headers["X-Page-Cache"] == "miss"
        assert "Hide</button>" not in response.get_data(as_text=True)
    unconfirmed = signed_in_client(app, make_user(confirmed=False).email).get(thread.url)
    page = unconfirmed.get_data(as_text=True)
    assert "Confirm your e-mail address to answer." in page and "Add a comment" not in page


def test_a_reader_who_is_suspended_gets_a_page_without_forms_at_once(app, thread, make_user):
    reader = make_user()
    client = signed_in_client(app, reader.email)
    client.get(thread.url)
    assert "Add a comment" in client.get(thread.url).get_data(as_text=True)
    with app.test_request_context():
        moderation.suspend(
            user(thread.moderator), user(reader), utcnow() + timedelta(days=7), "spam"
        )
    assert "Add a comment" not in client.get(thread.url).get_data(as_text=True)


# what only the person who takes part in a thread in each way sees on its page
OWN = {
    "asker": "Delete</button>",
    "answerer": "Delete</button>",
    "commenter": "Delete<span",
    "marker": 'aria-pressed="true"',
    "follower": "Stop following",
}


@pytest.mark.parametrize("part", OWN)
def test_a_reader_who_takes_part_in_the_thread_gets_a_page_of_their_own(
    app, thread, make_user, part
):
    """Their page shows their tools and marks: it is kept for them alone, and they never get
    the page shared by others of their standing, nor others theirs."""
    other = signed_in_client(app, make_user().email)
    other.get(thread.url)
    assert other.get(thread.url).headers["X-Page-Cache"] == "hit"
    people = {"asker": thread.asker, "answerer": thread.expert}
    reader = people.get(part) or make_user()
    client = signed_in_client(app, reader.email)
    if part == "commenter":
        client.post(f"/en/answers/{thread.answer_id}/comment", data={"comment-answer-"
                    f"{thread.answer_id}-body": "Thank you, I will book a visit."})  # fmt: skip
    elif part == "marker":
        client.post(f"/en/answers/{thread.answer_id}/helpful", data={"helpful": "1"})
    elif part == "follower":
        client.post(f"/en/questions/{thread.question_id}/follow", data={"follow": "1"})
    client.get("/en/about")  # takes the flash that says so ("You follow this question now.")
    assert client.get(thread.url).headers["X-Page-Cache"] == "miss"
    response = client.get(thread.url)
    assert response.headers["X-Page-Cache"] == "hit"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert OWN[part] in response.get_data(as_text=True)
    assert OWN[part] not in other.get(thread.url).get_data(as_text=True)
    # a second member who takes part the same way has a page of their own
    if part in ("commenter", "marker", "follower"):
        second = signed_in_client(app, make_user().email)
        page = second.get(thread.url)
        assert page.headers["X-Page-Cache"] == "hit"  # the shared page, without the first's
        assert OWN[part] not in page.get_data(as_text=True)


def test_following_and_unfollowing_change_the_readers_page_at_once(app, thread, make_user):
    """Following renews no version (nobody else's page changes): it is in the reader's key."""
    client = signed_in_client(app, make_user().email)
    client.get(thread.url)
    assert "Follow this question" in client.get(thread.url).get_data(as_text=True)
    client.post(f"/en/questions/{thread.question_id}/follow", data={"follow": "1"})
    assert "Stop following" in client.get(thread.url).get_data(as_text=True)
    client.get(thread.url)
    client.post(f"/en/questions/{thread.question_id}/follow", data={"follow": "0"})
    client.get(thread.url)
    page = client.get(thread.url)
    assert page.headers["X-Page-Cache"] == "hit"
    assert "Follow this question" in page.get_data(as_text=True)


def test_members_other_pages_are_never_cached(app, thread, make_user):
    """Only thread pages are kept for signed-in readers: lists, topics and the home page not."""
    member = signed_in_client(app, make_user().email)
    for url in ("/en/questions/", f"/en/topics/{thread.topic_slug}", "/en/", "/en/kb/"):
        for _ in range(2):
            response = member.get(url)
            assert "X-Page-Cache" not in response.headers, url
            assert response.headers["Cache-Control"] == "private, no-store"
            assert "ETag" not in response.headers


def test_a_visitor_never_gets_a_members_page(app, thread):
    member = signed_in_client(app, thread.asker.email)
    members_page = member.get(thread.url).get_data(as_text=True)
    assert "Sign out" in members_page
    for _ in range(2):
        page = visitor_page(app, thread.url).get_data(as_text=True)
        assert "Sign out" not in page
        assert page != members_page


def test_a_flash_is_never_kept_in_the_cache(app, thread):
    member = signed_in_client(app, thread.asker.email)
    member.post("/en/account/sign-out")
    visitor = app.test_client()
    with visitor.session_transaction() as session:
        session["_flashes"] = [("success", "A message for one visitor")]
    assert "A message for one visitor" in visitor.get(thread.url).get_data(as_text=True)
    assert "A message for one visitor" not in visitor_page(app, thread.url).get_data(as_text=True)


def test_visitors_revalidate_with_the_etag(app, thread):
    first = visitor_page(app, thread.url)
    assert first.headers["Cache-Control"] == "public, no-cache"
    assert "Cookie" in first.headers["Vary"]
    etag = first.headers["ETag"]
    again = app.test_client().get(thread.url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.get_data()
    with app.test_request_context():
        hide_answer(thread)
    changed = app.test_client().get(thread.url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_a_later_page_of_a_list_is_not_cached(app, thread):
    visitor_page(app, "/en/questions/?after=abc")
    assert "X-Page-Cache" not in visitor_page(app, "/en/questions/?after=abc").headers


def test_the_hidden_post_leaves_every_process(app, thread, config):
    """Two applications on one database stand for two processes, each with its own memory."""
    other = create_app(config)
    visitor_page(other, thread.url)
    assert visitor_page(other, thread.url).headers["X-Page-Cache"] == "hit"
    with app.test_request_context():
        hide_answer(thread)
    page = visitor_page(other, thread.url).get_data(as_text=True)
    dispose(other)
    assert "I did it at the migration office." not in page


@pytest.mark.redis
def test_readers_share_a_thread_page_across_processes_through_redis(config, thread, make_user):
    """Two applications on one database and one Redis stand for two processes."""
    shared = {**config, "REDIS_URL": service_url("TEST_REDIS_URL")}
    first, second = create_app(shared), create_app(shared)
    try:
        first.extensions["page_cache"].store.clear()
        one, another = make_user(), make_user()
        assert signed_in_client(first, one.email).get(thread.url).headers["X-Page-Cache"] == "miss"
        response = signed_in_client(second, another.email).get(thread.url)
        assert response.headers["X-Page-Cache"] == "hit"
        page = response.get_data(as_text=True)
        assert another.display_name in page and one.display_name not in page
        with first.test_request_context():
            hide_answer(thread)
        page = signed_in_client(second, another.email).get(thread.url).get_data(as_text=True)
        assert "I did it at the migration office." not in page
    finally:
        first.extensions["page_cache"].store.clear()
        dispose(first)
        dispose(second)
