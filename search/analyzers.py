"""Text analysis for the Whoosh index: diacritic folding, stop words and Snowball stemming."""

# Whoosh pickles every analyzer into the index by module path and name, so the functions and
# classes below are part of the index format: renaming or moving one makes an existing index
# unreadable, and changing what one does makes it stale. Either needs `flask search reindex`.

import threading
import unicodedata
from collections.abc import Callable, Iterator

import Stemmer
from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)

# A word is a run of letters and digits in any script, with the combining marks of text typed
# in decomposed form (a + U+0328 for "ą") kept inside it, and apostrophes between letters
# ("migrant's"). Python's \w alone would split "ą" typed that way into two words.
_LETTER_OR_DIGIT = r"[^\W_]"
_COMBINING_MARK = r"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\ufe20-\ufe2f]"
_WORD_PART = rf"{_LETTER_OR_DIGIT}(?:{_LETTER_OR_DIGIT}|{_COMBINING_MARK})*"
TOKEN_PATTERN = rf"{_WORD_PART}(?:['’ʼ]{_WORD_PART})*"

# Longer tokens are pasted garbage (base64, hashes), not words anyone searches for.
MAX_TERM_LENGTH = 64


class _FoldTable(dict[int, str]):
    """Map each character to its folded form for str.translate, computing it on first sight."""

    # Grows by at most one entry per code point ever seen, so it needs no eviction.

    def __missing__(self, code_point: int) -> str:
        character = chr(code_point)
        folded = "".join(
            part
            for part in unicodedata.normalize("NFD", character)
            if not unicodedata.combining(part)
        )
        self[code_point] = folded
        return folded


_FOLD_TABLE = _FoldTable(
    {
        # Russian treats й as a letter of its own (not и with a mark), while ё is commonly
        # written as е, so й stays and ё folds through the generic rule.
        ord("й"): "й",
        # Letters whose stroke is part of the glyph, so decomposition cannot remove it;
        # Polish ł is frequent in the names of Lithuania's Polish community.
        ord("ł"): "l",
        ord("đ"): "d",
        ord("ø"): "o",
        ord("ı"): "i",
        ord("æ"): "ae",
        ord("œ"): "oe",
        # Typographic apostrophes, so "migrant’s" meets "migrant's" and the English stemmer.
        ord("’"): "'",
        ord("ʼ"): "'",
    }
)


def fold(text: str) -> str:
    """Lowercase text and remove its diacritics, so text typed without them matches."""
    # NFKC first so that compatibility forms (full-width letters, ligatures) and text typed
    # in decomposed form reach the table as ordinary characters.
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)


def _folded_words(*groups: str) -> frozenset[str]:
    """Build the set of the space-separated words in groups, folded."""
    return frozenset(fold(word) for group in groups for word in group.split())


def _stop_words(*groups: str) -> frozenset[str]:
    """Build a stop-word set holding each word as written and as typed without diacritics."""
    written = frozenset(word for group in groups for word in group.split())
    return written | _folded_words(*groups)


LITHUANIAN_STOP_WORDS = _stop_words(
    # Conjunctions and particles.
    "ir bei ar arba bet o tačiau nes kad jog jei jeigu kai kol nors tai todėl taigi tad negu"
    " nei lyg tarsi ne nė net tik jau dar gi juk taip pat vis vėl ten čia štai argi",
    # Question and relative words.
    "kas ką ko kam kuo kur kada kodėl kaip kiek koks kokia kokie kokios kokį kokią kuris kuri"
    " kurie kurios kurį kurią kurio kurių kuriam kuriai kuriame kurioje kuriuo kuria kieno",
    # Prepositions.
    "į iš su be prie per po už ant apie iki nuo pas prieš dėl tarp virš pagal link šalia anot ties",
    # Personal and reflexive pronouns.
    "aš mane manęs man mano manimi manyje tu tave tavęs tau tavo jis ji jie jos jo jam jai jį"
    " ją jų jiems joms juos jas juo ja mes mus mūsų mums mumis jūs jus jūsų jums jumis save"
    " savęs sau savo savimi",
    # Demonstratives and quantifiers.
    "tas ta tą to tie tų tam tuo tos šis ši šie šios šį šią šio šių šiam šiai šiuo šia toks"
    " tokia tokie kitas kita kiti kitos visas visa visą visi visos visų visus viskas niekas"
    " kažkas kiekvienas",
    # Forms of "būti" (to be).
    "yra būti buvo bus esu esi esame esate buvau buvai buvome buvote būtų būna nėra nebuvo nebus",
    # Greetings and courtesies that open most forum posts.
    "sveiki labas ačiū prašau",
    # Abbreviations of "metai" (year) and "pavyzdžiui" (for example), as in "2024 m.".
    "m pvz",
)

RUSSIAN_STOP_WORDS = _stop_words(
    # Conjunctions, particles and adverbs of place and time.
    "и а но или да же ли бы не ни что чтобы чтоб если как когда где куда откуда почему зачем"
    " так также тоже то вот ведь уже ещё даже только лишь либо хотя потому поэтому тогда там"
    " тут здесь",
    # Prepositions.
    "в во на с со к ко у о об обо от до из за по под над при про для без через перед после"
    " между около",
    # Personal, reflexive and possessive pronouns.
    "я меня мне мной мною мы нас нам нами ты тебя тебе тобой вы вас вам вами он его ему им нём"
    " она её ей ней неё оно они их ими них ним себя себе собой свой своя своё свои своего"
    " своей мой моя моё мои мою моего моей ваш ваша ваше ваши вашего вашей наш наша наше наши",
    # Demonstrative, interrogative and relative pronouns.
    "это этот эта эти этого этой этом этим эту тот та те того той тем том кто чего чем чему"
    " ком какой какая какое какие который которая которое которые которого которой весь вся"
    " всё все всех всего всем сам сама сами",
    # Forms of "быть" (to be) and "нет".
    "быть был была было были буду будет будем будете будут есть нет",
    # Greetings and courtesies that open most forum posts.
    "здравствуйте привет спасибо пожалуйста",
)

