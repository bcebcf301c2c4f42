"""Moderation's share of a member's data: flags they raised, expert applications, the log.

The audit log is append-only and stays so: it is the record of what staff did and why, and
its entries keep pointing at the account, which after a deletion names nobody. The deletion
itself is logged with what was chosen and how much went, never with a name or an address.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from app.auth.personal_data import AccountDeletion, PersonalDataPart
from app.extensions import db
from app.models import User
from forum.signals import posts_removing
from moderation import audit
from moderation.claims import release_claims_of
from moderation.models import Claim, ExpertApplication, Flag


def export_member_data(user: User) -> dict[str, Any]:
    """Flags the member raised and their applications to answer as an expert."""
    flags = db.session.scalars(select(Flag).where(Flag.user_id == user.id).order_by(Flag.id))
    applications = db.session.scalars(
        select(ExpertApplication)
        .where(ExpertApplication.user_id == user.id)
        .order_by(ExpertApplication.id)
    )
    return {
        "flags_raised": [
            {
                "post_kind": flag.post_kind,
                "post_id": flag.post_id,
                "reason": flag.reason,
                "note": flag.note,
                "created_at": flag.created_at,
                "resolved_at": flag.resolved_at,
            }
            for flag in flags
        ],
        "expert_applications": [
            {
                "organisation": application.organisation_name,
                "topics": sorted(application.topic_slugs),
                "languages": sorted(application.language_codes),
                "statement": application.statement,
                "proof_url": application.proof_url,
                "status": application.status,
                "decision_reason": application.decision_reason,
                "created_at": application.created_at,
                "decided_at": application.decided_at,
            }
            for application in applications
        ],
    }


def delete_member_data(deletion: AccountDeletion) -> None:
    """Delete applications and claims, anonymise flags, and log the deletion without names."""
    user = deletion.user
    db.session.execute(delete(ExpertApplication).where(ExpertApplication.user_id == user.id))
    release_claims_of(user)
    if deletion.remove_posts:
        # the flags still count for the posts they are about; only the words go with the rest
        db.session.execute(update(Flag).where(Flag.user_id == user.id).values(note=""))
    audit.record(
        user,
        "delete_account",
        "member",
        user.id,
        after={"posts": "removed" if deletion.remove_posts else "kept", **deletion.counts},
    )


@posts_removing.connect
def forget_removed_posts(
    sender, questions: set[int], answers: set[int], comments: set[int]
) -> None:
    """Flags on posts that no longer exist, and claims on them, go with the posts."""
    for kind, ids in (("question", questions), ("answer", answers), ("comment", comments)):
        db.session.execute(delete(Flag).where(Flag.post_kind == kind, Flag.post_id.in_(ids)))
        db.session.execute(delete(Claim).where(Claim.item_kind == kind, Claim.item_id.in_(ids)))
    # a knowledge-base proposal is claimed as ("proposal", accepted answer id)
    db.session.execute(
        delete(Claim).where(Claim.item_kind == "proposal", Claim.item_id.in_(answers))
    )


PART = PersonalDataPart(name="moderation", export=export_member_data, delete=delete_member_data)
