"""Publishing a private consultation with its asker's consent: the only code that writes it.

Staff write an anonymised title, question and answer; the asker is told in the app and by a
mailed one-time link, reads exactly that text and consents or declines. Silence publishes
nothing. Consent makes a separate public question with its answer, shown as asked anonymously;
withdrawing consent unpublishes it, and the search outbox sees that in the same transaction.
Each step is announced on `forum.signals.publication_changed` for the audit log.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import current_app, url_for
from sqlalchemy import select

from app import links
from app.extensions import db
from app.markup import render_markdown
from app.models import User, utcnow
from app.text import slugify
from forum import notify, services, signals
from forum.language import detect_language
from forum.models import Answer, NotificationKind, PostStatus, Question
from forum.publication.models import ConsentRecord, Decision, PublicVersion, VersionState
from forum.screening import PersonalDataWarning, personal_data_in

CONSENT_LINK = "consent"
# why a public question is no longer public: its asker withdrew consent
CONSENT_WITHDRAWN = "consent_withdrawn"


class PublicationError(Exception):
    """A step of publishing a consultation that cannot be taken as asked."""


class NotReady(PublicationError):
    """The consultation is not private, or no expert has answered it yet."""


class AlreadyPublished(PublicationError):
    """The asker consented to this version: only they can take it back."""


class PersonalDataFound(PublicationError):
    """Screening found personal data in the text: per field, what it found."""

    def __init__(self, warnings: dict[str, list[PersonalDataWarning]]) -> None:
        super().__init__(sorted(warnings))
        self.warnings = warnings


class ConsentRefused(PublicationError):
    """A consent, decline or withdrawal that is refused; `reason` says why, for the message."""

    INVALID = "invalid"  # forged, mistyped, or already used
    EXPIRED = "expired"
    NOT_YOURS = "not_yours"
    CHANGED = "changed"  # staff changed the text after asking
    DECIDED = "decided"  # already consented or declined
    NOT_PUBLISHED = "not_published"  # nothing to withdraw

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PublicVersionDraft:
    """The anonymised text as staff wrote it."""

    title: str
    body: str
    answer: str


def expert_answer(question: Question) -> Answer | None:
    """The answer a public version is written from: the accepted one if an expert wrote it."""
    answers = [a for a in question.answers if a.is_published and a.by_expert]
    accepted = [a for a in answers if a.id == question.accepted_answer_id]
    return (accepted or sorted(answers, key=lambda a: a.id) or [None])[0]


def latest_version(question: Question) -> PublicVersion | None:
    """The newest public version of a consultation, whatever its state."""
    return db.session.scalar(
        select(PublicVersion)
        .where(PublicVersion.private_question_id == question.id)
        .order_by(PublicVersion.id.desc())
        .limit(1)
    )


def screen(draft: PublicVersionDraft) -> dict[str, list[PersonalDataWarning]]:
    """What screening finds in each field; a public version goes out only with none."""
    fields = {"title": draft.title, "body": draft.body, "answer": draft.answer}
    return {name: found for name, text in fields.items() if (found := personal_data_in(text))}


def _snapshot(version: PublicVersion) -> dict:
    return {
        "state": version.state,
        "revision": version.revision,
        "public_question_id": version.public_question_id,
    }


def text_digest(version: PublicVersion) -> str:
    """A fingerprint of exactly the text the asker is shown, kept with each decision."""
    text = "\x1f".join((version.title, version.body, version.answer_body))
    return hashlib.sha256(text.encode()).hexdigest()


def prepare(staff: User, question: Question, draft: PublicVersionDraft) -> PublicVersion:
    """Write or rewrite the public version and ask the asker for consent; one commit."""
    source = expert_answer(question)
    if not question.is_private or source is None:
        raise NotReady
    warnings = screen(draft)
    if warnings:
        raise PersonalDataFound(warnings)
    version = latest_version(question)
    if version is not None and version.is_published:
        raise AlreadyPublished
    action = "change_public_version"
    if version is None or version.state != VersionState.AWAITING:
        version = PublicVersion(private_question=question, revision=0)
        db.session.add(version)
        action = "prepare_public_version"
    before = _snapshot(version)
    version.title, version.body = draft.title.strip(), draft.body
    version.answer_body = draft.answer
    version.source_answer_id = source.id
    version.prepared_by_id = staff.id
    # a new revision makes every earlier link and open decision form refuse
    version.revision += 1
    version.state = VersionState.AWAITING.value
    version.asked_at, version.decided_at = utcnow(), None
    db.session.flush()
    _ask_consent(staff, version)
    signals.publication_changed.send(
        version, action=action, actor=staff, before=before, after=_snapshot(version)
    )
    db.session.commit()
    return version


def _ask_consent(staff: User, version: PublicVersion) -> None:
    """Tell the asker in the app and by mail, with a one-time link for this revision."""
    question = version.private_question
    asker = question.author
    token = links.issue(
        CONSENT_LINK, asker.id, {"version": version.id, "revision": version.revision}
    )
    link = url_for(
        "publication.consent_link", lang_code=asker.language, token=token, _external=True
    )
    notify.one(
        asker.id,
        question,
        NotificationKind.CONSENT_REQUESTED,
        staff.id,
        always_mail=True,
        link=link,
    )


def version_for_link(user: User, token: str) -> PublicVersion:
    """The version a consent link is about, if the link is good for `user` now."""
    version, _ = _check_link(user, token)
    return version


def _check_link(user: User, token: str) -> tuple[PublicVersion, links.MailLink]:
    try:
        link = links.find(CONSENT_LINK, token, current_app.config["CONSENT_LINK_MAX_AGE"])
    except links.LinkExpired:
        raise ConsentRefused(ConsentRefused.EXPIRED) from None
    except links.LinkInvalid:
        raise ConsentRefused(ConsentRefused.INVALID) from None
    if link.user_id != user.id:
        raise ConsentRefused(ConsentRefused.NOT_YOURS)
    version = db.session.get(PublicVersion, link.data.get("version", 0))
    if version is None:
        raise ConsentRefused(ConsentRefused.INVALID)
    _check_open(version, link.data.get("revision"))
    return version, link


def _check_open(version: PublicVersion, revision: int | None) -> None:
    if not version.is_awaiting:
        raise ConsentRefused(ConsentRefused.DECIDED)
    if revision != version.revision:
        raise ConsentRefused(ConsentRefused.CHANGED)


def decide(
    asker: User,
    version: PublicVersion,
    revision: int | None,
    consent: bool,
    token: str | None = None,
) -> None:
    """Record the asker's consent or refusal of one revision; consent publishes it."""
    if version.asker_id != asker.id:
        raise ConsentRefused(ConsentRefused.NOT_YOURS)
    if token is not None:
        linked, link = _check_link(asker, token)
        if linked.id != version.id:
            raise ConsentRefused(ConsentRefused.INVALID)
        links.use_up(link)
    _check_open(version, revision)
    before = _snapshot(version)
    decision = Decision.CONSENTED if consent else Decision.DECLINED
    _record(asker, version, decision)
    if consent:
        publish(version)
    else:
        version.state = VersionState.DECLINED.value
    version.decided_at = utcnow()
    signals.publication_changed.send(
        version,
        action="consent_to_publication" if consent else "decline_publication",
        actor=asker,
        before=before,
        after=_snapshot(version),
    )
    db.session.commit()


