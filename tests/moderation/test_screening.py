"""Tests for screening posts for personal data and spam signals."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from app.screening import (
    PERSONAL_DATA_NOTICES,
    Finding,
    PersonalDataKind,
    find_personal_data,
    is_valid_iban,
    is_valid_personal_code,
    personal_code_check_digit,
)
from moderation.screening import SpamSignal, SpamSignalKind, find_spam_signals

PHONE = PersonalDataKind.PHONE
EMAIL = PersonalDataKind.EMAIL
CODE = PersonalDataKind.PERSONAL_CODE
PASSPORT = PersonalDataKind.PASSPORT
PERMIT = PersonalDataKind.RESIDENCE_PERMIT
IBAN = PersonalDataKind.IBAN
ADDRESS = PersonalDataKind.ADDRESS

# Personal codes whose check digits were worked out by hand with the official weights.
# 38703181745: first pass 192 % 11 = 5.
# 33309240064: first pass gives 10, second pass 169 % 11 = 4.
# 38504150150: both passes give 10 (109 and 164), so the check digit is 0.
VALID_CODES = ["38703181745", "33309240064", "38504150150", "48901230019", "39002281237"]


class Post(NamedTuple):
    """A forum post and the personal data screening must find in it, in order."""

    name: str
    text: str
    expected: tuple[tuple[PersonalDataKind, str], ...] = ()


CLEAN_POSTS = [
    Post(
        "lt-permit-renewal",
        "Sveiki, 2024 m. gavau leidimą laikinai gyventi Lietuvoje, jis galioja iki 2026-03-15. "
        "Ar prašymą pakeisti reikia pateikti per 4 mėnesius iki galiojimo pabaigos? "
        "Valstybės rinkliava buvo 120 eurų.",
    ),
    Post(
        "lt-law-article",
        "Pagal Užsieniečių teisinės padėties įstatymo 40 straipsnio 1 dalies 3 punktą leidimas "
        "išduodamas, jei darbo užmokestis ne mažesnis nei 1 038 eurų. Ar 2026 m. suma keisis?",
    ),
    Post(
        "lt-salary-taxes",
        "Dirbu statybose nuo 15.03.2026, alga 2 500 EUR neatskaičius mokesčių. Darbdavys sako, "
        "kad PSD įmoka yra 6,98 %, o GPM 20 %. Ar teisingai skaičiuoja už 168 val.?",
    ),
    Post(
        "lt-office-hours",
        "Migracijos departamentas Vilniuje (LT-01103) priima 9:30-15:30, 2 aukštas, "
        "214 kabinetas. Ar reikia registruotis iš anksto per MIGRIS?",
    ),
    Post(
        "lt-family-housing",
        "Šeimos susijungimas: žmona atvyks su 2 vaikais (6 ir 11 metų). Ar reikia būsto bent "
        "14 kv. m vienam asmeniui? Nuoma kainuoja € 650 per mėnesį, sutartis 12 mėnesių.",
    ),
    Post(
        "lt-case-waiting",
        "Mano bylos numeris MIGRIS sistemoje 2026/145678, sprendimo laukiu jau 3 mėnesius. "
        "Terminas buvo 4 mėnesiai nuo 2025-11-20. Į kokį skyrių kreiptis Kaune?",
    ),
    Post(
        "lt-visa-courses",
        "Ar su nacionaline viza D galima dirbti? Viza galioja 365 dienas, išduota 2025 12 01. "
        "Lietuvių kalbos kursai kainuoja 180 Eur už 60 akademinių valandų.",
    ),
    Post(
        "lt-minimum-wage",
        "Minimali mėnesinė alga 2026 metais – 1 153 eurų, valandinis atlygis 7,05 Eur. Dirbu "
        "40 valandų per savaitę, 1,5 etato. Pažyma iš Sodros Nr. 2026-0412, ar jos užteks?",
    ),
    Post(
        "en-permit-expiry",
        "I arrived in Lithuania in 2024 on a national visa (D). My temporary residence permit "
        "expires on 15.03.2026. Do I apply 2 months before, or are 30 days enough?",
    ),
    Post(
        "en-article-reunification",
        "Under Article 40(1) of the Law on the Legal Status of Aliens, family reunification "
        "needs 2 years of residence. My wife and our 3 children want to come in 2026.",
    ),
    Post(
        "en-net-pay",
        "My employer pays € 924 net per month for 40 hours a week, while the minimum wage in "
        "2026 is 1 153 EUR gross. Contract signed 2025-09-01, probation 3 months. Legal?",
    ),
    Post(
        "en-office-room",
        "The Migration Department in Vilnius, LT-01103, is open 9:30-15:30 Monday to Thursday, "
        "room 107 on the 1st floor. Do they accept people without an appointment?",
    ),
    Post(
        "en-health-insurance",
        "Compulsory health insurance for a self-employed person is 6.98% of 1 153 EUR, about "
        "80.48 EUR a month. I paid for 90 days in advance. Do I get money back after 45 days?",
    ),
    Post(
        "en-case-number",
        "I have been waiting 120 days for a decision on case 2025-04471. The law says 4 months. "
        "Invoice no. 20260315 from the translation agency was 45 EUR per page. Who do I ask?",
    ),
    Post(
        "en-flat-size",
        "We rent a 2-room flat of 54 m² on the 5th floor for 650 EUR a month plus 120 EUR for "
        "utilities. Is 54 square metres enough to declare 4 people at this address?",
    ),
    Post(
        "en-blue-card",
        "Blue Card: the salary threshold is about 3 057 EUR in 2026 and I earn 3 200 EUR. "
        "My bank card was blocked for 14 days. Processing takes 30 days, fast track 15.",
    ),
    Post(
        "ru-permit-fee",
        "Здравствуйте! Получил ВНЖ в 2024 году, срок действия до 15 марта 2026 г. Сколько "
        "стоит продление? Говорят, 120 евро, а ускоренно — 240 евро.",
    ),
    Post(
        "ru-law-article",
        "По статье 43 Закона о правовом положении иностранцев воссоединение семьи возможно "
        "через 2 года. Статья 40, часть 1, пункт 3 — это про работу? Подскажите.",
    ),
    Post(
        "ru-driver-salary",
        "Работаю водителем, зарплата 2 500 EUR, из них 1 038 евро официально. Налог 20 %, "
        "взносы 19,5 %. Это законно в 2026 году?",
    ),
    Post(
        "ru-office-window",
        "Миграционный департамент, индекс LT-01103, работает с 9:30 до 15:30, окно 12, "
        "3 этаж. Очередь нужно занимать с 8:00?",
    ),
    Post(
        "ru-insurance-payment",
        "Медицинская страховка: я плачу 80,48 € в месяц. Если не платить 3 месяца, страховка "
        "прекращается? Дата последнего платежа 2026-01-10.",
    ),
    Post(
        "ru-application-number",
        "Подал документы 10.02.2026, номер заявления 2026-123456 в MIGRIS. Прошло 90 дней, "
        "ответа нет. Срок рассмотрения ведь 4 месяца?",
    ),
    Post(
        "ru-flat-declaration",
        "Снимаем квартиру 45 кв. м за 550 евро в месяц, 2 комнаты, 4 этаж. Хватит ли площади, "
        "чтобы задекларировать жену и 2 детей в Вильнюсе на улице рядом с вокзалом?",
    ),
    Post(
        "ru-language-exam",
        "Курсы литовского языка А2: 120 часов, стоимость 300 евро, экзамен 15 апреля 2026 г. "
        "в 10:00. Это нужно для постоянного вида на жительство через 5 лет?",
    ),
]

POSTS_WITH_PERSONAL_DATA = [
    Post(
        "lt-phone-job",
        "Ieškau darbo sandėlyje Kaune, turiu leidimą gyventi iki 2027 m. Skambinkite "
        "+370 612 34567 arba 8 612 34567 po 18:00.",
        ((PHONE, "+370 612 34567"), (PHONE, "8 612 34567")),
    ),
    Post(
        "lt-email-translation",
        "Gal kas galėtų padėti išversti gimimo liudijimą iš ukrainiečių kalbos? Rašykite "
        "jonas.petraitis@gmail.com, sumokėsiu 30 eurų.",
        ((EMAIL, "jonas.petraitis@gmail.com"),),
    ),
    Post(
        "lt-personal-code",
        "Sodra neranda mano įmokų už 2025 m. Mano asmens kodas 38703181745, dirbu nuo "
        "2024-05-02. Ką daryti?",
        ((CODE, "38703181745"),),
    ),
    Post(
        "lt-personal-code-wrong-check-digit",
        "Mano asmens kodas 38501010000, bet banke sako, kad jis neteisingas. Ar galiu atidaryti "
        "sąskaitą su leidimu gyventi?",
        ((CODE, "38501010000"),),
    ),
    Post(
        "lt-personal-code-spaced",
        "Deklaruojant gyvenamąją vietą paprašė a.k. 385 01010 002, o aš turiu tik leidimą "
        "gyventi. Ką rašyti?",
        ((CODE, "385 01010 002"),),
    ),
    Post(
        "lt-personal-code-dashes",
        "Sveiki, AK: 490-0101-0000. Ar su juo galiu užsiregistruoti pas šeimos gydytoją?",
        ((CODE, "490-0101-0000"),),
    ),
    Post(
        "lt-passport",
        "Mano paso nr. FE123456 galioja iki 2029 m. Ar galiu su juo teikti prašymą dėl "
        "leidimo gyventi, ar reikia naujo?",
        ((PASSPORT, "FE123456"),),
    ),
    Post(
        "lt-residence-permit",
        "Leidimo gyventi nr. 12345678, išduotas 2025-06-01. Ar reikia jį keisti, jei "
        "pasikeitė darbdavys?",
        ((PERMIT, "12345678"),),
    ),
    Post(
        "lt-iban",
        "Darbdavys jau 2 mėnesius nesumoka algos į mano sąskaitą LT12 1000 0111 0100 1000. "
        "Kur kreiptis – į VDI ar teismą?",
        ((IBAN, "LT12 1000 0111 0100 1000"),),
    ),
    Post(
        "lt-address-declared",
        "Deklaravau gyvenamąją vietą Vilniaus g. 12-5, Vilniuje, bet savininkas nori mane "
        "išregistruoti. Ar gali tai padaryti be mano sutikimo?",
        ((ADDRESS, "Vilniaus g. 12-5"),),
    ),
    Post(
        "lt-address-street-word",
        "Gyvenu Žalgirio gatvėje 88, o dirbu J. Basanavičiaus g. 5. Ar galiu pakeisti "
        "deklaruotą vietą internetu?",
        ((ADDRESS, "Žalgirio gatvėje 88"), (ADDRESS, "J. Basanavičiaus g. 5")),
    ),
    Post(
        "lt-introduction-everything",
        "Sveiki, esu Olena, asmens kodas 49506072349, tel. 8 612 34567, gyvenu Gedimino pr. 9, "
        "Kaune. Kaip gauti leidimą nuolat gyventi?",
        ((CODE, "49506072349"), (PHONE, "8 612 34567"), (ADDRESS, "Gedimino pr. 9")),
    ),
    Post(
        "en-phone-flatmate",
        "Looking for a flatmate in Vilnius, 300 EUR a month, from 1 June 2026. Call or "
        "WhatsApp me at +380 67 123 4567.",
        ((PHONE, "+380 67 123 4567"),),
    ),
    Post(
        "en-email-help",
        "I can help with translating documents from Ukrainian for the Migration Department, "
        "write to olena.k@example.com.",
        ((EMAIL, "olena.k@example.com"),),
    ),
    Post(
        "en-personal-code",
        "The clinic says my health insurance is not valid. My personal code is 48901230019 "
        "and I paid in 2025. Who checks this?",
        ((CODE, "48901230019"),),
    ),
    Post(
        "en-personal-code-dots",
        "The bank wants my personal code, 490.0101.0000, again although I gave it last year. "
        "Is that normal?",
        ((CODE, "490.0101.0000"),),
    ),
    Post(
        "en-personal-code-wrong-check-digit",
        "Sodra cannot find my payments. ID code 48901230010 was given to me in 2025.",
        ((CODE, "48901230010"),),
    ),
    Post(
        "en-passport",
        "My passport number is AB1234567 and it expires in 2027. Can I renew it at the "
        "embassy in Vilnius without losing my permit?",
        ((PASSPORT, "AB1234567"),),
    ),
    Post(
        "en-residence-permit",
        "My residence permit no. 87654321 was issued in 2025, but the card has a typo in my "
        "surname. Do I pay the 120 EUR fee again?",
        ((PERMIT, "87654321"),),
    ),
    Post(
        "en-iban-scam",
        "An agency asked me to pay the 120 EUR fee to LT60 1010 0123 4567 8901. Is this a scam?",
        ((IBAN, "LT60 1010 0123 4567 8901"),),
    ),
    Post(
        "en-address-registered",
        "My employer registered me at Gedimino Avenue 9, but I actually live in Kaunas. "
        "Is that allowed for 2026?",
        ((ADDRESS, "Gedimino Avenue 9"),),
    ),
    Post(
        "en-uk-address-and-iban",
        "My previous address was 12 Baker Street, London, and my UK account is "
        "GB82 WEST 1234 5698 7654 32. Do I need to translate the statement?",
        ((ADDRESS, "12 Baker Street"), (IBAN, "GB82 WEST 1234 5698 7654 32")),
    ),
    Post(
        "ru-phones",
        "Ищу работу водителем категории C, опыт 10 лет. Звоните: +7 916 123-45-67 или "
        "+370 612 34567.",
        ((PHONE, "+7 916 123-45-67"), (PHONE, "+370 612 34567")),
    ),
    Post(
        "ru-email",
        "Пишите на почту ivan.petrov@mail.ru, помогу с переводом документов на литовский.",
        ((EMAIL, "ivan.petrov@mail.ru"),),
    ),
    Post(
        "ru-personal-code",
        "Мой персональный код 39002281237, а в больнице говорят, что страховки нет с 2025 года.",
        ((CODE, "39002281237"),),
    ),
    Post(
        "ru-personal-code-spaced",
        "Мой личный код 5 050101 0001, мне его дали в 2024 году. Почему налоговая его не видит?",
        ((CODE, "5 050101 0001"),),
    ),
    Post(
        "ru-personal-code-wrong-check-digit",
        "Персональный код 39002281238 не принимает MIGRIS. Может, ошибка в коде?",
        ((CODE, "39002281238"),),
    ),
    Post(
        "ru-passports",
        "Мой паспорт 45 12 345678 уже недействителен, а загранпаспорт 75 1234567 истекает в "
        "2026 году. Что делать?",
        ((PASSPORT, "45 12 345678"), (PASSPORT, "75 1234567")),
    ),
    Post(
        "ru-residence-permit",
        "Номер ВНЖ 23456789, выдан в 2024 году. А у жены вид на жительство № 34567890. "
        "Можно ли с ними ездить в Польшу?",
        ((PERMIT, "23456789"), (PERMIT, "34567890")),
    ),
    Post(
        "ru-iban",
        "Перевёл 500 евро на счёт DE89 3704 0044 0532 0130 00, а работодатель говорит, что не "
        "получил. Куда жаловаться?",
        ((IBAN, "DE89 3704 0044 0532 0130 00"),),
    ),
    Post(
        "ru-addresses",
        "Живу по адресу ул. Гедимино 9, кв. 4, а задекларирован на улица Вильняус, д. 12. "
        "Это проблема?",
        ((ADDRESS, "ул. Гедимино 9"), (ADDRESS, "улица Вильняус, д. 12")),
    ),
]


def _kinds_and_texts(findings: list[Finding]) -> list[tuple[PersonalDataKind, str]]:
    return [(finding.kind, finding.text) for finding in findings]


@pytest.mark.parametrize("post", CLEAN_POSTS, ids=lambda post: post.name)
def test_clean_post_has_no_findings(post: Post) -> None:
    assert find_personal_data(post.text) == []


@pytest.mark.parametrize("post", POSTS_WITH_PERSONAL_DATA, ids=lambda post: post.name)
def test_post_with_personal_data_is_found(post: Post) -> None:
    findings = find_personal_data(post.text)
    assert _kinds_and_texts(findings) == list(post.expected)
    for finding in findings:
        assert post.text[finding.start : finding.end] == finding.text


def test_corpus_covers_every_kind_in_every_language() -> None:
    covered = {
        (post.name.split("-")[0], kind)
        for post in POSTS_WITH_PERSONAL_DATA
        for kind, _ in post.expected
    }
    assert covered == {(lang, kind) for lang in ("lt", "en", "ru") for kind in PersonalDataKind}
    for lang in ("lt", "en", "ru"):
        assert sum(post.name.startswith(lang) for post in CLEAN_POSTS) >= 7


def test_personal_code_is_not_also_a_phone() -> None:
    assert _kinds_and_texts(find_personal_data("kodas 61011204562")) == [(CODE, "61011204562")]


def test_findings_are_in_order_of_position() -> None:
    text = "ул. Гедимино 9, +370 612 34567, ivan@mail.ru, LT12 1000 0111 0100 1000"
    starts = [finding.start for finding in find_personal_data(text)]
    assert len(starts) == 4
    assert starts == sorted(starts)


@pytest.mark.parametrize("code", VALID_CODES)
def test_valid_personal_code(code: str) -> None:
    assert personal_code_check_digit(code[:10]) == int(code[10])
    assert is_valid_personal_code(code)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("38703181746", "wrong check digit"),
        ("33309240065", "wrong check digit after the second pass"),
        ("38504150151", "check digit should be 0"),
        ("78703181745", "first digit above 6"),
        ("38713181745", "month 13"),
        ("39002301234", "30 February"),
        ("3870318174", "ten digits"),
        ("3870318174a", "not all digits"),
    ],
)
def test_invalid_personal_code(code: str, reason: str) -> None:
    assert not is_valid_personal_code(code), reason


def test_a_wrong_check_digit_still_gives_away_the_birth_date() -> None:
    # the bug: "asmens kodas 38501010000" was not warned about, because its checksum is wrong
    found = find_personal_data("asmens kodas 38703181746")
    assert _kinds_and_texts(found) == [(CODE, "38703181746")]


@pytest.mark.parametrize(
    "text",
    [
        "Bylos numeris 385 01010 002, sprendimo dar nėra.",  # grouped, but not named a code
        "Sąskaita Nr. 38513011234 apmokėta.",  # month 13: no birth date
        "Užsakymo kodas 78703181745.",  # first digit 7
        "Asmens kodas 3850101000.",  # ten digits
    ],
)
def test_numbers_that_are_not_personal_codes(text: str) -> None:
    assert CODE not in {finding.kind for finding in find_personal_data(text)}


@pytest.mark.parametrize(
    "iban",
    [
        "LT12 1000 0111 0100 1000",
        "LT121000011101001000",
        "lt12 1000 0111 0100 1000",
        "PL61 1090 1014 0000 0712 1981 2874",
        "UA21 3223 1300 0002 6007 2335 6600 1",
    ],
)
def test_valid_iban(iban: str) -> None:
    assert is_valid_iban(iban)


@pytest.mark.parametrize(
    "iban", ["LT12 1000 0111 0100 1001", "LT21 1000 0111 0100 1000", "LT12 1000", "LT12-1000"]
)
def test_invalid_iban(iban: str) -> None:
    assert not is_valid_iban(iban)


def test_iban_followed_by_capitals_is_found_without_them() -> None:
    findings = find_personal_data("Sąskaita LT121000011101001000 PVM sąskaitai")
    assert _kinds_and_texts(findings) == [(IBAN, "LT121000011101001000")]


@pytest.mark.parametrize(
    "text",
    [
        "Nr. 12345678 sprendimas",  # "Nr." alone may be any case or contract number
        "Order code AB1234567 for the kit",  # no keyword that makes it a document
        "Mano pasas galioja. Bylos numeris 12345678.",  # keyword in an earlier sentence
    ],
)
def test_document_shapes_without_document_keyword_are_not_flagged(text: str) -> None:
    assert find_personal_data(text) == []


def test_city_alone_is_not_an_address() -> None:
    assert find_personal_data("Gyvenu Vilniuje, o dirbu Kaune. Живу в Вильнюсе.") == []


def test_every_kind_has_a_label_and_a_reason() -> None:
    assert set(PERSONAL_DATA_NOTICES) == set(PersonalDataKind)
    for notice in PERSONAL_DATA_NOTICES.values():
        assert str(notice.label)
        assert str(notice.why).endswith(".")


def _spam(
    text: str,
    *,
    new: bool = False,
    blocklist: tuple[str, ...] = (),
    recent: tuple[str, ...] = (),
) -> list[SpamSignal]:
    return find_spam_signals(
        text, author_is_new=new, blocklist=blocklist, recent_texts_by_author=recent
    )


def test_link_from_new_member() -> None:
    signals = _spam("Work visa fast: https://example.com/visa and www.example.org", new=True)
    assert signals == [
        SpamSignal(SpamSignalKind.LINK_FROM_NEW_MEMBER, "https://example.com/visa"),
        SpamSignal(SpamSignalKind.LINK_FROM_NEW_MEMBER, "www.example.org"),
    ]


def test_link_from_established_member_is_not_a_signal() -> None:
    assert _spam("See https://migracija.lrv.lt for the form.", new=False) == []


def test_new_member_without_link_is_not_a_signal() -> None:
    assert _spam("Kiek kainuoja leidimas? 120 eurų?", new=True) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Greitas LEIDIMAS GYVENTI be eilės!", "leidimas gyventi be eilės"),
        ("Greitas leidimas gyventi be eiles", "leidimas gyventi be eilės"),  # no diacritics
        ("Greitas leidimas  gyventi\nbe eilės", "leidimas gyventi be eilės"),
        ("Купить ВНЖ недорого", "купить внж"),
        ("Cheap Casino bonus", "casino"),
    ],
)
def test_blocklisted_phrase(text: str, phrase: str) -> None:
    assert _spam(text, blocklist=(phrase, "unrelated")) == [
        SpamSignal(SpamSignalKind.BLOCKLISTED, phrase)
    ]


def test_blocklist_matches_whole_words_only() -> None:
    assert _spam("I study casinology and casinos", blocklist=("casino",)) == []


def test_blank_blocklist_entry_is_ignored() -> None:
    assert _spam("Any text", blocklist=("", "   ")) == []


def test_repeated_text_ignores_whitespace_and_case() -> None:
    earlier = "Kur   gauti darbo leidimą?\nPadėkite!"
    signals = _spam("kur gauti darbo leidimą? padėkite!", recent=("Other question", earlier))
    assert signals == [SpamSignal(SpamSignalKind.REPEATED_TEXT, earlier)]


def test_near_duplicate_is_repeated_text() -> None:
    earlier = "Selling work permits and residence cards in Lithuania, fast and cheap, call now"
    assert _spam(earlier.replace("cheap", "cheep") + "!", recent=(earlier,)) == [
        SpamSignal(SpamSignalKind.REPEATED_TEXT, earlier)
    ]


def test_different_text_is_not_repeated() -> None:
    recent = ("How long does family reunification take?",)
    assert _spam("Where do I get health insurance as a student?", recent=recent) == []


def test_signals_combine() -> None:
    text = "Buy permit at www.example.com"
    signals = _spam(text, new=True, blocklist=("buy permit",), recent=(text,))
    assert [signal.kind for signal in signals] == [
        SpamSignalKind.LINK_FROM_NEW_MEMBER,
        SpamSignalKind.BLOCKLISTED,
        SpamSignalKind.REPEATED_TEXT,
    ]
