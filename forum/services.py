"""Forum services: the only code that writes questions, answers, comments and votes."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from sqlalchemy import Table, func, select
from sqlalchemy.exc import IntegrityError

from app import submissions
from app.extensions import db
from app.markup import render_markdown
from app.models import Topic, User, utcnow
from app.text import slugify
from forum import notify, signals, view_counter
from forum.language import detect_language
from forum.models import (
    Answer,
    Comment,
    PostHold,
    PostStatus,
    Question,
    Revision,
    Subscription,
    Tag,
    Visibility,
    Vote,
)
from forum.policy import Submission, decide

log = logging.getLogger("mipas.forum")


class ForumError(Exception):
    """An action on a thread that cannot be carried out as asked."""


class UnknownTopic(ForumError):
    pass


class NotInThisThread(ForumError):
    pass


@dataclass
class QuestionDraft:
    """A question as its author wrote it, before it is saved."""

    title: str
    body: str
    topic_id: int
    tags: list[str] = field(default_factory=list)
    language: str = ""  # empty: detect it from the text
    anonymous: bool = False
    urgent_reason: str = ""  # an UrgentReason value, or "" when no urgent help is asked for
    private: bool = False  # a private consultation (Visibility.PRIVATE)
    submission_key: str = ""  # the form's one-time key (app/submissions.py)


def _status_for(
    author: User, kind: str, text: str, is_edit: bool = False, private: bool = False
) -> tuple[str, str]:
    decision = decide(author, Submission(kind=kind, text=text, is_edit=is_edit, private=private))
    if decision.publish:
        return PostStatus.PUBLISHED.value, ""
    return PostStatus.PENDING.value, decision.reason


def _tags(names: list[str]) -> list[Tag]:
    if not names:
        return []
    existing = {t.name: t for t in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    return [existing.get(name) or Tag(name=name) for name in names]


def _topic(topic_id: int) -> Topic:
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        raise UnknownTopic(topic_id)
    return topic


def _visibility(draft: QuestionDraft) -> str:
    return (Visibility.PRIVATE if draft.private else Visibility.PUBLIC).value


def ask_question(author: User, draft: QuestionDraft, ui_language: str) -> Question:
    """Save a new question, published or held for review as the submission policy decides."""
    claimed = submissions.claim(draft.submission_key, author.id, "question")
    topic = _topic(draft.topic_id)
    text = f"{draft.title}\n\n{draft.body}"
    status, reason = _status_for(author, "question", text, private=draft.private)
    question = Question(
        topic=topic,
        author_id=author.id,
        title=draft.title.strip(),
        slug=slugify(draft.title),
        body=draft.body,
        body_html=str(render_markdown(draft.body)),
        language=draft.language or detect_language(text, fallback=ui_language),
        anonymous=draft.anonymous,
        visibility=_visibility(draft),
        status=status,
        hold_reason=reason,
        tags=_tags(draft.tags),
    )
    db.session.add(question)
    db.session.flush()
    _keep_hold(question, "question")
    submissions.saved(claimed, question.id)
    notify.follow_quietly(author.id, question.id)
    _set_urgency(question, draft.urgent_reason)
    if question.is_published:
        signals.question_published.send(question)
    db.session.commit()
    return question


def answer_question(
    author: User, question: Question, body: str, submission_key: str = ""
) -> Answer:
    claimed = submissions.claim(submission_key, author.id, "answer")
    status, reason = _status_for(author, "answer", body, private=question.is_private)
    answer = Answer(
        question=question,
        author_id=author.id,
        body=body,
        body_html=str(render_markdown(body)),
        status=status,
        hold_reason=reason,
        by_expert=author.role == "expert",
    )
    db.session.add(answer)
    db.session.flush()
    _keep_hold(answer, "answer")
    submissions.saved(claimed, answer.id)
    notify.follow_quietly(author.id, question.id)
    if answer.is_published:
        _answer_went_public(question, answer)
    db.session.commit()
    return answer


def _answer_went_public(question: Question, answer: Answer) -> None:
    refresh_answer_counts(question)
    question.last_activity_at = utcnow()
    note_expert_answer(question, answer)
    notify.followers_of(question, notify.NotificationKind.NEW_ANSWER, actor_id=answer.author_id)


def note_expert_answer(question: Question, answer: Answer) -> None:
    """Record when the asker could first read an expert's answer: the response time's end."""
    if answer.by_expert and answer.is_published and question.first_expert_answer_at is None:
        question.first_expert_answer_at = utcnow()


def refresh_answer_counts(question: Question) -> None:
    """Count the thread's published answers again, and whether an expert is among them."""
    published = (Answer.question_id == question.id) & (Answer.status == PostStatus.PUBLISHED)
    question.answer_count = db.session.scalar(select(func.count(Answer.id)).where(published))
    question.expert_answered = bool(
        db.session.scalar(select(func.count(Answer.id)).where(published, Answer.by_expert))
    )


