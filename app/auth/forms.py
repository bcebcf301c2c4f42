"""Forms for accounts; they check shape only, the services decide the rest."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from app.config import LANGUAGES
from app.forms import CheckboxesField
from app.locale import LANGUAGE_NAMES
from app.text import clean_display_name, strip_whitespace

PASSWORD_MIN = 10
PASSWORD_MAX = 128

# The passwords tried first by anyone guessing; a longer list lives in every cracking tool.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890",
        "0123456789",
        "qwertyuiop",
        "qwertyuiop1",
        "password123",
        "password1234",
        "passwordpassword",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "iloveyou123",
        "administrator",
        "slaptazodis",
        "slaptazodis1",
        "lietuva123",
        "vilnius123",
        "qwerty12345",
        "qwerty123456",
        "abcdefghij",
        "1111111111",
        "abc1234567",
        "zaq12wsxcde",
        "welcome123",
        "letmein123",
        "parol12345",
        "qwertyuiop123",
        "mipas12345",
        "demo-password",
    }
)


def strong_password(form, field) -> None:
    """Refuse passwords that are commonly guessed or built from the account's own name."""
    value = field.data or ""
    lowered = value.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 4:
        raise ValidationError(_l("This password is too easy to guess. Choose a longer phrase."))
    email = getattr(form, "email", None)
    local_part = (email.data or "").split("@")[0].lower() if email is not None else ""
    if len(local_part) >= 4 and local_part in lowered:
        raise ValidationError(_l("Your password must not contain your e-mail address."))


def language_choices() -> list[SelectChoice]:
    return [
        SelectChoice(code, LANGUAGE_NAMES[code], render_kw={"lang": code}) for code in LANGUAGES
    ]


def email_field(label=None) -> EmailField:
    return EmailField(
        label or _l("E-mail address"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Email(_l("Enter an e-mail address like name@example.com.")),
            Length(max=254, message=_l("An e-mail address can be at most 254 characters.")),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )


def new_password_field(label=None) -> PasswordField:
    return PasswordField(
        label or _l("Password"),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
                message=_l(
                    "A password must be %(min)d to %(max)d characters long.",
                    min=PASSWORD_MIN,
                    max=PASSWORD_MAX,
                ),
            ),
            strong_password,
        ],
        description=_l(
            "At least %(min)d characters. A short sentence is easy to remember.", min=PASSWORD_MIN
        ),
        render_kw={"autocomplete": "new-password"},
    )


def confirm_password_field() -> PasswordField:
    return PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(_l("Repeat the password.")),
            EqualTo("password", _l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def display_name_field() -> StringField:
    return StringField(
        _l("Display name"),
        # no invisible or direction-changing characters; NFKC; single spaces
        filters=[clean_display_name],
        validators=[
            DataRequired(_l("Enter the name others will see.")),
            Length(min=2, max=60, message=_l("A display name must be 2 to 60 characters long.")),
        ],
        description=_l("Shown with your posts. It does not have to be your real name."),
        render_kw={"autocomplete": "nickname"},
    )


def language_field() -> SelectField:
    return SelectField(
        _l("Language for e-mails and the site"),
        choices=language_choices(),
        validators=[InputRequired(_l("Choose a language."))],
    )


class RegisterForm(FlaskForm):
    email = email_field()
    display_name = display_name_field()
    password = new_password_field()
    confirm = confirm_password_field()
    language = language_field()
    accept_privacy = BooleanField(
        _l("I have read the privacy notice and agree that MIPAS keeps my account data."),
        validators=[DataRequired(_l("You can only register if you agree to the privacy notice."))],
    )


class SignInForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password = new_password_field(_l("New password"))
    confirm = confirm_password_field()


class ProfileForm(FlaskForm):
    display_name = display_name_field()
    language = language_field()
    bio = TextAreaField(
        _l("About you"),
        validators=[Length(max=500, message=_l("Write at most 500 characters."))],
        description=_l("Optional. Do not share anything that could identify you."),
    )
    reading_languages = CheckboxesField(
        _l("Questions you read, besides those in the site's language"),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        description=_l(
            "Question lists show questions in the page's language and in these; "
            '"All languages" shows every question.'
        ),
    )
    email_notifications = RadioField(
        _l("E-mail about questions you follow"),
        choices=[
            SelectChoice("each", _l("An e-mail for each new answer, comment or accepted answer")),
            SelectChoice("none", _l("No e-mails: I will look at my notifications on the site")),
        ],
        validators=[InputRequired(_l("Choose whether we send you e-mails."))],
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
    password = new_password_field(_l("New password"))
    confirm = confirm_password_field()


class ChangeEmailForm(FlaskForm):
    email = email_field(_l("New e-mail address"))
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )


class ConfirmActionForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons such as "Sign out"."""


def current_password_field() -> PasswordField:
    return PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )


class ExportDataForm(FlaskForm):
    current_password = current_password_field()


class DeleteAccountForm(FlaskForm):
    posts = RadioField(
        _l("Your questions, answers and comments"),
        choices=[
            SelectChoice("keep", _l("Keep them on the site, shown as written by a deleted member")),
            SelectChoice("remove", _l("Remove them from the site for good")),
        ],
        validators=[InputRequired(_l("Choose what happens to your posts."))],
    )
    current_password = current_password_field()
