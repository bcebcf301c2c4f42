"""Tests for the search text analysis: folding, stop words, stemming and a real Whoosh index."""

import pickle
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index
from whoosh.analysis import Analyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import QueryParser

from search.analyzers import (
    ENGLISH_STOP_WORDS,
    FOLDED_STOP_WORDS,
    LITHUANIAN_STOP_WORDS,
    RUSSIAN_STOP_WORDS,
    _stemmer,
    analyze,
    english_analyzer,
    fold,
    folded_analyzer,
    lithuanian_analyzer,
    russian_analyzer,
    stem_lithuanian,
)

MakeAnalyzer = Callable[[], Analyzer]

ANALYZERS: dict[str, MakeAnalyzer] = {
    "lt": lithuanian_analyzer,
    "ru": russian_analyzer,
    "en": english_analyzer,
    "folded": folded_analyzer,
}


# --- fold ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ąčęėįšųūž", "aceeisuuz"),
        ("ĄČĘĖĮŠŲŪŽ", "aceeisuuz"),
        ("Užsieniečių Migracijos Tarnyba", "uzsienieciu migracijos tarnyba"),
        ("Всё ещё её", "все еще ее"),
        ("Йошкар-Ола, район", "йошкар-ола, район"),
        ("вы́вод", "вывод"),  # a stress mark has no precomposed form
        ("leidima\u0328", "leidima"),  # "ą" typed as a + combining ogonek
        ("и\u0306", "й"),  # й typed decomposed stays й
        ("ＬＴ ﬁle x²", "lt file x2"),  # NFKC: full-width letters, ligatures, superscripts
        ("Łukasz Straße", "lukasz strasse"),
        ("migrant’s", "migrant's"),
        ("plain ascii 123", "plain ascii 123"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_short_i_but_not_yo() -> None:
    assert fold("ЙЁйё") == "йейе"


# --- stop words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stop_words", [LITHUANIAN_STOP_WORDS, RUSSIAN_STOP_WORDS, ENGLISH_STOP_WORDS]
)
def test_stop_word_lists_are_large_lowercase_and_hold_folded_forms(
    stop_words: frozenset[str],
) -> None:
    assert len(stop_words) >= 80
    assert all(word == word.lower() for word in stop_words)
    assert {fold(word) for word in stop_words} <= stop_words


def test_lithuanian_stop_words_hold_common_function_words_with_and_without_diacritics() -> None:
    common = {"ir", "kad", "ar", "bet", "su", "į", "iš", "yra", "aš", "jūs", "kaip", "kur"}
    common |= {"kada", "man", "mano", "i", "is", "as", "jus", "del", "cia", "musu"}
    assert common <= LITHUANIAN_STOP_WORDS


def test_russian_stop_words_hold_both_spellings_of_yo() -> None:
    assert {"и", "в", "на", "что", "её", "ее", "ещё", "еще", "всё", "все"} <= RUSSIAN_STOP_WORDS


def test_folded_stop_words_are_few_and_spare_words_that_mean_something_elsewhere() -> None:
    assert len(FOLDED_STOP_WORDS) < 60
    assert {fold(word) for word in FOLDED_STOP_WORDS} == FOLDED_STOP_WORDS
    assert FOLDED_STOP_WORDS.isdisjoint({"visa", "man", "bus", "net", "it", "d"})


@pytest.mark.parametrize(
    ("make_analyzer", "text", "terms"),
    [
        (lithuanian_analyzer, "Ar jūs žinote, kur man kreiptis?", ["zin", "kreipt"]),
        (lithuanian_analyzer, "ar jus zinote kur man kreiptis", ["zin", "kreipt"]),
        (russian_analyzer, "Я не знаю, где её паспорт", ["зна", "паспорт"]),
        (english_analyzer, "I don't know where the office is", ["know", "offic"]),
        (folded_analyzer, "Ir kad leidimą, и на вид, the visa", ["leidima", "вид", "visa"]),
    ],
)
def test_analyzers_drop_stop_words(
    make_analyzer: MakeAnalyzer, text: str, terms: list[str]
) -> None:
    assert analyze(make_analyzer(), text) == terms


# --- tokenizing ---------------------------------------------------------------------------


def test_tokenizer_keeps_three_alphabets_and_digits_and_splits_on_punctuation() -> None:
    terms = analyze(folded_analyzer(), "Vilnius,Москва;London 2024-01 snake_case")
    assert terms == ["vilnius", "москва", "london", "2024", "01", "snake", "case"]


def test_tokenizer_keeps_a_decomposed_letter_inside_its_word() -> None:
    assert analyze(lithuanian_analyzer(), "draudima\u0328") == ["draudim"]
    assert analyze(folded_analyzer(), "draudima\u0328") == ["draudima"]


