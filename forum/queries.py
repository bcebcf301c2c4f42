"""Reading threads: question lists, and one thread with everything on its page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.models import User
from app.routing import LARGEST_ID
from forum.knowledge.models import Article
from forum.models import (
    Answer,
    Comment,
    PostStatus,
    Question,
    Revision,
    Subscription,
    Visibility,
    Vote,
    public_questions,
)

PAGE_SIZE = 30
PUBLISHED = PostStatus.PUBLISHED.value


@dataclass(frozen=True)
class ListFilter:
    topic_id: int | None = None
    status: str = ""  # "", "unanswered" or "answered"
    language: str = ""  # "", "lt", "en", "ru" or "other"
    languages: tuple[str, ...] = ()  # any of these, when `language` is not given


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the last row of this one, newest activity first."""

    last_activity_at: datetime
    id: int

    FORMAT = "%Y%m%dT%H%M%S.%f"

    def encode(self) -> str:
        return f"{self.last_activity_at.astimezone(UTC).strftime(self.FORMAT)}_{self.id}"

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        """Read a cursor from the address; anything malformed starts from the top."""
        try:
            stamp, id_ = (text or "").split("_")
            row_id = int(id_)
            if not 0 < row_id <= LARGEST_ID:
                return None
            return cls(datetime.strptime(stamp, cls.FORMAT).replace(tzinfo=UTC), row_id)
        except ValueError:
            return None


@dataclass(frozen=True)
class QuestionPage:
    questions: list[Question]
    next_cursor: Cursor | None


def _filtered(filters: ListFilter) -> Select:
    query = select(Question).where(public_questions())
    if filters.topic_id:
        query = query.where(Question.topic_id == filters.topic_id)
    if filters.status == "unanswered":
        query = query.where(Question.answer_count == 0)
    elif filters.status == "answered":
        query = query.where(Question.accepted_answer_id.is_not(None))
    if filters.language:
        query = query.where(Question.language == filters.language)
    elif filters.languages:
        query = query.where(Question.language.in_(filters.languages))
    return query


def list_questions(
    filters: ListFilter, after: Cursor | None = None, page_size: int = PAGE_SIZE
) -> QuestionPage:
    """One page of published questions, newest activity first, continuing after `after`.

    Keyset paging keeps page 1,000 as fast as page 1 and never shows a row twice.
    """
    query = _filtered(filters).options(joinedload(Question.topic))
    if after is not None:
        query = query.where(
            # the plain range lets SQLite walk the index from the cursor on: with the OR alone
            # it read the index from the top, 10 ms for a page 50,000 questions down
            Question.last_activity_at <= after.last_activity_at,
            or_(
                Question.last_activity_at < after.last_activity_at,
                and_(Question.last_activity_at == after.last_activity_at, Question.id < after.id),
            ),
        )
    query = query.order_by(Question.last_activity_at.desc(), Question.id.desc())
    rows = list(db.session.scalars(query.limit(page_size + 1)))
    more = len(rows) > page_size
    rows = rows[:page_size]
    cursor = Cursor(rows[-1].last_activity_at, rows[-1].id) if more else None
    return QuestionPage(rows, cursor)


def consultations_of(user: User) -> list[Question]:
    """The asker's own private consultations that they have not deleted, newest activity first."""
    return list(
        db.session.scalars(
            select(Question)
            .where(
                Question.author_id == user.id,
                Question.visibility == Visibility.PRIVATE.value,
                Question.status != PostStatus.DELETED.value,
            )
            .options(joinedload(Question.topic))
            .order_by(Question.last_activity_at.desc(), Question.id.desc())
        )
    )


def question(question_id: int) -> Question | None:
    return db.session.get(Question, question_id)


@dataclass
class Thread:
    """Everything the thread page shows, loaded in a fixed number of queries."""

    question: Question
    answers: list[Answer]
    question_comments: list[Comment]
    answer_comments: dict[int, list[Comment]]
    voted: set[int]
    following: bool


def answer_order(question: Question):
    """Accepted first, then experts, then the most helpful, then the oldest."""

    def key(answer: Answer):
        return (
            answer.id != question.accepted_answer_id,
            not answer.by_expert,
            -answer.helpful_count,
            answer.created_at,
        )

    return key


