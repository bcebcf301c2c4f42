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


# Characters that show nothing, or turn the text around them: a display name keeps none.
# Unicode's format characters (Cf: zero-width spaces and joiners, the bidirectional marks,
# embeddings, overrides and isolates, the soft hyphen) and controls, plus letters that are
# drawn as blank space.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs", "Cn"})


def clean_display_name(value: str | None) -> str | None:
    """A form filter for names: without invisible or direction-changing characters, in NFKC
    (so that full-width or styled letters become plain ones), with single spaces."""
    if not isinstance(value, str):
        return value
    visible = "".join(
        ch
        for ch in value
        if ch not in BLANK_LETTERS and unicodedata.category(ch) not in INVISIBLE_CATEGORIES
    )
    return " ".join(unicodedata.normalize("NFKC", visible).split())


# Letters of other scripts, and digits and signs, that are drawn like a Latin letter: "Тоmаs"
# with Cyrillic letters, "T0mas" with a zero. Enough for the site's scripts (Latin, Cyrillic,
# Greek look-alikes); see Unicode's confusables for the whole table.
LOOK_ALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "и": "u", "й": "u", "к": "k", "м": "m",
        "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ь": "b",
        "і": "l", "ї": "l", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
        "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
        "i": "l", "|": "l", "!": "l", "@": "a", "$": "s", "ı": "l", "ł": "l", "ø": "o",
    }
)  # fmt: skip


def name_skeleton(name: str) -> str:
    """What a name looks like, for comparing names: "Moderatorius Tomas", "moderatorius
    tomas", "Mоderatorius T0mas" (Cyrillic о, a zero) and "Moderatorius Tornas" have one
    skeleton. Case, accents, spaces and punctuation do not count."""
    text = unicodedata.normalize("NFKD", clean_display_name(name) or "").casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(LOOK_ALIKES)
    text = text.replace("rn", "m").replace("vv", "w").replace("cl", "d")
    return "".join(ch for ch in text if ch.isalnum())
