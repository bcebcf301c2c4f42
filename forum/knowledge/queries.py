"""Reading the knowledge base: the public list, one article, its translations and sources."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.locale import one_per_group
from app.models import User
from forum.knowledge.models import ARTICLE_LANGUAGES, Article, ArticleStatus
from forum.models import Answer

PUBLISHED = ArticleStatus.PUBLISHED.value


@dataclass(frozen=True)
class ListedArticle:
    """One subject in the list: the article in the reader's language, or another one."""

    article: Article
    in_page_language: bool


def _one_per_group(articles: Iterable[Article], language: str) -> list[Article]:
    """Of each group's articles, the one in `language`, else the first in the site's order."""
    return [article for article, _ in one_per_group(articles, language)]


def published_articles(language: str, topic_id: int | None = None) -> list[ListedArticle]:
    """One article per published subject, in `language` where the group has it."""
    query = select(Article).where(Article.status == PUBLISHED).options(joinedload(Article.topic))
    if topic_id:
        query = query.where(Article.topic_id == topic_id)
    listed = [
        ListedArticle(chosen, chosen.language == language)
        for chosen in _one_per_group(db.session.scalars(query), language)
    ]
    listed.sort(key=lambda item: (item.article.topic.position, item.article.title.casefold()))
    return listed


def unpublished() -> list[Article]:
    """Drafts and archived articles, the last changed first, for staff to take up again."""
    return list(
        db.session.scalars(
            select(Article)
            .where(Article.status != ArticleStatus.PUBLISHED)
            .order_by(Article.updated_at.desc())
        )
    )


def article_by_slug(slug: str) -> Article | None:
    return db.session.scalar(
        select(Article)
        .where(Article.slug == slug)
        .options(
            joinedload(Article.topic),
            joinedload(Article.source_question),
            joinedload(Article.source_answer)
            .joinedload(Answer.author)
            .joinedload(User.organisation),
        )
    )


def article_by_id(article_id: int) -> Article | None:
    return db.session.get(Article, article_id)


def articles_from_question(question_id: int, language: str) -> list[Article]:
    """The published articles made from a thread, one per subject, for the thread page."""
    return _one_per_group(
        db.session.scalars(
            select(Article)
            .where(Article.source_question_id == question_id, Article.status == PUBLISHED)
            .order_by(Article.id)
        ),
        language,
    )


@dataclass
class ReviewItem:
    """A published article past its review date, with what a reviewer needs to see."""

    article: Article
    days_overdue: int
    translations: list[Article] = field(default_factory=list)


def overdue(today: date, limit: int) -> list[ReviewItem]:
    """Published articles whose review date has come, the most overdue first."""
    articles = list(
        db.session.scalars(
            select(Article)
            .where(Article.status == PUBLISHED, Article.review_due <= today)
            .options(joinedload(Article.topic), joinedload(Article.source_question))
            .order_by(Article.review_due, Article.id)
            .limit(limit)
        )
    )
    others: dict[int, list[Article]] = {}
    if articles:
        for other in db.session.scalars(
            select(Article).where(Article.group_id.in_({a.group_id for a in articles}))
        ):
            others.setdefault(other.group_id, []).append(other)
    return [
        ReviewItem(
            article,
            (today - article.review_due).days,
            sorted(
                (o for o in others.get(article.group_id, []) if o.id != article.id),
                key=lambda o: ARTICLE_LANGUAGES.index(o.language),
            ),
        )
        for article in articles
    ]


def count_overdue(today: date) -> int:
    return db.session.scalar(
        select(func.count(Article.id)).where(
            Article.status == PUBLISHED, Article.review_due <= today
        )
    )


def is_proposal(answer_id: int) -> bool:
    """Whether an accepted answer has no article yet, in any state: the proposals queue's rule."""
    found = article_answers().where(Article.source_answer_id == answer_id).limit(1)
    return db.session.scalar(found) is None


def article_answers() -> Select:
    """The answers that already have an article, as a subquery for the proposals queue."""
    return select(Article.source_answer_id).where(Article.source_answer_id.is_not(None))