def move_answers(source: Question, target: Question) -> list[int]:
    """Move the answers of `source`, with their comments and helpful marks, under `target`.

    For merging a duplicate, so that the help given there is where people are sent. The
    target keeps its own accepted answer; whoever followed `source` follows `target` too.
    The caller commits.
    """
    answers = list(db.session.scalars(select(Answer).where(Answer.question_id == source.id)))
    for answer in answers:
        answer.question = target
    source.accepted_answer_id = None
    db.session.flush()
    refresh_answer_counts(source)
    refresh_answer_counts(target)
    target.last_activity_at = utcnow()
    for user_id in db.session.scalars(
        select(Subscription.user_id).where(Subscription.question_id == source.id)
    ):
        notify.follow_quietly(user_id, target.id)
    return [answer.id for answer in answers]


def comment_on(
    author: User, question: Question, answer: Answer | None, body: str, submission_key: str = ""
) -> Comment:
    """Add a comment under the question, or under one of its answers."""
    if answer is not None and answer.question_id != question.id:
        raise NotInThisThread
    claimed = submissions.claim(submission_key, author.id, "comment")
    status, reason = _status_for(author, "comment", body, private=question.is_private)
    comment = Comment(
        question=None if answer else question,
        answer=answer,
        author_id=author.id,
        body=body,
        body_html=str(render_markdown(body)),
        status=status,
        hold_reason=reason,
    )
    db.session.add(comment)
    db.session.flush()
    _keep_hold(comment, "comment")
    submissions.saved(claimed, comment.id)
    if comment.is_published:
        question.last_activity_at = utcnow()
        notify.followers_of(question, notify.NotificationKind.NEW_COMMENT, actor_id=author.id)
    db.session.commit()
    return comment


def set_helpful(user: User, answer: Answer, helpful: bool) -> bool:
    """Mark an answer helpful, or take the mark back; return whether anything changed."""
    existing = db.session.scalar(
        select(Vote).where(Vote.answer_id == answer.id, Vote.user_id == user.id)
    )
    if (existing is not None) == helpful:
        return False
    if helpful:
        db.session.add(Vote(answer_id=answer.id, user_id=user.id))
    else:
        db.session.delete(existing)
    try:
        db.session.flush()
    except IntegrityError:  # the same vote from a second tab at the same moment
        db.session.rollback()
        return False
    answer.helpful_count = db.session.scalar(
        select(func.count(Vote.id)).where(Vote.answer_id == answer.id)
    )
    db.session.commit()
    return True


def accept_answer(answer: Answer, accepted_by: User) -> None:
    """Mark `answer` as the one that solved its question (replacing an earlier choice)."""
    question = answer.question
    if not answer.is_published:
        raise NotInThisThread
    if question.accepted_answer_id == answer.id:
        return
    question.accepted_answer_id = answer.id
    question.last_activity_at = utcnow()
    if answer.author_id != accepted_by.id:
        notify.one(
            answer.author_id, question, notify.NotificationKind.ANSWER_ACCEPTED, accepted_by.id
        )
    db.session.commit()


def unaccept_answer(question: Question) -> None:
    question.accepted_answer_id = None
    db.session.commit()


def _keep_revision(kind: str, post_id: int, editor: User, reason: str, title: str, body: str):
    post = db.session.get(
        {"question": Question, "answer": Answer, "comment": Comment}[kind], post_id
    )
    signals.post_edited.send(
        post, kind=kind, editor=editor, reason=reason, before={"title": title, "body": body}
    )
    db.session.add(
        Revision(
            post_kind=kind,
            post_id=post_id,
            editor_id=editor.id,
            reason=reason.strip(),
            old_title=title,
            old_body=body,
        )
    )


