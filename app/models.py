"""The shared models: members and staff, topics and organisations."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from flask_babel import get_locale, gettext
from flask_login import UserMixin
from sqlalchemy import Date, String, Text, types
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.config import DEFAULT_LANGUAGE
from app.extensions import db
from app.phones import dial_link, shown_phone


def utcnow() -> datetime:
    """Return the current time in UTC, timezone-aware."""
    return datetime.now(UTC)


def utctoday() -> date:
    """Return today's date in UTC, the calendar of review dates."""
    return utcnow().date()


class UTCDateTime(types.TypeDecorator):
    """A timestamp stored as naive UTC and always read back timezone-aware."""

    impl = types.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Translated:
    """The language version of a field that has one column per language (name_lt, ...)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.field = name

    def __get__(self, obj, owner=None) -> str:
        if obj is None:
            return self  # type: ignore[return-value]
        language = str(get_locale() or DEFAULT_LANGUAGE)
        for code in (language, "en", DEFAULT_LANGUAGE):
            text = getattr(obj, f"{self.field}_{code}", None)
            if text:
                return text
        return ""


class Role(enum.StrEnum):
    """What an account may do, from least to most."""

    MEMBER = "member"
    EXPERT = "expert"
    MODERATOR = "moderator"
    ADMIN = "admin"


STAFF_ROLES = frozenset({Role.EXPERT, Role.MODERATOR, Role.ADMIN})


class User(UserMixin, db.Model):
    """A person with an account: a member, an expert, a moderator or an admin."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(2), default=DEFAULT_LANGUAGE)
    bio: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(16), default=Role.MEMBER.value)
    organisation_id: Mapped[int | None] = mapped_column(db.ForeignKey("organisation.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    privacy_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspension_reason: Mapped[str] = mapped_column(Text, default="")
    # an e-mail for each notification, or none: the in-app list has them all either way
    email_notifications: Mapped[bool] = mapped_column(default=True)
    # content languages read besides the page's ("en,ru"): question lists show these by default
    reading_languages: Mapped[str] = mapped_column(String(20), default="", server_default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation | None] = relationship(back_populates="members")

    @property
    def reading_language_codes(self) -> list[str]:
        return [code for code in self.reading_languages.split(",") if code]

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        # A password change ends every other session: the id carries part of the hash.
        return f"{self.id}.{self.password_hash[-12:]}"

    @property
    def shown_name(self) -> str:
        """The name pages show: the display name, or "deleted member" once the account is gone."""
        return self.display_name if self.deleted_at is None else gettext("deleted member")

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class Topic(db.Model):
    """A subject that questions and articles are filed under, named in every language."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    name_lt: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    name_ru: Mapped[str] = mapped_column(String(120))
    description_lt: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_ru: Mapped[str] = mapped_column(Text, default="")

    name = Translated()
    description = Translated()


class OrganisationKind(enum.StrEnum):
    NGO = "ngo"
    PUBLIC = "public"
    INTERNATIONAL = "international"


class Organisation(db.Model):
    """A non-governmental, public or international body that works with migrants."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=OrganisationKind.NGO.value)
    website: Mapped[str] = mapped_column(String(300), default="")
    name_lt: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    description_lt: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_ru: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[User]] = relationship(back_populates="organisation")

    name = Translated()
    description = Translated()


class UrgentReason(enum.StrEnum):
    """Why someone needs help urgently; each reason has its own help contacts."""

    DETENTION = "detention"  # detention or a removal order
    VIOLENCE = "violence"  # violence, abuse or trafficking
    SHELTER = "shelter"  # no place to sleep tonight
    DEADLINE = "deadline"  # a deadline within 7 days
    HEALTH = "health"  # a health emergency


class HelpContact(db.Model):
    """A number to call for urgent help, as admins list it for one language.

    Each contact says whom it helps and is checked against its source: the page where the
    organisation publishes the number, and the day someone last looked.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(2), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(30))  # E.164, formatted when shown
    hours: Mapped[str] = mapped_column(String(200), default="")
    helps_with: Mapped[str] = mapped_column(Text, default="")
    reasons: Mapped[str] = mapped_column(String(100))  # UrgentReason values, comma separated
    source_url: Mapped[str] = mapped_column(String(300))
    checked_on: Mapped[date] = mapped_column(Date)

    @property
    def reason_codes(self) -> set[str]:
        return set(filter(None, self.reasons.split(",")))

    @property
    def shown_phone(self) -> str:
        return shown_phone(self.phone)

    @property
    def dial_link(self) -> str:
        return dial_link(self.phone)
