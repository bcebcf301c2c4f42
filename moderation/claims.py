"""Claims on queue items: a moderator takes an item so that others see it is being worked on."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import User
from moderation.errors import AlreadyDecided
from moderation.models import Claim


def claim(moderator: User, item_kind: str, item_id: int) -> Claim:
    """Take an item so that others see it is being worked on; tell who has it already."""
    existing = db.session.scalar(
        select(Claim).where(Claim.item_kind == item_kind, Claim.item_id == item_id)
    )
    if existing is not None:
        if existing.moderator_id != moderator.id:
            raise AlreadyDecided(existing.moderator)
        return existing
    taken = Claim(item_kind=item_kind, item_id=item_id, moderator_id=moderator.id)
    db.session.add(taken)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise AlreadyDecided from error
    return taken


def release(item_kind: str, item_id: int) -> None:
    """End the claim on an item that has been settled; the caller commits."""
    db.session.execute(
        Claim.__table__.delete().where(Claim.item_kind == item_kind, Claim.item_id == item_id)
    )


def release_claims_of(person: User) -> None:
    """Free the queue items someone claimed, when they leave the staff; the caller commits."""
    db.session.execute(Claim.__table__.delete().where(Claim.moderator_id == person.id))
