"""The search page: /<lang>/search?q=... with filters, sorting and pages."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from app.extensions import limiter
from app.locale import current_language
from app.main.services import all_topics
from search import bp
from search.backend import MAX_RESULTS, DocumentKind, SearchQuery, SearchResults
from search.indexer import SearchService
from search.unmatched import record_unmatched
from search.words import query_words

PER_PAGE = 20
LAST_PAGE = MAX_RESULTS // PER_PAGE
CONTENT_LANGUAGES = ("lt", "en", "ru", "other")
KIND_NAMES = {
    DocumentKind.QUESTION.value: _l("Questions"),
    DocumentKind.ARTICLE.value: _l("Knowledge base"),
    DocumentKind.NEWS.value: _l("News"),
}
SORT_NAMES = {"relevance": _l("Most relevant"), "date": _l("Newest")}
LANGUAGE_NAMES = {"lt": "Lietuvių", "en": "English", "ru": "Русский", "other": _l("Other")}
# The parameters of the page's address, in the order the links keep them.
PARAMETERS = ("q", "kind", "topic", "language", "answered", "sort", "page")


@dataclass
class SearchRequest:
    """What the address asks for, made safe, with a note for each part that could not be used."""

    text: str = ""
    kind: str = ""
    topic: str = ""
    language: str = ""
    answered: bool = False
    sort: str = "relevance"
    page: int = 1
    notices: list[str] = field(default_factory=list)

    def query(self) -> SearchQuery:
        return SearchQuery(
            text=self.text,
            kinds=(DocumentKind(self.kind),) if self.kind else (),
            topic=self.topic,
            language=self.language,
            answered_only=self.answered,
            sort=self.sort,
            page=self.page,
            per_page=PER_PAGE,
        )

    def args(self, **changes) -> dict[str, object]:
        """The address parameters of this search, changed as given (a None value is dropped)."""
        values = {
            "q": self.text,
            "kind": self.kind,
            "topic": self.topic,
            "language": self.language,
            "answered": ANSWERED_ONLY if self.answered else "",
            "sort": "" if self.sort == "relevance" else self.sort,
            "page": self.page if self.page > 1 else "",
        }
        values.update(changes)
        return {name: values[name] for name in PARAMETERS if values.get(name)}


ANSWERED_ONLY = "1"


def read_request(args: MultiDict, topics: set[str]) -> SearchRequest:
    """Read the search from the address; anything that cannot be used is left out and told."""
    found = SearchRequest()
    typed = " ".join(args.get("q", "").split())
    words = query_words(typed)
    found.text = words.text if words.shortened else typed
    if words.shortened:
        found.notices.append(_("Your search was long, so only its beginning was used."))
    if typed and not words.words:
        found.notices.append(_("Please search with words or numbers."))
    choices = {
        "kind": set(KIND_NAMES),
        "topic": topics,
        "language": set(CONTENT_LANGUAGES),
        "sort": set(SORT_NAMES),
        "answered": {ANSWERED_ONLY},
    }
    for name, allowed in choices.items():
        value = args.get(name, "")
        if value in allowed:
            setattr(found, name, True if name == "answered" else value)
        elif value:
            found.notices.append(
                _("“%(value)s” is not a filter we know, so it was left out.", value=value[:40])
            )
    found.page = _read_page(args.get("page", ""), found.notices)
    return found


def _read_page(page: str, notices: list[str]) -> int:
    if not page:
        return 1
    if not (page.isascii() and page.isdigit()) or int(page) < 1:
        notices.append(
            _("“%(page)s” is not a page number, so here is the first page.", page=page[:20])
        )
        return 1
    if int(page) > LAST_PAGE:
        notices.append(_("Only the first %(num)d pages of results can be shown.", num=LAST_PAGE))
        return LAST_PAGE
    return int(page)


@dataclass
class Pages:
    current: int
    last: int | None  # None: not known exactly ("more than ...")
    has_next: bool


def _pages(found: SearchRequest, results: SearchResults) -> Pages:
    known = math.ceil(results.total / PER_PAGE) if results.total else 0
    last = min(max(known, 1), LAST_PAGE) if results.total_is_exact else None
    has_next = (
        found.page < last
        if last is not None
        else found.page < LAST_PAGE and len(results.hits) == PER_PAGE
    )
    return Pages(found.page, last, has_next)


def _service() -> SearchService:
    return current_app.extensions["search"]


@bp.route("/search")
@limiter.limit(lambda: current_app.config["SEARCH_RATE_LIMIT"])
def search():
    topics = {topic.slug: topic.name for topic in all_topics()}
    found = read_request(request.args, set(topics))
    results = None
    pages = None
    if query_words(found.text).words:
        results = _service().search(found.query())
        pages = _pages(found, results)
        if not results.total and found.page == 1:
            # what people look for and do not find: the staff report of missing articles
            record_unmatched(found.text, current_language())
        if not results.hits and results.total and found.page > 1:
            last = pages.last or 1
            found.notices.append(
                _(
                    "There is no page %(page)d of these results. The last page is %(last)d.",
                    page=found.page,
                    last=last,
                )
            )
    return render_template(
        "search/search.html",
        search=found,
        results=results,
        pages=pages,
        topics=topics,
        kind_names=KIND_NAMES,
        sort_names=SORT_NAMES,
        language_names=LANGUAGE_NAMES,
        hit_url=hit_url,
    )


def hit_url(url_path: str) -> str:
    """The address of a found document in the page's language."""
    return f"{request.script_root}/{current_language()}{url_path}"
