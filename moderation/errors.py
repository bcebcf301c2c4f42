"""What a moderation action raises when it cannot be carried out as asked."""

from __future__ import annotations

from app.models import User
from moderation import audit


class ModerationError(Exception):
    """An action that cannot be carried out as asked."""


class AlreadyDecided(ModerationError):
    """Someone else acted on the item first."""

    def __init__(self, by: User | None = None) -> None:
        super().__init__()
        self.by = by


class AlreadyFlagged(ModerationError):
    pass


class ReasonRequired(ModerationError):
    pass


def already_decided(kind: str, post_id: int) -> AlreadyDecided:
    """The error for an item decided already, naming who decided it last."""
    entry = audit.last_decision(kind, post_id)
    return AlreadyDecided(entry.actor if entry else None)
