"""Which news pages visitors get from the page cache, and what changes them: scope "news"."""

from __future__ import annotations

from sqlalchemy import Delete, Update
from sqlalchemy.orm import Session

from app.page_cache import CachedPage
from news.models import NewsGroup, NewsItem

NEWS = "news"

PAGES = [
    CachedPage("news.index", lambda view_args: [NEWS]),
    CachedPage("news.item", lambda view_args: [NEWS]),
]

WATCHED = (NewsItem, NewsGroup)


class NewsInvalidation:
    """Any change to a news item or its translations renews every news page."""

    def flushed(self, session: Session) -> set[str]:
        objects = (*session.new, *session.dirty, *session.deleted)
        return {NEWS} if any(isinstance(obj, WATCHED) for obj in objects) else set()

    def statement(self, session: Session, statement: Update | Delete) -> set[str]:
        table = getattr(statement.table, "name", None)
        return {NEWS} if table in {model.__tablename__ for model in WATCHED} else set()


INVALIDATION = NewsInvalidation()
