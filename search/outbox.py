"""The search outbox: each change to searchable content leaves a row in its own transaction.

Nothing in forum/ or news/ knows about this: SQLAlchemy session events see questions, answers,
knowledge-base articles and news items being added, changed or deleted, and write a
`search_outbox` row for the document (a question's, the article's or the news item's) before the
transaction commits, so a change and its row are committed together or not at all.
The indexer (search/indexer.py) later reads the rows, indexes the documents as the database
has them then, and deletes the rows.
"""

from __future__ import annotations

import logging

from flask import current_app, has_app_context
from sqlalchemy import Delete, Update, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from app.extensions import listen_to_every_session
from app.models import Topic, utcnow
from forum.knowledge.models import Article
from forum.models import Answer, Question
from news.models import NewsItem
from search.backend import DocumentKind
from search.models import SearchOutbox

log = logging.getLogger("mipas.search")

# The columns whose change changes what the index holds (or whether it holds the document).
QUESTION_COLUMNS = frozenset(
    {
        "title",
        "slug",
        "body_html",
        "language",
        "status",
        "topic_id",
        "accepted_answer_id",
        "last_activity_at",
        "visibility",  # a private consultation leaves the index, in the same transaction
    }
)
ANSWER_COLUMNS = frozenset({"body_html", "status", "by_expert", "question_id"})
ARTICLE_COLUMNS = frozenset(
    {"title", "slug", "summary", "body_html", "language", "status", "topic_id", "updated_at"}
)
NEWS_COLUMNS = frozenset(
    {"title", "slug", "summary", "body_html", "place", "language", "status", "updated_at"}
)
PENDING = "search_outbox_pending"

Key = tuple[DocumentKind, int]


def _changed(obj, columns: frozenset[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in columns)


def _old_question_id(answer: Answer) -> int | None:
    history = inspect(answer).attrs["question_id"].history
    return history.deleted[0] if history.deleted else None


def _question_ids(obj, changed_only: bool) -> list[int | None]:
    """The questions whose document `obj` is part of (a moved answer: both questions)."""
    if isinstance(obj, Question):
        if changed_only and not _changed(obj, QUESTION_COLUMNS):
            return []
        return [obj.id]
    if isinstance(obj, Answer):
        if changed_only and not _changed(obj, ANSWER_COLUMNS):
            return []
        return [obj.question_id, _old_question_id(obj)] if changed_only else [obj.question_id]
    return []


def _article_ids(obj, changed_only: bool) -> list[int]:
    if not isinstance(obj, Article) or (changed_only and not _changed(obj, ARTICLE_COLUMNS)):
        return []
    return [obj.id]


def _news_ids(obj, changed_only: bool) -> list[int]:
    if not isinstance(obj, NewsItem) or (changed_only and not _changed(obj, NEWS_COLUMNS)):
        return []
    return [obj.id]


def touched_documents(session: Session) -> set[Key]:
    """The documents that this flush changes, as session.new/dirty/deleted show it."""
    keys: set[Key] = set()
    for kind, ids_of in (
        (DocumentKind.QUESTION, _question_ids),
        (DocumentKind.ARTICLE, _article_ids),
        (DocumentKind.NEWS, _news_ids),
    ):
        ids = [
            *(i for obj in session.new for i in ids_of(obj, changed_only=False)),
            *(i for obj in session.dirty for i in ids_of(obj, changed_only=True)),
            *(i for obj in session.deleted for i in ids_of(obj, changed_only=False)),
        ]
        keys |= {(kind, i) for i in ids if i is not None}
    return keys


def write_rows(session: Session, keys: set[Key]) -> None:
    """Add an outbox row per document, on the session's connection (its transaction)."""
    if not keys:
        return
    now = utcnow()
    session.connection().execute(
        SearchOutbox.__table__.insert(),
        [{"kind": kind.value, "document_id": id_, "created_at": now} for kind, id_ in keys],
    )
    session.info[PENDING] = True


def renamed_topic_documents(session: Session) -> set[Key]:
    """The questions and articles of a topic whose address changed: the index files them by it."""
    renamed = [
        obj.id
        for obj in session.dirty
        if isinstance(obj, Topic) and inspect(obj).attrs["slug"].history.has_changes()
    ]
    if not renamed:
        return set()
    connection = session.connection()
    questions = connection.execute(select(Question.id).where(Question.topic_id.in_(renamed)))
    articles = connection.execute(select(Article.id).where(Article.topic_id.in_(renamed)))
    return {(DocumentKind.QUESTION, id_) for (id_,) in questions} | {
        (DocumentKind.ARTICLE, id_) for (id_,) in articles
    }


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    write_rows(session, touched_documents(session) | renamed_topic_documents(session))


def _statement_columns(statement: Update) -> set[str] | None:
    """The columns an UPDATE statement sets, or None if that cannot be told."""
    values = getattr(statement, "_values", None) or dict(
        getattr(statement, "_ordered_values", None) or ()
    )
    if not values:
        return None
    return {
        getattr(column, "key", None) or getattr(column, "name", str(column)) for column in values
    }


def _bulk_statement(state: ORMExecuteState) -> None:
    """Record the documents an UPDATE or DELETE statement on posts, articles or news changes.

    Session events do not see rows changed by statements (session.execute(update(...))), so
    the rows they are about to change are read first, in the same transaction.
    """
    statement = state.statement
    if not isinstance(statement, Update | Delete):
        return
    # an ORM statement's table is an annotated copy: compare by name
    table = getattr(statement.table, "name", None)
    kind = DocumentKind.QUESTION
    if table == Question.__tablename__:
        watched, id_column = QUESTION_COLUMNS, Question.__table__.c.id
    elif table == Answer.__tablename__:
        watched, id_column = ANSWER_COLUMNS, Answer.__table__.c.question_id
    elif table == Article.__tablename__:
        kind, watched, id_column = DocumentKind.ARTICLE, ARTICLE_COLUMNS, Article.__table__.c.id
    elif table == NewsItem.__tablename__:
        kind, watched, id_column = DocumentKind.NEWS, NEWS_COLUMNS, NewsItem.__table__.c.id
    else:
        return
    if isinstance(statement, Update):
        columns = _statement_columns(statement)
        if columns is not None and not columns & watched:
            return  # e.g. the batched view counts
    affected = select(id_column).distinct()
    if statement.whereclause is not None:
        affected = affected.where(statement.whereclause)
    session = state.session
    ids = set(session.execute(affected, params=state.parameters).scalars())
    write_rows(session, {(kind, id_) for id_ in ids if id_ is not None})


def _after_commit(session: Session) -> None:
    if not session.info.pop(PENDING, False) or not has_app_context():
        return
    extension = current_app.extensions.get("search")
    if extension is not None:
        extension.after_commit()


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def listen() -> None:
    """Start writing outbox rows for every session of the process."""
    listen_to_every_session(
        "search outbox",
        {
            "after_flush": _after_flush,
            "do_orm_execute": _bulk_statement,
            "after_commit": _after_commit,
            "after_soft_rollback": lambda session, previous: _after_rollback(session),
        },
    )
