"""Personal data in a text: personal codes, IBANs, e-mail addresses, document numbers, phones
and addresses. Pure code; the forum warns authors with it and moderation holds posts with it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import phonenumbers
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


class PersonalDataKind(StrEnum):
    """What sort of personal data a finding is."""

    # Listed in order of precedence when findings overlap: the more specific kind wins,
    # since an 11-digit personal code is also a plausible phone number and an IBAN
    # contains long runs of digits.
    PERSONAL_CODE = "personal_code"
    IBAN = "iban"
    EMAIL = "email"
    PASSPORT = "passport"
    RESIDENCE_PERMIT = "residence_permit"
    PHONE = "phone"
    ADDRESS = "address"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text, with its position."""

    kind: PersonalDataKind
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PersonalDataNotice:
    """What the form tells the author about one kind of personal data."""

    label: LazyString
    why: LazyString


PERSONAL_DATA_NOTICES: dict[PersonalDataKind, PersonalDataNotice] = {
    PersonalDataKind.PHONE: PersonalDataNotice(
        _l("a phone number"),
        _l(
            "Anyone can read posts on MIPAS, and a phone number lets strangers call you "
            "or find out who you are."
        ),
    ),
    PersonalDataKind.EMAIL: PersonalDataNotice(
        _l("an e-mail address"),
        _l(
            "Anyone can read posts on MIPAS, and an e-mail address published here "
            "attracts spam and scam messages and can identify you."
        ),
    ),
    PersonalDataKind.PERSONAL_CODE: PersonalDataNotice(
        _l("a Lithuanian personal code"),
        _l(
            "Your personal code shows your date of birth and is used to identify you "
            "at banks, doctors and state offices. Someone who knows it can pretend to be you."
        ),
    ),
    PersonalDataKind.PASSPORT: PersonalDataNotice(
        _l("a passport or identity card number"),
        _l(
            "A document number identifies you. Together with your name it can be used "
            "to pretend to be you or to open accounts in your name."
        ),
    ),
    PersonalDataKind.RESIDENCE_PERMIT: PersonalDataNotice(
        _l("a residence permit number"),
        _l(
            "Your residence permit number identifies you to the Migration Department and "
            "employers. Someone who knows it can pretend to be you. Experts can answer "
            "without it."
        ),
    ),
    PersonalDataKind.IBAN: PersonalDataNotice(
        _l("a bank account number (IBAN)"),
        _l(
            "Anyone can read posts on MIPAS. A published account number is often used in "
            "fake payment requests and scams. Nobody here needs it to answer your question."
        ),
    ),
    PersonalDataKind.ADDRESS: PersonalDataNotice(
        _l("a street address"),
        _l(
            "Anyone can read posts on MIPAS, and an address tells strangers where you "
            "live or work. The city is usually enough for an answer."
        ),
    ),
}


def _finding(kind: PersonalDataKind, match: re.Match[str]) -> Finding:
    return Finding(kind, match.group(), match.start(), match.end())


# --- personal code -----------------------------------------------------------------------

# Eleven digits, first 1-6; written as one run or in groups split by spaces, dots or dashes.
_PERSONAL_CODE = re.compile(r"(?<![\w+-])[1-6](?:[ .-]?\d){10}(?![\w-]|[.,]\d)")
# How people name the code before they write it, in Lithuanian, English and Russian.
_PERSONAL_CODE_NAME = re.compile(
    r"asmens\s+kod\w*|\ba\.\s?k\.|\bak\b|personal\s+(?:identification\s+)?(?:code|number)"
    r"|(?:national\s+)?id(?:entity|entification)?\s+(?:code|number)"
    r"|персональн\w*\s+код\w*|личн\w*\s+код\w*|идентификационн\w*\s+(?:код|номер)\w*",
    re.IGNORECASE,
)
_PERSONAL_CODE_NAME_WINDOW = 40
_CENTURY_BY_FIRST_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
_FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 1)
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)


