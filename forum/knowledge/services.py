"""Knowledge-base services: the only code that writes articles, one commit per action.

Each staff action is announced on `forum.signals.article_changed` inside its transaction,
so that moderation can write its audit log in the same commit.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select

from app import submissions
from app.content import (
    ContentError,
    WrongState,
    free_slug,
    refuse_second_translation,
    save,
)
from app.extensions import db
from app.models import Topic, User, utcnow, utctoday
from app.submissions import Submission
from forum import signals, view_counter
from forum.knowledge.models import (
    ARTICLE_LANGUAGES,
    Article,
    ArticleGroup,
    ArticleStatus,
    source_lines,
)
from forum.models import Answer, PostStatus
from forum.services import record_views

# addresses under /kb/ that are pages, not articles
RESERVED_SLUGS = frozenset({"new"})


class NotAProposal(ContentError):
    """Only an accepted, published answer becomes an article."""


class UnknownTopic(ContentError):
    pass


class NeedsSource(ContentError):
    """An article is published only with at least one official source to check it against."""


@dataclass
class ArticleDraft:
    """An article as its editor wrote it, before it is saved."""

    title: str
    summary: str
    body: str
    topic_id: int
    language: str
    slug: str = ""  # empty: made from the title
    legal_basis: str = ""
    sources: str = ""  # official web addresses, one a line
    submission_key: str = ""  # the form's one-time key (app/submissions.py)


def follow_moved_answers(answer_ids: list[int], question_id: int) -> None:
    """Point the articles made from moved answers at the thread the answers are in now."""
    for article in db.session.scalars(
        select(Article).where(Article.source_answer_id.in_(answer_ids))
    ):
        article.source_question_id = question_id


def count_article_view(article_id: int) -> None:
    """Count one reading of a published article, in batches as thread views are."""
    batch = view_counter.article_views.add(article_id)
    if batch and not record_views(batch, Article.__table__):
        view_counter.article_views.put_back(batch)


def review_due_after(checked_on: date, months: int | None = None) -> date:
    """The day a check made on `checked_on` runs out: `KNOWLEDGE_REVIEW_MONTHS` later."""
    if months is None:
        months = current_app.config["KNOWLEDGE_REVIEW_MONTHS"]
    month_index = checked_on.month - 1 + months
    year, month = checked_on.year + month_index // 12, month_index % 12 + 1
    # 31 January + 1 month is the last day of February
    day = min(checked_on.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def draft_from_answer(answer: Answer) -> ArticleDraft:
    """A first draft made from a question's title and its accepted answer's text."""
    question = answer.question
    return ArticleDraft(
        title=question.title,
        summary="",
        body=answer.body,
        topic_id=question.topic_id,
        language=question.language if question.language in ARTICLE_LANGUAGES else "lt",
    )


def snapshot(article: Article) -> dict:
    """What the audit log keeps of an article before and after a change."""
    return article.snapshot("topic_id", "legal_basis", "sources", "checked_on", "review_due")


def _announce(article: Article, action: str, actor: User, before: dict, reason: str = "") -> None:
    signals.article_changed.send(
        article, action=action, actor=actor, reason=reason, before=before, after=snapshot(article)
    )


def _check_topic(topic_id: int) -> None:
    if db.session.get(Topic, topic_id) is None:
        raise UnknownTopic(topic_id)


def _fill(article: Article, draft: ArticleDraft, editor: User) -> None:
    article.write_text(draft.title, draft.summary, draft.body)
    article.topic_id = draft.topic_id
    article.legal_basis = draft.legal_basis.strip()
    article.sources = "\n".join(source_lines(draft.sources))
    article.updated_by_id = editor.id


def _save(
    article: Article, action: str, actor: User, before: dict, claimed: Submission | None = None
) -> Article:
    return save(article, lambda: _announce(article, action, actor, before), claimed)


def _new_article(author: User, group: ArticleGroup, draft: ArticleDraft, source) -> Article:
    if draft.language not in ARTICLE_LANGUAGES:
        raise ContentError(draft.language)
    _check_topic(draft.topic_id)
    checked_on = utctoday()
    article = Article(
        group=group,
        language=draft.language,
        slug=free_slug(Article, draft.slug or draft.title, RESERVED_SLUGS),
        status=ArticleStatus.DRAFT.value,
        checked_on=checked_on,
        review_due=review_due_after(checked_on),
        created_by_id=author.id,
        source_question_id=source[0],
        source_answer_id=source[1],
    )
    _fill(article, draft, author)
    db.session.add(article)
    return article


def create_article_from_answer(author: User, answer: Answer, draft: ArticleDraft) -> Article:
    """Start a draft article, in a new group, from an accepted answer."""
    question = answer.question
    if answer.status != PostStatus.PUBLISHED or question.accepted_answer_id != answer.id:
        raise NotAProposal(answer.id)
    claimed = submissions.claim(draft.submission_key, author.id, "article")
    # the new group is saved with its first article, and not at all if the draft is refused
    article = _new_article(author, ArticleGroup(), draft, (question.id, answer.id))
    return _save(article, "create_article", author, {}, claimed)


def create_translation(author: User, original: Article, draft: ArticleDraft) -> Article:
    """Start a draft in another language of the same group, with the original's sources."""
    refuse_second_translation(Article, original.group_id, draft.language)
    claimed = submissions.claim(draft.submission_key, author.id, "article")
    source = (original.source_question_id, original.source_answer_id)
    article = _new_article(author, original.group, draft, source)
    return _save(article, "translate_article", author, {}, claimed)