ENGLISH_STOP_WORDS = _stop_words(
    # Articles and conjunctions.
    "a an the and or but if then than so because as while until nor not no yes",
    # Prepositions.
    "of at by for with about against between into through during before after above below"
    " to from up down in out on off over under again further once",
    # Pronouns; "may" is left out of the verbs below because it is also the month.
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him"
    " his himself she her hers herself it its itself they them their theirs themselves what"
    " which who whom whose this that these those",
    # Auxiliary and modal verbs.
    "am is are was were be been being have has had having do does did doing can could will"
    " would shall should might must",
    # Adverbs and determiners.
    "here there when where why how all any both each few more most other some such only own"
    " same too very just also",
    # Contractions, which the tokenizer keeps whole.
    "i'm i've i'd i'll you're you've you'd you'll he's she's it's we're we've they're they've"
    " that's there's what's don't doesn't didn't isn't aren't wasn't weren't can't cannot"
    " couldn't won't wouldn't shouldn't haven't hasn't hadn't let's",
    # Greetings and courtesies that open most forum posts.
    "hello hi thanks thank please",
)

# The folded field holds text of every language, so it drops only the handful of words that
# make up a large share of all running text (and so the slowest queries) and are a function
# word in every site language: a full list would drop content words of another language
# (Lithuanian "visa" (all), "man", "bus", "net" are English words; "it" is also the IT of
# "IT specialist").
FOLDED_STOP_WORDS = _folded_words(
    "ir bei ar arba kad jog yra iš į su",
    "the and of to a an in is are or for on with that",
    "и в во на не что с со по к а о у из за от для это как",
)


class _ThreadStemmers(threading.local):
    """Hold one PyStemmer object per thread: a stemmer must not be called concurrently."""

    def __init__(self) -> None:
        self.by_algorithm: dict[str, Stemmer.Stemmer] = {}


_thread_stemmers = _ThreadStemmers()


def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    """Return this thread's Snowball stemmer for the algorithm, creating it on first use."""
    stemmers = _thread_stemmers.by_algorithm
    if algorithm not in stemmers:
        stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmers[algorithm]


def stem_lithuanian(word: str) -> str:
    """Stem a lowercase Lithuanian word written with its diacritics."""
    return _stemmer("lithuanian").stemWord(word)


def stem_russian(word: str) -> str:
    """Stem a lowercase Russian word."""
    return _stemmer("russian").stemWord(word)


def stem_english(word: str) -> str:
    """Stem a lowercase English word."""
    return _stemmer("english").stemWord(word)


class NormalizeFilter(Filter):
    """Bring each token to Unicode NFKC, so composed and decomposed letters make one term."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = unicodedata.normalize("NFKC", token.text)
            yield token


class FoldFilter(Filter):
    """Replace each token's text with fold() of it."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold(token.text)
            yield token


def _tokenizer() -> RegexTokenizer:
    """Build the tokenizer shared by all analyzers."""
    return RegexTokenizer(TOKEN_PATTERN)


def _stop_filter(stop_words: frozenset[str]) -> StopFilter:
    """Build a filter that drops the stop words and over-long tokens."""
    # Whoosh's default minsize=2 would also drop every one-character token, digits included;
    # the one-letter function words ("į", "o", "в", "a") are in the lists instead.
    return StopFilter(stoplist=stop_words, minsize=1, maxsize=MAX_TERM_LENGTH)


def _stem_filter(stem: Callable[[str], str]) -> StemFilter:
    """Build a filter that stems with the given module-level function."""
    # Whoosh's own stem cache is not thread-safe (concurrent eviction can raise), and the
    # per-thread PyStemmer objects already cache their results, so it is switched off.
    return StemFilter(stemfn=stem, cachesize=None)


def lithuanian_analyzer() -> Analyzer:
    """Build the analyzer of the Lithuanian stemmed field."""
    # The Snowball stemmer reads ą, ę, ų, ė as case endings, so it must see the diacritics;
    # folding the stem afterwards makes "draudima" (typed without them) meet "draudimą".
    return (
        _tokenizer()
        | NormalizeFilter()
        | LowercaseFilter()
        | _stop_filter(LITHUANIAN_STOP_WORDS)
        | _stem_filter(stem_lithuanian)
        | FoldFilter()
    )


def russian_analyzer() -> Analyzer:
    """Build the analyzer of the Russian stemmed field."""
    # Folding lowercases too; in Russian it only turns ё into е and drops stress marks,
    # which the stemmer would otherwise take for part of the word.
    return (
        _tokenizer() | FoldFilter() | _stop_filter(RUSSIAN_STOP_WORDS) | _stem_filter(stem_russian)
    )


def english_analyzer() -> Analyzer:
    """Build the analyzer of the English stemmed field."""
    # Folding lowercases too, and turns "café" into "cafe" and ’ into the ' the stemmer knows.
    return (
        _tokenizer() | FoldFilter() | _stop_filter(ENGLISH_STOP_WORDS) | _stem_filter(stem_english)
    )


def folded_analyzer() -> Analyzer:
    """Build the analyzer of the folded field: whole words, lowercase, without diacritics."""
    return _tokenizer() | FoldFilter() | _stop_filter(FOLDED_STOP_WORDS)


def analyze(analyzer: Analyzer, text: str) -> list[str]:
    """Return the terms the analyzer makes of text, in order."""
    # Whoosh reuses one Token object for the whole stream, so copy each text as it passes.
    return [token.text for token in analyzer(text)]
