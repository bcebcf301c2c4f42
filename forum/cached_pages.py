"""Which forum and knowledge-base pages visitors get from the page cache, and what changes them.

A thread page is made of scope "thread:<id>"; the first page of a question list of
"questions" (all), "questions:<language>" (filtered by content language) or "topic:<id>";
knowledge-base pages of "kb". Every change to a question, answer, comment, helpful mark,
tag or article bumps the scopes of the threads it touches, and of their topics and languages
(before and after a move); a change to a thread that an article was made from bumps "kb".
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask_login import current_user
from sqlalchemy import Delete, Update, inspect, select
from sqlalchemy.orm import Session

from app.config import LANGUAGES
from app.main.services import topic_by_slug
from app.page_cache import SITE, CachedPage
from app.permissions import standing
from forum import queries, services
from forum.knowledge.models import Article, ArticleGroup
from forum.models import Answer, Comment, PostStatus, Question, Tag, Vote, question_tag

KB = "kb"
QUESTIONS = "questions"
# what the batched view counts write: no page shows them as they change
UNSHOWN_QUESTION_COLUMNS = frozenset({"view_count"})


def thread_scope(question_id: int) -> str:
    return f"thread:{question_id}"


def topic_scope(topic_id: int) -> str:
    return f"topic:{topic_id}"


def language_scope(language: str) -> str:
    return f"{QUESTIONS}:{language}"


# ---------------------------------------------------------------------------------------------
# pages


def _thread(view_args: dict[str, Any]) -> list[str]:
    return [thread_scope(view_args["question_id"])]


def _thread_reader(view_args: dict[str, Any]) -> tuple | None:
    """What a signed-in reader's page of a public thread depends on, besides the thread.

    A reader with no part in the thread gets the page of everybody of their standing. One who
    asked, answered, commented on, marked or follows it gets a page of their own, kept for them
    alone: their posts and marks renew the thread's versions as anybody's do, and following
    (which renews nothing) is part of the key. A thread that is not public is never kept.
    """
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return None
    question = queries.question(view_args["question_id"])
    if question is None or question.is_private or question.status != PostStatus.PUBLISHED:
        return None
    part = queries.part_in_thread(user.id, question.id)
    shared = standing(user, question)
    return (*shared, "own", user.id, part.follows) if part.any else shared


def _count_view(view_args: dict[str, Any]) -> None:
    services.count_view(view_args["question_id"])


def _question_list(view_args: dict[str, Any]) -> list[str] | None:
    if "after" in request.args:
        return None  # only first pages are kept
    if slug := request.args.get("topic"):
        topic = topic_by_slug(slug)
        return [topic_scope(topic.id)] if topic else [QUESTIONS]
    if (language := request.args.get("language")) in LANGUAGES:
        return [language_scope(language)]
    return [QUESTIONS]


def _topic(view_args: dict[str, Any]) -> list[str] | None:
    if "after" in request.args:
        return None
    topic = topic_by_slug(view_args["slug"])
    return [topic_scope(topic.id)] if topic else None


PAGES = [
    CachedPage("forum.thread", _thread, on_hit=_count_view, reader=_thread_reader),
    CachedPage("forum.questions", _question_list),
    CachedPage("forum.topic", _topic),
    CachedPage("knowledge.index", lambda view_args: [KB]),
    CachedPage("knowledge.article", lambda view_args: [KB]),
]


# ---------------------------------------------------------------------------------------------
# writes


def _changed_columns(obj) -> set[str]:
    return {attr.key for attr in inspect(obj).attrs if attr.history.has_changes()}


def _old_and_new(obj, name: str) -> set:
    history = inspect(obj).attrs[name].history
    return {*history.deleted, *history.added, *history.unchanged} - {None}


class ForumInvalidation:
    """The forum's and the knowledge base's share of the page cache's invalidation."""

    def flushed(self, session: Session) -> set[str]:
        questions: set[int] = set()
        answers: set[int] = set()
        scopes: set[str] = set()
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, Question) and (own := _question_scopes(session, obj)):
                scopes |= own
                questions.add(obj.id)
            elif isinstance(obj, Answer):
                questions |= _old_and_new(obj, "question_id")
            elif isinstance(obj, Comment):
                questions |= _old_and_new(obj, "question_id")
                answers |= _old_and_new(obj, "answer_id")
            elif isinstance(obj, Vote):
                answers.add(obj.answer_id)
            elif isinstance(obj, Article):
                scopes.add(KB)
                questions |= _old_and_new(obj, "source_question_id")
            elif isinstance(obj, ArticleGroup | Tag):
                scopes |= {KB, SITE}
        if answers:
            statement = select(Answer.question_id).where(Answer.id.in_(answers))
            questions |= set(session.connection().execute(statement).scalars())
        return scopes | _thread_scopes(session, questions)

    def statement(self, session: Session, statement: Update | Delete) -> set[str]:
        table = getattr(statement.table, "name", None)
        if table == Question.__tablename__ and isinstance(statement, Update):
            values = getattr(statement, "_values", None) or {}
            names = {getattr(column, "key", str(column)) for column in values}
            if names and not names - UNSHOWN_QUESTION_COLUMNS:
                return set()
        watched = {
            model.__tablename__
            for model in (Question, Answer, Comment, Vote, Tag, Article, ArticleGroup)
        } | {question_tag.name}
        # statements are rare (an account's data deleted): every page is renewed
        return {SITE, KB, QUESTIONS} if table in watched else set()


def _question_scopes(session: Session, question: Question) -> set[str]:
    """A changed question's own scopes, before and after a move; its row may be gone already."""
    if question in session.dirty and not _changed_columns(question) - UNSHOWN_QUESTION_COLUMNS:
        return set()
    return {
        thread_scope(question.id),
        *(topic_scope(t) for t in _old_and_new(question, "topic_id")),
        *(language_scope(lang) for lang in _old_and_new(question, "language")),
        QUESTIONS,
    }


def _thread_scopes(session: Session, question_ids: set[int]) -> set[str]:
    """The scopes of these threads: theirs, their topics', their languages', the lists'."""
    ids = {i for i in question_ids if i is not None}
    if not ids:
        return set()
    connection = session.connection()
    scopes = {QUESTIONS, *(thread_scope(i) for i in ids)}
    rows = connection.execute(
        select(Question.topic_id, Question.language).where(Question.id.in_(ids))
    ).all()
    for topic_id, language in rows:
        scopes |= {topic_scope(topic_id), language_scope(language)}
    made_into_article = connection.execute(
        select(Article.id).where(Article.source_question_id.in_(ids)).limit(1)
    ).first()
    if made_into_article:
        scopes.add(KB)
    return scopes


INVALIDATION = ForumInvalidation()
