"""A member's Markdown becomes safe HTML: no script, no handlers, no dangerous links."""

from html.parser import HTMLParser

import pytest

from app.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from tests.xss import VECTORS, injections


class Elements(HTMLParser):
    """Every element and attribute in a piece of HTML, as a browser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


@pytest.mark.parametrize("payload", VECTORS)
def test_attacks_come_out_harmless(payload):
    html = str(render_markdown(payload))
    assert injections(html, [payload]) == []
    for tag, attributes in Elements(html).found:
        assert tag in ALLOWED_TAGS, html
        assert set(attributes) <= set(ALLOWED_ATTRIBUTES.get(tag, ())), html


def test_plain_markdown_renders():
    html = str(render_markdown("**Bold**, *italic*, `code`\n\n- one\n- two"))
    assert "<strong>Bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<code>code</code>" in html
    assert "<li>two</li>" in html


def test_links_are_marked_as_user_content():
    html = str(render_markdown("See [MIGRIS](https://www.migracija.lt) or https://uzt.lt"))
    assert html.count('rel="nofollow ugc noopener"') == 2
    assert 'href="https://www.migracija.lt"' in html
    assert 'href="https://uzt.lt"' in html


def test_headings_stay_below_the_page_heading():
    html = str(render_markdown("# Big\n\n## Smaller"))
    assert "<h1>" not in html and "<h2>" not in html
    assert "<h3>Big</h3>" in html and "<h4>Smaller</h4>" in html


def test_raw_html_is_shown_as_text_not_run():
    html = str(render_markdown("a <b>b</b> c"))
    assert "<b>" not in html
    assert "&lt;b&gt;" in html
