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

import itertools
import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import flask_babel.speaklater
import pytest
import wtforms.form
from flask import Flask
from flask_wtf import FlaskForm
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect
from wtforms.fields.core import UnboundField

from app import demo
from tests.xss import VECTORS, CheckingParser, InjectionCheck

ORIGIN = "http://localhost"
LANGUAGE = "en"
ROLES = {
    "visitor": None,
    "member": "member@mipas.example",
    "expert": "expert@mipas.example",
    "moderator": "moderator@mipas.example",
    "admin": "admin@mipas.example",
}
# who reads the site again at the end: an administrator sees what moderators and experts see
FINAL_READERS = ("visitor", "member", "admin")
ECHO_BATCH = 30  # vectors in each field of a submission that comes back with errors
PAGES_PER_ENDPOINT = 2  # pages of one endpoint read per role while looking for forms
TEXT_INPUTS = {"text", "search", "email", "url", "tel", "textarea"}
NOT_SENT = {"submit", "button", "image", "reset", "file"}
NOT_TYPED = {"CSRFTokenField", "SubmitField"}
TOKEN = re.compile(r"xq\d{4}q")  # starts each stored value, to find it again
HOSTILE = "Typed back:"
SEPARATOR = "\n\n"
NEUTRAL = "Neutral words about renewing a residence permit in Vilnius. "


@dataclass
class Field:
    name: str
    kind: str
    value: str = ""
    options: list[str] = field(default_factory=list)
    minlength: int = 0
    maxlength: int | None = None
    attempts: int = 0  # plain values tried and refused

    @property
    def typed(self) -> bool:
        return self.kind in TEXT_INPUTS

    @property
    def is_switch(self) -> bool:
        """A hidden field that chooses what the form does: action=close, follow=1."""
        return self.kind == "hidden" and bool(re.fullmatch(r"[a-z0-9_]{1,20}", self.value))


@dataclass
class Form:
    role: str
    page: str
    action: str
    method: str
    fields: dict[str, Field] = field(default_factory=dict)
    button: tuple[str, str] | None = None
    endpoint: str = ""

    def __post_init__(self) -> None:
        self.found_as: tuple = ()  # the key it was found under; fields learned later keep it
        self.sent = False

    @property
    def key(self) -> tuple:
        names = sorted(re.sub(r"\d+", "#", name) for name in self.fields)
        button = self.button and (re.sub(r"\d+", "#", self.button[0]), self.button[1])
        # forms that differ only by a hidden switch ("action=close") are different forms
        switches = sorted(f"{f.name}={f.value}" for f in self.fields.values() if f.is_switch)
        return (self.method, self.endpoint, tuple(names), tuple(switches), button)


