"""Small text helpers shared by every package: addresses made from titles."""

import re
import unicodedata

# Russian letters in the usual Latin spelling, so that addresses stay readable.
_LATIN = "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i i ie g u"
_CYRILLIC = {
    letter: latin.replace("_", "")
    for letter, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў", _LATIN.split(), strict=True)
}


def slugify(text: str, max_length: int = 80) -> str:
    """Make a short lowercase ASCII address part from a title in any of the site's languages."""
    lowered = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower()).replace("-", " ")
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:max_length].rstrip("-") or "question"


def strip_whitespace(value: str | None) -> str | None:
    """A form filter: leading and trailing spaces are never part of what someone meant."""
    return value.strip() if isinstance(value, str) else value
