"""Walk the whole site as every role, send the XSS corpus through every form, read it again.

The forms are not listed anywhere: the walk starts from every page of the url_map, as a visitor
and as each role of the demo, and reads the forms that the pages render, so a form that another
change adds is sent the corpus without touching this file. tests/app/test_xss_forms.py then
checks that the walk reached every POST route of the url_map and every field of every form
class of the application.

For each form the corpus goes in two ways:
- back with errors: every field (text, choices, dates, hidden ones too) carries vectors, and a
  lazy message holding the typed value is added to every field's errors, as the bug of issue 12
  did; the page that comes back shows the values and the errors;
- stored: one text field at a time carries vectors while the other fields keep valid values, so
  that the value is saved; then the pages that show it (threads, lists, profiles, queues, the
  audit log, search results, the Atom feeds) are read.

Several vectors go into one submission (separated by blank lines, so that one cannot swallow
the next in Markdown; the Markdown renderer also takes each vector alone in
tests/app/test_markup.py), and every page read on the way is checked with tests/xss.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

import flask_babel.speaklater
import pytest
import wtforms.form
from flask import Flask
from flask_wtf import FlaskForm
from wtforms.fields.core import UnboundField

from tests.walk.pages import LANGUAGE, ROLES, TOKEN
from tests.walk.sending import Submitter
from tests.walk.walker import HOSTILE, Walker
from tests.xss import VECTORS

# who reads the site again at the end: an administrator sees what moderators and experts see
FINAL_READERS = ("visitor", "member", "admin")
NOT_TYPED = {"CSRFTokenField", "SubmitField"}


class _MailKeeper(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.bodies: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.bodies.append(record.getMessage())


def walk_site(app: Flask) -> Walker:
    """Walk the site, send the corpus through every form found, and read the site again."""
    with _mail_kept() as mails, pytest.MonkeyPatch.context() as patch:
        walker = Walker(app, mails)
        _watch_forms(patch, walker)
        submitter = Submitter(walker)
        for role in ROLES:
            walker.walk(role, walker.start_pages())
        _send_every_form(walker, submitter)
        # Read the site again: a couple of pages of each kind and every page that links to a
        # stored value; the forms that only this state shows (notifications) are sent too.
        # Then search for a value of each field.
        walker.visited.clear()
        walker.per_endpoint.clear()
        for role in FINAL_READERS:
            walker.walk(role, walker.start_pages())
        for rule in app.url_map.iter_rules():
            if "POST" in rule.methods:
                walker.seek(rule.endpoint)
        _send_every_form(walker, submitter)
        one_per_field = {where: token for token, where in walker.seen.stored_tokens.items()}
        for token in sorted(one_per_field.values()):
            walker.read_page("visitor", f"/{LANGUAGE}/search?{urlencode({'q': token})}")
    return walker


@contextmanager
def _mail_kept() -> Iterator[list[str]]:
    """The mail the site sends meanwhile (its links are pages too: a password reset)."""
    keeper = _MailKeeper()
    logger = logging.getLogger("mipas.mail")
    level = logger.level
    logger.addHandler(keeper)
    logger.setLevel(logging.INFO)
    try:
        yield keeper.bodies
    finally:
        logger.removeHandler(keeper)
        logger.setLevel(level)


def _send_every_form(walker: Walker, submitter: Submitter) -> None:
    """Send the corpus through each form not sent yet, and through those it leads to.

    The forms on the pages that storing leads to (a new thread, its edit page) and in the mail
    (a password reset) are sent in turn, until none is new. The roles go from least to most
    rights, so that moderators suspend and reject after the members have posted.
    """
    while pending := [form for form in walker.forms.values() if not form.sent]:
        pending.sort(key=lambda form: list(ROLES).index(form.role))
        for form in pending:
            if form.fields:  # a button alone (sign out, delete) has no field to type into
                submitter.echo(form)
                submitter.store(form)
            form.sent = True
        landings, walker.landings = walker.landings, []
        for role in ROLES:
            walker.walk(role, [page for who, page in landings if who == role])
        walker.walk("visitor", walker.mail_links())  # what a mailed link opens, signed out


def _watch_forms(patch: pytest.MonkeyPatch, walker: Walker) -> None:
    """Record which form fields read the corpus; add issue 12's careless error when asked;
    record a lazy string made with a text value."""
    process, validate = wtforms.form.BaseForm.process, wtforms.form.Form.validate
    lazy_init = flask_babel.speaklater.LazyString.__init__

    def recording_process(form, formdata=None, *args, **kwargs):
        process(form, formdata, *args, **kwargs)
        if isinstance(form, FlaskForm):
            _record_fields(walker, form, form.meta.wrap_formdata(form, formdata))

    def careless_validate(form, *args, **kwargs):
        valid = validate(form, *args, **kwargs)
        if not walker.hostile:
            return valid
        for found in form._fields.values():
            if isinstance(found.data, str) and found.data:
                careless = flask_babel.speaklater.LazyString(str, f"{HOSTILE} {found.data}")
                found.errors = [*found.errors, careless]
        return False

    def watched_lazy_string(self, func, *args, **kwargs):
        lazy_init(self, func, *args, **kwargs)
        texts = [v for v in kwargs.values() if isinstance(v, str) and not hasattr(v, "__html__")]
        if texts:
            walker.seen.lazy_with_text.append(f"{args[:1]} took {texts}")

    patch.setattr(wtforms.form.BaseForm, "process", recording_process)
    patch.setattr(wtforms.form.Form, "validate", careless_validate)
    patch.setattr(flask_babel.speaklater.LazyString, "__init__", watched_lazy_string)


def _record_fields(walker: Walker, form: FlaskForm, formdata) -> None:
    """Note the fields of a form object that read the corpus from a request."""
    if not formdata:
        return
    names = set()
    for key, found in form._fields.items():
        if found.type in NOT_TYPED:
            continue
        names.add(found.name)
        sent = " ".join(v for v in formdata.getlist(found.name) if isinstance(v, str))
        if TOKEN.search(sent) or any(vector in sent for vector in VECTORS):
            walker.seen.fields_sent_vectors[type(form).__qualname__].add(key)
    walker.processed.append(names)


def form_fields() -> dict[str, set[str]]:
    """Every form class of the application (but those that others extend) and its fields."""

    def below(cls) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    found = {}
    for cls in below(FlaskForm):
        if cls.__subclasses__() or cls.__module__.split(".")[0] == "tests":
            continue
        fields = {
            name
            for name in dir(cls)
            if isinstance(unbound := getattr(cls, name), UnboundField)
            and unbound.field_class.__name__ not in NOT_TYPED
        }
        if fields:
            found[cls.__qualname__] = fields
    return found
