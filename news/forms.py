"""Forms for writing news items and events; they check shape only."""

from __future__ import annotations

from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, Regexp, ValidationError

from app.forms import (
    BODY_MAX,
    CONTENT_BODY_MIN,
    FORMATTING_HINT,
    body_field,
    slug_field,
    summary_field,
    title_field,
    whole_number,
)
from app.main.services import all_organisations
from app.submissions import submission_key_field
from app.text import strip_whitespace
from news.models import EVENT_TIME_ZONE, NewsKind

WHEN_FORMAT = "%Y-%m-%dT%H:%M"


def organisation_choices() -> list[SelectChoice]:
    """The organisations an item can be about, after a "none" choice."""
    return [
        SelectChoice(0, _l("None")),
        *(SelectChoice(o.id, o.name) for o in all_organisations()),
    ]


def language_choices() -> list[SelectChoice]:
    return [
        SelectChoice("lt", "Lietuvių", render_kw={"lang": "lt"}),
        SelectChoice("en", "English", render_kw={"lang": "en"}),
        SelectChoice("ru", "Русский", render_kw={"lang": "ru"}),
    ]


def moment_field(label, description=None) -> DateTimeLocalField:
    return DateTimeLocalField(
        label,
        format=WHEN_FORMAT,
        validators=[Optional()],
        invalid_value_message=_l("Give a date and a time, for example 2027-03-15 18:00."),
        description=description,
    )


class NewsForm(FlaskForm):
    kind = RadioField(
        _l("What is it?"),
        choices=[
            SelectChoice(NewsKind.NEWS.value, _l("News")),
            SelectChoice(NewsKind.EVENT.value, _l("Event")),
        ],
        default=NewsKind.NEWS.value,
        validate_choice=True,
    )
    title = title_field()
    summary = summary_field(_l("One or two sentences, for the list, the feeds and search."))
    body = body_field(_l("Text"), CONTENT_BODY_MIN, BODY_MAX, FORMATTING_HINT)
    starts_at = moment_field(
        _l("Starts (events)"),
        _l("Date and time in the event’s time zone, for example 2027-03-15 18:00."),
    )
    ends_at = moment_field(_l("Ends (events, optional)"))
    time_zone = StringField(
        _l("Time zone (events)"),
        default=EVENT_TIME_ZONE,
        filters=[strip_whitespace],
        description=_l(
            "Europe/Vilnius for events in Lithuania; for an event abroad, the place’s zone, "
            "for example Europe/Riga or Europe/Rome."
        ),
    )
    place = StringField(
        _l("Place (events)"),
        filters=[strip_whitespace],
        validators=[Length(max=200, message=_l("Write at most 200 characters."))],
        description=_l("Address or venue; leave it empty if the event is only online."),
    )
    online = BooleanField(_l("The event is online"))
    registration_url = StringField(
        _l("Registration link (events, optional)"),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=500, message=_l("Write at most 500 characters.")),
            Regexp(r"^https?://\S+$", message=_l("Give a web address starting with https://.")),
        ],
    )
    organisation = SelectField(
        _l("Organisation (optional)"), coerce=whole_number, validate_choice=False
    )
    slug = slug_field(_l("The last part of the item’s address. Empty: made from the title."))
    submission_key = submission_key_field()
    submit = SubmitField(_l("Save the draft"))

    def validate_time_zone(self, field) -> None:
        if self.kind.data == NewsKind.EVENT and field.data not in available_timezones():
            raise ValidationError(
                _l("Give a time zone such as Europe/Vilnius (region/city, in English).")
            )

    def validate_organisation(self, field) -> None:
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose an organisation from the list."))

    def validate(self, extra_validators=None) -> bool:
        """Check each field, then what an event needs: a start, an end after it, a place."""
        valid = super().validate(extra_validators)
        if self.kind.data != NewsKind.EVENT:
            return valid
        starts, ends = self.starts_at, self.ends_at
        if starts.data is None and not starts.errors:
            starts.errors = [_l("Give the date and time the event starts.")]
        if starts.data and ends.data and ends.data < starts.data:
            ends.errors = [_l("The event cannot end before it starts.")]
        if not self.place.data and not self.online.data:
            self.place.errors = [_l("Say where the event is, or tick “online”.")]
        return valid and not (starts.errors or ends.errors or self.place.errors)


class NewItemForm(NewsForm):
    language = SelectField(_l("Language of the item"), choices=language_choices())


class EditItemForm(NewsForm):
    submit = SubmitField(_l("Save the changes"))


class NewsFilterForm(FlaskForm):
    """The list's filter; read from the address, so no CSRF token."""

    class Meta:
        csrf = False

    kind = SelectField(
        _l("Show"),
        choices=[
            SelectChoice("", _l("News and events")),
            SelectChoice(NewsKind.NEWS.value, _l("News only")),
            SelectChoice(NewsKind.EVENT.value, _l("Events only")),
        ],
        validators=[Optional()],
    )
