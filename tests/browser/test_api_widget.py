"""The knowledge-base widget in Chromium, as the API docs page shows it, and without JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_the_widget_lists_a_topics_articles_in_the_pages_language(page) -> None:
    page.goto("/ru/api/")
    widget = page.locator(".api-widget-example")
    articles = widget.locator(".mipas-widget-list li a")
    expect(articles.first).to_be_visible()
    expect(articles.first).to_have_attribute("href", re.compile(r"/ru/kb/"))
    expect(widget.get_by_role("link", name="База знаний MIPAS")).to_be_visible()


def test_without_javascript_the_widget_is_a_link_to_the_knowledge_base(page_without_js) -> None:
    page_without_js.goto("/lt/api/")
    widget = page_without_js.locator(".api-widget-example")
    expect(widget.locator("li")).to_have_count(0)
    expect(widget.get_by_role("link", name="MIPAS žinių bazė")).to_have_attribute(
        "href", re.compile(r"/lt/kb/$")
    )
