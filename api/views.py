"""The API's operations. Only what a visitor may see: every item passes the site's own rules."""

from __future__ import annotations

from flask import current_app, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from api import present, v1
from api.http import (
    bad_cursor,
    cached_json,
    decode_cursor,
    encode_cursor,
    next_offset,
    not_found,
    offset_of,
    read_args,
    refuse,
)
from api.operations import operation
from api.schemas import (
    ArticleOut,
    ArticlePage,
    NewsOut,
    NewsPage,
    OrganisationList,
    PageArgs,
    QuestionOut,
    QuestionPage,
    SearchArgs,
    SearchPage,
    TopicList,
    TopicPageArgs,
)
from api.searching import search_published
from api.spec import openapi_document
from app.content import translations
from app.extensions import db, limiter
from app.locale import current_language
from app.main.services import all_organisations, all_topics, topic_by_slug
from app.models import Topic, utcnow
from app.permissions import can_see
from forum import queries as forum_queries
from forum.knowledge import queries as knowledge_queries
from forum.models import Answer, Question
from news import queries as news_queries
from search.backend import MAX_RESULTS, DocumentKind, SearchQuery
from search.words import query_words

VISITOR = None  # the API answers everybody alike: as to a visitor who is not signed in


def _topic(slug: str | None) -> Topic | None:
    if not slug:
        return None
    found = topic_by_slug(slug)
    if found is None:
        refuse(400, _("There is no topic “%(slug)s”.", slug=slug[:80]), {"topic": ["unknown"]})
    return found


@v1.route("/articles")
@operation(
    summary=_l("Knowledge-base articles, one per subject, in the chosen language where it has one"),
    tag="knowledge-base",
    args=TopicPageArgs,
    answer=ArticlePage,
)
def articles():
    args = read_args(TopicPageArgs)
    topic = _topic(args.get("topic"))
    offset, limit = offset_of(args.get("cursor")), args["limit"]
    listed = knowledge_queries.published_articles(current_language(), topic.id if topic else None)
    shown = listed[offset : offset + limit]
    return cached_json(
        {
            "items": [present.article_summary(i.article, i.other_languages) for i in shown],
            "next_cursor": next_offset(offset, limit, len(listed) > offset + limit),
        },
        (i.article.updated_at for i in shown),
    )


@v1.route("/articles/<slug>")
@operation(
    summary=_l("One article, with its sources, review dates and translations"),
    tag="knowledge-base",
    answer=ArticleOut,
    may_be_missing=True,
)
def article(slug: str):
    read_args(operation_args(article))
    found = knowledge_queries.article_by_slug(slug)
    if found is None or not found.is_published:
        not_found()
    others = translations(found, published_only=True)
    return cached_json(present.article(found, others), [found.updated_at])


def _news_page(kind: str, args: dict) -> tuple[list, bool, int]:
    offset, limit = offset_of(args.get("cursor")), args["limit"]
    language, now = current_language(), utcnow()
    if kind == "event":
        listed = news_queries.upcoming_events(language, now, limit=offset + limit + 1)
        return listed[offset : offset + limit], len(listed) > offset + limit, offset
    page = news_queries.news_page(language, now, per_page=offset + limit)
    return page.items[offset:], page.has_next, offset


@v1.route("/news")
@operation(
    summary=_l("News and past events, newest first"), tag="news", args=PageArgs, answer=NewsPage
)
def news():
    args = read_args(PageArgs)
    shown, more, offset = _news_page("news", args)
    return cached_json(
        {
            "items": [present.news_summary(i.item, i.other_languages) for i in shown],
            "next_cursor": next_offset(offset, args["limit"], more),
        },
        (i.item.updated_at for i in shown),
    )


@v1.route("/events")
@operation(
    summary=_l("Upcoming events, soonest first, with place, time zone and registration link"),
    tag="news",
    args=PageArgs,
    answer=NewsPage,
)
def events():
    args = read_args(PageArgs)
    shown, more, offset = _news_page("event", args)
    return cached_json(
        {
            "items": [present.news_summary(i.item, i.other_languages) for i in shown],
            "next_cursor": next_offset(offset, args["limit"], more),
        },
        (i.item.updated_at for i in shown),
    )


@v1.route("/news/<slug>")
@operation(
    summary=_l("One news item or event, with its translations"),
    tag="news",
    answer=NewsOut,
    may_be_missing=True,
)
def news_item(slug: str):
    read_args(operation_args(news_item))
    found = news_queries.item_by_slug(slug)
    if found is None or not found.is_published:
        not_found()
    others = translations(found, published_only=True)
    return cached_json(present.news_item(found, others), [found.updated_at])