def edit_article(editor: User, article: Article, draft: ArticleDraft) -> None:
    """Change an article's text, address or topic; its state and dates stay."""
    claimed = submissions.claim(draft.submission_key, editor.id, "article")
    _check_topic(draft.topic_id)
    before = snapshot(article)
    article.slug = free_slug(Article, draft.slug or draft.title, RESERVED_SLUGS, article.id)
    _fill(article, draft, editor)
    _save(article, "edit_article", editor, before, claimed)


def publish_article(curator: User, article: Article) -> None:
    """Make a draft public; publishing counts as checking it today, so it needs a source."""
    if article.status != ArticleStatus.DRAFT:
        raise WrongState(article.status)
    if not article.source_addresses:
        raise NeedsSource(article.id)
    before = snapshot(article)
    article.status = ArticleStatus.PUBLISHED.value
    article.published_at = utcnow()
    _checked_today(curator, article)
    _announce(article, "publish_article", curator, before)
    db.session.commit()


def archive_article(curator: User, article: Article, reason: str = "") -> None:
    """Take an article out of the knowledge base without deleting it."""
    if article.status == ArticleStatus.ARCHIVED:
        raise WrongState(article.status)
    before = snapshot(article)
    article.status = ArticleStatus.ARCHIVED.value
    article.updated_by_id, article.updated_at = curator.id, utcnow()
    _announce(article, "archive_article", curator, before, reason.strip())
    db.session.commit()


def mark_reviewed(curator: User, article: Article) -> None:
    """Record that a published article still holds: checked today, next review moved on."""
    if article.status != ArticleStatus.PUBLISHED:
        raise WrongState(article.status)
    before = snapshot(article)
    _checked_today(curator, article)
    _announce(article, "review_article", curator, before)
    db.session.commit()


def _checked_today(curator: User, article: Article) -> None:
    article.checked_on = utctoday()
    article.review_due = review_due_after(article.checked_on)
    article.updated_by_id, article.updated_at = curator.id, utcnow()


@signals.publication_changed.connect
def unpublish_articles_of_withdrawn_version(
    version, action: str, actor: User, before: dict, after: dict
) -> None:
    """Consent withdrawn: the articles made from the public version go back to drafts.

    They rest on the asker's story, which is no longer public: staff read them again and
    publish them anew only if nothing of that story is left. They lose the link to the thread,
    which is gone. The caller commits.
    """
    if action != "withdraw_consent" or version.public_question_id is None:
        return
    made_from_it = select(Article).where(Article.source_question_id == version.public_question_id)
    for article in db.session.scalars(made_from_it):
        previous = snapshot(article)
        if article.status == ArticleStatus.PUBLISHED:
            article.status = ArticleStatus.DRAFT.value
        article.source_question_id = article.source_answer_id = None
        article.updated_at = utcnow()
        _announce(article, "unpublish_article", actor, previous)
