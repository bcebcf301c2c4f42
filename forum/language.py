"""Which language a post is written in, detected with lingua and limited to the site's own."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SITE_LANGUAGES = {Language.LITHUANIAN: "lt", Language.ENGLISH: "en", Language.RUSSIAN: "ru"}
# Close neighbours are detected too, so that Ukrainian or Polish text is "other", not Russian.
NEIGHBOURS = (Language.UKRAINIAN, Language.BELARUSIAN, Language.POLISH, Language.LATVIAN)
OTHER = "other"
MIN_LETTERS = 12


@cache
def _detector() -> LanguageDetector:
    # Low accuracy mode keeps the models near 20 MB instead of 250 MB; for texts of a sentence
    # or more among six languages it chooses the same language.
    return (
        LanguageDetectorBuilder.from_languages(*SITE_LANGUAGES, *NEIGHBOURS)
        .with_low_accuracy_mode()
        .build()
    )


def detect_language(text: str, fallback: str) -> str:
    """Return "lt", "en", "ru" or "other" for `text`; `fallback` when it is too short to tell."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return fallback
    found = _detector().detect_language_of(text)
    if found is None:
        return fallback
    return SITE_LANGUAGES.get(found, OTHER)
