"""Forms for writing knowledge-base articles; they check shape only."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, ValidationError

from app.forms import (
    BODY_MAX,
    CONTENT_BODY_MIN,
    body_field,
    listed_choice,
    slug_field,
    summary_field,
    title_field,
    whole_number,
)
from app.submissions import submission_key_field
from app.text import strip_whitespace
from forum.forms import language_choices
from forum.knowledge.models import source_lines

LEGAL_BASIS_MAX = 1000
SOURCES_MAX = 2000
WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def official_addresses(form, field) -> None:
    """Every line of the sources box is one web address (http:// or https://)."""
    wrong = [line for line in source_lines(field.data or "") if not WEB_ADDRESS.match(line)]
    if wrong:
        raise ValidationError(
            _(
                "Write one web address a line, starting with https://. This line is not one: "
                "%(line)s",
                line=wrong[0][:80],
            )
        )


class ArticleForm(FlaskForm):
    title = title_field()
    slug = slug_field(_l("The last part of the article’s address. Empty: made from the title."))
    summary = summary_field(
        _l("Two or three sentences: the answer in short, for lists and search.")
    )
    body = body_field(
        _l("Article"),
        CONTENT_BODY_MIN,
        BODY_MAX,
        _l(
            "Formatting: **bold**, a line starting with “- ” for a list, “# ” for a heading. "
            "Say which institution to check with; keep it general, with no names."
        ),
    )
    legal_basis = TextAreaField(
        _l("Legal basis"),
        filters=[strip_whitespace],
        validators=[
            Length(
                max=LEGAL_BASIS_MAX,
                message=_l("Write at most %(max)d characters.", max=LEGAL_BASIS_MAX),
            )
        ],
        description=_l(
            "The laws and rules the article rests on, in the article’s language, for example: "
            "Law on the Legal Status of Aliens, Article 40."
        ),
    )
    sources = TextAreaField(
        _l("Official sources"),
        filters=[strip_whitespace],
        validators=[
            Length(
                max=SOURCES_MAX, message=_l("Write at most %(max)d characters.", max=SOURCES_MAX)
            ),
            official_addresses,
        ],
        description=_l(
            "The official pages you checked the article against, one address a line. "
            "An article is published only with at least one."
        ),
    )
    topic = SelectField(
        _l("Topic"),
        coerce=whole_number,
        validate_choice=False,
        validators=[listed_choice(_l("Choose a topic from the list."))],
    )
    submission_key = submission_key_field()
    submit = SubmitField(_l("Save the draft"))


class NewArticleForm(ArticleForm):
    language = SelectField(
        _l("Language of the article"),
        # the site's three languages: an article is never in "another language"
        choices=language_choices()[1:4],
    )


class EditArticleForm(ArticleForm):
    submit = SubmitField(_l("Save the changes"))


class ArchiveForm(FlaskForm):
    reason = StringField(
        _l("Why is it archived? (optional)"),
        filters=[strip_whitespace],
        validators=[Length(max=200, message=_l("Write at most 200 characters."))],
    )
