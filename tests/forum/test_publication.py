"""Publication with consent: staff write a public version, only the asker's consent publishes it."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import User, utcnow
from forum.knowledge import services as knowledge_services
from forum.knowledge.models import Article
from forum.models import Answer, Notification, PostStatus, Question, Visibility
from forum.publication.models import ConsentRecord, PublicVersion
from moderation.models import ApplicationStatus, AuditEntry, ExpertApplication
from moderation.queues import knowledge_base_proposals
from search.backend import SearchQuery
from tests.conftest import PASSWORD
from tests.pages import page

PRIVATE_TITLE = "Police took my passport at the Vilnius bus station today"
PRIVATE_BODY = "My name is Amir Haddad, phone +370 612 34567. What can I do about the passport?"
EXPERT_ANSWER = "Ask the officer for a written record of the seizure and contact a lawyer."
PUBLIC = {
    "title": "What to do when the police keep your passport",
    "body": "The police kept my passport after a document check. What can I do to get it back?",
    "answer": "Ask for a written record of why the passport was kept, and contact a lawyer.",
}


@pytest.fixture
def config(config, database_url):
    """On PostgreSQL, search with the PostgreSQL backend: each test runs on both backends."""
    if database_url.startswith("postgresql"):
        config["SEARCH_BACKEND"] = "postgres"
    return config


@pytest.fixture
def people(make_user):
    return {
        "asker": make_user(),
        "expert": make_user("expert"),
        "moderator": make_user("moderator"),
        "other": make_user(),
    }


@pytest.fixture
def consultation(app, ask, answer, people) -> int:
    """A private consultation with an expert's answer; returns its id."""
    question_id = ask(people["asker"], PRIVATE_TITLE, body=PRIVATE_BODY)
    with app.app_context():
        question = db.session.get(Question, question_id)
        question.visibility = Visibility.PRIVATE.value
        # the expert was vetted for the consultation's topic: only such experts may read it
        db.session.add(
            ExpertApplication(
                user_id=people["expert"].id,
                organisation_name="Help Desk",
                topics=question.topic.slug,
                languages="en,lt,ru",
                statement="Years of counselling.",
                proof_url="https://help.example.org/team",
                status=ApplicationStatus.APPROVED.value,
                decided_at=utcnow(),
            )
        )
        db.session.commit()
    answer(people["expert"], question_id, EXPERT_ANSWER)
    return question_id


def prepare(client, question_id: int, **fields):
    return client.post(
        f"/en/moderation/consultations/{question_id}/public-version", data={**PUBLIC, **fields}
    )


def consent_path(mailbox, email: str) -> str:
    return urlsplit(mailbox.last_link(email)).path


def version_of(app, question_id: int) -> PublicVersion:
    with app.app_context():
        version = db.session.scalar(
            select(PublicVersion).where(PublicVersion.private_question_id == question_id)
        )
        db.session.expunge(version)
        return version


def public_questions(app) -> list[Question]:
    with app.app_context():
        rows = list(db.session.scalars(select(Question).where(Question.title == PUBLIC["title"])))
        for row in rows:
            db.session.expunge(row)
        return rows


def found(app, words: str) -> list[int]:
    return [hit.id for hit in app.extensions["search"].backend.search(SearchQuery(words)).hits]


def found_paths(app, words: str) -> str:
    hits = app.extensions["search"].backend.search(SearchQuery(words)).hits
    return " ".join(hit.url_path for hit in hits)


def asked_and_consented(client, app, sign_in, mailbox, people, question_id) -> Question:
    sign_in(people["moderator"].email)
    assert prepare(client, question_id).status_code == 302
    sign_in(people["asker"].email)
    response = client.post(
        consent_path(mailbox, people["asker"].email),
        data={"revision": version_of(app, question_id).revision, "consent": "y"},
    )
    assert response.status_code == 302
    (public,) = public_questions(app)
    return public


