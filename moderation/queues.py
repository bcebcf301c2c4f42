"""What waits for staff: held posts, flags, applications, unanswered questions, articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, or_, select, true
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Topic, User, utcnow, utctoday
from app.permissions import can_see, private_topics_of
from app.screening import find_personal_data
from forum.knowledge import queries as knowledge_queries
from forum.models import Answer, Comment, PostStatus, Question, Visibility, public_questions
from moderation.models import ApplicationStatus, Claim, ExpertApplication, Flag

QUEUE_LIMIT = 50


@dataclass
class QueueItem:
    """A post with the context a moderator needs to decide on it."""

    kind: str
    post: Question | Answer | Comment
    question: Question
    author_posts: int
    author_rejected: int
    findings: list = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    claimed_by: User | None = None


# --- urgent questions ------------------------------------------------------------------------

URGENT_STATUSES = (PostStatus.PUBLISHED.value, PostStatus.PENDING.value)


def _urgent_waiting():
    """Urgent questions no expert has answered yet, public or waiting for review, not closed."""
    return [
        Question.urgent_reason != "",
        Question.first_expert_answer_at.is_(None),
        Question.status.in_(URGENT_STATUSES),
        Question.closed_reason == "",
    ]


def _readable_by(viewer: User):
    """In SQL, what `app.permissions.may_read_private` decides: public questions, the viewer's
    own, and the private consultations of the topics they read as staff."""
    topics = private_topics_of(viewer)
    if topics is None:
        return true()
    return or_(
        Question.visibility != Visibility.PRIVATE.value,
        Question.author_id == viewer.id,
        Question.topic_id.in_(topics),
    )


@dataclass
class UrgentQueueItem:
    """An urgent question, how long it has waited, and whether it is past its target."""

    question: Question
    waited: timedelta
    overdue: bool
    claimed_by: User | None = None


def urgent_questions(viewer: User, target_hours: int, now: datetime | None = None):
    """Urgent questions without an expert's answer, the longest waiting first.

    Only those the viewer may open: a private consultation is for the experts of its topic.
    """
    now = now or utcnow()
    questions = db.session.scalars(
        select(Question)
        .where(*_urgent_waiting(), _readable_by(viewer))
        .options(joinedload(Question.topic))
        .order_by(Question.urgent_at, Question.id)
        .limit(QUEUE_LIMIT)
    )
    visible = [question for question in questions if can_see(viewer, question)]
    claims = _claims([("question", question.id) for question in visible])
    target = timedelta(hours=target_hours)
    return [
        UrgentQueueItem(
            question=question,
            waited=now - (question.urgent_at or question.created_at),
            overdue=now - (question.urgent_at or question.created_at) > target,
            claimed_by=claims.get(("question", question.id)),
        )
        for question in visible
    ]


# --- private consultations ----------------------------------------------------------------


def _private_open():
    """Private consultations that are public to their readers and not closed."""
    return [
        Question.visibility == Visibility.PRIVATE.value,
        Question.status == PostStatus.PUBLISHED.value,
        Question.closed_reason == "",
    ]


@dataclass
class PrivateQueueItem:
    """A private consultation, and how long its asker waited (or has waited) for an expert."""

    question: Question
    waited: timedelta
    claimed_by: User | None = None


def private_consultations(viewer: User, now: datetime | None = None) -> list[PrivateQueueItem]:
    """Open private consultations the viewer may read: those without an expert's answer first,
    then the longest waiting. Experts see their own topics' only; moderators see all."""
    now = now or utcnow()
    questions = db.session.scalars(
        select(Question)
        .where(*_private_open(), _readable_by(viewer))
        .options(joinedload(Question.topic))
        .order_by(Question.first_expert_answer_at.is_not(None), Question.created_at, Question.id)
        .limit(QUEUE_LIMIT)
    )
    visible = [question for question in questions if can_see(viewer, question)]
    claims = _claims([("question", question.id) for question in visible])
    return [
        PrivateQueueItem(
            question=question,
            waited=(question.first_expert_answer_at or now) - question.created_at,
            claimed_by=claims.get(("question", question.id)),
        )
        for question in visible
    ]


def recently_answered_urgent(viewer: User, days: int = 7) -> list[Question]:
    """Urgent questions whose first expert answer came in the last `days` days, newest first."""
    since = utcnow() - timedelta(days=days)
    return [
        question
        for question in db.session.scalars(
            select(Question)
            .where(Question.urgent_reason != "", Question.first_expert_answer_at >= since)
            .options(joinedload(Question.topic))
            .order_by(Question.first_expert_answer_at.desc())
            .limit(QUEUE_LIMIT)
        )
        if can_see(viewer, question)
    ]


