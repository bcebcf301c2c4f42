"""Forms of publication with consent: the staff's public version and the asker's decision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, SubmitField

from app.forms import BODY_MAX, body_field, sized_text, whole_number
from forum.forms import ANSWER_MIN, BODY_MIN, TITLE_MAX, TITLE_MIN


class PublicVersionForm(FlaskForm):
    """The title, question and answer rewritten so that nobody can be recognised."""

    title = sized_text(
        StringField,
        _l("Public title"),
        (TITLE_MIN, TITLE_MAX),
        _l("Write the question in one sentence."),
        _l(
            "The title must be %(min)d to %(max)d characters long.",
            min=TITLE_MIN,
            max=TITLE_MAX,
        ),
        render_kw={"autocomplete": "off"},
    )
    body = body_field(
        _l("Public question"),
        BODY_MIN,
        BODY_MAX,
        _l(
            "The situation in general words: no names, dates of birth, places, document "
            "numbers or details that only this person has."
        ),
    )
    answer = body_field(
        _l("Public answer"),
        ANSWER_MIN,
        BODY_MAX,
        _l("The expert’s answer, without anything about this person."),
    )
    submit = SubmitField(_l("Ask the asker for consent"))


class DecisionForm(FlaskForm):
    """The asker's yes or no to one revision of the text they were shown."""

    revision = HiddenField(filters=[whole_number])
    consent = SubmitField(_l("Yes, publish this text"))
    decline = SubmitField(_l("No, do not publish it"))


class WithdrawForm(FlaskForm):
    submit = SubmitField(_l("Withdraw my consent and unpublish it"))
