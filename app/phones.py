"""Phone numbers of help contacts: checked and stored with phonenumbers, shown and dialled."""

from __future__ import annotations

import phonenumbers
from phonenumbers import shortnumberinfo

# Numbers without a country code are read as Lithuanian ones ("8 800 66366", "112").
REGION = "LT"


def normalise_phone(text: str) -> str | None:
    """The number as stored: E.164 ("+37061691119"), or the digits of a short number ("112").

    None when it is neither a valid number nor a valid short number of Lithuania.
    """
    digits = "".join(char for char in text if char.isdigit())
    short = not text.strip().startswith("+") and digits and len(digits) <= 6
    try:
        number = phonenumbers.parse(digits if short else text, REGION)
    except phonenumbers.NumberParseException:
        return None
    if short:
        return digits if shortnumberinfo.is_valid_short_number_for_region(number, REGION) else None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def shown_phone(stored: str) -> str:
    """How a stored number is written for people: "+370 616 91119", "116 111", "112"."""
    if not stored.startswith("+"):
        return f"{stored[:3]} {stored[3:]}" if len(stored) == 6 else stored
    number = phonenumbers.parse(stored, REGION)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def dial_link(stored: str) -> str:
    """A tel: link that phones dial as it is."""
    return f"tel:{stored}"
