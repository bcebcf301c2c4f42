"""News pages for /sitemap.xml: the list and each published story."""

from __future__ import annotations

from app.sitemap import SitemapPage, SitemapSource
from news import queries


def _pages(offset: int, limit: int) -> list[SitemapPage]:
    # the list page first; an item's own language is its canonical address, as on its page
    pages = [SitemapPage.in_every_language("news.index")] if offset == 0 else []
    for story in queries.published_stories(max(offset - 1, 0), limit - len(pages)):
        pages.append(
            SitemapPage(
                "news.item",
                {item.language: {"slug": item.slug} for item in story},
                max(item.updated_at for item in story),
            )
        )
    return pages


NEWS = SitemapSource("news", count=lambda: queries.published_story_count() + 1, pages=_pages)