def _author_history(author_ids: set[int]) -> dict[int, tuple[int, int]]:
    """For each author: how many posts are public, how many were rejected."""
    history = {author_id: [0, 0] for author_id in author_ids}
    for model in (Question, Answer, Comment):
        rows = db.session.execute(
            select(model.author_id, model.status, func.count())
            .where(model.author_id.in_(author_ids))
            .group_by(model.author_id, model.status)
        )
        for author_id, status, count in rows:
            if status == PostStatus.PUBLISHED:
                history[author_id][0] += count
            elif status == PostStatus.REJECTED:
                history[author_id][1] += count
    return {key: (value[0], value[1]) for key, value in history.items()}


def _claims(kind_ids: list[tuple[str, int]]) -> dict[tuple[str, int], User]:
    if not kind_ids:
        return {}
    claims = db.session.scalars(
        select(Claim)
        .options(joinedload(Claim.moderator))
        .where(Claim.item_id.in_({item_id for _, item_id in kind_ids}))
    )
    return {(c.item_kind, c.item_id): c.moderator for c in claims}


def _items(posts: list[tuple[str, object]], flags: dict | None = None) -> list[QueueItem]:
    history = _author_history({post.author_id for _, post in posts})
    claims = _claims([(kind, post.id) for kind, post in posts])
    items = []
    for kind, post in posts:
        published, rejected = history.get(post.author_id, (0, 0))
        text = f"{getattr(post, 'title', '')}\n\n{post.body}"
        items.append(
            QueueItem(
                kind=kind,
                post=post,
                question=post.thread,
                author_posts=published,
                author_rejected=rejected,
                findings=find_personal_data(text),
                flags=(flags or {}).get((kind, post.id), []),
                claimed_by=claims.get((kind, post.id)),
            )
        )
    return items


def pending_posts(viewer: User | None = None) -> list[QueueItem]:
    """Held posts, oldest first; with a viewer, only those they may open.

    A private consultation's posts are never held, but one held before its thread went
    private stays for the experts of its topic and the moderators only.
    """
    posts: list[tuple[str, object]] = []
    for kind, model in (("question", Question), ("answer", Answer), ("comment", Comment)):
        rows = db.session.scalars(
            select(model)
            .where(model.status == PostStatus.PENDING)
            .options(joinedload(model.author))
            .order_by(model.created_at)
            .limit(QUEUE_LIMIT)
        )
        posts += [(kind, row) for row in rows]
    posts.sort(key=lambda pair: pair[1].created_at)
    return _items(_visible_to(viewer, posts)[:QUEUE_LIMIT])


def _visible_to(viewer: User | None, posts: list[tuple[str, object]]) -> list[tuple[str, object]]:
    return posts if viewer is None else [(k, p) for k, p in posts if can_see(viewer, p)]


def flagged_posts(viewer: User | None = None) -> list[QueueItem]:
    """Posts with open flags, the most flagged first; with a viewer, only those they may open.

    The asker may flag an answer in their private consultation: an expert of another topic
    must not read it here.
    """
    open_flags = list(
        db.session.scalars(
            select(Flag)
            .where(Flag.resolved_at.is_(None))
            .options(joinedload(Flag.user))
            .order_by(Flag.created_at)
        )
    )
    grouped: dict[tuple[str, int], list[Flag]] = {}
    for item in open_flags:
        grouped.setdefault((item.post_kind, item.post_id), []).append(item)
    posts = []
    models = {"question": Question, "answer": Answer, "comment": Comment}
    for kind, post_id in sorted(grouped, key=lambda key: -len(grouped[key]))[:QUEUE_LIMIT]:
        post = db.session.get(models[kind], post_id)
        if post is not None:
            posts.append((kind, post))
    return _items(_visible_to(viewer, posts), grouped)


def applications() -> list[ExpertApplication]:
    return list(
        db.session.scalars(
            select(ExpertApplication)
            .where(ExpertApplication.status == ApplicationStatus.PENDING)
            .options(joinedload(ExpertApplication.user))
            .order_by(ExpertApplication.created_at)
        )
    )