def personal_code_check_digit(first_ten: str) -> int:
    """Return the check digit for the first ten digits of a Lithuanian personal code."""
    digits = [int(char) for char in first_ten]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return 0


def has_personal_code_shape(code: str) -> bool:
    """Tell whether 11 digits read as a personal code: sex and century 1-6, a real birth date.

    The check digit is not asked for: a code with a wrong one still gives away the birth date
    and sex of a real person, and people mistype the last digit as easily as any other.
    """
    if len(code) != 11 or not code.isdigit() or code[0] not in "123456":
        return False
    year = _CENTURY_BY_FIRST_DIGIT[int(code[0])] + int(code[1:3])
    try:
        date(year, int(code[3:5]), int(code[5:7]))
    except ValueError:
        return False
    return True


def is_valid_personal_code(code: str) -> bool:
    """Tell whether a string is a Lithuanian personal code: real birth date, right check digit."""
    return has_personal_code_shape(code) and personal_code_check_digit(code[:10]) == int(code[10])


def _named_as_personal_code(text: str, start: int) -> bool:
    """Whether "asmens kodas", "a.k.", "personal code", "личный код"... comes just before."""
    window = text[max(0, start - _PERSONAL_CODE_NAME_WINDOW) : start]
    return bool(_PERSONAL_CODE_NAME.search(_SENTENCE_BREAK.split(window)[-1]))


def _find_personal_codes(text: str) -> Iterator[Finding]:
    for match in _PERSONAL_CODE.finditer(text):
        written = match.group()
        digits = re.sub(r"\D", "", written)
        if not has_personal_code_shape(digits):
            continue
        # Eleven digits in one run are a code by their shape alone; split into groups they
        # could be a phone or a case number too, so only when they are named as a code.
        if written.isdigit() or _named_as_personal_code(text, match.start()):
            yield _finding(PersonalDataKind.PERSONAL_CODE, match)


# --- IBAN --------------------------------------------------------------------------------

# Country code, check digits, then the account written in groups of four or run together.
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\w])")


def is_valid_iban(iban: str) -> bool:
    """Tell whether a string, spaces allowed, is an IBAN with a valid mod-97 checksum."""
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _find_ibans(text: str) -> Iterator[Finding]:
    for match in _IBAN.finditer(text):
        candidate = match.group()
        # The pattern may swallow a following code or word in capitals; drop trailing
        # groups until the checksum holds or too little is left to be an IBAN.
        while len(candidate.replace(" ", "")) >= 15:
            if is_valid_iban(candidate):
                start = match.start()
                yield Finding(PersonalDataKind.IBAN, candidate, start, start + len(candidate))
                break
            candidate = candidate[: max(candidate.rfind(" "), len(candidate) - 4)].rstrip()


# --- e-mail ------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w])")


def _find_emails(text: str) -> Iterator[Finding]:
    for match in _EMAIL.finditer(text):
        yield _finding(PersonalDataKind.EMAIL, match)


# --- document numbers --------------------------------------------------------------------

# Identity-card words come before the plain "card" words so that "asmens tapatybės
# kortelė" counts as an identity document rather than a residence permit card.
_DOCUMENT_KEYWORD = re.compile(
    r"(?P<passport>passport|pas(?:as|o|ą|e|ui)\b|паспорт\w*|tapatyb\w*\s+kortel\w*"
    r"|id\s+kortel\w*|identity\s+card|id\s+card|удостоверени\w*\s+личности"
    r"|travel\s+document|kelionės\s+dokument\w*)"
    r"|(?P<permit>leidim\w*|permit|ВНЖ|вид\w*\s+на\s+жительств\w*|kortel\w*|card|карт\w*)"
    r"|(?P<generic>№|\bnr\.|\bno\.|\bnumber\b|\bnumeris\b|\bномер\w*)",
    re.IGNORECASE,
)
# Passports: one or two letters and 6-9 digits; Russian passports are written as series
# and number ("45 12 345678", "75 1234567"); residence permit cards carry 8 digits.
_DOCUMENT_NUMBER = re.compile(
    r"(?<![\w/.,:-])(?P<letters>[A-Z]{1,2} ?\d{6,9})(?![\w/-]|[.,:]\d)"
    r"|(?<![\w/.,:+-])(?P<digits>\d{2} ?\d{2} ?\d{6}|\d{2} \d{7}|\d{7,9})(?![\w/-]|[.,:]\d)"
)
_DOCUMENT_KEYWORD_WINDOW = 40
# A sentence ends after a word of three letters or more, so "Nr. AB..." does not end one.
_SENTENCE_BREAK = re.compile(r"\n|(?<=[^\W\d_]{3})[.!?]\s+(?=[A-ZА-ЯЁĄČĘĖĮŠŲŪŽ])")