def test_single_characters_survive_unless_they_are_stop_words() -> None:
    assert analyze(folded_analyzer(), "D viza, 3 metai") == ["d", "viza", "3", "metai"]
    assert analyze(lithuanian_analyzer(), "į Vilnių") == ["viln"]


def test_over_long_tokens_are_dropped() -> None:
    assert analyze(folded_analyzer(), "x" * 65 + " viza " + "y" * 64) == ["viza", "y" * 64]


# --- which word forms meet -----------------------------------------------------------------


def _same_term(make_analyzer: MakeAnalyzer, words: list[str]) -> bool:
    """Tell whether the analyzer makes one and the same single term of all the words."""
    analyzer = make_analyzer()
    terms = {tuple(analyze(analyzer, word)) for word in words}
    return len(terms) == 1 and len(next(iter(terms))) == 1


@pytest.mark.parametrize(
    "words",
    [
        ["leidimas", "leidimo", "leidimą", "leidima", "leidimui", "leidime", "leidimų"],
        ["draudimas", "draudimą", "draudima", "draudimo", "draudimų", "draudimu"],
        ["užmokestis", "uzmokestis", "užmokesčio", "užmokesčiai", "užmokestį"],
        ["pažymėjimas", "pazymejimas", "pažymėjimą", "pazymejima", "pažymėjimų", "pazymejimu"],
        ["kortelė", "kortele", "kortelę", "kortelės", "korteles", "kortelių"],
        ["viza", "vizą", "vizos", "vizų", "vizu"],
        ["šeima", "seima", "šeimos", "seimos", "šeimą"],
        ["pilietybė", "pilietybe", "pilietybės", "pilietybę"],
        ["užsienietis", "uzsienietis", "užsieniečio", "užsieniečiai", "užsieniečių"],
        ["laikinas", "laikinai", "laikinasis", "laikinojo"],
    ],
)
def test_lithuanian_word_forms_that_meet(words: list[str]) -> None:
    assert _same_term(lithuanian_analyzer, words)


@pytest.mark.parametrize(
    "words",
    [
        ["вид", "вида", "виде", "видом", "виды", "видов"],
        ["жительство", "жительства", "жительстве"],
        ["разрешение", "разрешения", "разрешении"],
        ["паспорт", "паспорта", "паспорте"],
        ["ёлка", "елка"],
    ],
)
def test_russian_word_forms_that_meet(words: list[str]) -> None:
    assert _same_term(russian_analyzer, words)


@pytest.mark.parametrize(
    "words",
    [
        ["renewing", "renewal", "renew", "renewed", "renews"],
        ["residence", "resident", "residents"],
        ["permit", "permits", "permitted"],
        ["insurance", "insured", "insure"],
        ["migrant", "migrants", "migrant's", "migrant’s"],
        ["cafe", "café"],
    ],
)
def test_english_word_forms_that_meet(words: list[str]) -> None:
    assert _same_term(english_analyzer, words)


@pytest.mark.parametrize(
    ("make_analyzer", "words"),
    [
        # Snowball turns č before a case ending into t ("užmokesčio" -> "užmokest"); typed
        # without diacritics the c is left as it is, so these cases miss the nominative.
        (lithuanian_analyzer, ["užmokesčio", "uzmokescio"]),
        (lithuanian_analyzer, ["užsieniečių", "uzsienieciu"]),
        (lithuanian_analyzer, ["mokesčiai", "mokesciai"]),
        # Without the ogonek the stemmer reads "-ti" as an infinitive ending: "uzmokes".
        (lithuanian_analyzer, ["užmokestį", "uzmokesti"]),
        # Snowball stems words, it does not lemmatise: a verb and its noun stay apart.
        (lithuanian_analyzer, ["gyventi", "gyvena", "gyvenimas"]),
        (russian_analyzer, ["продление", "продлить"]),
        (russian_analyzer, ["работа", "работать"]),
        (russian_analyzer, ["гражданин", "гражданство"]),
        (english_analyzer, ["permit", "permission"]),
        (english_analyzer, ["apply", "application"]),
        (english_analyzer, ["employer", "employee"]),
        (english_analyzer, ["citizen", "citizenship"]),
    ],
)
def test_known_limits_word_forms_that_do_not_meet(
    make_analyzer: MakeAnalyzer, words: list[str]
) -> None:
    assert not _same_term(make_analyzer, words)


def test_folded_field_matches_only_the_same_word_without_diacritics() -> None:
    assert _same_term(folded_analyzer, ["draudimą", "draudima", "DRAUDIMĄ"])
    assert not _same_term(folded_analyzer, ["draudimą", "draudimo"])


