"""The knowledge-base queues: proposals without an article, and articles past their review."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User, utctoday
from forum import services as forum_services
from forum.knowledge import services
from forum.knowledge.models import Article
from forum.models import Answer, PostStatus
from moderation import queues
from moderation.models import AuditEntry, Claim
from tests.pages import page


@pytest.fixture
def accepted_answer(app, make_user, ask, answer):
    """Make a question with an accepted answer from an expert; return the answer's id."""

    def make(title: str) -> int:
        asker, expert = make_user(), make_user("expert")
        question_id = ask(asker, title)
        answer_id = answer(expert, question_id, "Ask the Migracijos departamentas about it.")
        with app.test_request_context():
            found = db.session.get(Answer, answer_id)
            # premoderation holds first posts: publish them as a moderator would
            for post in (found.question, found):
                forum_services.change_status(post, PostStatus.PUBLISHED, expert.id)
            db.session.commit()
            forum_services.accept_answer(found, db.session.get(User, asker.id))
        return answer_id

    return make


def make_article(app, answer_id: int, by: User, title: str, overdue_days: int | None = None) -> int:
    """Create (and, with `overdue_days`, publish and backdate) an article from an answer."""
    with app.test_request_context():
        found = db.session.get(Answer, answer_id)
        article = services.create_article_from_answer(
            db.session.get(User, by.id),
            found,
            services.ArticleDraft(
                title,
                "A short summary of the rules, to check with the institution.",
                "The body of the article, long enough to be a real article in the base.",
                found.question.topic_id,
                "en",
                sources="https://www.migracija.lt",
            ),
        )
        if overdue_days is not None:
            services.publish_article(db.session.get(User, by.id), article)
            article.review_due = utctoday() - timedelta(days=overdue_days)
            db.session.commit()
        return article.id


def test_proposals_leave_out_answers_that_have_an_article(
    app, client, make_user, sign_in, accepted_answer
):
    first = accepted_answer("How do I renew my residence permit in time?")
    accepted_answer("Where do I declare my place of residence?")
    moderator = make_user("moderator")
    sign_in(moderator.email)
    shown = page(client.get("/en/moderation/proposals"))
    assert shown.count("Create article") == 2 and f"/en/kb/new?answer={first}" in shown
    make_article(app, first, moderator, "Renewing a residence permit")
    shown = page(client.get("/en/moderation/proposals"))
    assert shown.count("Create article") == 1 and f"answer={first}" not in shown
    with app.test_request_context():
        assert queues.counts(moderator)["proposals"] == 1
        assert len(queues.knowledge_base_proposals()) == 1


def test_a_claimed_proposal_shows_who_has_it_until_the_article_is_created(
    app, client, make_user, sign_in, accepted_answer
):
    answer_id = accepted_answer("How do I renew my residence permit in time?")
    expert, other = make_user("expert"), make_user("moderator")
    sign_in(expert.email)
    client.post(
        f"/en/moderation/claim/proposal/{answer_id}", data={"next": "/en/moderation/proposals"}
    )
    sign_in(other.email)
    shown = page(client.get("/en/moderation/proposals"))
    assert f"Claimed by {expert.display_name}" in shown
    response = client.post(
        f"/en/moderation/claim/proposal/{answer_id}",
        data={"next": "/en/moderation/proposals"},
        follow_redirects=True,
    )
    shown = page(response)
    assert f"{expert.display_name} has already dealt with this. Nothing was changed." in shown
    assert f"Claimed by {expert.display_name}" in shown
    with app.app_context():
        assert db.session.scalar(select(Claim.moderator_id)) == expert.id
    make_article(app, answer_id, expert, "Renewing a residence permit")
    with app.app_context():
        assert db.session.scalar(select(Claim.id)) is None


