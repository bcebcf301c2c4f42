"""The seam through which search answers the API's /search.

api/ reads search's interface (search/backend.py), never its service: search plugs the search
of its index into `app.extensions["published_search"]`, and without one the API finds nothing.
"""

from __future__ import annotations

from typing import Protocol

from flask import current_app

from search.backend import SearchQuery, SearchResults


class PublishedSearch(Protocol):
    def __call__(self, query: SearchQuery) -> SearchResults: ...


def find_nothing(query: SearchQuery) -> SearchResults:
    """The search until search plugs in its own."""
    return SearchResults(hits=[], total=0)


def search_published(query: SearchQuery) -> SearchResults:
    """Published questions, articles and news matching `query`, as the site's search finds them."""
    search: PublishedSearch = current_app.extensions.get("published_search", find_nothing)
    return search(query)
