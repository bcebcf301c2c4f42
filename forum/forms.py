"""Forms for asking, answering, commenting and editing; they check shape only."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import BODY_MAX, body_field, listed_choice, sized_text, whole_number
from app.main.services import all_topics
from app.models import UrgentReason
from app.submissions import submission_key_field
from app.text import strip_whitespace

TITLE_MIN, TITLE_MAX = 15, 150
BODY_MIN = 30
ANSWER_MIN = 20
COMMENT_MIN, COMMENT_MAX = 5, 600
MAX_TAGS, TAG_MAX = 5, 30
TAG_SHAPE = re.compile(r"^[\w][\w+.-]*$")


def parse_tags(text: str | None) -> list[str]:
    """Tags as typed, separated by commas: lowercase, spaces joined with hyphens, no repeats."""
    tags: list[str] = []
    for part in (text or "").split(","):
        tag = "-".join(part.strip().lower().split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def valid_tags(form, field) -> None:
    # gettext, not a lazy string: a lazy string is printed as markup, and this one holds the tag
    tags = parse_tags(field.data)
    if len(tags) > MAX_TAGS:
        raise ValidationError(_("Use at most %(count)d tags.", count=MAX_TAGS))
    for tag in tags:
        if len(tag) > TAG_MAX or len(tag) < 2 or not TAG_SHAPE.match(tag):
            raise ValidationError(
                _(
                    "Tags are short words of 2 to %(max)d characters: letters, digits "
                    "and hyphens. Check “%(tag)s”.",
                    max=TAG_MAX,
                    tag=tag,
                )
            )


def topic_choices() -> list[tuple[int, str]]:
    """The topics to file a question or an article under, after a "choose" placeholder."""
    return [(0, _l("Choose a topic")), *((t.id, t.name) for t in all_topics())]


def post_anyway_field() -> BooleanField:
    return BooleanField(_l("Post it anyway: a moderator will check it before it is public"))


ALL_LANGUAGES = "all"

# a content language named in the page's language, for "questions in: …"
# the languages as a sentence names them ("Questions in: Russian."; lowercase in lt and ru)
LANGUAGE_LABELS = {
    "lt": lazy_pgettext("in a sentence", "Lithuanian"),
    "en": lazy_pgettext("in a sentence", "English"),
    "ru": lazy_pgettext("in a sentence", "Russian"),
}


def language_choices() -> list[SelectChoice]:
    return [
        SelectChoice("", _l("Detect it from the text")),
        SelectChoice("lt", "Lietuvių", render_kw={"lang": "lt"}),
        SelectChoice("en", "English", render_kw={"lang": "en"}),
        SelectChoice("ru", "Русский", render_kw={"lang": "ru"}),
        SelectChoice("other", _l("Another language")),
    ]


URGENT_REASONS = {
    UrgentReason.DETENTION: _l("Detention or a removal order"),
    UrgentReason.VIOLENCE: _l("Violence, abuse or trafficking"),
    UrgentReason.SHELTER: _l("No place to sleep tonight"),
    UrgentReason.DEADLINE: _l("A deadline within 7 days"),
    UrgentReason.HEALTH: _l("A health emergency"),
}


VISIBILITY_CHOICES = [
    SelectChoice(
        "public", _l("Everybody: other people with the same question find it and its answers")
    ),
    SelectChoice(
        "private",
        _l("Only me, the verified experts of its topic and the moderators: a private consultation"),
    ),
]

# the urgent reasons for which a private consultation is chosen for the asker (they may change it)
PRIVATE_BY_DEFAULT = frozenset({UrgentReason.VIOLENCE.value})


class QuestionForm(FlaskForm):
    urgent = BooleanField(_l("I need help urgently"))
    urgent_reason = SelectField(
        _l("What is urgent?"),
        choices=[
            SelectChoice("", _l("Choose what is urgent")),
            *(SelectChoice(reason.value, label) for reason, label in URGENT_REASONS.items()),
        ],
        validate_choice=False,
        description=_l(
            "We show you at once who can help today, and experts see your question first."
        ),
    )
    show_help = SubmitField(_l("Show who can help now"))
    visibility = RadioField(
        _l("Who can read this?"),
        choices=VISIBILITY_CHOICES,
        default="public",
        validators=[DataRequired(_l("Choose who can read your question."))],
        description=_l(
            "Choose a private consultation for what you cannot ask in public: an asylum "
            "claim, a removal order, detention, an employer who keeps your passport, violence "
            "at home, trafficking, or staying without a valid permit. Nobody else can find it, "
            "and it is never published without your consent."
        ),
    )
    title = sized_text(
        StringField,
        _l("Your question in one sentence"),
        (TITLE_MIN, TITLE_MAX),
        _l("Write your question in one sentence."),
        _l(
            "Your question must be %(min)d to %(max)d characters long.",
            min=TITLE_MIN,
            max=TITLE_MAX,
        ),
        description=_l("For example: How do I renew my temporary residence permit?"),
        render_kw={"autocomplete": "off"},
    )
    body = body_field(
        _l("Details"),
        BODY_MIN,
        BODY_MAX,
        _l(
            "Describe your situation: what you have, what you need, what you tried. "
            "Do not write your name, personal code, document numbers, phone or address."
        ),
    )
    topic = SelectField(
        _l("Topic"),
        coerce=whole_number,
        validate_choice=False,
        validators=[listed_choice(_l("Choose a topic from the list."))],
    )
    tags = StringField(
        _l("Tags (optional)"),
        filters=[strip_whitespace],
        validators=[Optional(), valid_tags],
        description=_l(
            "Up to %(count)d, separated by commas, for example: residence permit, renewal",
            count=MAX_TAGS,
        ),
    )
    language = SelectField(_l("Language of your question"), choices=language_choices())
    anonymous = BooleanField(_l("Show my name as “anonymous”"))
    post_anyway = post_anyway_field()
    submission_key = submission_key_field()
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Post your question"))

    def validate_urgent_reason(self, field) -> None:
        if field.data and field.data not in URGENT_REASONS:
            raise ValidationError(_l("Choose what is urgent from the list."))
        if self.urgent.data and not field.data:
            raise ValidationError(_l("Choose what is urgent, so that we can show who helps."))

    @property
    def private(self) -> bool:
        return self.visibility.data == "private"

    def preselect_visibility(self) -> None:
        """Violence, abuse or trafficking just chosen: a private consultation is preselected.

        The asker sees it chosen and may still choose everybody before posting.
        """
        if self.chosen_urgent_reason in PRIVATE_BY_DEFAULT:
            self.visibility.data = "private"

    @property
    def chosen_urgent_reason(self) -> str:
        """The reason the asker chose; choosing one is asking for urgent help."""
        reason = self.urgent_reason.data or ""
        return reason if reason in URGENT_REASONS else ""


class EditQuestionForm(QuestionForm):
    reason = StringField(
        _l("What did you change? (optional)"),
        filters=[strip_whitespace],
        validators=[Length(max=200, message=_l("Write at most 200 characters."))],
    )
    submit = SubmitField(_l("Save the changes"))


class AnswerForm(FlaskForm):
    body = body_field(_l("Your answer"), ANSWER_MIN, BODY_MAX)
    post_anyway = post_anyway_field()
    submission_key = submission_key_field()
    submit = SubmitField(_l("Post your answer"))


class CommentForm(FlaskForm):
    body = body_field(_l("Your comment"), COMMENT_MIN, COMMENT_MAX)
    post_anyway = post_anyway_field()
    submission_key = submission_key_field()
    submit = SubmitField(_l("Add the comment"))


class EditPostForm(FlaskForm):
    body = body_field(_l("Text"), COMMENT_MIN, BODY_MAX)
    post_anyway = post_anyway_field()
    submission_key = submission_key_field()
    reason = StringField(
        _l("What did you change? (optional)"),
        filters=[strip_whitespace],
        validators=[Length(max=200, message=_l("Write at most 200 characters."))],
    )
    submit = SubmitField(_l("Save the changes"))


class ListFilterForm(FlaskForm):
    """The filters of a question list; read from the address, so no CSRF token."""

    class Meta:
        csrf = False

    topic = SelectField(_l("Topic"), validators=[Optional()])
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("All questions")),
            SelectChoice("unanswered", _l("Without answers")),
            SelectChoice("answered", _l("With an accepted answer")),
        ],
        validators=[Optional()],
    )
    # "": the page's language and those the member reads; "all": every language
    language = SelectField(
        _l("Language"),
        choices=[
            SelectChoice("", _l("Your languages")),
            SelectChoice(ALL_LANGUAGES, _l("All languages")),
            *language_choices()[1:],
        ],
        validators=[Optional()],
    )
