"""Spam signals: why a post looks like spam. Personal data is found by app.screening."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class SpamSignalKind(StrEnum):
    """Why a post looks like spam."""

    LINK_FROM_NEW_MEMBER = "link_from_new_member"
    BLOCKLISTED = "blocklisted"
    REPEATED_TEXT = "repeated_text"


@dataclass(frozen=True)
class SpamSignal:
    """One reason to hold a post as possible spam; detail is the link, phrase or earlier text."""

    kind: SpamSignalKind
    detail: str


_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_NEAR_DUPLICATE_RATIO = 0.9


def fold_for_matching(text: str) -> str:
    """Return text case-folded, without diacritics and with whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.split())


def _find_blocklisted(folded_text: str, blocklist: Iterable[str]) -> Iterator[SpamSignal]:
    for phrase in blocklist:
        words = fold_for_matching(phrase).split()
        if not words:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
        if re.search(pattern, folded_text):
            yield SpamSignal(SpamSignalKind.BLOCKLISTED, phrase)


def _find_repeats(text: str, recent_texts: Iterable[str]) -> Iterator[SpamSignal]:
    normalised = " ".join(text.casefold().split())
    if not normalised:
        return
    for recent in recent_texts:
        other = " ".join(recent.casefold().split())
        matcher = difflib.SequenceMatcher(None, normalised, other)
        # The quick ratios are upper bounds, so they rule most texts out cheaply.
        if normalised == other or (
            matcher.real_quick_ratio() >= _NEAR_DUPLICATE_RATIO
            and matcher.quick_ratio() >= _NEAR_DUPLICATE_RATIO
            and matcher.ratio() >= _NEAR_DUPLICATE_RATIO
        ):
            yield SpamSignal(SpamSignalKind.REPEATED_TEXT, recent)


def find_spam_signals(
    text: str,
    *,
    author_is_new: bool,
    blocklist: Iterable[str],
    recent_texts_by_author: Iterable[str],
) -> list[SpamSignal]:
    """Return the reasons a post looks like spam, or an empty list."""
    signals: list[SpamSignal] = []
    if author_is_new:
        signals += [
            SpamSignal(SpamSignalKind.LINK_FROM_NEW_MEMBER, m.group()) for m in _LINK.finditer(text)
        ]
    signals += _find_blocklisted(fold_for_matching(text), blocklist)
    signals += _find_repeats(text, recent_texts_by_author)
    return signals