def test_staff_prepare_the_asker_reads_exactly_that_text_and_consents(
    app, client, sign_in, mailbox, people, consultation
):
    sign_in(people["moderator"].email)
    form = client.get(f"/en/moderation/consultations/{consultation}/public-version")
    assert form.status_code == 200
    assert "Rewrite the title, the question and the answer" in page(form)
    response = prepare(client, consultation)
    assert response.status_code == 302
    assert public_questions(app) == []  # silence publishes nothing

    # told in the app and by mail, with a link for the asker
    with app.app_context():
        kinds = db.session.scalars(
            select(Notification.kind).where(Notification.user_id == people["asker"].id)
        ).all()
    assert "consent_requested" in kinds
    (mail,) = [m for m in mailbox.to(people["asker"].email) if "anonymous version" in m[1]]
    assert "/en/consent/" in mail[2]

    sign_in(people["asker"].email)
    shown = page(client.get(consent_path(mailbox, people["asker"].email)))
    for text in PUBLIC.values():
        assert text in shown
    assert "Yes, publish this text" in shown and "No, do not publish it" in shown

    public = asked_and_consented_after_prepare(client, app, mailbox, people, consultation)
    assert public.is_published and public.anonymous and not public.is_private
    assert public.accepted_answer_id is not None
    client.post("/en/account/sign-out")
    thread = page(client.get(f"/en/questions/{public.id}/{public.slug}"))
    assert PUBLIC["body"] in thread and PUBLIC["answer"] in thread and "anonymous" in thread
    assert people["asker"].display_name not in thread
    # nothing public leads back to the consultation
    assert f"/questions/{consultation}/" not in thread
    # the consultation leads to its public version, for its asker
    sign_in(people["asker"].email)
    private = page(client.get(f"/en/questions/{consultation}/x", follow_redirects=True))
    assert "Published with consent as an anonymous question" in private
    assert f"/en/questions/{public.id}/" in private


def asked_and_consented_after_prepare(client, app, mailbox, people, question_id) -> Question:
    response = client.post(
        consent_path(mailbox, people["asker"].email),
        data={"revision": version_of(app, question_id).revision, "consent": "y"},
    )
    assert response.status_code == 302
    (public,) = public_questions(app)
    return public


def test_the_public_version_is_found_by_search_and_leaves_the_index_on_withdrawal(
    app, client, sign_in, mailbox, people, consultation
):
    public = asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    assert found(app, "police passport record") == [public.id]
    version = version_of(app, consultation)
    shown = page(client.get(f"/en/public-versions/{version.id}"))
    assert "Withdraw my consent" in shown

    response = client.post(f"/en/public-versions/{version.id}/withdrawal")
    assert response.status_code == 302
    assert found(app, "police passport record") == []
    with app.app_context():
        assert db.session.get(Question, public.id).status == PostStatus.REJECTED
    assert version_of(app, consultation).state == "withdrawn"
    client.post("/en/account/sign-out")
    assert client.get(f"/en/questions/{public.id}/{public.slug}").status_code == 404


def test_every_step_is_in_the_audit_log(app, client, sign_in, mailbox, people, consultation):
    asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    version = version_of(app, consultation)
    client.post(f"/en/public-versions/{version.id}/withdrawal")
    with app.app_context():
        entries = db.session.execute(
            select(AuditEntry.action, AuditEntry.actor_id)
            .where(AuditEntry.target_kind == "public_version")
            .order_by(AuditEntry.id)
        ).all()
    assert entries == [
        ("prepare_public_version", people["moderator"].id),
        ("consent_to_publication", people["asker"].id),
        ("withdraw_consent", people["asker"].id),
    ]


def test_the_public_version_is_a_knowledge_base_proposal(
    app, client, sign_in, mailbox, people, consultation
):
    public = asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    with app.test_request_context():
        assert public.id in [item.question.id for item in knowledge_base_proposals()]


def test_the_public_version_is_listed_in_the_language_staff_wrote_it_in(
    app, client, sign_in, mailbox, people, consultation
):
    with app.app_context():  # asked in Russian; staff wrote the public version in English
        db.session.get(Question, consultation).language = "ru"
        db.session.commit()
    public = asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    assert public.language == "en"
    client.post("/en/account/sign-out")
    assert PUBLIC["title"] in page(client.get("/en/questions/"))


def test_an_article_made_from_a_withdrawn_public_version_goes_back_to_drafts(
    app, client, sign_in, mailbox, people, consultation
):
    public = asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    with app.test_request_context():
        curator = db.session.get(User, people["moderator"].id)
        answer = db.session.get(Answer, public.accepted_answer_id)
        draft = knowledge_services.draft_from_answer(answer)
        draft.sources = "https://migracija.lrv.lt/"
        article = knowledge_services.create_article_from_answer(curator, answer, draft)
        knowledge_services.publish_article(curator, article)
        article_id, slug = article.id, article.slug
    assert client.get(f"/en/kb/{slug}").status_code == 200
    assert f"/kb/{slug}" in found_paths(app, "police passport")

    sign_in(people["asker"].email)
    version = version_of(app, consultation)
    assert client.post(f"/en/public-versions/{version.id}/withdrawal").status_code == 302
    with app.app_context():
        article = db.session.get(Article, article_id)
        assert article.status == "draft"
        assert article.source_question_id is None and article.source_answer_id is None
        logged = db.session.execute(
            select(AuditEntry.action, AuditEntry.actor_id).where(
                AuditEntry.target_kind == "article", AuditEntry.target_id == article_id
            )
        ).all()
    assert ("unpublish_article", people["asker"].id) in logged
    client.post("/en/account/sign-out")
    assert client.get(f"/en/kb/{slug}").status_code == 404
    assert f"/kb/{slug}" not in found_paths(app, "police passport")


