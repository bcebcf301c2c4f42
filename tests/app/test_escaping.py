"""Form errors and flash messages are text: escaped where they are printed, whatever made them.

Flask-Babel's lazy strings count as markup in Jinja. These tests hand the templates a lazy
message holding markup, as a careless validator or view would, and expect it back as text.
"""

import re
import shutil

import pytest
from babel.messages.pofile import read_po
from flask import flash, redirect, render_template_string
from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField
from wtforms.fields.choices import SelectChoice

from app.config import LANGUAGES, TRANSLATIONS
from tests.xss import injections

TYPED = '<svg/onload=alert(document.domain)>"><img src=x onerror=alert(1)>'
SHOWN = "&lt;svg/onload=alert(document.domain)&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
MARKUP = re.compile(r"<[a-zA-Z/!?]|&[a-zA-Z#][a-zA-Z0-9]*;")


def careless_message():
    """What issue 12's validator made: a lazy string holding the typed value."""
    return lazy_gettext("Check “%(value)s”.", value=TYPED)


class SampleForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name")
    agree = BooleanField("Agree")
    choice = RadioField("Choice", choices=[SelectChoice("a", "A"), SelectChoice("b", "B")])


@pytest.fixture
def database_url(sqlite_template, tmp_path):
    """Templates only: SQLite is enough, whatever database the rest of the suite uses."""
    path = tmp_path / "mipas.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_carries_markup(language):
    # Messages are plain text, so printing them escaped never shows a stray "&lt;".
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    with_markup = [
        message.id
        for message in catalog
        if message.id
        for text in [
            *(message.id if isinstance(message.id, tuple) else [message.id]),
            *(message.string if isinstance(message.string, tuple) else [message.string]),
        ]
        if MARKUP.search(text or "")
    ]
    assert with_markup == []


def test_form_errors_are_printed_as_text(app):
    template = (
        '{% from "_forms.html" import error_summary, field, checkbox, radios %}'
        "{{ error_summary(form) }}{{ field(form.name) }}{{ checkbox(form.agree) }}"
        "{{ radios(form.choice) }}"
    )
    with app.test_request_context("/en/"):
        form = SampleForm(data={"name": TYPED})
        for name in ("name", "agree", "choice"):
            form[name].errors = [careless_message()]
        page = render_template_string(template, form=form)
    assert injections(page, [TYPED]) == []
    # in the summary and under each of the three fields, and in the value the person typed
    assert page.count(SHOWN) == 7


def test_flash_messages_are_printed_as_text(app, client):
    # A lazy string comes back from the session as Markup: Flask stores anything with __html__
    # as markup. The page must print it as text all the same.
    def careless_view():
        flash(careless_message(), "error")
        return redirect("/en/")

    app.add_url_rule("/en/careless", view_func=careless_view)
    page = client.get("/en/careless", follow_redirects=True).get_data(as_text=True)
    assert injections(page, [TYPED]) == []
    assert f"Check “{SHOWN}”." in page
