"""The knowledge base's public pages for /sitemap.xml: the list and each published subject.

An article's address in its own language is the canonical one, and its published
translations are its alternates, as the article page's head says.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.sitemap import SitemapPage, SitemapSource
from forum.knowledge.models import Article, ArticleStatus

PUBLISHED = ArticleStatus.PUBLISHED.value


def _subject_count() -> int:
    return db.session.scalar(
        select(func.count(func.distinct(Article.group_id))).where(Article.status == PUBLISHED)
    )


def _pages(offset: int, limit: int) -> list[SitemapPage]:
    # the list page first, then one page per subject (group), in group order
    pages = [SitemapPage.in_every_language("knowledge.index")] if offset == 0 else []
    start = max(offset - 1, 0)
    group_ids = list(
        db.session.scalars(
            select(Article.group_id)
            .where(Article.status == PUBLISHED)
            .group_by(Article.group_id)
            .order_by(Article.group_id)
            .offset(start)
            .limit(limit - len(pages))
        )
    )
    versions: dict[int, list[Article]] = {group_id: [] for group_id in group_ids}
    if group_ids:
        for article in db.session.scalars(
            select(Article).where(Article.group_id.in_(group_ids), Article.status == PUBLISHED)
        ):
            versions[article.group_id].append(article)
    for group in versions.values():
        pages.append(
            SitemapPage(
                "knowledge.article",
                {article.language: {"slug": article.slug} for article in group},
                max(article.updated_at for article in group),
            )
        )
    return pages


ARTICLES = SitemapSource("kb", count=lambda: _subject_count() + 1, pages=_pages)
