"""What the walk reads in a page: its forms and their fields, its links, its errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tests.xss import CheckingParser

ORIGIN = "http://localhost"
LANGUAGE = "en"
ROLES = {
    "visitor": None,
    "member": "member@mipas.example",
    "expert": "expert@mipas.example",
    "moderator": "moderator@mipas.example",
    "admin": "admin@mipas.example",
}
TEXT_INPUTS = {"text", "search", "email", "url", "tel", "textarea"}
NOT_SENT = {"submit", "button", "image", "reset", "file"}
TOKEN = re.compile(r"xq\d{4}q")  # starts each stored value, to find it again


@dataclass
class Field:
    name: str
    kind: str
    value: str = ""
    options: list[str] = field(default_factory=list)
    required: bool = False
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
            "required": "required" in attributes,
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
