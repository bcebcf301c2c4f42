"""Pages of publication with consent: staff prepare, the asker decides or withdraws."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.markup import render_markdown
from app.permissions import Action, can, can_see, require
from forum import queries
from forum.models import Question
from forum.publication import bp, services
from forum.publication.forms import DecisionForm, PublicVersionForm, WithdrawForm
from forum.publication.models import PublicVersion
from forum.publication.services import ConsentRefused


def refusal_message(reason: str) -> str:
    """What the asker reads when a consent, refusal or withdrawal is refused."""
    return {
        ConsentRefused.EXPIRED: _(
            "This consent link has expired. Nothing was published. The staff can send you "
            "a new one."
        ),
        ConsentRefused.NOT_YOURS: _(
            "This consent link was sent to somebody else. Only the person who asked the "
            "question can decide. Nothing was published."
        ),
        ConsentRefused.CHANGED: _(
            "The staff changed the public version after they asked you, so this is no longer "
            "the text you would agree to. Nothing was published. You will get a new link "
            "with the new text."
        ),
        ConsentRefused.DECIDED: _(
            "You have already decided about this public version. Nothing was changed."
        ),
        ConsentRefused.NOT_PUBLISHED: _(
            "This public version is not published, so there is nothing to withdraw."
        ),
    }.get(
        reason,
        _(
            "This consent link does not work: it is incomplete, was changed, or has already "
            "been used. Nothing was published."
        ),
    )


def _refused(error: ConsentRefused):
    status = 403 if error.reason == ConsentRefused.NOT_YOURS else 400
    return render_template(
        "publication/refused.html", message=refusal_message(error.reason)
    ), status


def _consultation(question_id: int) -> Question:
    """A private consultation the current user may write a public version of, or 404/403."""
    question = queries.question(question_id)
    if question is None or not can_see(current_user, question):
        abort(404)
    require(Action.PREPARE_PUBLIC_VERSION, question)
    return question


def _version(version_id: int) -> PublicVersion:
    """A public version for its asker and the staff who may prepare it; 404 for everyone else."""
    version = db.session.get(PublicVersion, version_id)
    if version is None or not (
        can(current_user, Action.DECIDE_ON_PUBLICATION, version)
        or can(current_user, Action.PREPARE_PUBLIC_VERSION, version.private_question)
    ):
        abort(404)
    return version


@bp.route("/moderation/consultations/<int:question_id>/public-version", methods=["GET", "POST"])
@login_required
def prepare(question_id: int):
    question = _consultation(question_id)
    form = PublicVersionForm()
    version = services.latest_version(question)
    if version is not None and version.is_published:
        return redirect(url_for(".version", version_id=version.id))
    if not form.is_submitted():
        source = services.expert_answer(question)
        if version is not None and version.is_awaiting:
            form.title.data, form.body.data = version.title, version.body
            form.answer.data = version.answer_body
        else:
            form.title.data, form.body.data = question.title, question.body
            form.answer.data = source.body if source is not None else ""
    elif form.validate():
        draft = services.PublicVersionDraft(form.title.data, form.body.data, form.answer.data)
        try:
            version = services.prepare(current_user, question, draft)
        except services.AlreadyPublished:
            published = services.latest_version(question)
            return redirect(url_for(".version", version_id=published.id))
        except services.NotReady:
            # the expert's answer was hidden or deleted since: nothing to write a version from
            abort(403)
        except services.PersonalDataFound as found:
            for name, warnings in found.warnings.items():
                form[name].errors = [
                    _(
                        "We found %(what)s: %(found)s. Remove it: the public version must not "
                        "identify anyone.",
                        what=str(warning.notice.label),
                        found=", ".join(warning.found),
                    )
                    for warning in warnings
                ]
        else:
            flash(_("The asker was asked. Nothing is published unless they agree."), "success")
            return redirect(url_for(".version", version_id=version.id))
    return render_template(
        "publication/prepare.html", form=form, question=question, version=version
    )


def _render_version(version: PublicVersion, token: str | None = None, form=None):
    form = form or DecisionForm(revision=version.revision)
    return render_template(
        "publication/version.html",
        version=version,
        body_html=render_markdown(version.body),
        answer_html=render_markdown(version.answer_body),
        form=form,
        withdraw_form=WithdrawForm(),
        token=token,
        asker=version.asker_id == current_user.id,
        history=services.consent_history(version),
    )


@bp.route("/public-versions/<int:version_id>")
@login_required
def version(version_id: int):
    return _render_version(_version(version_id))


@bp.route("/public-versions/<int:version_id>/decision", methods=["POST"])
@login_required
def decide(version_id: int):
    version = _version(version_id)
    require(Action.DECIDE_ON_PUBLICATION, version)
    return _decide(version, DecisionForm())


def _decide(version: PublicVersion, form: DecisionForm, token: str | None = None):
    if not form.validate():
        return _render_version(version, token, form), 400
    try:
        services.decide(
            current_user, version, form.revision.data, bool(form.consent.data), token=token
        )
    except ConsentRefused as error:
        return _refused(error)
    if version.is_published:
        flash(_("Thank you. The public version is published, without your name."), "success")
    else:
        flash(_("Thank you. Nothing is published."), "success")
    return redirect(url_for(".version", version_id=version.id))


@bp.route("/public-versions/<int:version_id>/withdrawal", methods=["POST"])
@login_required
def withdraw(version_id: int):
    version = _version(version_id)
    require(Action.DECIDE_ON_PUBLICATION, version)
    form = WithdrawForm()
    if not form.validate():
        return _render_version(version), 400
    try:
        services.withdraw(current_user, version)
    except ConsentRefused as error:
        return _refused(error)
    flash(_("Your consent is withdrawn. The public version is no longer public."), "success")
    return redirect(url_for(".version", version_id=version.id))


@bp.route("/consent/<token>", methods=["GET", "POST"])
@login_required
def consent_link(token: str):
    """The mailed one-time link: the same text and choice, for the asker it was sent to."""
    try:
        version = services.version_for_link(current_user, token)
    except ConsentRefused as error:
        return _refused(error)
    form = DecisionForm()
    if form.is_submitted():
        return _decide(version, form, token)
    return _render_version(version, token)