class PageReader(CheckingParser):
    """The links, forms and script endpoints (data-*-url) of a page, and its fields in error.

    It reads the page in the same pass as the injection check.
    """

    def __init__(self, role: str, url: str) -> None:
        super().__init__()
        self.role, self.url = role, url
        self.links: list[str] = []
        self.links_to_tokens: set[str] = set()  # links whose text holds a stored value
        self.forms: list[Form] = []
        self.script_urls: list[tuple[str, Form | None]] = []
        self.fields_in_error: set[str] = set()
        self.refused = False  # the page says, in an error flash, that nothing was done
        self.values_shown: frozenset[str] = frozenset()  # the stored values the page shows
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None
        self._buttons: list[tuple[str, str]] = []
        self._link: str | None = None

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        attributes = {name: value or "" for name, value in attrs}
        if "flash-error" in attributes.get("class", "").split():
            self.refused = True
        if attributes.get("id", "").endswith("-error"):
            self.fields_in_error.add(attributes["id"].removesuffix("-error"))
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
            self._link = attributes["href"]
        elif tag == "form":
            self._form = Form(
                self.role,
                self.url,
                attributes.get("action") or self.url,
                attributes.get("method", "get").lower(),
            )
            self._buttons = []
        elif self._form is not None:
            self._form_element(tag, attributes)
        for name, value in attributes.items():
            if name.startswith("data-") and name.endswith("-url"):
                self.script_urls.append((value, self._form))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _form_element(self, tag: str, attributes: dict[str, str]) -> None:
        name = attributes.get("name")
        kind = attributes.get("type", "text").lower()
        if tag in {"button", "input"} and kind == "submit" and name:
            self._buttons.append((name, attributes.get("value", "")))
        elif tag == "input" and name and kind not in NOT_SENT:
            self._input(name, kind, attributes)
        elif tag == "textarea" and name:
            self._textarea = self._add(Field(name, "textarea", **self._lengths(attributes)))
        elif tag == "select" and name:
            self._select = self._add(Field(name, "select"))
        elif tag == "option" and self._select is not None:
            value = attributes.get("value", "")
            self._select.options.append(value)
            if "selected" in attributes or not self._select.value:
                self._select.value = value

    def _input(self, name: str, kind: str, attributes: dict[str, str]) -> None:
        value = attributes.get("value", "")
        if kind in {"radio", "checkbox"}:
            known = self._form.fields.get(name) or self._add(Field(name, kind))
            known.options.append(value or "y")
            if "checked" in attributes:
                known.value = value or "y"
            return
        self._add(Field(name, kind, value, **self._lengths(attributes)))

    @staticmethod
    def _lengths(attributes: dict[str, str]) -> dict:
        return {
            "minlength": int(attributes.get("minlength") or 0),
            "maxlength": int(attributes["maxlength"]) if attributes.get("maxlength") else None,
        }

    def _add(self, found: Field) -> Field:
        self._form.fields.setdefault(found.name, found)
        return self._form.fields[found.name]

    def handle_data(self, data):
        super().handle_data(data)
        if self._textarea is not None:
            self._textarea.value += data
        if self._link is not None and TOKEN.search(data):
            self.links_to_tokens.add(self._link)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag == "a":
            self._link = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self._form.fields.pop("csrf_token", None)
            # one form per submit button with a name: each is a different action
            for button in self._buttons or [None]:
                self.forms.append(
                    replace(self._form, fields=dict(self._form.fields), button=button)
                )
            self._form = None


@dataclass
class Seen:
    """What the run sent, found and reached, for the checks at the end."""

    problems: list[str] = field(default_factory=list)
    pages: int = 0
    stored_tokens: dict[str, str] = field(default_factory=dict)  # token -> where it was stored
    stored_vectors: set[str] = field(default_factory=set)
    found_tokens: set[str] = field(default_factory=set)
    hostile_shown: int = 0
    vectors_per_field: dict[tuple, set[str]] = field(default_factory=lambda: defaultdict(set))
    # form class -> its fields that were sent vectors (read from the form objects themselves)
    fields_sent_vectors: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    lazy_with_text: list[str] = field(default_factory=list)
    # for the browser test: address -> (role, endpoint, stored values shown) of the pages that
    # show stored values, and a page of each GET form that shows the corpus it was sent
    value_pages: dict[str, tuple[str, str, frozenset[str]]] = field(default_factory=dict)
    echo_pages: dict[str, tuple[str, str]] = field(default_factory=dict)


