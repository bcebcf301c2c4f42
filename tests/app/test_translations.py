"""The catalogs are complete, and no English is left on Lithuanian or Russian pages."""

import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from app import demo
from app.config import TRANSLATIONS

PLURAL_FORMS = {"lt": 3, "en": 2, "ru": 3}


def catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", PLURAL_FORMS)
def test_every_message_is_translated_and_none_is_fuzzy(lang):
    messages = [m for m in catalog(lang) if m.id]
    assert messages
    untranslated = [
        m.id for m in messages if not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [], f"{lang}: untranslated {untranslated[:10]}"
    assert fuzzy == [], f"{lang}: fuzzy {fuzzy[:10]}"


@pytest.mark.parametrize("lang", PLURAL_FORMS)
def test_plural_messages_have_every_form(lang):
    forms = catalog(lang)
    assert forms.num_plurals == PLURAL_FORMS[lang]
    for message in forms:
        if isinstance(message.id, tuple):
            assert len(message.string) == PLURAL_FORMS[lang], message.id


@pytest.mark.parametrize("lang", PLURAL_FORMS)
def test_placeholders_survive_translation(lang):
    for message in catalog(lang):
        if not message.id or isinstance(message.id, tuple):
            continue
        expected = sorted(re.findall(r"%\(\w+\)[sd]", message.id))
        assert sorted(re.findall(r"%\(\w+\)[sd]", message.string)) == expected, message.id


class VisibleText(HTMLParser):
    """The text a person reads on a page, including labels they hear or see in fields."""

    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        for name, value in attrs:
            if name in {"placeholder", "aria-label", "title", "alt"} and value:
                self.chunks.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.chunks.append(" ".join(data.split()))


PAGES = [
    "/{lang}/",
    "/{lang}/about",
    "/{lang}/privacy",
    "/{lang}/organisations/",
    "/{lang}/organisations/red-cross-lithuania",
    "/{lang}/topics/work",
    "/{lang}/news/",
    "/{lang}/news/online-information-session-for-newcomers",
    "/{lang}/organisations/iom-vilnius",
    "/{lang}/account/register",
    "/{lang}/account/sign-in",
    "/{lang}/account/forgot-password",
    "/{lang}/account/registered",
    "/{lang}/no-such-page",
]
SIGNED_IN_PAGES = ["/{lang}/account/profile", "/{lang}/account/password", "/{lang}/account/email"]
# Names that stay as they are in every language.
NAMES = {"MIPAS", "EN", "LT", "RU", "English", "Lietuvių", "Русский", "Expert Laura", "Олена"}


def english_left(page: str, english: dict[str, str]) -> list[str]:
    parser = VisibleText()
    parser.feed(page)
    return [chunk for chunk in parser.chunks if chunk in english and chunk not in NAMES]


@pytest.fixture
def english_messages():
    """English interface texts, each with its translation, where the two differ."""
    return {m.id: m.string for m in catalog("en") if m.id and not isinstance(m.id, tuple)}


@pytest.mark.parametrize("lang", ["lt", "ru"])
def test_no_english_on_lithuanian_and_russian_pages(app, client, lang, english_messages):
    with app.app_context():
        demo.load()
    client.post(
        "/en/account/register",
        data={"email": "bad", "password": "x", "confirm": "y"},
    )
    pages = [p.format(lang=lang) for p in PAGES]
    left = {
        path: english_left(client.get(path).get_data(as_text=True), english_messages)
        for path in pages
    }
    register = client.post(f"/{lang}/account/register", data={"email": "bad"}).get_data(
        as_text=True
    )
    left["register with errors"] = english_left(register, english_messages)
    client.post(
        f"/{lang}/account/sign-in",
        data={"email": "member@mipas.example", "password": "demo-password"},
    )
    for path in SIGNED_IN_PAGES:
        path = path.format(lang=lang)
        left[path] = english_left(client.get(path).get_data(as_text=True), english_messages)
    assert {path: found for path, found in left.items() if found} == {}
