"""The sitemap: each feature package registers a source of its public pages, app writes the XML.

app/ knows no feature, so create_app puts the packages' `SitemapSource`s in
`app.extensions["sitemap_sources"]`; /sitemap.xml is an index of files of at most
PAGES_PER_FILE pages each (three addresses a page at most, so under the 50,000-address limit),
and each file is written as it is read, never held whole in memory.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.sax.saxutils import quoteattr

from flask import current_app, url_for
from markupsafe import escape
from sqlalchemy import ColumnElement, func, select

from app.config import LANGUAGES
from app.extensions import db

PAGES_PER_FILE = 10_000
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapPage:
    """One page in each language it exists in: language -> the values of its address."""

    endpoint: str
    versions: dict[str, dict] = field(default_factory=dict)
    updated_at: datetime | None = None

    @classmethod
    def in_every_language(
        cls, endpoint: str, updated_at: datetime | None = None, **values
    ) -> SitemapPage:
        """A page that every interface language shows at its own address."""
        return cls(endpoint, {code: values for code in LANGUAGES}, updated_at)


@dataclass(frozen=True)
class SitemapSource:
    """A package's public pages: how many there are, and a slice of them in a stable order."""

    name: str
    count: Callable[[], int]
    pages: Callable[[int, int], Iterable[SitemapPage]]  # (offset, limit)


def translation_groups(
    name: str, list_endpoint: str, item_endpoint: str, model: Any, published: ColumnElement[bool]
) -> SitemapSource:
    """A list page, then one page per translation group (a knowledge-base subject, a news
    story) with a published item: each item's own language is its canonical address, and the
    group's other published items are its alternates, as the item's page says."""

    def count() -> int:
        groups = select(func.count(func.distinct(model.group_id))).where(published)
        return 1 + db.session.scalar(groups)

    def pages(offset: int, limit: int) -> list[SitemapPage]:
        listed = [SitemapPage.in_every_language(list_endpoint)] if offset == 0 else []
        group_ids = list(
            db.session.scalars(
                select(model.group_id)
                .where(published)
                .group_by(model.group_id)
                .order_by(model.group_id)
                .offset(max(offset - 1, 0))
                .limit(limit - len(listed))
            )
        )
        groups: dict[int, list] = {group_id: [] for group_id in group_ids}
        if group_ids:
            for item in db.session.scalars(
                select(model).where(model.group_id.in_(group_ids), published)
            ):
                groups[item.group_id].append(item)
        return listed + [
            SitemapPage(
                item_endpoint,
                {item.language: {"slug": item.slug} for item in group},
                max(item.updated_at for item in group),
            )
            for group in groups.values()
        ]

    return SitemapSource(name, count=count, pages=pages)


def sources() -> dict[str, SitemapSource]:
    return {source.name: source for source in current_app.extensions.get("sitemap_sources", ())}


def file_count(source: SitemapSource) -> int:
    return max(1, math.ceil(source.count() / PAGES_PER_FILE))


def index_xml() -> Iterator[str]:
    """The sitemap index: one file per PAGES_PER_FILE pages of each source."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<sitemapindex xmlns="{SITEMAP_NS}">\n'
    for name, source in sources().items():
        for number in range(1, file_count(source) + 1):
            address = url_for("site.sitemap_file", name=name, number=number, _external=True)
            yield f"<sitemap><loc>{escape(address)}</loc></sitemap>\n"
    yield "</sitemapindex>\n"


def _url(page: SitemapPage, language: str, alternates: dict[str, str]) -> str:
    parts = [f"<url><loc>{escape(alternates[language])}</loc>"]
    if page.updated_at is not None:
        parts.append(f"<lastmod>{page.updated_at.date().isoformat()}</lastmod>")
    if len(alternates) > 1:
        parts.extend(
            f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(address)}/>'
            for code, address in alternates.items()
        )
    parts.append("</url>\n")
    return "".join(parts)


def file_xml(source: SitemapSource, number: int) -> Iterator[str]:
    """One file of a source's pages, every version with its alternates."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
    for page in source.pages((number - 1) * PAGES_PER_FILE, PAGES_PER_FILE):
        alternates = {
            code: url_for(page.endpoint, lang_code=code, _external=True, **values)
            for code, values in page.versions.items()
        }
        for language in alternates:
            yield _url(page, language, alternates)
    yield "</urlset>\n"
