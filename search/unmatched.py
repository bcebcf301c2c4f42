"""The log of searches that found nothing: which articles people look for and do not find."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import delete

from app.extensions import db
from app.models import utctoday
from search.analyzers import fold
from search.models import UnmatchedSearch

QUERY_LENGTH = 200
# A query with an e-mail address or a long run of digits may name a person (a personal code,
# a phone or document number): it is not kept at all.
_IDENTIFYING = re.compile(r"@|\d[\d .\-]{4,}\d")


def record_unmatched(query: str, language: str) -> bool:
    """Keep a search that found nothing, without who searched or from where; True if kept."""
    text = " ".join(query.split())[:QUERY_LENGTH]
    if not text or _IDENTIFYING.search(text):
        return False
    db.session.add(
        UnmatchedSearch(
            query=text, folded=fold(text)[:QUERY_LENGTH], language=language, searched_on=utctoday()
        )
    )
    db.session.commit()
    return True


def forget_unmatched(days: int, today: date | None = None) -> int:
    """Drop the searches older than `days` days; return how many went."""
    cutoff = (today or utctoday()) - timedelta(days=days)
    result = db.session.execute(delete(UnmatchedSearch).where(UnmatchedSearch.searched_on < cutoff))
    db.session.commit()
    return result.rowcount or 0