class Walker:
    """Clients for every role, reading every page they get and checking it for injections."""

    def __init__(self, app, mails: list[str]) -> None:
        self.app = app
        self.mails = mails
        self.seen = Seen()
        self.adapter = app.url_map.bind("localhost")
        self.clients = {role: self._client(email) for role, email in ROLES.items()}
        self.check = InjectionCheck(VECTORS, ORIGIN)
        self.forms: dict[tuple, Form] = {}
        self._endpoints: dict[tuple[str, str], str | None] = {}
        self.links_by_endpoint: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.visited: dict[str, set[str]] = defaultdict(set)  # role -> urls
        self.per_endpoint: dict[tuple[str, str], int] = defaultdict(int)
        self.counter = itertools.count(1000)
        self.hostile = False
        self.processed: list = []  # the forms that read the data of the current request
        self.landings: list[tuple[str, str]] = []  # (role, page) reached by storing a value

    def _client(self, email: str | None):
        client = self.app.test_client()
        if email:
            response = client.post(
                f"/{LANGUAGE}/account/sign-in",
                data={"email": email, "password": demo.DEMO_PASSWORD},
            )
            assert response.status_code == 302, f"{email} could not sign in"
        return client

    # --- addresses --------------------------------------------------------------------

    def endpoint(self, url: str, method: str = "GET") -> str | None:
        key = (urlsplit(url).path, method.upper())
        if key not in self._endpoints:
            try:
                self._endpoints[key], _ = self.adapter.match(key[0], method=key[1])
            except (NotFound, MethodNotAllowed, RequestRedirect):
                self._endpoints[key] = None
        return self._endpoints[key]

    @staticmethod
    def local(url: str, base: str) -> str | None:
        """An address of the site (path and query), relative to the page it is on."""
        if url.startswith("#") or not url:
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "localhost"):
            return None
        path = parts.path or urlsplit(base).path
        if not path.startswith("/"):
            path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
        return path + (f"?{parts.query}" if parts.query else "")

    @staticmethod
    def in_language(url: str) -> bool:
        """Whether to walk to an address: the pages of one language are enough."""
        return url.startswith((f"/{LANGUAGE}/", f"/feeds/{LANGUAGE}/"))

    # --- reading pages ----------------------------------------------------------------

    def request(self, role: str, method: str, url: str, data=None, follow: bool = True):
        """Send a request and follow its redirects; check every page on the way.

        Returns the last response, its address, whether it was reached by a redirect, and
        what the last page holds (None unless it is an HTML page).
        """
        if method == "get" and data:
            url = f"{url.split('?')[0]}?{urlencode(data, doseq=True)}"
            data = None
        self.processed = []
        response = self._send(role, method, url, data)
        redirected = False
        for _ in range(5):
            if response is None:
                return None, url, redirected, None
            reader = self.read(role, url, response)
            if reader is not None and (method == "get" or redirected):
                self._note_value_page(role, url, response, reader)
            location = response.headers.get("Location")
            if response.status_code not in (301, 302, 303) or not location or not follow:
                return response, url, redirected, reader
            target = self.local(location, url)
            if target is None:
                return response, url, redirected, reader
            url, redirected = target, True
            response = self._send(role, "get", url)
        return response, url, redirected, None

    def _note_value_page(self, role: str, url: str, response, reader: PageReader) -> None:
        """Keep each page that shows stored values and that a browser can open, with them."""
        if response.status_code == 200 and reader.values_shown and len(url) < 2000:
            self.seen.value_pages[url] = (role, self.endpoint(url) or "", reader.values_shown)

    def _send(self, role: str, method: str, url: str, data=None):
        try:
            return self.clients[role].open(url, method=method.upper(), data=data)
        except Exception as error:  # in tests the app raises instead of answering 500
            self.seen.problems.append(f"{method.upper()} {url} as {role} raised {error!r:.300}")
            return None

    def read(self, role: str, url: str, response) -> PageReader | None:
        if response.status_code >= 500:
            self.seen.problems.append(f"{response.status_code} on {url} as {role}")
            return None
        body = response.get_data(as_text=True)
        kind = response.mimetype
        if kind == "application/json":
            self._check_json(url, json.loads(body or "null"))
            return None
        if kind in ("application/atom+xml", "application/xml", "text/xml"):
            self._check_feed(url, body)
            return None
        if kind != "text/html":
            return None
        reader = PageReader(role, url)
        self._check_html(f"{url} as {role}", body, reader)
        return reader

    def _check_html(self, where: str, body: str, reader: CheckingParser | None = None) -> None:
        self.seen.pages += 1
        tokens = TOKEN.findall(body)
        self.seen.found_tokens.update(tokens)
        if isinstance(reader, PageReader):
            reader.values_shown = frozenset(tokens)
        if HOSTILE in body:
            self.seen.hostile_shown += 1
        self.seen.problems.extend(f"{where}: {p}" for p in self.check.page(body, reader))

    def _check_json(self, url: str, value) -> None:
        # Script endpoints return data; only their "html" members go into a page as markup.
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "html" or key.endswith("_html"):
                    self._check_html(f"{url} [{key}]", str(item))
                else:
                    self._check_json(url, item)
        elif isinstance(value, list):
            for item in value:
                self._check_json(url, item)

    def _check_feed(self, url: str, body: str) -> None:
        self.seen.found_tokens.update(TOKEN.findall(body))
        try:
            root = ElementTree.fromstring(body)  # noqa: S314 - the site's own feed
        except ElementTree.ParseError as error:
            self.seen.problems.append(f"{url}: the feed is not well-formed XML: {error}")
            return
        for element in root.iter():
            if element.get("type") in ("html", "xhtml") and element.text:
                self._check_html(f"{url} <{element.tag}>", element.text)

    # --- walking ----------------------------------------------------------------------

    def start_pages(self) -> list[str]:
        """Every page of the url_map that takes no value but the language."""
        pages = []
        for rule in self.app.url_map.iter_rules():
            if "GET" in rule.methods and rule.arguments <= {"lang_code"}:
                url = self.adapter.build(rule.endpoint, {"lang_code": LANGUAGE})
                if self.in_language(url):
                    pages.append(url)
        return sorted(set(pages))

    def walk(self, role: str, pages: list[str], budget: int = PAGES_PER_ENDPOINT) -> None:
        """Read pages breadth first, a few of each endpoint, and collect their forms.

        A link to a stored value (its token is in the address or in the link's text) is
        always followed, whatever the budget.
        """
        queue = [(url, False) for url in pages]
        while queue:
            url, to_token = queue.pop(0)
            endpoint = self.endpoint(url) if url else None
            if endpoint is None or url in self.visited[role]:
                continue
            to_token = to_token or bool(TOKEN.search(url))
            if self.per_endpoint[(role, endpoint)] >= budget and not to_token:
                continue
            queue.extend(self.read_page(role, url))

    def read_page(self, role: str, url: str) -> list[tuple[str, bool]]:
        """Read one page, collect its forms; its links in the language, and if they lead to a
        stored value."""
        self.visited[role].add(url)
        self.per_endpoint[(role, self.endpoint(url))] += 1
        response, *_, reader = self.request(role, "get", url, follow=False)
        links = []
        if response is not None and response.headers.get("Location"):
            links.append(self.local(response.headers["Location"], url) or "")
        if reader is not None:
            self.collect(reader)
            links += [self.local(link, reader.url) or "" for link in reader.links]
        found = []
        for link in links:
            if not self.in_language(link) or link in self.visited[role]:
                continue
            endpoint = self.endpoint(link)
            if endpoint is not None:
                self.links_by_endpoint[endpoint].append((role, link))
                found.append((link, bool(reader and link in reader.links_to_tokens)))
        return found

    def seek(self, endpoint: str) -> None:
        """Look for a POST route's form on the pages about the same thing.

        A route like /moderation/experts/revoke/<member_id> is a button on a page that takes
        the same values (/moderation/members/<member_id>), but only on some of them; read the
        pages of such endpoints that the walks passed by, until its form turns up.
        """
        rules = list(self.app.url_map.iter_rules(endpoint))
        wanted = {a for rule in rules for a in rule.arguments} - {"lang_code"}
        if wanted:
            pages = {
                rule.endpoint
                for rule in self.app.url_map.iter_rules()
                if "GET" in rule.methods and wanted <= rule.arguments
            }
            candidates = [link for page in pages for link in self.links_by_endpoint[page]]
        else:
            # its own address, which every role may see in another state (notifications)
            url = self.adapter.build(endpoint, {"lang_code": LANGUAGE})
            own = any("GET" in rule.methods for rule in rules)
            candidates = [(role, url) for role in ROLES] if own else []
        for role, url in candidates:
            if any(form.endpoint == endpoint for form in self.forms.values()):
                return
            if url not in self.visited[role]:
                self.read_page(role, url)

    def collect(self, reader: PageReader) -> None:
        for form in reader.forms:
            action = self.local(form.action, reader.url)
            if action is None:
                continue
            form.action = action
            form.endpoint = self.endpoint(action, form.method) or ""
            if form.endpoint and form.key not in self.forms:
                form.found_as = form.key
                self.forms[form.key] = form
        for url, around in reader.script_urls:
            target = self.local(url, reader.url)
            if target is None:
                continue
            for method in ("post", "get"):
                endpoint = self.endpoint(target, method)
                if endpoint is None:
                    continue
                fields = dict(around.fields) if around else {}
                script = Form(reader.role, reader.url, target, method, fields, None, endpoint)
                if fields and script.key not in self.forms:
                    script.found_as = script.key
                    self.forms[script.key] = script
                break

    def mail_links(self) -> list[str]:
        """Addresses mailed to people (password reset, confirmation): pages too."""
        links = re.findall(r"https?://\S+", "\n".join(self.mails))
        return [
            re.sub(r"^/[a-z]{2}/", f"/{LANGUAGE}/", url)
            for link in links
            if (url := self.local(link, "/"))
        ]


