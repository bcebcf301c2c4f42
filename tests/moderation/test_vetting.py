"""Expert vetting: a member applies, an admin approves, the next answer carries the badge."""

from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import User
from moderation.models import AuditEntry, ExpertApplication
from moderation.queues import expert_focus
from tests.pages import page

PASSWORD = "a long and quiet river"

APPLICATION = {
    "organisation_name": "Lithuanian Red Cross Society",
    "topics": ["asylum", "residence-permits"],
    "languages": ["lt", "ru"],
    "statement": "I have counselled asylum seekers for five years as a lawyer at the Red Cross.",
    "proof_url": "https://www.redcross.lt/komanda",
}


def signed_in(app, user):
    client = app.test_client()
    response = client.post("/en/account/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, "the sign-in was refused"
    return client


def test_apply_approve_and_answer_with_the_badge(app, make_user, ask, mailbox):
    with app.app_context():
        demo.load()
    member = make_user(language="lt")
    applicant = signed_in(app, member)
    response = applicant.post("/en/account/expert-application", data=APPLICATION)
    assert response.status_code == 302
    admin = signed_in(app, make_user("admin"))
    with app.app_context():
        # the demo expert's own approval is there too
        application_id = db.session.scalar(
            select(ExpertApplication.id).where(ExpertApplication.user_id == member.id)
        )
    assert "I have counselled asylum seekers" in page(admin.get("/en/moderation/experts"))
    admin.post(f"/en/moderation/experts/{application_id}/approve")
    with app.app_context():
        user = db.session.get(User, member.id)
        assert user.role == "expert" and user.organisation.slug == "red-cross-lithuania"
        assert "approve_expert" in db.session.scalars(select(AuditEntry.action)).all()
    assert mailbox.to(member.email), "the applicant is told"
    question_id = ask(make_user("moderator"))
    applicant.post(
        f"/en/questions/{question_id}/answer", data={"body": "As an expert: apply in MIGRIS."}
    )
    thread = page(app.test_client().get(f"/en/questions/{question_id}", follow_redirects=True))
    assert "Verified expert, Lithuanian Red Cross Society" in thread
    assert user.display_name in page(app.test_client().get("/en/organisations/red-cross-lithuania"))


def test_a_new_organisation_is_created_on_approval(app, make_user):
    member = make_user()
    signed_in(app, member).post(
        "/en/account/expert-application",
        data={**APPLICATION, "organisation_name": "Vilnius Migrant Help"},
    )
    admin = signed_in(app, make_user("admin"))
    with app.app_context():
        application_id = db.session.scalar(select(ExpertApplication.id))
    admin.post(f"/en/moderation/experts/{application_id}/approve")
    assert app.test_client().get("/en/organisations/vilnius-migrant-help").status_code == 200


def test_declining_needs_a_reason_and_the_applicant_reads_it(app, make_user, mailbox):
    member = make_user(language="ru")
    signed_in(app, member).post("/en/account/expert-application", data=APPLICATION)
    admin = signed_in(app, make_user("admin"))
    with app.app_context():
        application_id = db.session.scalar(select(ExpertApplication.id))
    admin.post(f"/en/moderation/experts/{application_id}/decline", data={"reason": ""})
    with app.app_context():
        assert db.session.get(ExpertApplication, application_id).status == "pending"
    admin.post(
        f"/en/moderation/experts/{application_id}/decline",
        data={"reason": "The page does not name you."},
    )
    with app.app_context():
        assert db.session.get(ExpertApplication, application_id).status == "declined"
    [(_, _, body)] = mailbox.to(member.email)
    assert "The page does not name you." in body


def test_bad_applications_explain_and_keep_the_text(app, make_user):
    client = signed_in(app, make_user())
    response = client.post(
        "/en/account/expert-application",
        data={**APPLICATION, "topics": [], "proof_url": "not a link", "statement": "Short."},
    )
    assert "Choose at least one topic." in page(response)
    assert "Enter a full address starting with https://" in page(response)
    assert "Write between 50 and 2000 characters." in page(response)
    assert 'value="Lithuanian Red Cross Society"' in page(response)


def test_only_admins_vet_and_revoke(app, make_user):
    member = make_user()
    signed_in(app, member).post("/en/account/expert-application", data=APPLICATION)
    with app.app_context():
        application_id = db.session.scalar(select(ExpertApplication.id))
    moderator = signed_in(app, make_user("moderator"))
    assert moderator.post(f"/en/moderation/experts/{application_id}/approve").status_code == 403
    expert = make_user("expert")
    assert (
        moderator.post(
            f"/en/moderation/experts/revoke/{expert.id}", data={"reason": "x"}
        ).status_code
        == 403
    )
    admin = signed_in(app, make_user("admin"))
    admin.post(
        f"/en/moderation/experts/revoke/{expert.id}", data={"reason": "Left the organisation"}
    )
    with app.app_context():
        assert db.session.get(User, expert.id).role == "member"


def test_the_demo_expert_was_approved_for_topics_and_languages(app):
    with app.app_context():
        demo.load()
        expert = db.session.scalar(select(User).where(User.email == "expert@mipas.example"))
        topics, languages = expert_focus(expert)
    assert "asylum" in topics and languages == {"lt", "en", "ru"}
