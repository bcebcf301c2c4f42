"""Account services: the only code that creates or changes accounts."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from functools import cache

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app import links
from app.config import LANGUAGES
from app.extensions import db
from app.mail import mail_user
from app.models import STAFF_ROLES, Role, User, utcnow
from app.tasks import enqueue
from app.text import name_skeleton

CONFIRM_EMAIL = "confirm-email"
RESET_PASSWORD = "reset-password"  # noqa: S105 - a token purpose, not a secret


class AccountError(Exception):
    """A request about an account that cannot be carried out as asked."""


class EmailTaken(AccountError):
    pass


class WrongPassword(AccountError):
    pass


class TokenInvalid(AccountError):
    pass


class TokenExpired(AccountError):
    pass


class NameLikeStaff(AccountError):
    """A display name that looks like a staff member's, or claims a staff role."""


# Words that claim a role on the site, in its languages: a member's name may not start a word
# with one ("Moderatorius Jonas", "Admin", "Эксперт"). Compared by their skeletons.
ROLE_WORDS = (
    "moderator", "administrator", "admin", "expert", "ekspert", "mipas",
    "модератор", "администратор", "админ", "эксперт",
)  # fmt: skip


def normalise_email(email: str) -> str:
    return email.strip().lower()


def other_admins_who_can_act(person: User, lock: bool = False) -> int:
    """Admins besides `person` who can still act: not deleted, confirmed, not suspended.

    With `lock`, their rows are locked until the commit, so that two admins leaving at once
    (a demotion, a deletion) cannot both count on the other and leave the site without one.
    """
    query = select(User).where(
        User.role == Role.ADMIN.value,
        User.id != person.id,
        User.deleted_at.is_(None),
        User.email_confirmed_at.is_not(None),
    )
    others = db.session.scalars(query.with_for_update() if lock else query).all()
    return sum(1 for admin in others if not admin.is_suspended)


def check_display_name(name: str, person: User | None = None) -> None:
    """Refuse a name that looks like a staff member's (other than `person`'s own) or, for
    anyone but staff, one that claims a role; raise NameLikeStaff.

    Names are compared by skeleton (app/text.py): case, accents, spaces, punctuation,
    invisible characters and look-alike letters of other scripts do not make a difference.
    """
    skeleton = name_skeleton(name)
    if person is None or not person.is_staff:
        words = {name_skeleton(word) for word in name.split()}
        roles = {name_skeleton(word) for word in ROLE_WORDS}
        if any(word.startswith(role) for word in words for role in roles if word):
            raise NameLikeStaff(name)
    staff = db.session.execute(
        select(User.id, User.display_name).where(
            User.role.in_([role.value for role in STAFF_ROLES]), User.deleted_at.is_(None)
        )
    )
    for staff_id, staff_name in staff:
        if staff_id != (person.id if person else None) and name_skeleton(staff_name) == skeleton:
            raise NameLikeStaff(name)


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def register_member(email: str, display_name: str, password: str, language: str) -> None:
    """Create an unconfirmed member and mail the confirmation link.

    If the address already has an account, nothing is created and its owner gets a mail
    saying that someone tried to register with it. The person registering is answered the
    same either way, after the same work (the password is hashed in both cases, the slow
    part): for people who ask about asylum or residence, having an account here is itself
    something a stranger must not find out.
    """
    check_display_name(display_name)
    email = normalise_email(email)
    password_hash = generate_password_hash(password)
    owner = find_by_email(email)
    if owner is not None:
        tell_owner_of_registration(owner)
        return
    user = User(
        email=email,
        display_name=display_name.strip(),
        language=language,
        role=Role.MEMBER.value,
        privacy_accepted_at=utcnow(),
        password_hash=password_hash,
    )
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:  # two sign-ups with one address at the same moment
        db.session.rollback()
        owner = find_by_email(email)
        if owner is not None:
            tell_owner_of_registration(owner)
        return
    send_confirmation(user)  # commits the account with its link


def tell_owner_of_registration(owner: User) -> None:
    """Mail the owner of an address that someone tried to register with again."""
    enqueue(mail_user, owner.id, "registration_attempt", _ways_back_in(owner))


def _ways_back_in(owner: User) -> dict[str, str]:
    """The sign-in and password-reset links, in the owner's language, for a notice mail."""
    return {
        "sign_in_link": url_for("auth.sign_in", lang_code=owner.language, _external=True),
        "reset_link": url_for("auth.forgot_password", lang_code=owner.language, _external=True),
    }


