"""The knowledge base's public pages for /sitemap.xml: the list and each published subject."""

from __future__ import annotations

from app.sitemap import translation_groups
from forum.knowledge.models import Article, ArticleStatus

ARTICLES = translation_groups(
    "kb",
    "knowledge.index",
    "knowledge.article",
    Article,
    Article.status == ArticleStatus.PUBLISHED.value,
)
