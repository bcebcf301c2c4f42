"""What feature packages add to app's own pages, declared here so that app/ knows no feature.

create_app fills the registries: the header's search box and the account menu's links, and
sections of the home, organisation and profile pages. Each has a safe default, nothing, so
app's pages draw without any feature registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel.speaklater import LazyString
from markupsafe import Markup


def _none() -> int:
    return 0


@dataclass(frozen=True)
class AccountLink:
    """A link in a member's account menu, with a count shown as a badge (0: none)."""

    endpoint: str
    label: LazyString
    count: Callable[[], int] = _none
    count_text: Callable[[int], str] = str  # the count in words, for screen readers


@dataclass(frozen=True)
class SiteSearch:
    """The header's search box: where it sends the words, and its label."""

    endpoint: str
    label: LazyString


# the pages that show sections of feature packages, and what each section is given
SECTION_PAGES = ("home", "organisation", "profile")


def site_search() -> SiteSearch | None:
    return current_app.extensions.get("site_search")


def account_links() -> list[AccountLink]:
    return list(current_app.extensions.get("account_links", ()))


def sections(page: str, *about: Any) -> list[Markup]:
    """The feature packages' sections of `page`, each a callable given what the page is about
    (an organisation page gives its organisation) that returns rendered HTML."""
    assert page in SECTION_PAGES, page
    return [show(*about) for show in current_app.extensions.get(f"{page}_sections", ())]
