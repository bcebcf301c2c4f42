"""Admin services: staff roles, topics and organisations.

Each function is one admin action: it decides, writes the audit log and commits once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.auth.services import find_by_email, other_admins_who_can_act
from app.extensions import db
from app.mail import mail_user
from app.models import STAFF_ROLES, HelpContact, Organisation, Role, Topic, User
from app.phones import normalise_phone
from app.tasks import enqueue
from moderation import audit
from moderation.claims import release_claims_of

# Staff listed by role, the most rights first.
ROLE_ORDER = {Role.ADMIN: 0, Role.MODERATOR: 1, Role.EXPERT: 2}
ASSIGNABLE = frozenset({Role.MEMBER, Role.MODERATOR, Role.ADMIN})


class AdminError(Exception):
    """An admin action that cannot be carried out as asked."""


class OwnRole(AdminError):
    """Nobody changes their own role: another admin must."""


class LastAdmin(AdminError):
    """The change would leave the site without an administrator."""


class UnknownAccount(AdminError):
    pass


class AccountUnavailable(AdminError):
    """The account is deleted or its e-mail address is not confirmed."""

    def __init__(self, deleted: bool) -> None:
        super().__init__()
        self.deleted = deleted


class ExpertThroughVetting(AdminError):
    """An expert's role changes only through expert vetting (revoke)."""

    def __init__(self, expert: User) -> None:
        super().__init__()
        self.expert = expert


class RoleUnchanged(AdminError):
    pass


class SlugTaken(AdminError):
    pass


def staff_accounts() -> list[User]:
    """Experts, moderators and admins with their organisations, the most rights first."""
    staff = db.session.scalars(
        select(User)
        .options(joinedload(User.organisation))
        .where(User.role.in_(STAFF_ROLES), User.deleted_at.is_(None))
        .order_by(User.display_name, User.id)
    )
    return sorted(staff, key=lambda user: ROLE_ORDER[Role(user.role)])


def set_role(admin: User, email: str, role: Role, reason: str) -> User:
    """Make the account with this e-mail address a member, moderator or admin; it is told."""
    if role not in ASSIGNABLE:
        raise ValueError(role)
    person = find_by_email(email)
    if person is None:
        raise UnknownAccount
    if person.id == admin.id:
        raise OwnRole
    if person.deleted_at is not None or not person.is_confirmed:
        raise AccountUnavailable(deleted=person.deleted_at is not None)
    if person.role == Role.EXPERT:
        raise ExpertThroughVetting(person)
    if person.role == role:
        raise RoleUnchanged
    if person.role == Role.ADMIN and other_admins_who_can_act(person, lock=True) == 0:
        raise LastAdmin
    before = {"role": person.role}
    person.role = role.value
    if role == Role.MEMBER:
        release_claims_of(person)
    audit.record(admin, "change_role", "member", person.id, reason.strip(), before, {"role": role})
    db.session.commit()
    link = url_for("main.home", lang_code=person.language, _external=True)
    enqueue(mail_user, person.id, "role_changed", {"role": role.value, "link": link})
    return person


@dataclass
class TopicDraft:
    slug: str
    position: int
    name_lt: str
    name_en: str
    name_ru: str
    description_lt: str = ""
    description_en: str = ""
    description_ru: str = ""


@dataclass
class OrganisationDraft:
    slug: str
    kind: str
    website: str
    name_lt: str
    name_en: str
    name_ru: str
    description_lt: str = ""
    description_en: str = ""
    description_ru: str = ""


def topic_draft(topic: Topic) -> TopicDraft:
    return TopicDraft(**{name: getattr(topic, name) for name in TopicDraft.__dataclass_fields__})


def organisation_draft(organisation: Organisation) -> OrganisationDraft:
    fields = OrganisationDraft.__dataclass_fields__
    return OrganisationDraft(**{name: getattr(organisation, name) for name in fields})


