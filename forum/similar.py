"""The seam through which search offers published questions like a title being typed.

forum/ does not import search/: search plugs its finder into
`app.extensions["similar_questions"]`, and without one the ask form simply offers nothing.
"""

from __future__ import annotations

from typing import Protocol

from flask import current_app


class SimilarQuestion(Protocol):
    """What the ask form shows of a similar question or article."""

    title: str
    url_path: str  # the address after the language, e.g. "/questions/12/slug"
    answered: bool


class SimilarFinder(Protocol):
    def __call__(self, title: str, language: str) -> list[SimilarQuestion]: ...


def nothing_similar(title: str, language: str) -> list[SimilarQuestion]:
    """The finder until search plugs in its own."""
    return []


def similar_questions(title: str, language: str) -> list[SimilarQuestion]:
    """Published questions and articles like `title`, in `language` first."""
    finder: SimilarFinder = current_app.extensions.get("similar_questions", nothing_similar)
    return finder(title, language)