# --- pickling and threads ------------------------------------------------------------------


@pytest.mark.parametrize("language", ANALYZERS)
def test_analyzers_survive_pickling(language: str) -> None:
    analyzer = ANALYZERS[language]()
    # These are bytes the test itself just made.
    restored = pickle.loads(pickle.dumps(analyzer))  # noqa: S301
    text = "Leidimą gyventi, вид на жительство, renewing permits"
    assert restored == analyzer
    assert analyze(restored, text) == analyze(analyzer, text)


def test_pickled_lithuanian_analyzer_still_stems_and_folds() -> None:
    # These are bytes the test itself just made.
    restored = pickle.loads(pickle.dumps(lithuanian_analyzer()))  # noqa: S301
    assert analyze(restored, "sveikatos draudimą") == ["sveikat", "draudim"]
    assert analyze(restored, "sveikatos draudima") == ["sveikat", "draudim"]


def test_each_thread_gets_its_own_stemmer() -> None:
    here = _stemmer("lithuanian")
    elsewhere: list[object] = []
    thread = threading.Thread(target=lambda: elsewhere.append(_stemmer("lithuanian")))
    thread.start()
    thread.join()
    assert _stemmer("lithuanian") is here
    assert elsewhere[0] is not here
    assert stem_lithuanian("leidimą") == "leidim"


# --- a real Whoosh index -------------------------------------------------------------------

DOCUMENTS = [
    ("lt-permit", "lt", "Leidimas gyventi ir dirbti Lietuvoje baigiasi, ką daryti?"),
    ("lt-insurance", "lt", "Kur įsigyti privalomą sveikatos draudimą?"),
    ("ru-permit", "ru", "Как продлить вид на жительство в Литве?"),
    ("ru-work", "ru", "Можно ли работать с национальной визой?"),
    ("en-permit", "en", "Renewing the temporary residence permit"),
    ("en-insurance", "en", "Which health insurance do students need?"),
]


@pytest.fixture
def search_index(tmp_path: Path) -> index.Index:
    """Build a small index with one field per analyzer, then open it again from disk."""
    schema = Schema(id=ID(stored=True, unique=True), folded=TEXT(analyzer=folded_analyzer()))
    for language in ("lt", "ru", "en"):
        schema.add(language, TEXT(analyzer=ANALYZERS[language]()))
    writer = index.create_in(tmp_path, schema).writer()
    for document_id, language, text in DOCUMENTS:
        writer.add_document(id=document_id, folded=text, **{language: text})
    writer.commit()
    # Reopening unpickles the schema, with its analyzers, from the index files.
    return index.open_dir(tmp_path)


def _found(search_index: index.Index, field: str, query: str) -> list[str]:
    """Return the ids of the documents that the query finds in the field."""
    with search_index.searcher() as searcher:
        parsed = QueryParser(field, search_index.schema).parse(query)
        return sorted(hit["id"] for hit in searcher.search(parsed))


@pytest.mark.parametrize(
    ("field", "query", "found"),
    [
        ("lt", "leidimo gyventi", ["lt-permit"]),
        ("lt", "leidima gyventi", ["lt-permit"]),
        ("lt", "sveikatos draudima", ["lt-insurance"]),
        ("lt", "SVEIKATOS DRAUDIMO", ["lt-insurance"]),
        ("folded", "sveikatos draudima", ["lt-insurance"]),
        ("folded", "leidimas gyventi lietuvoje", ["lt-permit"]),
        ("ru", "вида на жительство", ["ru-permit"]),
        ("ru", "жительстве", ["ru-permit"]),
        ("ru", "визы", ["ru-work"]),
        ("en", "renewal of residence permits", ["en-permit"]),
        ("en", "insured", ["en-insurance"]),
    ],
)
def test_index_finds_other_forms_of_the_words(
    search_index: index.Index, field: str, query: str, found: list[str]
) -> None:
    assert _found(search_index, field, query) == found


def test_folded_field_does_not_stem(search_index: index.Index) -> None:
    assert _found(search_index, "folded", "leidimo gyventi") == []


@pytest.mark.parametrize(
    ("field", "query"),
    [
        ("lt", "ir"),
        ("lt", "kur"),
        ("lt", "ka"),
        ("ru", "на"),
        ("ru", "как"),
        ("en", "the"),
        ("en", "which"),
        ("folded", "ir"),
        ("folded", "на"),
    ],
)
def test_a_stop_word_alone_finds_nothing(search_index: index.Index, field: str, query: str) -> None:
    assert _found(search_index, field, query) == []