@v1.route("/questions")
@operation(
    summary=_l("Public questions that have an accepted answer, latest activity first"),
    tag="questions",
    args=TopicPageArgs,
    answer=QuestionPage,
)
def questions():
    args = read_args(TopicPageArgs)
    topic = _topic(args.get("topic"))
    after = None
    text = decode_cursor("q", args.get("cursor"))
    if text is not None:
        after = forum_queries.Cursor.decode(text)
        if after is None:
            bad_cursor()
    filters = forum_queries.ListFilter(topic_id=topic.id if topic else None, status="answered")
    page = forum_queries.list_questions(filters, after, page_size=args["limit"])
    shown = [found for found in page.questions if can_see(VISITOR, found)]
    return cached_json(
        {
            "items": [present.question_summary(found) for found in shown],
            "next_cursor": encode_cursor("q", page.next_cursor.encode())
            if page.next_cursor
            else None,
        },
        (found.last_activity_at for found in shown),
    )


def _shown_answer(thread: forum_queries.Thread) -> Answer | None:
    """The accepted answer, else the first expert answer in the thread's order; public ones."""
    for found in thread.answers:  # accepted first, then experts, then the most helpful
        public = found.is_published and can_see(VISITOR, found)
        if public and (found.id == thread.question.accepted_answer_id or found.by_expert):
            return found
    return None


@v1.route("/questions/<int:question_id>")
@operation(
    summary=_l("One public question with its accepted or expert answer"),
    tag="questions",
    answer=QuestionOut,
    may_be_missing=True,
)
def question(question_id: int):
    read_args(operation_args(question))
    thread = forum_queries.load_thread(question_id, VISITOR)
    # a deleted question shows only a placeholder on the site: here it is not there at all
    if thread is None or not thread.question.is_published or not can_see(VISITOR, thread.question):
        not_found()
    shown = _shown_answer(thread)
    changed = [thread.question.last_activity_at, thread.question.edited_at]
    if shown is not None:
        changed.append(shown.edited_at)
    return cached_json(present.question(thread.question, shown), changed)


@v1.route("/topics")
@operation(summary=_l("Every topic, in the site's order"), tag="directory", answer=TopicList)
def topics():
    read_args(operation_args(topics))
    return cached_json({"items": [present.topic(found) for found in all_topics()]})


@v1.route("/organisations")
@operation(
    summary=_l("The organisations that work with MIPAS"), tag="directory", answer=OrganisationList
)
def organisations():
    read_args(operation_args(organisations))
    return cached_json({"items": [present.organisation(found) for found in all_organisations()]})


def _visible_questions(ids: list[int]) -> set[int]:
    """Of the questions a search found, those a visitor may read (the index may lag a change)."""
    if not ids:
        return set()
    found = db.session.scalars(select(Question).where(Question.id.in_(ids)))
    return {q.id for q in found if q.is_published and can_see(VISITOR, q)}


@v1.route("/search")
@limiter.limit(lambda: current_app.config["SEARCH_RATE_LIMIT"])
@operation(
    summary=_l("Search questions, articles and news, as the site's search does"),
    tag="search",
    args=SearchArgs,
    answer=SearchPage,
)
def search():
    args = read_args(SearchArgs)
    limit = args["limit"]
    page_text = decode_cursor("p", args.get("cursor"))
    page = 1
    if page_text is not None:
        if not (page_text.isascii() and page_text.isdigit()) or not 1 < int(page_text) < 10_000:
            bad_cursor()
        page = int(page_text)
    typed = " ".join(args["q"].split())
    words = query_words(typed)
    hits, more = [], False
    if words.words and page * limit <= MAX_RESULTS:
        results = search_published(
            SearchQuery(
                text=words.text if words.shortened else typed,
                kinds=(DocumentKind(args["kind"]),) if args.get("kind") else (),
                page=page,
                per_page=limit,
            )
        )
        visible = _visible_questions(
            [hit.id for hit in results.hits if hit.kind is DocumentKind.QUESTION]
        )
        hits = [
            hit
            for hit in results.hits
            if hit.kind is not DocumentKind.QUESTION or hit.id in visible
        ]
        more = len(results.hits) == limit and (page + 1) * limit <= MAX_RESULTS
        if results.total_is_exact:
            more = more and results.total > page * limit
    language = current_language()
    return cached_json(
        {
            "items": [
                {
                    "kind": hit.kind.value,
                    "title": hit.title,
                    "snippet_html": hit.snippet,
                    "language": hit.language,
                    "answered": hit.answered,
                    "url": f"{_site_root()}/{language}{hit.url_path}",
                }
                for hit in hits
            ],
            "next_cursor": encode_cursor("p", str(page + 1)) if more else None,
        }
    )


def _site_root() -> str:
    return request.host_url.rstrip("/") + request.script_root


def operation_args(view):
    return view.api_operation.args


@v1.route("/openapi.json")
def openapi():
    return jsonify(openapi_document())