def _record(asker: User, version: PublicVersion, decision: Decision) -> None:
    db.session.add(
        ConsentRecord(
            version=version,
            user_id=asker.id,
            decision=decision.value,
            revision=version.revision,
            text_digest=text_digest(version),
        )
    )


def publish(version: PublicVersion) -> None:
    """Make the public question with its answer, as asked anonymously; the caller commits."""
    private = version.private_question
    source = db.session.get(Answer, version.source_answer_id) if version.source_answer_id else None
    question = Question(
        topic_id=private.topic_id,
        author_id=private.author_id,
        title=version.title,
        slug=slugify(version.title),
        body=version.body,
        body_html=str(render_markdown(version.body)),
        # the language staff wrote it in, which may not be the asker's
        language=detect_language(f"{version.title}\n\n{version.body}", fallback=private.language),
        anonymous=True,
        status=PostStatus.PUBLISHED.value,
    )
    db.session.add(question)
    db.session.flush()
    answer = Answer(
        question=question,
        author_id=source.author_id if source is not None else version.prepared_by_id,
        body=version.answer_body,
        body_html=str(render_markdown(version.answer_body)),
        status=PostStatus.PUBLISHED.value,
        by_expert=True,
    )
    db.session.add(answer)
    db.session.flush()
    # answered like any thread whose asker accepted an expert's answer: a knowledge-base
    # proposal; its response time is the consultation's, so it stays out of those figures
    question.accepted_answer_id = answer.id
    services.refresh_answer_counts(question)
    question.expert_answered = True
    version.public_question_id = question.id
    version.state = VersionState.PUBLISHED.value


def withdraw(asker: User, version: PublicVersion) -> None:
    """Take consent back: the public question is unpublished and leaves the index at once."""
    if version.asker_id != asker.id:
        raise ConsentRefused(ConsentRefused.NOT_YOURS)
    if not version.is_published:
        raise ConsentRefused(ConsentRefused.NOT_PUBLISHED)
    before = _snapshot(version)
    question = version.public_question
    if question is not None and question.status != PostStatus.REJECTED:
        services.change_status(question, PostStatus.REJECTED, asker.id)
        question.hold_reason = CONSENT_WITHDRAWN
    _record(asker, version, Decision.WITHDRAWN)
    version.state = VersionState.WITHDRAWN.value
    version.decided_at = utcnow()
    signals.publication_changed.send(
        version, action="withdraw_consent", actor=asker, before=before, after=_snapshot(version)
    )
    db.session.commit()


def consent_history(version: PublicVersion) -> list[ConsentRecord]:
    return list(
        db.session.scalars(
            select(ConsentRecord)
            .where(ConsentRecord.public_version_id == version.id)
            .order_by(ConsentRecord.id)
        )
    )
