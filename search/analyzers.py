"""Text analysis for the Whoosh index: diacritic folding, stop words and Snowball stemming."""

# Whoosh pickles every analyzer into the index by module path and name, so the functions and
# classes below are part of the index format: renaming or moving one makes an existing index
# unreadable, and changing what one does makes it stale. Either needs `flask search reindex`.

import re
import threading
import unicodedata
from collections.abc import Callable, Iterator

import Stemmer
from whoosh.analysis import Analyzer, Filter, RegexTokenizer, Token

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


def _kept(text: str, stop_words: frozenset[str]) -> bool:
    """Whether a word is indexed: not a stop word, not over-long (pasted garbage)."""
    # One-character words stay (digits, "D" visas); the one-letter function words ("į", "o",
    # "в", "a") are in the stop lists instead.
    return 0 < len(text) <= MAX_TERM_LENGTH and text not in stop_words


def lithuanian_term(word: str) -> str | None:
    """The term of a Lithuanian word: stemmed with its diacritics, then folded; None if dropped."""
    # The Snowball stemmer reads ą, ę, ų, ė as case endings, so it must see the diacritics;
    # folding the stem afterwards makes "draudima" (typed without them) meet "draudimą".
    # NFKC first, so that composed and decomposed letters make one term.
    text = unicodedata.normalize("NFKC", word).lower()
    return fold(stem_lithuanian(text)) if _kept(text, LITHUANIAN_STOP_WORDS) else None


def russian_term(word: str) -> str | None:
    """The term of a Russian word: folded, then stemmed; None if dropped."""
    # Folding lowercases too; in Russian it only turns ё into е and drops stress marks,
    # which the stemmer would otherwise take for part of the word.
    text = fold(word)
    return stem_russian(text) if _kept(text, RUSSIAN_STOP_WORDS) else None


def english_term(word: str) -> str | None:
    """The term of an English word: folded, then stemmed; None if dropped."""
    # Folding lowercases too, and turns "café" into "cafe" and ’ into the ' the stemmer knows.
    text = fold(word)
    return stem_english(text) if _kept(text, ENGLISH_STOP_WORDS) else None


def folded_term(word: str) -> str | None:
    """The term of a word in the folded field: the whole word folded; None if dropped."""
    text = fold(word)
    return text if _kept(text, FOLDED_STOP_WORDS) else None


class WordTokenizer(RegexTokenizer):
    """Split text into words; fast when only the words are wanted, as for indexing."""

    def __init__(self) -> None:
        super().__init__(TOKEN_PATTERN)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        if positions or chars or keeporiginal or not tokenize or start_pos or start_char:
            yield from super().__call__(
                value,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=tokenize,
                mode=mode,
                **kwargs,
            )
            return
        # Whoosh reuses one Token for the whole stream, as its own tokenizers do.
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for word in self.expression.findall(value):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            yield token


# Each term function's answers, by word: word frequencies fall steeply, so nearly every word
# of a text has been seen before, and a lookup costs far less than normalising, folding and
# stemming it again. Module-level so that pickled analyzers do not carry them into the index.
_TERMS: dict[Callable[[str], str | None], dict[str, str | None]] = {}
_TERMS_LIMIT = 200_000
_UNSEEN = object()


def _term_of(term: Callable[[str], str | None], word: str) -> str | None:
    known = _TERMS.setdefault(term, {})
    found = known.get(word, _UNSEEN)
    if found is _UNSEEN:
        found = term(word)
        if len(known) >= _TERMS_LIMIT:  # a bound against endless pasted garbage
            known.clear()
        known[word] = found
    return found  # type: ignore[return-value]


_WORD = re.compile(TOKEN_PATTERN)


def words_of(text: str) -> list[str]:
    """The words of a text, as the analyzers' tokenizer splits it."""
    return _WORD.findall(text)


def terms_of(term: Callable[[str], str | None], words: list[str]) -> list[str]:
    """The terms the analyzer built on `term` makes of these words, in order.

    The same terms as analyze(), without a Whoosh token stream: the index is given these
    lists directly, and building them costs a fraction of running the analyzer per field.
    """
    known = _TERMS.setdefault(term, {})
    terms = []
    for word in words:
        found = known.get(word, _UNSEEN)
        if found is _UNSEEN:
            found = _term_of(term, word)
        if found is not None:
            terms.append(found)
    return terms  # type: ignore[return-value]


class TermFilter(Filter):
    """Replace each word with its term from a module-level function, dropping stop words."""

    def __init__(self, term: Callable[[str], str | None]) -> None:
        self.term = term

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        term_of = self.term
        known = _TERMS.setdefault(term_of, {})
        for token in tokens:
            word = token.text
            term = known.get(word, _UNSEEN)
            if term is _UNSEEN:
                term = _term_of(term_of, word)
            if term is None:
                if token.removestops:
                    continue
                token.stopped = True  # kept, marked, for highlighting
            else:
                token.text = term
            yield token


def lithuanian_analyzer() -> Analyzer:
    """Build the analyzer of the Lithuanian stemmed field."""
    return WordTokenizer() | TermFilter(lithuanian_term)


def russian_analyzer() -> Analyzer:
    """Build the analyzer of the Russian stemmed field."""
    return WordTokenizer() | TermFilter(russian_term)


def english_analyzer() -> Analyzer:
    """Build the analyzer of the English stemmed field."""
    return WordTokenizer() | TermFilter(english_term)


def folded_analyzer() -> Analyzer:
    """Build the analyzer of the folded field: whole words, lowercase, without diacritics."""
    return WordTokenizer() | TermFilter(folded_term)


def analyze(analyzer: Analyzer, text: str) -> list[str]:
    """Return the terms the analyzer makes of text, in order."""
    # Whoosh reuses one Token object for the whole stream, so copy each text as it passes.
    return [token.text for token in analyzer(text)]