def edit_question(editor: User, question: Question, draft: QuestionDraft, reason: str) -> None:
    """Change a question, keeping its earlier text as a revision."""
    submissions.saved(submissions.claim(draft.submission_key, editor.id, "question"), question.id)
    topic = _topic(draft.topic_id)
    _keep_revision("question", question.id, editor, reason, question.title, question.body)
    question.title = draft.title.strip()
    question.slug = slugify(draft.title)
    question.body = draft.body
    question.body_html = str(render_markdown(draft.body))
    question.topic = topic
    question.tags = _tags(draft.tags)
    question.language = draft.language or question.language
    question.anonymous = draft.anonymous
    # the outbox follows the change: turning it private takes it out of the index at commit
    question.visibility = _visibility(draft)
    question.edited_at = utcnow()
    _set_urgency(question, draft.urgent_reason)
    _hold_edit_if_needed(editor, question, "question", f"{draft.title}\n\n{draft.body}")
    db.session.commit()


def _set_urgency(question: Question, reason: str) -> None:
    """Mark a question urgent (the clock starts now and the staff are alerted), or not.

    A changed reason keeps the question's place and clock; taking urgency away ends both.
    """
    was_urgent = question.is_urgent
    question.urgent_reason = reason
    if reason and not was_urgent:
        question.urgent_at = utcnow()
        signals.question_urgent.send(question)
    elif not reason:
        question.urgent_at = None


def edit_answer(
    editor: User, answer: Answer, body: str, reason: str, submission_key: str = ""
) -> None:
    submissions.saved(submissions.claim(submission_key, editor.id, "answer"), answer.id)
    _keep_revision("answer", answer.id, editor, reason, "", answer.body)
    answer.body = body
    answer.body_html = str(render_markdown(body))
    answer.edited_at = utcnow()
    was_public = answer.is_published
    _hold_edit_if_needed(editor, answer, "answer", body)
    if was_public and not answer.is_published:
        refresh_answer_counts(answer.question)
    db.session.commit()


def edit_comment(
    editor: User, comment: Comment, body: str, reason: str, submission_key: str = ""
) -> None:
    submissions.saved(submissions.claim(submission_key, editor.id, "comment"), comment.id)
    _keep_revision("comment", comment.id, editor, reason, "", comment.body)
    comment.body = body
    comment.body_html = str(render_markdown(body))
    comment.edited_at = utcnow()
    _hold_edit_if_needed(editor, comment, "comment", body)
    db.session.commit()


def _hold_edit_if_needed(editor: User, post, kind: str, text: str) -> None:
    # an edit by its author goes back through the policy; staff edits stand
    if editor.id != post.author_id or not post.is_published:
        return
    status, reason = _status_for(editor, kind, text, is_edit=True, private=post.thread.is_private)
    post.status, post.hold_reason = status, reason
    _keep_hold(post, kind)


def _keep_hold(post: Question | Answer | Comment, kind: str) -> None:
    """Record a hold as it happens: the post's hold reason goes when a moderator decides."""
    if post.status == PostStatus.PENDING:
        db.session.add(PostHold(post_kind=kind, post_id=post.id, reason=post.hold_reason))


def thread_of(post: Question | Answer | Comment) -> Question:
    return post.thread


def change_status(post: Question | Answer | Comment, status: PostStatus, actor_id: int) -> None:
    """Move a post to another state with what follows from it; the caller commits.

    For moderation: a held post going public tells the thread's followers, as a post
    published at once would have; a post leaving the public stops counting.
    """
    was_public, was_held = post.is_published, post.status == PostStatus.PENDING
    post.status, post.hold_reason = status.value, ""
    question = thread_of(post)
    went_public = post.is_published and not was_public
    if isinstance(post, Answer):
        if not post.is_published and question.accepted_answer_id == post.id:
            question.accepted_answer_id = None
        refresh_answer_counts(question)
    if went_public and not isinstance(post, Question):
        question.last_activity_at = utcnow()
        if isinstance(post, Answer):
            note_expert_answer(question, post)
        kind = (
            notify.NotificationKind.NEW_ANSWER
            if isinstance(post, Answer)
            else notify.NotificationKind.NEW_COMMENT
        )
        notify.followers_of(question, kind, actor_id=post.author_id)
    if went_public and isinstance(post, Question):
        question.last_activity_at = utcnow()
        if was_held:
            signals.question_published.send(question)


