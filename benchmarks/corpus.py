"""A synthetic forum in Lithuanian, English and Russian with a realistic spread of words.

Each language's vocabulary starts from the words of the demo forum (forum/demo_content.py),
ranked by how often they occur there, so the commonest words are real function words and
topic words. Inflected forms are made from the real Lithuanian and Russian stems, and a long
tail of rarer made-up words follows, as in real text. Words are drawn with Zipf's law
(frequency proportional to 1 / rank), which is how word frequencies in natural text fall.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from forum import demo_content
from search.analyzers import (
    ENGLISH_STOP_WORDS,
    LITHUANIAN_STOP_WORDS,
    RUSSIAN_STOP_WORDS,
    english_term,
    lithuanian_term,
    russian_term,
)

LANGUAGE_SHARE = {"lt": 0.45, "ru": 0.30, "en": 0.25}
VOCABULARY_SIZE = 40_000
WORD = re.compile(r"[^\W\d_]+")

# Case endings that turn a real stem into more forms of the same word.
ENDINGS = {
    "lt": ("as", "o", "ui", "ą", "e", "ai", "ų", "ams", "us", "is", "ės", "ei", "ę", "ios"),
    "ru": ("а", "ы", "у", "ой", "е", "ов", "ам", "ами", "ах", "ия", "ии", "ию", "ие"),
    "en": ("s", "ed", "ing", "er", "ers", "ly", "ment", "ments"),
}
SYLLABLES = {
    language: syllables.split()
    for language, syllables in {
        "lt": "ka ra mo ti nė lu vy dži pe sa ro gi ša ba ke la mi to ru pa",
        "ru": "ка ра мо ти не лу вы жи пе са ро ги ша ба ке ла ми то ру па",
        "en": "ka ra mo ti ne lu vy ji pe sa ro gi sha ba ke la mi to ru pa",
    }.items()
}


STOP_WORDS = LITHUANIAN_STOP_WORDS | RUSSIAN_STOP_WORDS | ENGLISH_STOP_WORDS
TERMS = {"lt": lithuanian_term, "ru": russian_term, "en": english_term}


@dataclass(frozen=True)
class Vocabulary:
    words: list[str]  # by rank, commonest first
    cumulative: list[float]

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def _demo_words(language: str) -> list[str]:
    """The words of the demo forum in `language`, commonest first."""
    counts: Counter[str] = Counter()
    for question in demo_content.QUESTIONS:
        if question.language != language:
            continue
        texts = [question.title, question.body, *(answer.body for answer in question.answers)]
        for text in texts:
            counts.update(word.lower() for word in WORD.findall(text))
    return [word for word, _ in counts.most_common()]


@functools.cache
def vocabulary(language: str, size: int = VOCABULARY_SIZE, seed: int = 7) -> Vocabulary:
    rng = random.Random(seed)
    words = _demo_words(language)
    seen = set(words)
    # more forms of the real words (long enough to have a stem)
    for word in words[:3000]:
        if len(word) < 5:
            continue
        stem = word[:-2]
        for ending in rng.sample(ENDINGS[language], 3):
            form = stem + ending
            if form not in seen:
                seen.add(form)
                words.append(form)
    # the long tail: made-up words, rarest last
    syllables = SYLLABLES[language]
    while len(words) < size:
        form = "".join(rng.choices(syllables, k=rng.randint(2, 4))) + rng.choice(ENDINGS[language])
        if form not in seen:
            seen.add(form)
            words.append(form)
    words = words[:size]
    cumulative = list(itertools.accumulate(1.0 / rank for rank in range(1, len(words) + 1)))
    return Vocabulary(words, cumulative)


def sentence(vocabulary: Vocabulary, rng: random.Random, low: int, high: int) -> str:
    words = vocabulary.draw(rng, rng.randint(low, high))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def text(vocabulary: Vocabulary, rng: random.Random, words: int) -> str:
    """About `words` words in sentences of 6 to 18 words."""
    sentences = []
    written = 0
    while written < words:
        part = sentence(vocabulary, rng, 6, 18)
        written += part.count(" ") + 1
        sentences.append(part)
    return " ".join(sentences)


@dataclass(frozen=True)
class SyntheticQuestion:
    language: str
    title: str
    body: str
    answers: tuple[str, ...]


def questions(
    count: int, answers_per_question: int = 3, seed: int = 11
) -> Iterator[SyntheticQuestion]:
    """`count` questions with on average `answers_per_question` answers each."""
    rng = random.Random(seed)
    vocabularies = {language: vocabulary(language) for language in LANGUAGE_SHARE}
    languages = list(LANGUAGE_SHARE)
    shares = list(LANGUAGE_SHARE.values())
    for _ in range(count):
        language = rng.choices(languages, shares)[0]
        words = vocabularies[language]
        title = sentence(words, rng, 5, 12)[:-1] + "?"
        body = text(words, rng, rng.randint(25, 110))
        answers = tuple(
            text(words, rng, rng.randint(15, 120))
            for _ in range(rng.choice(range(0, 2 * answers_per_question + 1)))
        )
        yield SyntheticQuestion(language, title[:150], body, answers)


CONTENT_RANKS = range(300, 6000)


def common_query(language: str, rng: random.Random) -> str:
    """One to three of the commonest words that are not function words (each in most posts)."""
    words = [w for w in vocabulary(language).words if w not in STOP_WORDS and len(w) > 3]
    return " ".join(rng.sample(words[:30], rng.randint(1, 3)))


def content_query(language: str, text: str, rng: random.Random) -> str | None:
    """One to three words of middling frequency from one post, as someone who read it types.

    A rare form of a common word ("reikėjo" of "reikia") stems to a common term and so finds
    as many posts as a common word: such words are left to the common-word queries.
    """
    ranks = _ranks(language)
    common = _common_terms(language)
    term = TERMS[language]
    words = {w.lower() for w in WORD.findall(text)}
    pool = sorted(
        w
        for w in words
        if ranks.get(w, -1) in CONTENT_RANKS and w not in STOP_WORDS and term(w) not in common
    )
    if not pool:
        return None
    return " ".join(rng.sample(pool, min(len(pool), rng.randint(1, 3))))


@functools.cache
def _common_terms(language: str) -> frozenset[str | None]:
    """The stemmed terms of the commonest words."""
    return frozenset(TERMS[language](w) for w in vocabulary(language).words[: CONTENT_RANKS.start])


_RANKS: dict[str, dict[str, int]] = {}


def _ranks(language: str) -> dict[str, int]:
    if language not in _RANKS:
        _RANKS[language] = {w: rank for rank, w in enumerate(vocabulary(language).words)}
    return _RANKS[language]
