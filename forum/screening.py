"""Warn authors about personal data in what they are about to post, before anything is saved."""

from __future__ import annotations

from dataclasses import dataclass

from app.screening import PERSONAL_DATA_NOTICES, PersonalDataNotice, find_personal_data


@dataclass(frozen=True)
class PersonalDataWarning:
    """One kind of personal data found, what was found, and why it matters."""

    notice: PersonalDataNotice
    found: tuple[str, ...]


def personal_data_warnings(form, text: str) -> list[PersonalDataWarning]:
    """What to warn about, unless the author has already chosen to post anyway."""
    if form.post_anyway.data:
        return []
    found: dict = {}
    for finding in find_personal_data(text):
        found.setdefault(finding.kind, []).append(finding.text)
    return [
        PersonalDataWarning(PERSONAL_DATA_NOTICES[kind], tuple(dict.fromkeys(texts)))
        for kind, texts in found.items()
    ]