def test_the_reviews_queue_lists_overdue_articles_most_overdue_first(
    app, client, make_user, sign_in, accepted_answer
):
    moderator = make_user("moderator")
    make_article(
        app, accepted_answer("First question about permits?"), moderator, "Slightly late", 3
    )
    make_article(app, accepted_answer("Second question about permits?"), moderator, "Very late", 40)
    make_article(app, accepted_answer("Third question about permits?"), moderator, "Not yet", -5)
    make_article(app, accepted_answer("Fourth question about permits?"), moderator, "A draft")
    with app.test_request_context():
        assert queues.counts(moderator)["reviews"] == 2
    sign_in(moderator.email)
    shown = page(client.get("/en/moderation/reviews"))
    assert shown.index("Very late") < shown.index("Slightly late")
    assert "Not yet" not in shown and "A draft" not in shown
    assert "40 days overdue" in shown and "3 days overdue" in shown
    assert "A short summary of the rules" in shown and "First question about permits?" in shown
    assert 'Knowledge-base reviews <span class="count">2</span>' in shown


def test_claiming_and_marking_reviewed_takes_it_off_the_queue_with_an_audit_entry(
    app, client, make_user, sign_in, accepted_answer
):
    moderator, other = make_user("moderator"), make_user("moderator")
    article_id = make_article(
        app, accepted_answer("A question about permits?"), moderator, "Late", 10
    )
    with app.app_context():
        slug = db.session.get(Article, article_id).slug
    sign_in(moderator.email)
    client.post(
        f"/en/moderation/claim/article/{article_id}", data={"next": "/en/moderation/reviews"}
    )
    with app.app_context():
        assert db.session.scalar(
            select(Claim.moderator_id).where(Claim.item_kind == "article")
        ) == (moderator.id)
    sign_in(other.email)
    assert f"Claimed by {moderator.display_name}" in page(client.get("/en/moderation/reviews"))
    sign_in(moderator.email)
    response = client.post(f"/en/kb/{slug}/review", data={"next": "/en/moderation/reviews"})
    assert response.location.endswith("/en/moderation/reviews")
    with app.test_request_context():
        assert queues.counts(moderator)["reviews"] == 0
        assert db.session.scalar(select(Claim.id)) is None
        entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.action, entry.target_kind, entry.target_id) == (
            "review_article",
            "article",
            article_id,
        )
        assert entry.actor_id == moderator.id
        assert json.loads(entry.after)["review_due"] > json.loads(entry.before)["review_due"]


def test_every_knowledge_base_action_is_in_the_audit_log(
    app, client, make_user, sign_in, accepted_answer, topic_id
):
    expert, moderator = make_user("expert"), make_user("moderator")
    answer_id = accepted_answer("A question about declaring residence?")
    article_id = make_article(app, answer_id, expert, "Declaring your residence")
    with app.app_context():
        slug = db.session.get(Article, article_id).slug
    sign_in(expert.email)
    fields = {
        "title": "Declaring your place of residence",
        "summary": "Declare it within a month, at the municipality or online.",
        "body": "Declare the place of residence at the seniūnija or through the e-services. " * 2,
        "topic": str(topic_id),
        "slug": slug,
        "sources": "https://www.migracija.lt",
    }
    client.post(f"/en/kb/{slug}/edit", data=fields)
    client.post(
        f"/en/kb/{slug}/translate?to=lt",
        data={**fields, "slug": "gyvenamosios-vietos-deklaravimas"},
    )
    sign_in(moderator.email)
    client.post(f"/en/kb/{slug}/publish")
    client.post(f"/en/kb/{slug}/review")
    client.post(f"/en/kb/{slug}/archive", data={"reason": "The rules changed"})
    with app.app_context():
        entries = list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    actions = [(e.action, e.actor_id) for e in entries]
    assert actions == [
        ("create_article", expert.id),
        ("edit_article", expert.id),
        ("translate_article", expert.id),
        ("publish_article", moderator.id),
        ("review_article", moderator.id),
        ("archive_article", moderator.id),
    ]
    edit = entries[1]
    assert json.loads(edit.before)["title"] == "Declaring your residence"
    assert json.loads(edit.after)["title"] == "Declaring your place of residence"
    assert entries[-1].reason == "The rules changed"
    sign_in(make_user("admin").email)
    log = page(client.get("/en/moderation/audit"))
    assert "Published an article" in log and "knowledge-base article" in log
