"""Form pieces every feature uses: sized text fields, the body field, numbers from the address
and buttons that change something. Each feature's forms are built from these."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from app.routing import LARGEST_ID
from app.text import strip_whitespace

BODY_MAX = 20_000  # the longest text a post, an article or a news item may have


def whole_number(value) -> int:
    """A form value as a number; anything else is 0, which no list offers."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number <= LARGEST_ID else 0


def listed_choice(message):
    """Accept only a value offered in the field's list (and not its "choose" placeholder)."""

    def check(form, field) -> None:
        offered = {value for value, _label in field.choices if value}
        if field.data not in offered:
            raise ValidationError(message)

    return check


def sized_text(field_class, label, length: tuple[int, int], empty, wrong_length, **options):
    """A required text field of `length` (min, max) characters, with its two messages."""
    return field_class(
        label,
        filters=[strip_whitespace],
        validators=[
            DataRequired(empty),
            Length(min=length[0], max=length[1], message=wrong_length),
        ],
        **options,
    )


# what formatting works in a text box, shown under it (members' text is Markdown)
FORMATTING_HINT = _l(
    "Formatting: **bold**, *italic*, a line starting with “- ” for a list, "
    "[text](https://…) for a link."
)


def body_field(label, minimum: int, maximum: int, description=None) -> TextAreaField:
    return sized_text(
        TextAreaField,
        label,
        (minimum, maximum),
        _l("This is empty. Please write your text."),
        _l("Write between %(min)d and %(max)d characters.", min=minimum, max=maximum),
        description=description,
    )


# an article's or a news item's title and summary
CONTENT_TITLE = (10, 150)
CONTENT_SUMMARY = (20, 400)
CONTENT_BODY_MIN = 50


def title_field() -> StringField:
    return sized_text(
        StringField,
        _l("Title"),
        CONTENT_TITLE,
        _l("Write a title."),
        _l(
            "The title must be %(min)d to %(max)d characters long.",
            min=CONTENT_TITLE[0],
            max=CONTENT_TITLE[1],
        ),
    )


def summary_field(description) -> TextAreaField:
    return sized_text(
        TextAreaField,
        _l("Summary"),
        CONTENT_SUMMARY,
        _l("Write a short summary."),
        _l(
            "Write between %(min)d and %(max)d characters.",
            min=CONTENT_SUMMARY[0],
            max=CONTENT_SUMMARY[1],
        ),
        description=description,
    )


def slug_field(description) -> StringField:
    """The optional last part of an item's address; empty, the service makes it from the title."""
    return StringField(
        _l("Address (optional)"),
        filters=[strip_whitespace],
        validators=[
            Optional(),
            Length(max=80, message=_l("Write at most 80 characters.")),
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$",
                message=_l("Use lowercase Latin letters, digits and hyphens only."),
            ),
        ],
        description=description,
    )


class ActionForm(FlaskForm):
    """A button that changes something: vote, accept, follow, delete."""
