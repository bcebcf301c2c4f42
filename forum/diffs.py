"""A post's edit history as readable word-by-word differences."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

from app.models import User

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class HistoryStep:
    """One edit: who made it, when, why, and what changed."""

    editor: User
    edited_at: datetime
    reason: str
    title_diff: Markup | None
    body_diff: Markup


def word_diff(old: str, new: str) -> Markup:
    """Mark removed words with <del> and added ones with <ins>, escaping everything else."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(str(escape("".join(before[a1:a2]))))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return Markup("".join(parts))  # noqa: S704 - every piece was escaped above


def history_steps(post, revisions) -> list[HistoryStep]:
    """Pair each revision (newest first) with the text that replaced it."""
    steps = []
    newer_title = getattr(post, "title", "")
    newer_body = post.body
    for revision in revisions:
        title_diff = None
        if revision.old_title and revision.old_title != newer_title:
            title_diff = word_diff(revision.old_title, newer_title)
        steps.append(
            HistoryStep(
                editor=revision.editor,
                edited_at=revision.created_at,
                reason=revision.reason,
                title_diff=title_diff,
                body_diff=word_diff(revision.old_body, newer_body),
            )
        )
        newer_title = revision.old_title or newer_title
        newer_body = revision.old_body
    return steps
