"""News pages for /sitemap.xml: the list and each published story."""

from __future__ import annotations

from app.sitemap import translation_groups
from news.models import NewsItem, NewsStatus

NEWS = translation_groups(
    "news", "news.index", "news.item", NewsItem, NewsItem.status == NewsStatus.PUBLISHED.value
)
