"""The questions feed: new published questions in one language, newest first."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.feeds import FEED_ENTRIES, Feed, FeedEntry, entry_id
from forum.models import PostStatus, Question


def question_entries(language: str) -> list[FeedEntry]:
    questions = db.session.scalars(
        select(Question)
        .where(Question.status == PostStatus.PUBLISHED.value, Question.language == language)
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


QUESTIONS = Feed(
    "questions",
    _l("MIPAS: new questions"),
    lambda language: url_for(
        "forum.questions", lang_code=language, language=language, _external=True
    ),
    question_entries,
)
