"""Each API operation says what it reads and answers; the OpenAPI text and the docs page are
made from these records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from marshmallow import Schema

from api.schemas import LanguageArgs


@dataclass(frozen=True)
class Operation:
    summary: object  # a lazy string: English in the OpenAPI text, translated on /api/
    tag: str
    answer: type[Schema]
    args: type[Schema] = LanguageArgs
    may_be_missing: bool = False  # an item that is not there, or not public: 404


TAGS = {
    "knowledge-base": _l("Knowledge-base articles, checked and dated, in lt, en and ru."),
    "news": _l("News and events."),
    "questions": _l("Public questions with an accepted or expert answer."),
    "directory": _l("Topics and organisations."),
    "search": _l("Search, with the same index as the site."),
}


def operation(**described) -> Callable:
    """Record what a view reads and answers, for the OpenAPI text and the docs page."""

    def record(view: Callable) -> Callable:
        view.api_operation = Operation(**described)  # type: ignore[attr-defined]
        return view

    return record