def batches(vectors: tuple[str, ...], size: int) -> Iterator[list[str]]:
    for start in range(0, len(vectors), size):
        yield list(vectors[start : start + size])


class Submitter:
    """Send the corpus through one form: back with errors, then stored."""

    def __init__(self, walker: Walker) -> None:
        self.walker = walker
        self.seen = walker.seen

    def echo(self, form: Form) -> None:
        """Every field carries vectors; each field's errors get a lazy message holding them.

        A hidden switch that chooses the action (action=close, helpful=1) keeps its value while
        the other fields carry the corpus, so that they reach the form behind it; then it
        carries the corpus itself.
        """
        switches = {name for name, found in form.fields.items() if found.is_switch}
        self.walker.hostile = True
        try:
            for carrying in ("fields", "switches") if switches else ("fields",):
                rounds = list(batches(VECTORS, ECHO_BATCH))
                while rounds:
                    batch = rounds.pop(0)
                    data = self._echo_data(form, batch, switches, carrying == "switches")
                    _, url, _, reader = self.walker.request(
                        form.role, form.method, form.action, data
                    )
                    if form.method == "get" and reader is not None:
                        self.seen.echo_pages.setdefault(form.endpoint, (form.role, url))
                    if self._learn_fields(form, data):
                        rounds.insert(0, batch)  # again, with the fields it missed
        finally:
            self.walker.hostile = False

    def _echo_data(self, form: Form, batch: list[str], switches: set[str], to_switches: bool):
        value = SEPARATOR.join(batch)
        data = {}
        for name, found in form.fields.items():
            carries = (name in switches) == to_switches
            data[name] = value if carries else found.value
            if carries:
                self.seen.vectors_per_field[(form.found_as, name)].update(batch)
        if form.button:
            data[form.button[0]] = form.button[1]
        return data

    def _learn_fields(self, form: Form, data: dict[str, str]) -> bool:
        """Add the fields that the form classes read but the page did not render.

        Someone can post a field that no page shows; the form object is what reads it.
        """
        learned = False
        for names in self.walker.processed:
            for name in names - set(data):
                form.fields[name] = Field(name, "unrendered")  # sent vectors, never stored
                learned = True
        return learned

    def store(self, form: Form) -> None:
        """One text field at a time carries vectors; the others keep valid values."""
        if not any(found.typed for found in form.fields.values()):
            return  # passwords and choices only: nothing to keep, and never sent valid
        baseline = self.plain(form, self.baseline(form))
        start = 0
        for name, found in list(form.fields.items()):
            if found.typed:
                value, start = self.pack(found, start)
                baseline = self._store_one(form, baseline, name, value)

    def _store_one(self, form: Form, baseline: dict[str, str], name: str, value: str):
        errors: set[str] = set()
        for _ in range(3):  # mend the other fields' values if they are refused
            _, url, redirected, reader = self.walker.request(
                form.role, form.method, form.action, {**baseline, name: value}
            )
            errors = reader.fields_in_error if reader else set()
            if name in errors or not errors:
                break  # kept, or this field refuses such text (its errors were read above)
            baseline = self.repair(form, baseline, errors)
        if not errors and redirected and not (reader and reader.refused):
            token = value.split(None, 1)[0]
            self.seen.stored_tokens[token] = f"{form.endpoint} {name} as {form.role}"
            self.seen.stored_vectors.update(v for v in VECTORS if v in value)
            self.walker.landings.append((form.role, url))
        if reader is not None:
            self.walker.collect(reader)
        return baseline

    def plain(self, form: Form, baseline: dict[str, str]) -> dict[str, str]:
        """Send plain values once, mending those refused, and follow where that leads.

        A reset link is mailed this way, for one.
        """
        for _ in range(3):
            _, url, redirected, reader = self.walker.request(
                form.role, form.method, form.action, baseline
            )
            errors = reader.fields_in_error if reader else set()
            if not errors:
                if redirected:
                    self.walker.landings.append((form.role, url))
                break
            baseline = self.repair(form, baseline, errors)
        return baseline

    def pack(self, found: Field, start: int) -> tuple[str, int]:
        """A token and as many vectors as the field holds, from `start` on (round the corpus)."""
        token = f"xq{next(self.walker.counter)}q"
        limit = found.maxlength or 20_000
        joiner = SEPARATOR if found.kind == "textarea" else " "
        value, taken = token, 0
        while taken < len(VECTORS):
            vector = VECTORS[(start + taken) % len(VECTORS)]
            if len(value) + len(joiner) + len(vector) > limit:
                break
            value += joiner + vector
            taken += 1
        if len(value) < found.minlength:
            value += " " + NEUTRAL * (found.minlength // len(NEUTRAL) + 1)
        return value[:limit], start + max(taken, 1)

    def baseline(self, form: Form) -> dict[str, str]:
        """Values the form accepts: what the page filled in, else a plain value of the kind."""
        values = {
            name: found.value or self.plain_value(form.role, found)
            for name, found in form.fields.items()
        }
        if form.button:
            values[form.button[0]] = form.button[1]
        return values

    def plain_value(self, role: str, found: Field, attempt: int = 0) -> str:
        """A value of the field's kind; `attempt` picks another one when the last was refused."""
        if found.kind in {"select", "radio", "checkbox"}:
            options = [option for option in found.options if option] or ["y"]
            return options[attempt % len(options)]
        later = date.today() + timedelta(days=30 + attempt)
        number = next(self.walker.counter)
        own_address = ROLES[role] or ROLES["member"]  # a known account: a reset link is mailed
        plain = {
            # strong enough for a new password, and nobody's password: a form that asks for
            # the current one (to delete the account) is never sent valid
            "password": "a long and quiet river",
            "date": later.isoformat(),
            "datetime-local": f"{later.isoformat()}T10:00",
            "email": f"new{number}@example.org" if attempt else own_address,
            "url": "https://example.org/about",
            "number": "1",
        }
        if found.kind in plain:
            return plain[found.kind]
        length = min(max(found.minlength + 20, 60), found.maxlength or 20_000)
        candidates = [(NEUTRAL * 5)[:length].strip(), f"neutral-{number}", str(number % 5 + 1)]
        return candidates[attempt % len(candidates)]

    def repair(self, form: Form, baseline: dict[str, str], wrong: set[str]) -> dict[str, str]:
        """Try the next plain value for the fields that came back in error."""
        repaired = dict(baseline)
        for name in wrong & set(form.fields):
            found = form.fields[name]
            found.attempts += 1
            repaired[name] = self.plain_value(form.role, found, found.attempts)
        return repaired


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