def delete_post(post: Question | Answer | Comment) -> None:
    """Delete a post at its author's request: the thread keeps a placeholder."""
    post.status = PostStatus.DELETED.value
    if isinstance(post, Answer):
        refresh_answer_counts(post.question)
        if post.question.accepted_answer_id == post.id:
            post.question.accepted_answer_id = None
    db.session.commit()


def count_view(question_id: int) -> None:
    """Count one view of a thread; writing the counts never fails the reader's request."""
    batch = view_counter.views.add(question_id)
    if batch and not record_views(batch):
        view_counter.views.put_back(batch)


def record_views(counts: dict[int, int], table: Table | None = None) -> bool:
    """Add batched page views to their questions (or the rows of `table`); return whether
    they were written.

    One transaction of its own, beside the reader's session, and the rows in the order of
    their ids: two processes writing their batches at once then lock the rows they share in
    the same order, so one waits for the other instead of both deadlocking (PostgreSQL).
    Any failure is logged and the caller keeps the counts for the next batch.
    """
    table = Question.__table__ if table is None else table
    try:
        with db.engine.begin() as connection:
            for question_id in sorted(counts):
                connection.execute(
                    table.update()
                    .where(table.c.id == question_id)
                    .values(view_count=table.c.view_count + counts[question_id])
                )
    except Exception:  # counting views must never fail a reader's request
        log.warning(
            "Writing %d view counts failed; they are kept for the next batch.",
            sum(counts.values()),
            exc_info=True,
        )
        return False
    return True


@dataclass(frozen=True)
class Redaction:
    """What a redaction changed: how many passages it replaced, in how many earlier versions."""

    passages: int
    revisions: int


def _passage_pattern(piece: str) -> re.Pattern[str]:
    # the same words across a line break or double spaces, in any case
    return re.compile(r"\s+".join(re.escape(word) for word in piece.split()), re.IGNORECASE)


def post_texts(kind: str, post) -> list[str]:
    """The post's text and every earlier version's, for screening before a redaction."""
    texts = [post.body, *(getattr(post, "title", "") and [post.title])]
    revisions = db.session.scalars(
        select(Revision).where(Revision.post_kind == kind, Revision.post_id == post.id)
    )
    for revision in revisions:
        texts += [revision.old_title, revision.old_body]
    return texts


def passages_not_found(kind: str, post, pieces: list[str]) -> list[str]:
    """The pieces that are neither in the post nor in any earlier version of it."""
    texts = post_texts(kind, post)
    return [p for p in pieces if not any(_passage_pattern(p).search(t) for t in texts)]


def redact_post(kind: str, post, pieces: list[str], marker: str) -> Redaction:
    """Replace each piece with `marker` in the post and in every earlier version of it.

    No revision keeps the removed text, so the history page, the data download and the
    search index (which follows the post's HTML through the outbox) lose it too. The caller
    writes the audit log, tells the author and commits.
    """
    patterns = [_passage_pattern(piece) for piece in pieces if piece.strip()]

    def scrub(text: str) -> tuple[str, int]:
        total = 0
        for pattern in patterns:
            text, count = pattern.subn(marker, text)
            total += count
        return text, total

    passages = 0
    body, count = scrub(post.body)
    passages += count
    if count:
        post.body = body
        post.body_html = str(render_markdown(body))
    if isinstance(post, Question):
        title, count = scrub(post.title)
        passages += count
        if count:
            post.title = title
            post.slug = slugify(title)
    revisions = 0
    for revision in db.session.scalars(
        select(Revision).where(Revision.post_kind == kind, Revision.post_id == post.id)
    ):
        old_title, in_title = scrub(revision.old_title)
        old_body, in_body = scrub(revision.old_body)
        if in_title or in_body:
            revision.old_title, revision.old_body = old_title, old_body
            revisions += 1
            passages += in_title + in_body
    return Redaction(passages=passages, revisions=revisions)
