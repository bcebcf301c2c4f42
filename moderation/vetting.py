"""Expert vetting: members apply, admins approve or decline, and may revoke the role."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from app.extensions import db
from app.mail import mail_user
from app.models import Organisation, Role, User, utcnow
from app.tasks import enqueue
from app.text import slugify
from moderation import audit
from moderation.claims import release_claims_of
from moderation.errors import AlreadyDecided, ReasonRequired, already_decided
from moderation.models import ApplicationStatus, ExpertApplication


@dataclass
class ApplicationDraft:
    organisation_name: str
    topics: list[str]
    languages: list[str]
    statement: str
    proof_url: str


def apply_as_expert(member: User, draft: ApplicationDraft) -> ExpertApplication:
    pending = db.session.scalar(
        select(ExpertApplication).where(
            ExpertApplication.user_id == member.id,
            ExpertApplication.status == ApplicationStatus.PENDING,
        )
    )
    if pending is not None:
        raise AlreadyDecided
    application = ExpertApplication(
        user_id=member.id,
        organisation_name=draft.organisation_name.strip(),
        organisation=_organisation_named(draft.organisation_name),
        topics=",".join(draft.topics),
        languages=",".join(draft.languages),
        statement=draft.statement.strip(),
        proof_url=draft.proof_url.strip(),
    )
    db.session.add(application)
    db.session.commit()
    return application


def _organisation_named(name: str) -> Organisation | None:
    wanted = name.strip().lower()
    for organisation in db.session.scalars(select(Organisation)):
        names = {organisation.name_lt, organisation.name_en, organisation.name_ru}
        if wanted in {n.lower() for n in names}:
            return organisation
    return None


def approve_application(admin: User, application: ExpertApplication) -> None:
    """Make the member a verified expert of the organisation (created if it is new)."""
    if application.status != ApplicationStatus.PENDING:
        raise already_decided("application", application.id)
    organisation = application.organisation or _new_organisation(application.organisation_name)
    member = application.user
    before = {"role": member.role, "organisation": member.organisation_id}
    member.role = Role.EXPERT.value
    member.organisation = organisation
    application.organisation = organisation
    _decide(admin, application, ApplicationStatus.APPROVED, "")
    db.session.flush()
    after = {"role": member.role, "organisation": organisation.id}
    audit.record(admin, "approve_expert", "application", application.id, "", before, after)
    db.session.commit()
    _mail_decision(application)


def decline_application(admin: User, application: ExpertApplication, reason: str) -> None:
    if not reason.strip():
        raise ReasonRequired
    if application.status != ApplicationStatus.PENDING:
        raise already_decided("application", application.id)
    _decide(admin, application, ApplicationStatus.DECLINED, reason)
    audit.record(admin, "decline_expert", "application", application.id, reason)
    db.session.commit()
    _mail_decision(application)


def revoke_expert(admin: User, expert: User, reason: str) -> None:
    if not reason.strip():
        raise ReasonRequired
    if expert.role != Role.EXPERT:
        raise already_decided("member", expert.id)
    expert.role = Role.MEMBER.value
    release_claims_of(expert)
    audit.record(
        admin, "revoke_expert", "member", expert.id, reason, {"role": "expert"}, {"role": "member"}
    )
    db.session.commit()


def _decide(admin: User, application: ExpertApplication, status: ApplicationStatus, reason: str):
    application.status = status.value
    application.decided_by_id = admin.id
    application.decided_at = utcnow()
    application.decision_reason = reason.strip()


def _mail_decision(application: ExpertApplication) -> None:
    member = application.user
    context = {
        "approved": application.status == ApplicationStatus.APPROVED,
        "organisation": application.organisation_name,
        "reason": application.decision_reason,
        "link": url_for("auth.profile", lang_code=member.language, _external=True),
    }
    enqueue(mail_user, member.id, "expert_decision", context)


def _new_organisation(name: str) -> Organisation:
    organisation = Organisation(
        slug=slugify(name) or "organisation",
        name_lt=name.strip(),
        name_en=name.strip(),
        name_ru=name.strip(),
    )
    db.session.add(organisation)
    return organisation