def test_personal_data_in_the_text_is_shown_beside_the_field_and_nothing_is_asked(
    app, client, sign_in, mailbox, people, consultation
):
    sign_in(people["moderator"].email)
    body = "Amir, phone +370 612 34567, asks what to do when the police keep a passport."
    response = prepare(client, consultation, body=body)
    assert response.status_code == 200
    shown = page(response)
    assert "+370 612 34567" in shown  # what was typed comes back
    assert "the public version must not identify anyone" in shown
    assert 'id="body-error"' in shown and 'id="title-error"' not in shown
    with app.app_context():
        assert db.session.scalar(select(func.count(PublicVersion.id))) == 0
    assert not [m for m in mailbox.to(people["asker"].email) if "anonymous version" in m[1]]


def test_declining_publishes_nothing(app, client, sign_in, mailbox, people, consultation):
    sign_in(people["moderator"].email)
    prepare(client, consultation)
    sign_in(people["asker"].email)
    response = client.post(
        consent_path(mailbox, people["asker"].email),
        data={"revision": version_of(app, consultation).revision, "decline": "y"},
    )
    assert response.status_code == 302
    assert public_questions(app) == []
    assert version_of(app, consultation).state == "declined"


def test_a_used_link_is_refused(app, client, sign_in, mailbox, people, consultation):
    asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    link = consent_path(mailbox, people["asker"].email)
    response = client.post(link, data={"revision": 1, "consent": "y"})
    assert response.status_code == 400
    assert "has already been used. Nothing was published." in page(response)
    assert len(public_questions(app)) == 1


def test_a_forged_link_is_refused(client, sign_in, people, consultation, app):
    sign_in(people["asker"].email)
    for token in ("forged-token", "x" * 43, "a" * 200):
        response = client.post(f"/en/consent/{token}", data={"revision": 1, "consent": "y"})
        assert response.status_code in (400, 404)
    assert "Nothing was published." in page(client.get("/en/consent/forged-token"))
    assert public_questions(app) == []


def test_someone_elses_link_is_refused(app, client, sign_in, mailbox, people, consultation):
    sign_in(people["moderator"].email)
    prepare(client, consultation)
    sign_in(people["other"].email)
    link = consent_path(mailbox, people["asker"].email)
    assert client.get(link).status_code == 403
    response = client.post(link, data={"revision": 1, "consent": "y"})
    assert response.status_code == 403
    assert "sent to somebody else" in page(response)
    assert public_questions(app) == []
    # the link still works for the asker: a stranger's try does not use it up
    sign_in(people["asker"].email)
    assert client.get(link).status_code == 200


def test_a_consent_to_a_text_staff_changed_after_asking_is_refused(
    app, client, sign_in, mailbox, people, consultation
):
    sign_in(people["moderator"].email)
    prepare(client, consultation)
    old_link = consent_path(mailbox, people["asker"].email)
    prepare(client, consultation, answer=PUBLIC["answer"] + " Keep a copy of the record.")
    sign_in(people["asker"].email)
    response = client.post(old_link, data={"revision": 1, "consent": "y"})
    assert response.status_code == 400
    assert "changed the public version after they asked you" in page(response)
    assert public_questions(app) == []
    # an open in-app form with the old text is refused the same way
    version = version_of(app, consultation)
    response = client.post(
        f"/en/public-versions/{version.id}/decision", data={"revision": 1, "consent": "y"}
    )
    assert response.status_code == 400
    assert public_questions(app) == []
    # the new link shows the new text
    new_link = consent_path(mailbox, people["asker"].email)
    assert "Keep a copy of the record." in page(client.get(new_link))


