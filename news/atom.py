"""Atom feeds for feed readers and social networks: news, questions and the knowledge base.

Each feed holds only published content in one language, newest first, at most FEED_ENTRIES.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import request, url_for
from markupsafe import escape
from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from forum.knowledge.models import Article, ArticleStatus
from forum.models import Question, public_questions
from news import queries

FEED_ENTRIES = queries.FEED_ENTRIES


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, with absolute addresses."""

    id: str
    title: str
    url: str
    summary_html: str  # the plain summary as HTML: escaped once here, once more in the XML
    content_html: str
    published: datetime
    updated: datetime


def entry_id(kind: str, number: int | str) -> str:
    """A permanent id that survives a change of title or address: a tag URI."""
    return f"tag:{request.host.split(':')[0]},2026:{kind}/{number}"


def news_entries(language: str) -> list[FeedEntry]:
    return [
        FeedEntry(
            id=entry_id("news", item.id),
            title=item.title,
            url=url_for("news.item", lang_code=language, slug=item.slug, _external=True),
            summary_html=str(escape(item.summary)),
            content_html=item.body_html,
            published=item.published_at or item.created_at,
            updated=max(item.updated_at, item.published_at or item.updated_at),
        )
        for item in queries.feed_items(language)
    ]


def question_entries(language: str) -> list[FeedEntry]:
    questions = db.session.scalars(
        select(Question)
        .where(public_questions(), Question.language == language)
        .order_by(Question.created_at.desc(), Question.id.desc())
        .limit(FEED_ENTRIES)
    )
    return [
        FeedEntry(
            id=entry_id("question", question.id),
            title=question.title,
            url=url_for(
                "forum.thread",
                lang_code=language,
                question_id=question.id,
                slug=question.slug,
                _external=True,
            ),
            summary_html="",
            content_html=question.body_html,
            published=question.created_at,
            updated=question.edited_at or question.created_at,
        )
        for question in questions
    ]


def article_entries(language: str) -> list[FeedEntry]:
    articles = db.session.scalars(
        select(Article)
        .where(Article.status == ArticleStatus.PUBLISHED.value, Article.language == language)
        .order_by(Article.published_at.desc(), Article.id.desc())
        .limit(FEED_ENTRIES)
    )
    return [
        FeedEntry(
            id=entry_id("article", article.id),
            title=article.title,
            url=url_for("knowledge.article", lang_code=language, slug=article.slug, _external=True),
            summary_html=str(escape(article.summary)),
            content_html=article.body_html,
            published=article.published_at or article.created_at,
            updated=article.updated_at,
        )
        for article in articles
    ]


def last_update(entries: list[FeedEntry]) -> datetime:
    """The feed's own `updated`: its newest entry's, or now for an empty feed."""
    return max((entry.updated for entry in entries), default=utcnow())
