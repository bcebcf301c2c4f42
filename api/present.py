"""What the API tells of each thing: plain dicts for the schemas, with links to the site."""

from __future__ import annotations

from typing import Any

from flask import url_for

from app.locale import current_language
from app.models import Organisation, Topic, utctoday
from forum.knowledge.models import Article
from forum.models import Answer, Question
from news.models import NewsItem


def _site_url(endpoint: str, language: str, **values: Any) -> str:
    return url_for(endpoint, lang_code=language, _external=True, **values)


def topic(found: Topic) -> dict[str, Any]:
    return {
        "slug": found.slug,
        "name": found.name,
        "description": found.description,
        "url": _site_url("forum.topic", current_language(), slug=found.slug),
    }


def organisation(found: Organisation) -> dict[str, Any]:
    return {
        "slug": found.slug,
        "kind": found.kind,
        "name": found.name,
        "description": found.description,
        "website": found.website,
        "url": _site_url("main.organisation", current_language(), slug=found.slug),
    }


def _translations(endpoint: str, others: list) -> list[dict[str, str]]:
    return [
        {
            "language": other.language,
            "slug": other.slug,
            "url": _site_url(endpoint, other.language, slug=other.slug),
        }
        for other in others
    ]


def article_summary(found: Article, other_languages: tuple[str, ...]) -> dict[str, Any]:
    return {
        "slug": found.slug,
        "language": found.language,
        "title": found.title,
        "summary": found.summary,
        "topic": found.topic.slug,
        "checked_on": found.checked_on.isoformat(),
        "review_due": found.review_due.isoformat(),
        "stale": found.is_overdue(utctoday()),
        "available_languages": [found.language, *other_languages],
        "url": _site_url("knowledge.article", found.language, slug=found.slug),
    }


def article(found: Article, translations: list[Article]) -> dict[str, Any]:
    return {
        **article_summary(found, tuple(other.language for other in translations)),
        "body_html": found.body_html,
        "body_markdown": found.body,
        "legal_basis": found.legal_basis,
        "sources": found.source_addresses,
        "translations": _translations("knowledge.article", translations),
        "published_at": _moment(found.published_at),
        "updated_at": _moment(found.updated_at),
    }


def news_summary(found: NewsItem, other_languages: tuple[str, ...]) -> dict[str, Any]:
    return {
        "slug": found.slug,
        "language": found.language,
        "kind": found.kind,
        "title": found.title,
        "summary": found.summary,
        "published_at": _moment(found.published_at),
        "starts_at": _moment(found.starts_at),
        "ends_at": _moment(found.ends_at),
        "time_zone": found.time_zone,
        "place": found.place,
        "online": found.online,
        "registration_url": found.registration_url,
        "organisation": found.organisation.name if found.organisation else None,
        "available_languages": [found.language, *other_languages],
        "url": _site_url("news.item", found.language, slug=found.slug),
    }


def news_item(found: NewsItem, translations: list[NewsItem]) -> dict[str, Any]:
    return {
        **news_summary(found, tuple(other.language for other in translations)),
        "body_html": found.body_html,
        "body_markdown": found.body,
        "translations": _translations("news.item", translations),
        "updated_at": _moment(found.updated_at),
    }


def question_summary(found: Question) -> dict[str, Any]:
    return {
        "id": found.id,
        "title": found.title,
        "language": found.language,
        "topic": found.topic.slug,
        "answered": found.is_answered,
        "answer_count": found.answer_count,
        "created_at": _moment(found.created_at),
        "last_activity_at": _moment(found.last_activity_at),
        "url": _site_url("forum.thread", current_language(), question_id=found.id, slug=found.slug),
    }


def question(found: Question, shown_answer: Answer | None) -> dict[str, Any]:
    return {
        **question_summary(found),
        "body_html": found.body_html,
        "body_markdown": found.body,
        "answer": answer(found, shown_answer) if shown_answer else None,
    }


def answer(of: Question, found: Answer) -> dict[str, Any]:
    # only an expert's name is told: they answer in their organisation's name; a member's
    # name stays on the site, where the member chose to show it
    expert = found.author if found.by_expert else None
    return {
        "id": found.id,
        "accepted": found.id == of.accepted_answer_id,
        "by_expert": found.by_expert,
        "expert": expert.shown_name if expert else None,
        "organisation": expert.organisation.name if expert and expert.organisation else None,
        "body_html": found.body_html,
        "body_markdown": found.body,
        "created_at": _moment(found.created_at),
    }


def _moment(value) -> str | None:
    return value.isoformat() if value is not None else None
