"""Account services: the only code that creates or changes accounts."""

from __future__ import annotations

import secrets
from functools import cache

from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.mail import mail_user
from app.models import Role, User, utcnow
from app.tasks import enqueue

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


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def register_member(email: str, display_name: str, password: str, language: str) -> User:
    """Create an unconfirmed member and send the confirmation link."""
    email = normalise_email(email)
    if find_by_email(email) is not None:
        raise EmailTaken(email)
    user = User(
        email=email,
        display_name=display_name.strip(),
        language=language,
        role=Role.MEMBER.value,
        privacy_accepted_at=utcnow(),
    )
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError as error:  # two sign-ups with one address at the same moment
        db.session.rollback()
        raise EmailTaken(email) from error
    send_confirmation(user)
    return user


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


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def _read_token(purpose: str, token: str, max_age: int) -> dict:
    try:
        return _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise TokenExpired from error
    except BadSignature as error:
        raise TokenInvalid from error


def send_confirmation(user: User, new_email: str | None = None) -> None:
    """Mail a signed, expiring link that confirms `new_email` (or the account's address)."""
    email = new_email or user.email
    token = _serializer(CONFIRM_EMAIL).dumps({"user": user.id, "email": email})
    link = url_for("auth.confirm_email", lang_code=user.language, token=token, _external=True)
    template = "change_email" if new_email else "confirm_email"
    enqueue(mail_user, user.id, template, {"link": link}, to=email)


def confirm_email(token: str) -> User:
    """Confirm the address a link was sent to; for a change of address, switch to it."""
    data = _read_token(CONFIRM_EMAIL, token, current_app.config["CONFIRM_EMAIL_MAX_AGE"])
    user = db.session.get(User, data.get("user"))
    if user is None or not user.is_active:
        raise TokenInvalid
    email = normalise_email(data.get("email", ""))
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
    token = _serializer(RESET_PASSWORD).dumps({"user": user.id, "stamp": user.password_hash[-12:]})
    link = url_for("auth.reset_password", lang_code=user.language, token=token, _external=True)
    enqueue(mail_user, user.id, "reset_password", {"link": link})


def user_for_reset_token(token: str) -> User:
    """The account a reset link belongs to; a link works once, until the password changes."""
    data = _read_token(RESET_PASSWORD, token, current_app.config["RESET_PASSWORD_MAX_AGE"])
    user = db.session.get(User, data.get("user"))
    if user is None or not user.is_active or user.password_hash[-12:] != data.get("stamp"):
        raise TokenInvalid
    return user


def reset_password(token: str, password: str) -> User:
    user = user_for_reset_token(token)
    user.set_password(password)
    # whoever can read the mailbox has just proven the address
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.commit()
    return user


def update_profile(
    user: User, display_name: str, language: str, bio: str, email_notifications: bool
) -> None:
    user.display_name = display_name.strip()
    user.language = language
    user.bio = bio.strip()
    user.email_notifications = email_notifications
    db.session.commit()


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not user.check_password(current_password):
        raise WrongPassword
    user.set_password(new_password)
    db.session.commit()


def request_email_change(user: User, new_email: str, current_password: str) -> None:
    """Send a confirmation link to the new address; the account keeps the old one until then."""
    if not user.check_password(current_password):
        raise WrongPassword
    new_email = normalise_email(new_email)
    if new_email == user.email or find_by_email(new_email) is not None:
        raise EmailTaken(new_email)
    send_confirmation(user, new_email=new_email)
