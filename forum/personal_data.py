"""The forum's share of a member's data: their posts, marks, follows and notifications.

When a member deletes their account and asks for their posts to go, their questions, answers
and comments are really deleted, with their revisions and what hangs on them. One exception
keeps other people's help: a question that others have answered stays, anonymous and with
its text removed (the title stays, so the answers under it still make sense).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from sqlalchemy import delete, func, or_, select, tuple_, update
from sqlalchemy.orm import joinedload, selectinload

from app.auth.personal_data import AccountDeletion, PersonalDataPart
from app.extensions import db
from app.models import User
from app.permissions import can_see
from forum import services, signals
from forum.models import (
    Answer,
    Comment,
    Notification,
    PostStatus,
    Question,
    Revision,
    Subscription,
    Vote,
    question_tag,
)

# answers by others that keep a removed question's thread: the ones somebody may still read
LIVE = (PostStatus.PUBLISHED.value, PostStatus.PENDING.value, PostStatus.HIDDEN.value)


def _thread_url(question_id: int, slug: str) -> str:
    return url_for("forum.thread", question_id=question_id, slug=slug, _external=True)


def export_member_data(user: User) -> dict[str, Any]:
    """The member's questions, answers, comments, revisions, marks, follows, notifications."""
    # each row's thread, topic and tags come with it: a member of years has hundreds of posts
    questions = list(
        db.session.scalars(
            select(Question)
            .where(Question.author_id == user.id)
            .options(joinedload(Question.topic), selectinload(Question.tags))
        )
    )
    answers = list(
        db.session.scalars(
            select(Answer).where(Answer.author_id == user.id).options(joinedload(Answer.question))
        )
    )
    comments = list(
        db.session.scalars(
            select(Comment)
            .where(Comment.author_id == user.id)
            .options(
                joinedload(Comment.question), joinedload(Comment.answer).joinedload(Answer.question)
            )
        )
    )
    own = (
        {("question", q.id) for q in questions}
        | {("answer", a.id) for a in answers}
        | {("comment", c.id) for c in comments}
    )
    return {
        "questions": [_question(q) for q in questions],
        "answers": [_answer(a) for a in answers],
        "comments": [_comment(c) for c in comments],
        "revisions": _revisions(user, own),
        "helpful_marks": [
            {"answer_id": vote.answer_id, "marked_at": vote.created_at}
            for vote in db.session.scalars(select(Vote).where(Vote.user_id == user.id))
        ],
        "follows": [
            {
                "question_id": sub.question_id,
                "link": _thread_url(question.id, question.slug),
                "since": sub.created_at,
            }
            for sub, question in db.session.execute(
                select(Subscription, Question)
                .join(Question, Question.id == Subscription.question_id)
                .where(Subscription.user_id == user.id)
            )
            if _may_see_thread(user, question)
        ],
        "notifications": [
            {
                "kind": note.kind,
                "question_id": note.question_id,
                "link": _thread_url(note.question.id, note.question.slug),
                "note": note.note,
                "created_at": note.created_at,
                "read_at": note.read_at,
            }
            for note in db.session.scalars(
                select(Notification)
                .where(Notification.user_id == user.id)
                .options(joinedload(Notification.question))
            )
            if _may_see_thread(user, note.question)
        ],
    }


def _may_see_thread(user: User, question: Question) -> bool:
    """A private consultation that the member may not read is not in their download either:
    not even its link, whose address carries words of its title."""
    return not question.is_private or can_see(user, question)


def _question(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "link": _thread_url(question.id, question.slug),
        "title": question.title,
        "body_markdown": question.body,
        "status": question.status,
        "hold_reason": question.hold_reason,
        "language": question.language,
        "anonymous": question.anonymous,
        "visibility": question.visibility,
        "urgent_reason": question.urgent_reason,
        "topic": question.topic.slug,
        "tags": [tag.name for tag in question.tags],
        "accepted_answer_id": question.accepted_answer_id,
        "closed_reason": question.closed_reason,
        "locked": question.locked,
        "created_at": question.created_at,
        "edited_at": question.edited_at,
    }


def _answer(answer: Answer) -> dict[str, Any]:
    return {
        "id": answer.id,
        "question_id": answer.question_id,
        "link": _thread_url(answer.question_id, answer.question.slug) + f"#answer-{answer.id}",
        "body_markdown": answer.body,
        "status": answer.status,
        "hold_reason": answer.hold_reason,
        "as_expert": answer.by_expert,
        "accepted": answer.question.accepted_answer_id == answer.id,
        "helpful_count": answer.helpful_count,
        "created_at": answer.created_at,
        "edited_at": answer.edited_at,
    }


def _comment(comment: Comment) -> dict[str, Any]:
    thread = comment.thread
    return {
        "id": comment.id,
        "on": "answer" if comment.answer_id else "question",
        "question_id": thread.id,
        "answer_id": comment.answer_id,
        "link": _thread_url(thread.id, thread.slug) + f"#comment-{comment.id}",
        "body_markdown": comment.body,
        "status": comment.status,
        "hold_reason": comment.hold_reason,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
    }


