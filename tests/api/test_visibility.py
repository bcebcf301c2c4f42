"""The API shows only what a visitor may see: no private consultation, nothing held, hidden,
rejected or deleted, no draft or archived article, no unpublished news, on either database."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from app.extensions import db
from forum.knowledge.models import Article, ArticleStatus
from forum.models import Answer, PostStatus, Question, Visibility
from news.models import NewsItem, NewsStatus
from tests.api.conftest import every_page

LISTS = ["/api/v1/questions", "/api/v1/articles", "/api/v1/news", "/api/v1/events"]
QUESTION_STATES = {
    "private": {"visibility": Visibility.PRIVATE.value},
    "pending": {"status": PostStatus.PENDING.value},
    "hidden": {"status": PostStatus.HIDDEN.value},
    "rejected": {"status": PostStatus.REJECTED.value},
    "deleted": {"status": PostStatus.DELETED.value},
}


def _answered_questions() -> list[Question]:
    return list(
        db.session.scalars(
            db.select(Question)
            .where(Question.accepted_answer_id.is_not(None))
            .order_by(Question.id)
        )
    )


@pytest.fixture
def kept_from_visitors(demo_app):
    """Demo content put out of a visitor's sight in every way a post or article can be."""
    with demo_app.app_context():
        questions = _answered_questions()
        withheld_questions = {}
        for question, (state, change) in zip(questions, QUESTION_STATES.items(), strict=False):
            for name, value in change.items():
                setattr(question, name, value)
            withheld_questions[state] = (question.id, question.title)
        # a public thread whose accepted answer was hidden by flags
        public = questions[len(QUESTION_STATES)]
        hidden_answer = db.session.get(Answer, public.accepted_answer_id)
        hidden_answer.status = PostStatus.HIDDEN.value
        articles = list(db.session.scalars(db.select(Article).order_by(Article.id)))
        articles[0].status = ArticleStatus.DRAFT.value
        articles[1].status = ArticleStatus.ARCHIVED.value
        news = list(db.session.scalars(db.select(NewsItem).order_by(NewsItem.id)))
        news[0].status = NewsStatus.DRAFT.value
        events = [item for item in news if item.is_event]
        events[0].status = NewsStatus.DRAFT.value
        db.session.commit()
        return {
            "questions": withheld_questions,
            "answer": (public.id, hidden_answer.id, hidden_answer.body),
            "articles": [(a.slug, a.title) for a in articles[:2]],
            "news": [(n.slug, n.title) for n in (news[0], events[0])],
        }


def test_no_withheld_content_reaches_any_list(demo_app, kept_from_visitors):
    client = demo_app.test_client()
    shown = "\n".join(
        str(item)
        for address in LISTS
        for language in ("lt", "en", "ru")
        for item in every_page(client, f"{address}?limit=50&lang={language}")
    )
    for question_id, title in kept_from_visitors["questions"].values():
        assert f"'id': {question_id}," not in shown
        assert title not in shown
    for slug, title in kept_from_visitors["articles"] + kept_from_visitors["news"]:
        assert slug not in shown
        assert title not in shown


def test_withheld_items_are_not_found(demo_app, kept_from_visitors):
    client = demo_app.test_client()
    addresses = [f"/api/v1/questions/{qid}" for qid, _ in kept_from_visitors["questions"].values()]
    addresses += [f"/api/v1/articles/{slug}" for slug, _ in kept_from_visitors["articles"]]
    addresses += [f"/api/v1/news/{slug}" for slug, _ in kept_from_visitors["news"]]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 404, address
        assert response.mimetype == "application/problem+json"


def test_a_hidden_answer_is_never_the_answer_shown(demo_app, kept_from_visitors):
    question_id, answer_id, body = kept_from_visitors["answer"]
    found = demo_app.test_client().get(f"/api/v1/questions/{question_id}").get_json()
    assert found["answer"] is None or found["answer"]["id"] != answer_id
    assert body not in str(found)


def test_search_finds_nothing_withheld(demo_app, kept_from_visitors):
    client = demo_app.test_client()
    withheld = list(kept_from_visitors["questions"].values())
    withheld += kept_from_visitors["articles"] + kept_from_visitors["news"]
    for _, title in withheld:
        hits = every_page(client, "/api/v1/search?" + _query(title))
        assert title not in {hit["title"] for hit in hits}


def _query(title: str) -> str:
    return urlencode({"q": title, "limit": 50})


def test_signing_in_does_not_widen_what_the_api_shows(demo_app, kept_from_visitors, make_user):
    moderator = make_user("moderator")
    client = demo_app.test_client()
    client.post(
        "/en/account/sign-in", data={"email": moderator.email, "password": "a long and quiet river"}
    )
    question_id, _ = kept_from_visitors["questions"]["private"]
    assert client.get(f"/api/v1/questions/{question_id}").status_code == 404