def _document_kind(text: str, number_start: int, has_letters: bool) -> PersonalDataKind | None:
    """Return which document a number belongs to, judged by the closest keyword before it."""
    window_start = max(0, number_start - _DOCUMENT_KEYWORD_WINDOW)
    # Keywords in an earlier line or sentence do not describe this number.
    window = _SENTENCE_BREAK.split(text[window_start:number_start])[-1]
    closest: re.Match[str] | None = None
    for match in _DOCUMENT_KEYWORD.finditer(window):
        if match.lastgroup != "generic" or closest is None:
            closest = match
    if closest is None:
        return None
    if closest.lastgroup == "passport":
        return PersonalDataKind.PASSPORT
    if closest.lastgroup == "permit":
        return PersonalDataKind.RESIDENCE_PERMIT
    # "Nr." alone also precedes case and contract numbers, so trust it only for the
    # letters-and-digits shape that is typical of passports.
    return PersonalDataKind.PASSPORT if has_letters else None


def _find_document_numbers(text: str) -> Iterator[Finding]:
    for match in _DOCUMENT_NUMBER.finditer(text):
        kind = _document_kind(text, match.start(), has_letters=match.lastgroup == "letters")
        if kind is not None:
            yield _finding(kind, match)


# --- phone numbers -----------------------------------------------------------------------

# Amounts, percentages and years ("2026 m.", "2026 г.") are followed by a unit or currency.
_UNIT_AFTER = re.compile(r"\s*(?:€|eur|euro|евро|руб|usd|\$|%|proc|m\.|г\.|год)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:€|eur|\$|usd)\s*$", re.IGNORECASE)
_DATE_SHAPE = re.compile(r"\d{1,4}[-./ ]\d{1,2}[-./ ]\d{1,4}")
_NUMBER_WORD_BEFORE = re.compile(
    r"(?:\bstr\.|straipsn\w*|\barticle|\bart\.|стать\w*|\bст\.|\bLT-|\bpunkt\w*|\bdal\w*)\s*$",
    re.IGNORECASE,
)


def _is_other_number(text: str, start: int, end: int, raw: str) -> bool:
    """Tell whether a phone-shaped match is really an amount, date, law article or code."""
    if raw.startswith("+"):
        return False  # nobody writes an amount or a date with a leading plus
    return bool(
        _DATE_SHAPE.fullmatch(raw)
        or _UNIT_AFTER.match(text, end)
        or _CURRENCY_BEFORE.search(text[max(0, start - 5) : start])
        or _NUMBER_WORD_BEFORE.search(text[max(0, start - 20) : start])
    )


def _find_phones(text: str) -> Iterator[Finding]:
    # With "LT" as the default region, numbers in international form ("+7 ...",
    # "00 380 ...") are still parsed for their own country.
    for match in phonenumbers.PhoneNumberMatcher(text, "LT"):
        if not _is_other_number(text, match.start, match.end, match.raw_string):
            yield Finding(PersonalDataKind.PHONE, match.raw_string, match.start, match.end)


# --- street addresses --------------------------------------------------------------------

