"""What MIPAS keeps about a member: the export they can download and the deletion they can ask for.

Accounts are the shell's; questions, flags and the rest belong to feature packages that app/
does not import. Each package contributes a `PersonalDataPart`, listed in
`app.extensions["personal_data"]` by create_app, in the order their deletions must run.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from app import links, submissions
from app.auth.services import WrongPassword, other_admins_who_can_act
from app.extensions import db
from app.mail import mail_address
from app.models import Role, User, utcnow, utctoday
from app.tasks import enqueue

EXPORT_FORMAT_VERSION = 1


class LastAdmin(Exception):
    """The only remaining administrator cannot leave: nobody could run the site."""


@dataclass
class AccountDeletion:
    """One member's request to delete their account, handed to every package's part."""

    user: User
    remove_posts: bool
    # what the parts did, in counts only: the audit log must not keep the person's data
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PersonalDataPart:
    """A package's share of a member's data: what it exports and how it deletes it."""

    name: str
    export: Callable[[User], dict[str, Any]]
    delete: Callable[[AccountDeletion], None]
    # how many of each kind of post the member has, for the deletion page to show
    count_posts: Callable[[User], dict[str, int]] = lambda user: {}


def _parts() -> list[PersonalDataPart]:
    return current_app.extensions.get("personal_data", [])


def account_fields(user: User) -> dict[str, Any]:
    """The account itself, without the password hash."""
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "about": user.bio,
        "role": user.role,
        "organisation": user.organisation.slug if user.organisation else None,
        "registered_at": user.created_at,
        "privacy_notice_accepted_at": user.privacy_accepted_at,
        "email_confirmed_at": user.email_confirmed_at,
        "suspended_until": user.suspended_until,
        "suspension_reason": user.suspension_reason,
        "email_notifications": user.email_notifications,
        "reading_languages": user.reading_language_codes,
    }


def export_data(user: User) -> dict[str, Any]:
    """Everything MIPAS keeps about `user` and everything they wrote, as plain values."""
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": utcnow(),
        "account": account_fields(user),
    }
    for part in _parts():
        data.update(part.export(user))
    return data


def export_file(user: User, password: str) -> tuple[str, bytes]:
    """The export as a JSON file: its name and its bytes; asks for the password first."""
    if not user.check_password(password):
        raise WrongPassword
    body = json.dumps(export_data(user), ensure_ascii=False, indent=2, default=_json_value)
    return f"mipas-data-{utctoday().isoformat()}.json", body.encode()


def _json_value(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def post_counts(user: User) -> dict[str, int]:
    """How many questions, answers and comments the member has written, in any state."""
    counts: dict[str, int] = {}
    for part in _parts():
        counts.update(part.count_posts(user))
    return counts


def is_last_admin(user: User, lock: bool = False) -> bool:
    """Whether `user` is the one administrator left who can act (see the admins' staff page)."""
    return user.role == Role.ADMIN.value and other_admins_who_can_act(user, lock) == 0


def delete_account(user: User, password: str, remove_posts: bool) -> None:
    """Delete the account at its owner's request, keeping or removing their posts; one commit.

    The account row stays as an empty "deleted member", so that kept posts, others' records
    that name it (votes, flags, the audit log) and foreign keys stay whole without the person.
    """
    if not user.check_password(password):
        raise WrongPassword
    if is_last_admin(user, lock=True):
        raise LastAdmin
    address, language = user.email, user.language
    deletion = AccountDeletion(user=user, remove_posts=remove_posts)
    for part in _parts():
        part.delete(deletion)
    _scrub(user)
    db.session.commit()
    enqueue(mail_address, address, language, "account_deleted", {"posts_removed": remove_posts})


def _scrub(user: User) -> None:
    """Empty the account of everything that could name the person, and end its sessions."""
    user.email = f"deleted-{user.id}@deleted.invalid"  # .invalid never receives mail
    user.display_name = ""
    user.bio = ""
    user.role = Role.MEMBER.value
    user.organisation_id = None
    user.suspension_reason = ""
    user.email_notifications = False
    user.reading_languages = ""  # the languages someone reads say where they come from
    # a random password nobody knows changes the session stamp: every session ends
    user.set_password(secrets.token_urlsafe(32))
    user.deleted_at = utcnow()
    links.forget_user(user.id)  # a confirmation link holds an address
    submissions.forget_user(user.id)
