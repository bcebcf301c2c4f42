"""Forms for writing knowledge-base articles; they check shape only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional, Regexp

from app.submissions import submission_key_field
from app.text import strip_whitespace
from forum.forms import (
    BODY_MAX,
    body_field,
    language_choices,
    listed_choice,
    sized_text,
    whole_number,
)

TITLE_MIN, TITLE_MAX = 10, 150
SUMMARY_MIN, SUMMARY_MAX = 20, 400
ARTICLE_BODY_MIN = 50


class ArticleForm(FlaskForm):
    title = sized_text(
        StringField,
        _l("Title"),
        (TITLE_MIN, TITLE_MAX),
        _l("Write a title."),
        _l(
            "The title must be %(min)d to %(max)d characters long.",
            min=TITLE_MIN,
            max=TITLE_MAX,
        ),
    )
    slug = StringField(
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
        description=_l("The last part of the article’s address. Empty: made from the title."),
    )
    summary = sized_text(
        TextAreaField,
        _l("Summary"),
        (SUMMARY_MIN, SUMMARY_MAX),
        _l("Write a short summary."),
        _l("Write between %(min)d and %(max)d characters.", min=SUMMARY_MIN, max=SUMMARY_MAX),
        description=_l("Two or three sentences: the answer in short, for lists and search."),
    )
    body = body_field(
        _l("Article"),
        ARTICLE_BODY_MIN,
        BODY_MAX,
        _l("Markdown. Say which institution to check with; keep it general, with no names."),
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