def test_an_expired_link_is_refused(app, client, sign_in, mailbox, people, consultation):
    sign_in(people["moderator"].email)
    prepare(client, consultation)
    app.config["CONSENT_LINK_MAX_AGE"] = -1
    sign_in(people["asker"].email)
    response = client.post(
        consent_path(mailbox, people["asker"].email), data={"revision": 1, "consent": "y"}
    )
    assert response.status_code == 400
    assert "has expired" in page(response)
    assert public_questions(app) == []


def test_who_may_prepare_and_see_a_public_version(
    app, client, sign_in, mailbox, ask, people, consultation, make_user
):
    address = f"/en/moderation/consultations/{consultation}/public-version"
    client.post("/en/account/sign-out")
    assert client.get(address).status_code == 302  # a visitor signs in first
    sign_in(people["other"].email)
    assert client.get(address).status_code in (403, 404)
    sign_in(people["asker"].email)
    assert client.get(address).status_code in (403, 404)
    # a public question, or a consultation without an expert's answer, has no public version
    public_id = ask(people["other"], "A public question about work permits for students")
    sign_in(people["moderator"].email)
    assert client.get(f"/en/moderation/consultations/{public_id}/public-version").status_code == 403
    prepare(client, consultation)
    version = version_of(app, consultation)
    for who in ("other", "expert"):
        sign_in(people[who].email)
        expected = 404 if who == "other" else 200
        assert client.get(f"/en/public-versions/{version.id}").status_code == expected
    sign_in(people["other"].email)
    response = client.post(
        f"/en/public-versions/{version.id}/decision",
        data={"revision": version.revision, "consent": "y"},
    )
    assert response.status_code == 404
    assert public_questions(app) == []


def test_the_data_download_has_consultations_versions_and_decisions(
    app, client, sign_in, mailbox, people, consultation
):
    asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    response = client.post("/en/account/export", data={"current_password": PASSWORD})
    data = json.loads(response.get_data(as_text=True))
    visibility = {q["id"]: q["visibility"] for q in data["questions"]}
    assert visibility[consultation] == "private"
    (version,) = data["public_versions"]
    assert version["consultation_id"] == consultation and version["state"] == "published"
    assert version["answer_markdown"] == PUBLIC["answer"]
    (record,) = data["consent_records"]
    assert record["decision"] == "consented"
    # nobody else's download holds them
    sign_in(people["other"].email)
    other = json.loads(
        client.post("/en/account/export", data={"current_password": PASSWORD}).get_data(
            as_text=True
        )
    )
    assert other["public_versions"] == [] and other["consent_records"] == []


def test_a_deleted_account_keeps_its_public_versions_anonymous(
    app, client, sign_in, mailbox, people, consultation
):
    public = asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    response = client.post(
        "/en/account/delete", data={"current_password": PASSWORD, "posts": "keep"}
    )
    assert response.status_code == 302
    thread = page(client.get(f"/en/questions/{public.id}/{public.slug}"))
    assert PUBLIC["answer"] in thread and "anonymous" in thread
    assert found(app, "police passport record") == [public.id]


def test_removing_my_posts_removes_the_public_versions(
    app, client, sign_in, mailbox, people, consultation
):
    public = asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    response = client.post(
        "/en/account/delete", data={"current_password": PASSWORD, "posts": "remove"}
    )
    assert response.status_code == 302
    assert public_questions(app) == []
    assert client.get(f"/en/questions/{public.id}/{public.slug}").status_code == 404
    assert found(app, "police passport record") == []
    with app.app_context():
        assert db.session.scalar(select(func.count(PublicVersion.id))) == 0
        assert db.session.scalar(select(func.count(ConsentRecord.id))) == 0


def test_a_suspended_asker_can_still_withdraw(app, client, sign_in, mailbox, people, consultation):
    public = asked_and_consented(client, app, sign_in, mailbox, people, consultation)
    with app.app_context():
        db.session.get(User, people["asker"].id).suspended_until = utcnow() + timedelta(days=3)
        db.session.commit()
    version = version_of(app, consultation)
    assert client.post(f"/en/public-versions/{version.id}/withdrawal").status_code == 302
    assert found(app, "police passport record") == []
    assert public_questions(app)[0].id == public.id


def test_no_version_is_written_once_the_experts_answer_is_hidden(
    app, client, sign_in, people, consultation
):
    with app.app_context():
        question = db.session.get(Question, consultation)
        for answer in question.answers:
            answer.status = PostStatus.HIDDEN.value
        db.session.commit()
    sign_in(people["moderator"].email)
    assert prepare(client, consultation).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count(PublicVersion.id))) == 0