def load_thread(question_id: int, viewer: User | None) -> Thread | None:
    found = db.session.scalar(
        select(Question)
        .where(Question.id == question_id)
        .options(
            joinedload(Question.topic),
            joinedload(Question.author).joinedload(User.organisation),
            joinedload(Question.duplicate_of),
            selectinload(Question.tags),
        )
    )
    if found is None:
        return None
    answers = list(
        db.session.scalars(
            select(Answer)
            .where(Answer.question_id == question_id)
            .options(joinedload(Answer.author).joinedload(User.organisation))
        ).unique()
    )
    answer_ids = [a.id for a in answers]
    comments = db.session.scalars(
        select(Comment)
        .where(or_(Comment.question_id == question_id, Comment.answer_id.in_(answer_ids)))
        .options(joinedload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    ).unique()
    question_comments, answer_comments = [], {answer_id: [] for answer_id in answer_ids}
    for comment in comments:
        if comment.answer_id is None:
            question_comments.append(comment)
        else:
            answer_comments[comment.answer_id].append(comment)
    voted: set[int] = set()
    following = False
    if viewer is not None and viewer.is_authenticated:
        if answer_ids:
            voted = set(
                db.session.scalars(
                    select(Vote.answer_id).where(
                        Vote.user_id == viewer.id, Vote.answer_id.in_(answer_ids)
                    )
                )
            )
        following = (
            db.session.scalar(
                select(Subscription.id).where(
                    Subscription.user_id == viewer.id, Subscription.question_id == question_id
                )
            )
            is not None
        )
    answers.sort(key=answer_order(found))
    return Thread(found, answers, question_comments, answer_comments, voted, following)


def _taking_part() -> Select:
    user_id, question_id = bindparam("user_id"), bindparam("question_id")
    answers = select(Answer.id).where(Answer.question_id == question_id)
    follows = select(Subscription.id).where(
        Subscription.user_id == user_id, Subscription.question_id == question_id
    )
    wrote_or_marked = [
        select(Question.id).where(Question.id == question_id, Question.author_id == user_id),
        select(Answer.id).where(Answer.question_id == question_id, Answer.author_id == user_id),
        select(Comment.id).where(
            Comment.author_id == user_id,
            or_(Comment.question_id == question_id, Comment.answer_id.in_(answers)),
        ),
        select(Vote.id).where(Vote.user_id == user_id, Vote.answer_id.in_(answers)),
    ]
    return select(or_(*(part.exists() for part in wrote_or_marked)), follows.exists())


# built once: asked on every signed-in reader's thread page, even one served from the cache
TAKING_PART = _taking_part()


@dataclass(frozen=True)
class Part:
    """What a person has of their own on a thread's page."""

    wrote_or_marked: bool  # asked, answered, commented on or marked an answer helpful
    follows: bool

    @property
    def any(self) -> bool:
        return self.wrote_or_marked or self.follows


def part_in_thread(user_id: int, question_id: int) -> Part:
    """What the person has of their own on the thread: their page shows it (their tools,
    marks, pending posts, "Stop following")."""
    row = (
        db.session.connection()
        .execute(TAKING_PART, {"user_id": user_id, "question_id": question_id})
        .one()
    )
    return Part(bool(row[0]), bool(row[1]))


def revisions(kind: str, post_id: int) -> list[Revision]:
    return list(
        db.session.scalars(
            select(Revision)
            .where(Revision.post_kind == kind, Revision.post_id == post_id)
            .options(joinedload(Revision.editor))
            .order_by(Revision.created_at.desc(), Revision.id.desc())
        )
    )


def answer(answer_id: int) -> Answer | None:
    return db.session.get(Answer, answer_id)


def comment(comment_id: int) -> Comment | None:
    return db.session.get(Comment, comment_id)


class SimilarKind:
    """What a similar entry is, so that an article and the thread it came from tell apart."""

    ARTICLE = "article"
    ANSWERED = "answered"
    OPEN = "open"


@dataclass(frozen=True)
class SimilarEntry:
    kind: str  # a SimilarKind
    title: str
    url_path: str
    language: str


def similar_entries(hits: list) -> list[SimilarEntry]:
    """Search hits for "similar questions", each marked with its kind.

    An article stands before the thread it was made from, so that the checked text is read
    first; otherwise the search's order is kept.
    """
    article_ids = [hit.id for hit in hits if hit.kind == "article"]
    source_of: dict[int, int] = {}
    if article_ids:
        rows = db.session.execute(
            select(Article.id, Article.source_question_id).where(Article.id.in_(article_ids))
        )
        source_of = {article_id: question_id for article_id, question_id in rows if question_id}
    ordered = list(hits)
    for hit in hits:
        question_id = source_of.get(hit.id) if hit.kind == "article" else None
        thread = next((h for h in ordered if h.kind == "question" and h.id == question_id), None)
        if thread is not None and ordered.index(thread) < ordered.index(hit):
            ordered.remove(hit)
            ordered.insert(ordered.index(thread), hit)
    return [
        SimilarEntry(
            kind=(
                SimilarKind.ARTICLE
                if hit.kind == "article"
                else SimilarKind.ANSWERED
                if hit.answered
                else SimilarKind.OPEN
            ),
            title=hit.title,
            url_path=hit.url_path,
            language=hit.language,
        )
        for hit in ordered
    ]
