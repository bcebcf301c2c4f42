"""Publication's share of a member's data: the public versions of their consultations and
their decisions about them.

A deleted account's public versions stay, as anonymous as they always were, unless the member
asks for their posts to go: then the public questions go with their answers, and the versions
and decisions with them. A version still waiting for a decision is declined: silence, and
leaving, publish nothing.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import delete, select

from app.auth.personal_data import AccountDeletion, PersonalDataPart
from app.extensions import db
from app.models import User, utcnow
from forum.models import Answer, Comment, Question
from forum.personal_data import Removal, remove_posts
from forum.publication.models import ConsentRecord, PublicVersion, VersionState


def _versions_of(user: User) -> list[PublicVersion]:
    return list(
        db.session.scalars(
            select(PublicVersion)
            .join(Question, Question.id == PublicVersion.private_question_id)
            .where(Question.author_id == user.id)
            .order_by(PublicVersion.id)
        )
    )


def export_member_data(user: User) -> dict[str, Any]:
    """The public versions written from the member's consultations, and their decisions."""
    return {
        "public_versions": [_version(v) for v in _versions_of(user)],
        "consent_records": [
            {
                "public_version_id": record.public_version_id,
                "decision": record.decision,
                "revision": record.revision,
                "text_sha256": record.text_digest,
                "decided_at": record.created_at,
            }
            for record in db.session.scalars(
                select(ConsentRecord)
                .where(ConsentRecord.user_id == user.id)
                .order_by(ConsentRecord.id)
            )
        ],
    }


def _version(version: PublicVersion) -> dict[str, Any]:
    public = version.public_question
    return {
        "id": version.id,
        "consultation_id": version.private_question_id,
        "public_question_id": version.public_question_id,
        "public_link": url_for(
            "forum.thread", question_id=public.id, slug=public.slug, _external=True
        )
        if public is not None
        else None,
        "title": version.title,
        "question_markdown": version.body,
        "answer_markdown": version.answer_body,
        "state": version.state,
        "revision": version.revision,
        "asked_at": version.asked_at,
        "decided_at": version.decided_at,
    }


def delete_member_data(deletion: AccountDeletion) -> None:
    """Decline what waits; with "remove my posts", remove the public versions altogether."""
    versions = _versions_of(deletion.user)
    for version in versions:
        if version.is_awaiting:
            version.state, version.decided_at = VersionState.DECLINED.value, utcnow()
    if not deletion.remove_posts or not versions:
        db.session.flush()
        return
    public = {v.public_question_id for v in versions if v.public_question_id is not None}
    answers = set(db.session.scalars(select(Answer.id).where(Answer.question_id.in_(public))))
    comments = set(
        db.session.scalars(
            select(Comment.id).where(
                Comment.question_id.in_(public) | Comment.answer_id.in_(answers)
            )
        )
    )
    ids = [v.id for v in versions]
    db.session.execute(delete(ConsentRecord).where(ConsentRecord.public_version_id.in_(ids)))
    db.session.execute(delete(PublicVersion).where(PublicVersion.id.in_(ids)))
    remove_posts(Removal(public, answers, comments, kept_questions=set()))
    deletion.counts.update(public_versions_removed=len(ids))


PART = PersonalDataPart(name="publication", export=export_member_data, delete=delete_member_data)