def add_topic(admin: User, draft: TopicDraft) -> Topic:
    """Add a topic; it is in the ask form, the lists and search at once."""
    topic = Topic()
    _save(admin, topic, draft, "add_topic", "topic")
    return topic


def edit_topic(admin: User, topic: Topic, draft: TopicDraft) -> None:
    _save(admin, topic, draft, "edit_topic", "topic")


def organisations_with_expert_counts() -> list[tuple[Organisation, int]]:
    """Every organisation with the number of its active staff accounts, by Lithuanian name."""
    experts = (
        select(User.organisation_id, func.count(User.id).label("experts"))
        .where(User.role.in_(STAFF_ROLES), User.deleted_at.is_(None))
        .group_by(User.organisation_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Organisation, func.coalesce(experts.c.experts, 0))
        .outerjoin(experts, experts.c.organisation_id == Organisation.id)
        .order_by(Organisation.name_lt, Organisation.id)
    )
    return [(organisation, count) for organisation, count in rows]


def add_organisation(admin: User, draft: OrganisationDraft) -> Organisation:
    organisation = Organisation()
    _save(admin, organisation, draft, "add_organisation", "organisation")
    return organisation


def edit_organisation(admin: User, organisation: Organisation, draft: OrganisationDraft) -> None:
    _save(admin, organisation, draft, "edit_organisation", "organisation")


def _save(
    admin: User,
    record: Topic | Organisation,
    draft: TopicDraft | OrganisationDraft,
    action: str,
    target_kind: str,
) -> None:
    """Write the draft into a new or existing topic or organisation, with its audit entry."""
    model = type(record)
    taken = db.session.scalar(
        select(model.id).where(model.slug == draft.slug, model.id != (record.id or 0))
    )
    if taken is not None:
        raise SlugTaken
    after = asdict(draft)
    before = {name: getattr(record, name) for name in after} if record.id else {}
    changed = {name: value for name, value in after.items() if before.get(name) != value}
    for name, value in after.items():
        setattr(record, name, value)
    db.session.add(record)
    try:
        db.session.flush()
    except IntegrityError as error:  # another admin took the address a moment ago
        db.session.rollback()
        raise SlugTaken from error
    audit.record(
        admin,
        action,
        target_kind,
        record.id,
        before={name: before[name] for name in changed if name in before},
        after=changed,
    )
    db.session.commit()


@dataclass
class HelpContactDraft:
    language: str
    position: int
    name: str
    phone: str
    hours: str
    helps_with: str
    reasons: list[str]
    source_url: str
    checked_on: date


def _contact_values(draft: HelpContactDraft) -> dict:
    values = asdict(draft)
    values["phone"] = normalise_phone(draft.phone) or draft.phone
    values["reasons"] = ",".join(sorted(set(draft.reasons)))
    return values


def save_help_contact(admin: User, contact: HelpContact | None, draft: HelpContactDraft) -> None:
    """Add a help contact, or change one; the change is in the audit log."""
    action = "edit_help_contact" if contact is not None else "add_help_contact"
    contact = contact or HelpContact()
    after = _contact_values(draft)
    before = {name: getattr(contact, name) for name in after} if contact.id else {}
    changed = {name: value for name, value in after.items() if before.get(name) != value}
    for name, value in after.items():
        setattr(contact, name, value)
    db.session.add(contact)
    db.session.flush()
    audit.record(
        admin,
        action,
        "help_contact",
        contact.id,
        before={name: before[name] for name in changed if name in before},
        after=changed,
    )
    db.session.commit()


def delete_help_contact(admin: User, contact: HelpContact) -> None:
    """Take a contact off the list (a number that no longer works); the log keeps what it was."""
    before = {name: getattr(contact, name) for name in HelpContactDraft.__dataclass_fields__}
    audit.record(admin, "delete_help_contact", "help_contact", contact.id, before=before)
    db.session.delete(contact)
    db.session.commit()