def expert_focus(expert: User) -> tuple[set[str], set[str]]:
    """The topics and languages an expert was approved for."""
    approved = db.session.scalar(
        select(ExpertApplication)
        .where(
            ExpertApplication.user_id == expert.id,
            ExpertApplication.status == ApplicationStatus.APPROVED,
        )
        .order_by(ExpertApplication.decided_at.desc())
        .limit(1)
    )
    if approved is None:
        return set(), set()
    return approved.topic_slugs, approved.language_codes


def verified_topic_ids(expert: User) -> set[int]:
    """The ids of the topics an expert was approved for: whose private consultations they read."""
    slugs, _languages = expert_focus(expert)
    if not slugs:
        return set()
    return set(db.session.scalars(select(Topic.id).where(Topic.slug.in_(slugs))))


def unanswered(viewer: User) -> list[Question]:
    """Published questions without answers; an expert's own topics and languages first."""
    topics, languages = expert_focus(viewer)
    query = (
        select(Question)
        .where(public_questions(), Question.answer_count == 0)
        .options(joinedload(Question.topic))
    )
    order = [Question.created_at]
    if topics or languages:
        query = query.join(Question.topic)
        mine = case(
            (Topic.slug.in_(topics) & Question.language.in_(languages), 0),
            (Topic.slug.in_(topics) | Question.language.in_(languages), 1),
            else_=2,
        )
        order = [mine, Question.created_at]
    return list(db.session.scalars(query.order_by(*order).limit(QUEUE_LIMIT)))


def _proposed() -> list:
    """Published questions whose accepted answer has no article yet (draft, public or archived).

    A private consultation is never proposed: only a version its asker consented to is public.
    """
    return [
        public_questions(),
        Question.accepted_answer_id.is_not(None),
        Question.accepted_answer_id.not_in(knowledge_queries.article_answers()),
    ]


@dataclass
class ProposalQueueItem:
    """A question whose accepted answer could become an article, and who is working on it."""

    question: Question
    claimed_by: User | None = None


def knowledge_base_proposals() -> list[ProposalQueueItem]:
    """Questions with an accepted answer that is not in the knowledge base yet, newest first.

    A proposal is claimed as ("proposal", accepted answer id): a claim on the answer itself
    belongs to the pending and flag queues.
    """
    questions = list(
        db.session.scalars(
            select(Question)
            .where(*_proposed())
            .options(joinedload(Question.topic))
            .order_by(Question.last_activity_at.desc())
            .limit(QUEUE_LIMIT)
        )
    )
    claims = _claims([("proposal", q.accepted_answer_id) for q in questions])
    return [ProposalQueueItem(q, claims.get(("proposal", q.accepted_answer_id))) for q in questions]


@dataclass
class ReviewQueueItem:
    """An article past its review date, and who is working on it."""

    review: knowledge_queries.ReviewItem
    claimed_by: User | None = None


def knowledge_base_reviews() -> list[ReviewQueueItem]:
    """Published articles past their review date, the most overdue first."""
    reviews = knowledge_queries.overdue(utctoday(), QUEUE_LIMIT)
    claims = _claims([("article", item.article.id) for item in reviews])
    return [ReviewQueueItem(item, claims.get(("article", item.article.id))) for item in reviews]


def counts(viewer: User) -> dict[str, int]:
    """How many items wait in each queue, for the staff navigation: urgent questions and private
    consultations only if `viewer` may open them."""
    pending = sum(
        db.session.scalar(select(func.count(m.id)).where(m.status == PostStatus.PENDING))
        for m in (Question, Answer, Comment)
    )
    flagged_posts_ = (
        select(Flag.post_kind, Flag.post_id).where(Flag.resolved_at.is_(None)).distinct().subquery()
    )
    flagged = db.session.scalar(select(func.count()).select_from(flagged_posts_))
    return {
        "urgent": db.session.scalar(
            select(func.count(Question.id)).where(*_urgent_waiting(), _readable_by(viewer))
        ),
        "pending": pending,
        "flags": flagged,
        "applications": db.session.scalar(
            select(func.count(ExpertApplication.id)).where(
                ExpertApplication.status == ApplicationStatus.PENDING
            )
        ),
        "unanswered": db.session.scalar(
            select(func.count(Question.id)).where(public_questions(), Question.answer_count == 0)
        ),
        "private": db.session.scalar(
            select(func.count(Question.id)).where(
                *_private_open(), _readable_by(viewer), Question.first_expert_answer_at.is_(None)
            )
        ),
        "proposals": db.session.scalar(select(func.count(Question.id)).where(*_proposed())),
        "reviews": knowledge_queries.count_overdue(utctoday()),
    }
