"""The demo's public versions: one its asker agreed to, one waiting for the asker's decision."""

from __future__ import annotations

from datetime import timedelta

from app.extensions import db
from forum.demo_content import DemoPublicVersion
from forum.models import Answer, Notification, NotificationKind, Question
from forum.publication.models import ConsentRecord, Decision, PublicVersion, VersionState
from forum.publication.services import publish, text_digest


def add_public_version(
    consultation: Question, source: Answer, text: DemoPublicVersion, prepared_by_id: int
) -> None:
    """Ask the asker about `text` a day after the expert answered; publish it if they agreed."""
    asked_at = source.created_at + timedelta(days=1)
    version = PublicVersion(
        private_question=consultation,
        source_answer_id=source.id,
        title=text.title,
        body=text.body,
        answer_body=text.answer,
        state=VersionState.AWAITING.value,
        revision=1,
        prepared_by_id=prepared_by_id,
        created_at=asked_at,
        asked_at=asked_at,
    )
    db.session.add(version)
    db.session.flush()
    db.session.add(
        Notification(
            user_id=consultation.author_id,
            kind=NotificationKind.CONSENT_REQUESTED.value,
            question_id=consultation.id,
            actor_id=prepared_by_id,
            created_at=asked_at,
            read_at=asked_at + timedelta(hours=5) if text.consented else None,
        )
    )
    if not text.consented:
        return
    version.decided_at = asked_at + timedelta(hours=5)
    publish(version)
    public = version.public_question
    public.created_at = public.last_activity_at = version.decided_at
    for answer in public.answers:
        answer.created_at = version.decided_at
    db.session.add(
        ConsentRecord(
            version=version,
            user_id=consultation.author_id,
            decision=Decision.CONSENTED.value,
            revision=1,
            text_digest=text_digest(version),
            created_at=version.decided_at,
        )
    )
