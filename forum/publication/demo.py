"""The demo's public version: a private consultation whose asker agreed to publish it."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.extensions import db
from forum.demo_content import DemoPublicVersion
from forum.models import Answer, Question
from forum.publication.models import ConsentRecord, Decision, PublicVersion, VersionState
from forum.publication.services import publish, text_digest


def add_public_version(
    consultation: Question, source: Answer, text: DemoPublicVersion, prepared_by_id: int
) -> None:
    """Publish `text` as the asker consented to it, a day after the expert answered."""
    asked_at: datetime = source.created_at + timedelta(days=1)
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
        decided_at=asked_at + timedelta(hours=5),
    )
    db.session.add(version)
    db.session.flush()
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
