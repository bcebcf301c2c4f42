"""Snippets: the part of a document's text around the words found, with those words marked."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from search.words import word_spans

SNIPPET_CHARS = 240
# Text kept with each document for its snippet; matches further in show the opening instead.
EXCERPT_CHARS = 2000
ELLIPSIS = "…"
# Marks that ts_headline puts around the words found; private-use characters never typed.
START_MARK, STOP_MARK = "\ue000", "\ue001"


def clean_excerpt(text: str) -> str:
    """The start of a document's text as the index keeps it for snippets."""
    text = text.replace(START_MARK, "").replace(STOP_MARK, "")
    return text[:EXCERPT_CHARS]


def highlight(text: str, is_match: Callable[[str], bool], size: int = SNIPPET_CHARS) -> Markup:
    """Escape the best `size` characters of text around the matches and <mark> each match."""
    spans = word_spans(text)
    found = [(start, end) for start, end in spans if is_match(text[start:end])]
    start = _window_start(text, found, size)
    end = min(len(text), start + size)
    if end < len(text):
        # end on a whole word
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    pieces: list[str] = [ELLIPSIS] if start > 0 else []
    position = start
    for word_start, word_end in found:
        if word_start < start or word_end > end:
            continue
        pieces.append(str(escape(text[position:word_start])))
        pieces.append(f"<mark>{escape(text[word_start:word_end])}</mark>")
        position = word_end
    pieces.append(str(escape(text[position:end])))
    if end < len(text):
        pieces.append(ELLIPSIS)
    # every piece of the document's text went through escape() above
    return Markup("".join(pieces).strip())  # noqa: S704


def _window_start(text: str, found: list[tuple[int, int]], size: int) -> int:
    """Where the window with the most matches starts, a little before its first match."""
    if not found:
        return 0
    best_start, best_count = found[0][0], 0
    for index, (first, _) in enumerate(found):
        count = sum(1 for other, _ in found[index:] if other < first + size * 0.7)
        if count > best_count:
            best_start, best_count = first, count
    if best_start < size // 4:
        return 0
    # Some context before the first match, starting on a word.
    start = best_start - size // 5
    space = text.find(" ", start, best_start)
    return space + 1 if space != -1 else start


def from_marked_html(escaped: str) -> Markup:
    """Turn escaped text with START_MARK/STOP_MARK around the matches into HTML with <mark>."""
    html = escaped.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
    return Markup(html.strip())  # noqa: S704 - the text was escaped when stored