_LT_UPPER = "A-ZĄČĘĖĮŠŲŪŽ"
_LT_LOWER = "a-ząčęėįšųūž"
# A house number may carry a letter and a flat ("12A", "12-5"), but is not a decimal or percent.
_HOUSE = r"\d{1,3}[A-Za-zА-Яа-я]?(?:\s?[-–/]\s?\d{1,4}[A-Za-z]?)?(?![\d%]|[.,:]\d)"
# Two-word street names start with a genitive or definite adjective ("Vytauto Didžiojo",
# "Naujoji Riovonių"); this keeps a capitalised first word of a sentence out of the match.
_LT_FIRST_OF_TWO = rf"[{_LT_UPPER}][{_LT_LOWER}]*(?:o|ės|ų|io|os|aus|ies|oji|ys)\s"
_ADDRESS_PATTERNS = (
    # Lithuanian: "Gedimino pr. 9", "J. Basanavičiaus g. 5", "Žalgirio gatvėje 88".
    re.compile(
        rf"(?:\b[{_LT_UPPER}]\.\s?|\b{_LT_FIRST_OF_TWO})?\b[{_LT_UPPER}][{_LT_LOWER}]+"
        r"\s(?:g\.|gatv(?:ė|ėje|ės|\.)|pr\.|prospekt(?:as|e|o)|al\.|alėj(?:a|oje)|pl\."
        r"|plent(?:as|e)|skg\.|skersgatv(?:is|yje)|a\.|aikšt(?:ė|ėje)|kel\.|tak\.)"
        rf"\s?(?:nr\.\s?)?{_HOUSE}"
    ),
    # English with the number first: "12 Baker Street", "221B Baker St."
    re.compile(
        r"\b\d{1,4}[A-Za-z]?,?\s(?:[A-Z][\w'-]+\s){1,3}"
        r"(?:(?:Street|Road|Avenue|Lane|Boulevard|Drive|Square)\b|(?:St|Rd|Ave|Blvd)\.)"
    ),
    # English written the Lithuanian way: "Gedimino Avenue 9", "Vilniaus street 12-5".
    re.compile(
        rf"\b(?:[{_LT_UPPER}][\w'-]+\s){{1,2}}(?:[Ss]treet|[Aa]venue|[Rr]oad|St\.|Ave\.)"
        rf",?\s?(?:[Nn]o\.?\s?)?{_HOUSE}"
    ),
    # Russian: "ул. Гедимино 9", "улица Вильняус, д. 12", "проспект Гедимино, 9".
    re.compile(
        r"(?<!\w)(?i:ул(?:\.|ица|ице|ицу|ицы)|пр(?:\.|-т|оспект|оспекте)|пер(?:\.|еулок|еулке)"
        r"|бул(?:\.|ьвар|ьваре)|ш(?:\.|оссе)|пл(?:\.|ощадь|ощади))"
        rf"\s?(?:[А-ЯЁ{_LT_UPPER}][\w-]+\s?){{1,3}},?\s?(?:(?:д\.|дом)\s?)?{_HOUSE}"
    ),
)


def _find_addresses(text: str) -> Iterator[Finding]:
    for pattern in _ADDRESS_PATTERNS:
        for match in pattern.finditer(text):
            yield _finding(PersonalDataKind.ADDRESS, match)


# --- putting it together -----------------------------------------------------------------

_FINDERS = (
    _find_personal_codes,
    _find_ibans,
    _find_emails,
    _find_document_numbers,
    _find_phones,
    _find_addresses,
)


def find_personal_data(text: str) -> list[Finding]:
    """Return the personal data in a text, overlaps merged, in order of position."""
    candidates = [finding for finder in _FINDERS for finding in finder(text)]
    # The enum lists kinds in order of precedence; among equals the longer match wins.
    precedence = list(PersonalDataKind)
    candidates.sort(key=lambda f: (precedence.index(f.kind), f.start - f.end))
    kept: list[Finding] = []
    for candidate in candidates:
        if all(candidate.end <= other.start or other.end <= candidate.start for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: f.start)