def create_account(
    email: str, display_name: str, password: str, role: Role, language: str = "lt"
) -> User:
    """Create a confirmed account with a role; for the CLI and the demo loader."""
    email = normalise_email(email)
    if find_by_email(email) is not None:
        raise EmailTaken(email)
    user = User(
        email=email,
        display_name=display_name,
        language=language,
        role=role.value,
        privacy_accepted_at=utcnow(),
        email_confirmed_at=utcnow(),
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def _read_link(purpose: str, token: str, max_age: int) -> links.MailLink:
    try:
        return links.find(purpose, token, max_age)
    except links.LinkExpired as error:
        raise TokenExpired from error
    except links.LinkInvalid as error:
        raise TokenInvalid from error


def send_confirmation(user: User, new_email: str | None = None) -> None:
    """Mail an expiring link that confirms `new_email` (or the account's address); commits.

    The link is opaque: the address to confirm is kept on the server, not in the link.
    """
    email = new_email or user.email
    token = links.issue(CONFIRM_EMAIL, user.id, {"email": email})
    db.session.commit()
    link = url_for("auth.confirm_email", lang_code=user.language, token=token, _external=True)
    template = "change_email" if new_email else "confirm_email"
    enqueue(mail_user, user.id, template, {"link": link}, to=email)


def confirm_email(token: str) -> User:
    """Confirm the address a link was sent to; for a change of address, switch to it."""
    link = _read_link(CONFIRM_EMAIL, token, current_app.config["CONFIRM_EMAIL_MAX_AGE"])
    user = db.session.get(User, link.user_id)
    if user is None or not user.is_active:
        raise TokenInvalid
    email = normalise_email(link.data.get("email", ""))
    if email != user.email:
        owner = find_by_email(email)
        if owner is not None:
            raise EmailTaken(email)
        user.email = email
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.commit()
    return user


@cache
def _unknown_user_hash() -> str:
    """A hash to check against when the address is unknown, so that sign-in takes as long."""
    return generate_password_hash(secrets.token_hex(16))


def authenticate(email: str, password: str) -> User | None:
    """Return the account for these credentials, or None."""
    user = find_by_email(email)
    if user is None or not user.is_active:
        check_password_hash(_unknown_user_hash(), password)
        return None
    return user if user.check_password(password) else None


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address has an account; say nothing either way."""
    user = find_by_email(email)
    if user is None or not user.is_active:
        return
    token = links.issue(RESET_PASSWORD, user.id, {"stamp": user.password_hash[-12:]})
    db.session.commit()
    link = url_for("auth.reset_password", lang_code=user.language, token=token, _external=True)
    enqueue(mail_user, user.id, "reset_password", {"link": link})


def _reset_link(token: str) -> tuple[links.MailLink, User]:
    link = _read_link(RESET_PASSWORD, token, current_app.config["RESET_PASSWORD_MAX_AGE"])
    user = db.session.get(User, link.user_id)
    if user is None or not user.is_active or user.password_hash[-12:] != link.data.get("stamp"):
        raise TokenInvalid
    return link, user


def user_for_reset_token(token: str) -> User:
    """The account a reset link belongs to; a link works once, and not after the password
    changed some other way."""
    return _reset_link(token)[1]


def reset_password(token: str, password: str) -> User:
    link, user = _reset_link(token)
    links.use_up(link)
    user.set_password(password)
    # whoever can read the mailbox has just proven the address
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.commit()
    return user


def update_profile(
    user: User,
    display_name: str,
    language: str,
    bio: str,
    email_notifications: bool,
    reading_languages: Sequence[str] = (),
) -> None:
    if display_name.strip() != user.display_name:  # a name given before the check stays
        check_display_name(display_name, user)
    user.display_name = display_name.strip()
    user.language = language
    user.bio = bio.strip()
    user.email_notifications = email_notifications
    user.reading_languages = ",".join(code for code in LANGUAGES if code in reading_languages)
    db.session.commit()


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not user.check_password(current_password):
        raise WrongPassword
    user.set_password(new_password)
    db.session.commit()


def request_email_change(user: User, new_email: str, current_password: str) -> None:
    """Send a confirmation link to the new address; the account keeps the old one until then.

    An address that belongs to another account is answered as any other (the member could
    otherwise find out who has an account), and its owner is told instead of sent a link.
    """
    if not user.check_password(current_password):
        raise WrongPassword
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise EmailTaken(new_email)
    owner = find_by_email(new_email)
    if owner is not None:
        enqueue(mail_user, owner.id, "address_change_attempt", _ways_back_in(owner))
        return
    send_confirmation(user, new_email=new_email)
