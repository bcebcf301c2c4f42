"""Forms for flagging, deciding on posts, vetting experts and filtering the audit log."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, InputRequired, Length, Optional, ValidationError

from app.config import LANGUAGES
from app.forms import CheckboxesField
from app.locale import LANGUAGE_NAMES
from app.models import utctoday
from app.text import strip_whitespace
from moderation.models import FlagReason

FLAG_REASONS = {
    FlagReason.SPAM: _l("Spam or advertising"),
    FlagReason.ABUSIVE: _l("Abusive or hateful"),
    FlagReason.PERSONAL_DATA: _l("Contains personal data"),
    FlagReason.INCORRECT: _l("Incorrect or outdated information"),
    FlagReason.OTHER: _l("Something else (please explain)"),
}


class FlagForm(FlaskForm):
    reason = RadioField(
        _l("What is wrong with this post?"),
        choices=[SelectChoice(value.value, label) for value, label in FLAG_REASONS.items()],
        validators=[InputRequired(_l("Choose what is wrong with the post."))],
    )
    note = TextAreaField(
        _l("A note for the moderators"),
        filters=[strip_whitespace],
        validators=[Length(max=500, message=_l("Write at most 500 characters."))],
        description=_l("Optional, except for “Something else”."),
    )

    def validate_note(self, field) -> None:
        if self.reason.data == FlagReason.OTHER and not field.data:
            raise ValidationError(_l("Tell the moderators what is wrong."))


class ReasonForm(FlaskForm):
    """A decision that the author is told about, with the reason they will read."""

    reason = TextAreaField(
        _l("Reason"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write the reason: the author will read it.")),
            Length(max=1000, message=_l("Write at most 1000 characters.")),
        ],
    )


class RedactForm(FlaskForm):
    """Text to take out of a post and all its earlier versions, and why."""

    passages = TextAreaField(
        _l("Text to remove, one piece a line"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write the text to remove, one piece a line.")),
            Length(max=2000, message=_l("Write at most 2000 characters.")),
        ],
        description=_l(
            "What screening found is filled in. Each piece is replaced with "
            "“[removed by a moderator]” in the post and in every earlier version of it; "
            "nobody can see it afterwards, administrators included."
        ),
        render_kw={"rows": 4, "spellcheck": "false"},
    )
    reason = TextAreaField(
        _l("Reason (the author reads it)"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write the reason: the author will read it.")),
            Length(max=1000, message=_l("Write at most 1000 characters.")),
        ],
        render_kw={"rows": 3},
    )
    remove = SubmitField(_l("Remove the text"))
    remove_and_approve = SubmitField(_l("Remove the text and approve"))


class OptionalReasonForm(FlaskForm):
    reason = StringField(
        _l("Reason (optional)"),
        filters=[strip_whitespace],
        validators=[Length(max=500, message=_l("Write at most 500 characters."))],
    )


CLOSE_REASONS = {
    "duplicate": _l("Already asked and answered"),
    "off_topic": _l("Outside what MIPAS is for"),
    "outdated": _l("The rules have changed"),
}


class CloseForm(FlaskForm):
    reason = RadioField(
        _l("Why is the question closed?"),
        choices=[SelectChoice(key, label) for key, label in CLOSE_REASONS.items()],
        validators=[InputRequired(_l("Choose why the question is closed."))],
    )
    duplicate_of = StringField(
        _l("The question that already answers it"),
        filters=[strip_whitespace],
        description=_l("Its number or its address, for example /en/questions/12/…"),
    )
    merge = BooleanField(
        _l("Also move its answers to that question, so that all the help is in one place")
    )
    note = TextAreaField(
        _l("A note shown on the question (optional)"),
        filters=[strip_whitespace],
        validators=[Length(max=500, message=_l("Write at most 500 characters."))],
    )

    def validate_duplicate_of(self, field) -> None:
        if self.reason.data == "duplicate" and question_number(field.data) is None:
            raise ValidationError(_l("Give the number or the address of the other question."))


def question_number(text: str | None) -> int | None:
    """The question id in "12" or "/en/questions/12/slug"."""
    for part in (text or "").replace("?", "/").split("/"):
        if part.isdigit():
            return int(part)
    return None


class MoveForm(FlaskForm):
    topic = SelectField(_l("Topic"), validators=[InputRequired(_l("Choose a topic."))])


class SuspendForm(FlaskForm):
    until = DateField(
        _l("Suspended until"),
        validators=[InputRequired(_l("Choose the date the suspension ends."))],
    )
    reason = TextAreaField(
        _l("Reason"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Write the reason: the member will read it.")),
            Length(max=1000, message=_l("Write at most 1000 characters.")),
        ],
    )


class ExpertApplicationForm(FlaskForm):
    organisation_name = StringField(
        _l("Organisation"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Name the organisation you work for.")),
            Length(max=200, message=_l("Write at most 200 characters.")),
        ],
    )
    topics = CheckboxesField(
        _l("Topics you can answer on"),
        validators=[DataRequired(_l("Choose at least one topic."))],
    )
    languages = CheckboxesField(
        _l("Languages you answer in"),
        choices=[SelectChoice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        validators=[DataRequired(_l("Choose at least one language."))],
    )
    statement = TextAreaField(
        _l("Your experience"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Tell us about your work with migrants.")),
            Length(min=50, max=2000, message=_l("Write between 50 and 2000 characters.")),
        ],
    )
    proof_url = URLField(
        _l("A public page that shows your affiliation"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(_l("Give the address of a public page.")),
            URL(require_tld=True, message=_l("Enter a full address starting with https://")),
            Length(max=300, message=_l("Write at most 300 characters.")),
        ],
        description=_l("For example the staff page of your organisation’s website."),
    )


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    actor = SelectField(_l("Who"), validators=[Optional()])
    action = SelectField(_l("Action"), validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])


# The longest period a report covers: two years, a leap day included.
LONGEST_REPORT_DAYS = 731


class ReportDateField(DateField):
    """A date typed as YYYY-MM-DD, with our own words when it is not one."""

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(
                _l("Write the date as year-month-day, for example 2026-03-31.")
            ) from error


class ReportRangeForm(FlaskForm):
    """The period of a staff report; read from the address, so it can be shared."""

    class Meta:
        csrf = False

    since = ReportDateField(_l("From"), validators=[Optional()])
    until = ReportDateField(_l("To"), validators=[Optional()])

    def validate_since(self, field) -> None:
        if field.data and field.data > utctoday():
            raise ValidationError(_l("The start cannot be in the future."))
        if (
            field.data
            and not self.until.data
            and (utctoday() - field.data).days > LONGEST_REPORT_DAYS
        ):
            # without an end the period runs to today
            raise ValidationError(_l("A report covers at most two years. Choose a shorter period."))

    def validate_until(self, field) -> None:
        if not field.data:
            return
        if field.data > utctoday():
            raise ValidationError(_l("The end cannot be in the future."))
        since = self.since.data
        if since and field.data < since:
            raise ValidationError(_l("The end comes before the start. Swap the two dates."))
        if since and (field.data - since).days > LONGEST_REPORT_DAYS:
            raise ValidationError(_l("A report covers at most two years. Choose a shorter period."))
