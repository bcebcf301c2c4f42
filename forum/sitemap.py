"""The forum's public pages for /sitemap.xml: the question list, topics and published threads."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.main.services import all_topics
from app.sitemap import SitemapPage, SitemapSource
from forum.models import Question, public_questions


def _topic_pages() -> list[SitemapPage]:
    return [
        SitemapPage.in_every_language("forum.questions"),
        *(SitemapPage.in_every_language("forum.topic", slug=topic.slug) for topic in all_topics()),
    ]


def _thread_count() -> int:
    return db.session.scalar(select(func.count(Question.id)).where(public_questions()))


def _threads(offset: int, limit: int) -> list[SitemapPage]:
    rows = db.session.execute(
        select(Question.id, Question.slug, Question.last_activity_at)
        .where(public_questions())
        .order_by(Question.id)
        .offset(offset)
        .limit(limit)
    )
    return [
        SitemapPage.in_every_language("forum.thread", active_at, question_id=id_, slug=slug)
        for id_, slug, active_at in rows
    ]


TOPICS = SitemapSource(
    "topics",
    count=lambda: len(_topic_pages()),
    pages=lambda offset, limit: _topic_pages()[offset : offset + limit],
)
THREADS = SitemapSource("questions", count=_thread_count, pages=_threads)
