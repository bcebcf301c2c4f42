"""What a person typed, as plain words: no query syntax, and a cap on how much is searched."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from search.analyzers import MAX_TERM_LENGTH, TOKEN_PATTERN, fold

# Longer input is cut here before anything else looks at it.
MAX_QUERY_CHARS = 200
# Each word becomes a clause per language field; past this a query only gets slower.
MAX_WORDS = 8

_WORD = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True)
class QueryWords:
    """The words of a query in the order typed, each once; `shortened` if some were left out."""

    words: tuple[str, ...]
    shortened: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


def query_words(text: str) -> QueryWords:
    """Split what was typed into words; quotes, operators and brackets are only separators."""
    text = unicodedata.normalize("NFKC", text or "")
    shortened = len(text) > MAX_QUERY_CHARS
    if shortened:
        # leave out the word the cut went through
        text = text[: MAX_QUERY_CHARS + 1].rsplit(maxsplit=1)[0][:MAX_QUERY_CHARS]
    seen: set[str] = set()
    words: list[str] = []
    for word in _WORD.findall(text):
        key = fold(word)
        if len(key) > MAX_TERM_LENGTH or key in seen:
            continue
        seen.add(key)
        words.append(word)
    if len(words) > MAX_WORDS:
        words, shortened = words[:MAX_WORDS], True
    return QueryWords(tuple(words), shortened)


def word_spans(text: str) -> list[tuple[int, int]]:
    """The start and end of every word in `text`, for highlighting."""
    return [match.span() for match in _WORD.finditer(text)]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with transpositions (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]