def _revisions(user: User, own: set[tuple[str, int]]) -> list[dict[str, Any]]:
    """Edits the member made, and earlier versions of their own posts.

    The text before an edit of somebody else's post is that person's: it stays out.
    """
    query = select(Revision).where(
        or_(
            Revision.editor_id == user.id,
            tuple_(Revision.post_kind, Revision.post_id).in_(own) if own else False,
        )
    )
    rows = []
    for revision in db.session.scalars(query.order_by(Revision.id)):
        mine = (revision.post_kind, revision.post_id) in own
        rows.append(
            {
                "post_kind": revision.post_kind,
                "post_id": revision.post_id,
                "edited_by_you": revision.editor_id == user.id,
                "reason": revision.reason if revision.editor_id == user.id or mine else "",
                "earlier_title": revision.old_title if mine else None,
                "earlier_text_markdown": revision.old_body if mine else None,
                "edited_at": revision.created_at,
            }
        )
    return rows


@dataclass(frozen=True)
class Removal:
    """The posts that go when a member asks for their posts to be removed."""

    questions: set[int]
    answers: set[int]
    comments: set[int]
    kept_questions: set[int]  # the member's questions that others answered: text removed


def plan_removal(user: User) -> Removal:
    """Decide what goes: the member's posts, and everything under a question that goes."""
    mine = set(db.session.scalars(select(Question.id).where(Question.author_id == user.id)))
    answered_by_others = set(
        db.session.scalars(
            select(Answer.question_id).where(
                Answer.question_id.in_(mine),
                Answer.author_id != user.id,
                Answer.status.in_(LIVE),
            )
        )
    )
    questions = mine - answered_by_others
    answers = set(
        db.session.scalars(
            select(Answer.id).where(
                or_(Answer.author_id == user.id, Answer.question_id.in_(questions))
            )
        )
    )
    comments = set(
        db.session.scalars(
            select(Comment.id).where(
                or_(
                    Comment.author_id == user.id,
                    Comment.question_id.in_(questions),
                    Comment.answer_id.in_(answers),
                )
            )
        )
    )
    return Removal(questions, answers, comments, kept_questions=answered_by_others)


def delete_member_data(deletion: AccountDeletion) -> None:
    """Take the member's follows and notifications away, and their posts if they asked."""
    user = deletion.user
    db.session.execute(delete(Subscription).where(Subscription.user_id == user.id))
    db.session.execute(delete(Notification).where(Notification.user_id == user.id))
    # helpful marks stay: they belong to the answers others wrote, and name nobody now
    if deletion.remove_posts:
        removal = plan_removal(user)
        remove_posts(removal)
        deletion.counts.update(
            questions_removed=len(removal.questions),
            questions_kept_without_text=len(removal.kept_questions),
            answers_removed=len(removal.answers),
            comments_removed=len(removal.comments),
        )


def remove_posts(removal: Removal) -> None:
    """Delete the planned rows in foreign-key order; the search outbox sees every statement."""
    questions, answers, comments = removal.questions, removal.answers, removal.comments
    signals.posts_removing.send(None, questions=questions, answers=answers, comments=comments)
    touched = set(
        db.session.scalars(
            select(Answer.question_id).where(
                Answer.id.in_(answers), ~Answer.question_id.in_(questions)
            )
        )
    )
    gone = [("question", questions), ("answer", answers), ("comment", comments)]
    for kind, ids in gone:
        db.session.execute(
            delete(Revision).where(Revision.post_kind == kind, Revision.post_id.in_(ids))
        )
    db.session.execute(
        delete(Revision).where(
            Revision.post_kind == "question", Revision.post_id.in_(removal.kept_questions)
        )
    )
    _statement(
        update(Question).where(Question.accepted_answer_id.in_(answers)), accepted_answer_id=None
    )
    _statement(
        update(Question).where(Question.duplicate_of_id.in_(questions)), duplicate_of_id=None
    )
    db.session.execute(delete(Vote).where(Vote.answer_id.in_(answers)))
    db.session.execute(delete(Notification).where(Notification.question_id.in_(questions)))
    db.session.execute(delete(Subscription).where(Subscription.question_id.in_(questions)))
    _statement(delete(Comment).where(Comment.id.in_(comments)))
    _statement(delete(Answer).where(Answer.id.in_(answers)))
    db.session.execute(question_tag.delete().where(question_tag.c.question_id.in_(questions)))
    _statement(delete(Question).where(Question.id.in_(questions)))
    db.session.expire_all()
    for question in db.session.scalars(select(Question).where(Question.id.in_(touched))):
        services.refresh_answer_counts(question)
    for question in db.session.scalars(
        select(Question).where(Question.id.in_(removal.kept_questions))
    ):
        question.body, question.body_html = "", ""
        question.anonymous = True
        # why they needed urgent help is about them, not about the answers that stay
        question.urgent_reason, question.urgent_at = "", None
    db.session.flush()


def _statement(statement, **values: Any) -> None:
    """Run an ORM statement without matching it against rows loaded in the session."""
    if values:
        statement = statement.values(**values)
    db.session.execute(statement.execution_options(synchronize_session=False))


def count_posts(user: User) -> dict[str, int]:
    """How many questions, answers and comments the member has written."""
    return {
        kind: db.session.scalar(select(func.count(model.id)).where(model.author_id == user.id))
        for kind, model in (("questions", Question), ("answers", Answer), ("comments", Comment))
    }


PART = PersonalDataPart(
    name="forum", export=export_member_data, delete=delete_member_data, count_posts=count_posts
)
