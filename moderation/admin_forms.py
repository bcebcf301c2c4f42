"""Forms for the admin pages: staff roles, topics and organisations."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Regexp,
    ValidationError,
)

from app.config import LANGUAGES
from app.forms import CheckboxesField
from app.locale import LANGUAGE_NAMES
from app.models import OrganisationKind, Role, utctoday
from app.phones import normalise_phone
from app.text import strip_whitespace
from forum.forms import URGENT_REASONS

ASSIGNABLE_ROLES = {
    Role.MEMBER: _l("Member"),
    Role.MODERATOR: _l("Moderator"),
    Role.ADMIN: _l("Administrator"),
}

ORGANISATION_KINDS = {
    OrganisationKind.NGO: _l("Non-governmental organisation"),
    OrganisationKind.PUBLIC: _l("Public body"),
    OrganisationKind.INTERNATIONAL: _l("International organisation"),
}

LANGUAGE_LABELS = {"lt": _l("in Lithuanian"), "en": _l("in English"), "ru": _l("in Russian")}


class RoleForm(FlaskForm):
    """Find an account by its e-mail address and give it a staff role, or take one away."""

    email = EmailField(
        _l("E-mail address of the account"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Enter the e-mail address of the account.")),
            Email(_l("Enter an e-mail address like name@example.com.")),
            Length(max=254, message=_l("An e-mail address can be at most 254 characters.")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    role = RadioField(
        _l("New role"),
        choices=[SelectChoice(role.value, label) for role, label in ASSIGNABLE_ROLES.items()],
        validators=[InputRequired(_l("Choose the new role."))],
    )
    reason = TextAreaField(
        _l("Reason"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write the reason: it goes in the audit log.")),
            Length(max=1000, message=_l("Write at most 1000 characters.")),
        ],
        description=_l(
            "The person is told of the new role by e-mail; the reason is kept in the audit log."
        ),
    )


def slug_field(description) -> StringField:
    return StringField(
        _l("Address"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write the address.")),
            Length(max=80, message=_l("Write at most 80 characters.")),
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$",
                message=_l("Use lowercase Latin letters, digits and hyphens only."),
            ),
        ],
        description=description,
        render_kw={"spellcheck": "false"},
    )


def name_field(language: str, max_length: int) -> StringField:
    return StringField(
        _l("Name %(language)s", language=LANGUAGE_LABELS[language]),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write the name in this language.")),
            Length(
                max=max_length,
                message=_l("Write at most %(max)d characters.", max=max_length),
            ),
        ],
        render_kw={"lang": language},
    )


def description_field(language: str) -> TextAreaField:
    return TextAreaField(
        _l("Description %(language)s", language=LANGUAGE_LABELS[language]),
        filters=[strip_whitespace],
        validators=[Length(max=2000, message=_l("Write at most 2000 characters."))],
        render_kw={"lang": language, "rows": 3},
    )


class TopicForm(FlaskForm):
    slug = slug_field(_l("The last part of the topic’s address, for example residence-permits."))
    position = IntegerField(
        _l("Position"),
        validators=[
            InputRequired(_l("Give the position as a number.")),
            NumberRange(min=0, max=10_000, message=_l("Give a number from 0 to 10000.")),
        ],
        description=_l("Topics are listed from the smallest number to the largest."),
        render_kw={"inputmode": "numeric"},
    )
    name_lt = name_field("lt", 120)
    name_en = name_field("en", 120)
    name_ru = name_field("ru", 120)
    description_lt = description_field("lt")
    description_en = description_field("en")
    description_ru = description_field("ru")


class OrganisationForm(FlaskForm):
    slug = slug_field(_l("The last part of the organisation’s address, for example red-cross."))
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(kind.value, label) for kind, label in ORGANISATION_KINDS.items()],
        validators=[InputRequired(_l("Choose the kind of organisation."))],
    )
    website = StringField(
        _l("Website (optional)"),
        filters=[strip_whitespace],
        validators=[Length(max=300, message=_l("Write at most 300 characters."))],
        description=_l("A full address starting with https:// or http://"),
        render_kw={"type": "url", "spellcheck": "false"},
    )
    name_lt = name_field("lt", 200)
    name_en = name_field("en", 200)
    name_ru = name_field("ru", 200)
    description_lt = description_field("lt")
    description_en = description_field("en")
    description_ru = description_field("ru")

    def validate_website(self, field) -> None:
        if not field.data:
            return
        parts = urlsplit(field.data)
        if parts.scheme not in ("http", "https") or "." not in parts.netloc:
            raise ValidationError(_l("Enter a full address starting with https:// or http://"))


def translated_fields(form: FlaskForm, stem: str) -> list:
    """The lt, en and ru fields of a form, e.g. name_lt, name_en, name_ru."""
    return [form[f"{stem}_{code}"] for code in LANGUAGES]


def full_address(form, field) -> None:
    """An address starting with http:// or https:// and naming a site."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc:
        raise ValidationError(_l("Enter a full address starting with https:// or http://"))


class HelpContactForm(FlaskForm):
    """One number to call for urgent help, in one language's list."""

    language = SelectField(
        _l("Shown on the pages in"),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        validators=[InputRequired(_l("Choose the language of the list."))],
    )
    position = IntegerField(
        _l("Position"),
        default=0,
        validators=[
            InputRequired(_l("Give the position as a number.")),
            NumberRange(min=0, max=10_000, message=_l("Give a number from 0 to 10000.")),
        ],
        description=_l("Contacts are listed from the smallest number to the largest."),
        render_kw={"inputmode": "numeric"},
    )
    name = StringField(
        _l("Name"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write the name of the service.")),
            Length(max=200, message=_l("Write at most %(max)d characters.", max=200)),
        ],
    )
    phone = StringField(
        _l("Phone number"),
        filters=[strip_whitespace],
        validators=[DataRequired(_l("Write the phone number."))],
        description=_l("For example +370 616 91119, 8 800 66366 or 112."),
        render_kw={"type": "tel", "autocomplete": "off"},
    )
    hours = StringField(
        _l("When it answers (optional)"),
        filters=[strip_whitespace],
        validators=[Length(max=200, message=_l("Write at most %(max)d characters.", max=200))],
        description=_l("For example: every day, day and night. Leave it empty if you do not know."),
    )
    helps_with = TextAreaField(
        _l("What it helps with"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write what the service helps with.")),
            Length(max=1000, message=_l("Write at most %(max)d characters.", max=1000)),
        ],
        render_kw={"rows": 3},
    )
    reasons = CheckboxesField(
        _l("Shown to people who need help with"),
        choices=[SelectChoice(reason.value, label) for reason, label in URGENT_REASONS.items()],
        validators=[DataRequired(_l("Choose at least one kind of urgent help."))],
    )
    source_url = StringField(
        _l("Where the number is published"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Give the address of the page that publishes the number.")),
            Length(max=300, message=_l("Write at most %(max)d characters.", max=300)),
            full_address,
        ],
        description=_l("The organisation’s own page, so that anyone can check the number."),
        render_kw={"type": "url", "spellcheck": "false"},
    )
    checked_on = DateField(
        _l("Checked on"),
        validators=[InputRequired(_l("Give the day you checked the number on that page."))],
    )

    def validate_phone(self, field) -> None:
        if field.data and normalise_phone(field.data) is None:
            raise ValidationError(
                _l("Write a number that can be called in Lithuania, like +370 616 91119 or 112.")
            )

    def validate_checked_on(self, field) -> None:
        if field.data and field.data > utctoday():
            raise ValidationError(_l("The day you checked cannot be in the future."))
