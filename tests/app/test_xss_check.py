"""The XSS corpus is broad, and its check finds every vector that is printed unescaped."""

import contextlib
import html
import unicodedata
from urllib.parse import quote, unquote

import pytest
from markdown_it import MarkdownIt
from markupsafe import escape

from tests.xss import CORPUS, VECTORS, injections, url_scheme

# A Markdown renderer with no safety at all: raw HTML on, every link scheme accepted.
_unsafe_markdown = MarkdownIt("commonmark", {"html": True})
_unsafe_markdown.validateLink = lambda url: True

# Text that only looks like markup: it stays text in a browser whatever a page does with it.
LOOK_ALIKES = {"‹script›alert(1)‹/script›", "<\u0455cript>alert(1)</\u0455cript>"}
DATA_ONLY = "templates and scripts in data"


def test_the_corpus_covers_each_kind_with_150_vectors_or_more():
    assert len(VECTORS) >= 150
    assert len(set(VECTORS)) == len(VECTORS)
    assert "<svg/onload=alert(document.domain)>" in VECTORS  # issue 12
    for kind in ("markdown", "svg", "mathml", "mutation", "encodings", "breakouts"):
        assert any(kind in group for group in CORPUS), kind
    assert all(len(group) >= 10 for group in CORPUS.values())


def _decodings(vector: str) -> set[str]:
    """The vector, and what it becomes if something decodes it once or twice too often."""
    forms = {
        vector,
        html.unescape(vector),
        html.unescape(html.unescape(vector)),
        unquote(vector),
        unquote(unquote(vector)),
        unicodedata.normalize("NFKC", vector),
    }
    with contextlib.suppress(UnicodeError):
        forms.add(vector.encode("ascii").decode("utf-7"))
    if "\\" in vector and vector.isascii():
        forms.add(vector.encode("ascii").decode("unicode_escape"))
    return forms


def _printed_raw(value: str) -> list[str]:
    return [
        f"<p>{value}</p>",
        f'<input value="{value}">',
        f"<input value='{value}'>",
        f"<input value={value}>",
        _unsafe_markdown.render(value),
    ]


def test_the_check_finds_every_vector_printed_without_escaping():
    missed = {
        vector
        for group, vectors in CORPUS.items()
        if group != DATA_ONLY
        for vector in vectors
        if not any(
            injections(page, [value])
            for value in _decodings(vector)
            for page in _printed_raw(value)
        )
    }
    assert missed == LOOK_ALIKES


def test_the_check_finds_the_reproduction_of_issue_12():
    page = "<li>Check “<svg/onload=alert(document.domain)>”.</li>"
    assert injections(page, ["<svg/onload=alert(document.domain)>"])
    # even without knowing what was typed: no template writes <svg>
    assert injections(page)


@pytest.mark.parametrize("vector", VECTORS)
def test_the_check_accepts_every_vector_escaped(vector):
    escaped = escape(vector)
    pages = [
        f"<p>{escaped}</p>",
        f'<input value="{escaped}">',
        f"<textarea>{escaped}</textarea>",
        f'<a href="/en/search?q={quote(vector)}">{escaped}</a>',
        f'<option value="{escaped}" selected>{escaped}</option>',
    ]
    for page in pages:
        assert injections(page, [vector]) == [], page


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        (" \x01JaVa\tScRiPt:alert(1)", "javascript"),
        ("java\nscript:x", "javascript"),
        ("/en/questions/1", ""),
        ("?q=a:b", ""),
        ("https://example.org", "https"),
    ],
)
def test_url_schemes_are_read_as_a_browser_reads_them(url, scheme):
    assert url_scheme(url) == scheme
