"""Staff pages: the queues, decisions on posts and threads, members, experts, the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.extensions import db
from app.main.services import all_topics, topic_by_slug
from app.models import User
from app.permissions import Action, can, require
from app.screening import find_personal_data
from app.security import safe_next_url
from forum import queries as forum_queries
from forum import services as forum_services
from moderation import audit, bp, claims, queues, services, vetting
from moderation.forms import (
    FLAG_REASONS,
    AuditFilterForm,
    CloseForm,
    MoveForm,
    OptionalReasonForm,
    ReasonForm,
    RedactForm,
    SuspendForm,
    question_number,
)
from moderation.member_views import post_or_404, thread_url
from moderation.models import ExpertApplication
from moderation.response_times import WINDOW_DAYS, response_times

AUDIT_ACTIONS = {
    "approve": _l("Approved a post"),
    "edit": _l("Edited someone’s post"),
    "reject": _l("Rejected a post"),
    "hide": _l("Hid a post"),
    "restore": _l("Restored a post"),
    "dismiss_flags": _l("Kept a flagged post"),
    "hide_by_flags": _l("Flags hid a post"),
    "close": _l("Closed a question"),
    "reopen": _l("Reopened a question"),
    "lock": _l("Locked a thread"),
    "unlock": _l("Unlocked a thread"),
    "move": _l("Moved a question"),
    "suspend": _l("Suspended a member"),
    "unsuspend": _l("Ended a suspension"),
    "delete_account": _l("Deleted their own account"),
    "approve_expert": _l("Approved an expert"),
    "decline_expert": _l("Declined an expert application"),
    "revoke_expert": _l("Revoked an expert role"),
    "create_article": _l("Started a knowledge-base article"),
    "translate_article": _l("Started a translation of an article"),
    "edit_article": _l("Edited an article"),
    "publish_article": _l("Published an article"),
    "archive_article": _l("Archived an article"),
    "unpublish_article": _l("Withdrew consent, so an article made from it went back to drafts"),
    "review_article": _l("Marked an article as reviewed"),
    "create_news": _l("Started a news item"),
    "translate_news": _l("Started a translation of a news item"),
    "edit_news": _l("Edited a news item"),
    "publish_news": _l("Published a news item"),
    "unpublish_news": _l("Took a news item back to a draft"),
    "change_role": _l("Changed a staff role"),
    "add_topic": _l("Added a topic"),
    "edit_topic": _l("Edited a topic"),
    "add_organisation": _l("Added an organisation"),
    "edit_organisation": _l("Edited an organisation"),
    "add_help_contact": _l("Added a help contact"),
    "edit_help_contact": _l("Edited a help contact"),
    "delete_help_contact": _l("Removed a help contact"),
    "redact": _l("Removed personal data from a post"),
    "prepare_public_version": _l("Prepared a public version of a consultation"),
    "change_public_version": _l("Changed a public version and asked again"),
    "consent_to_publication": _l("Consented to a public version"),
    "decline_publication": _l("Declined a public version"),
    "withdraw_consent": _l("Withdrew consent to a public version"),
}


HOLD_REASONS = {
    "first_posts": _l("first posts of a new member"),
    "personal_data": _l("personal data"),
    "spam": _l("spam signals"),
}
TARGET_NAMES = {
    "question": _l("question"),
    "answer": _l("answer"),
    "comment": _l("comment"),
    "member": _l("member"),
    "application": _l("expert application"),
    "article": _l("knowledge-base article"),
    "news": _l("news item"),
    "topic": _l("topic"),
    "organisation": _l("organisation"),
    "help_contact": _l("help contact"),
}
ROLE_NAMES = {
    "member": _l("member"),
    "expert": _l("verified expert"),
    "moderator": _l("moderator"),
    "admin": _l("administrator"),
}


def _queue_counts() -> dict[str, int]:
    return queues.counts(current_user)


@bp.context_processor
def staff_page_context() -> dict:
    """What staff pages show: queue counts (read only when drawn) and labels for codes."""
    return {
        "queue_counts": _queue_counts,
        "hold_reasons": HOLD_REASONS,
        "flag_reasons": FLAG_REASONS,
        "role_names": ROLE_NAMES,
        "target_names": TARGET_NAMES,
    }


def _tell_already_decided(error: services.AlreadyDecided) -> None:
    if error.by is not None and error.by.id != current_user.id:
        flash(
            _(
                "%(name)s has already dealt with this. Nothing was changed.",
                name=error.by.shown_name,
            ),
            "error",
        )
    else:
        flash(_("This has already been dealt with. Nothing was changed."), "error")


def _back(default: str):
    # only a path of this site: "next" is a form field, and a form field can carry anything
    return redirect(safe_next_url(request.form.get("next")) or default)


@bp.route("/moderation/")
@login_required
def dashboard():
    require(Action.VIEW_QUEUES)
    return render_template(
        "moderation/dashboard.html", response_times=response_times(), window_days=WINDOW_DAYS
    )


@bp.route("/moderation/urgent")
@login_required
def urgent():
    require(Action.VIEW_QUEUES)
    target_hours = current_app.config["URGENT_RESPONSE_HOURS"]
    return render_template(
        "moderation/urgent.html",
        items=queues.urgent_questions(current_user, target_hours),
        answered=queues.recently_answered_urgent(current_user),
        target_hours=target_hours,
    )


@bp.route("/moderation/private")
@login_required
def private():
    require(Action.VIEW_QUEUES)
    return render_template(
        "moderation/private.html", items=queues.private_consultations(current_user)
    )


@bp.route("/moderation/pending")
@login_required
def pending():
    require(Action.VIEW_QUEUES)
    return render_template(
        "moderation/pending.html",
        items=queues.pending_posts(current_user),
        reject_form=ReasonForm(),
    )


@bp.route("/moderation/flags")
@login_required
def flags():
    require(Action.VIEW_QUEUES)
    return render_template(
        "moderation/flags.html", items=queues.flagged_posts(current_user), reject_form=ReasonForm()
    )


@bp.route("/moderation/unanswered")
@login_required
def unanswered():
    require(Action.VIEW_QUEUES)
    return render_template("moderation/unanswered.html", questions=queues.unanswered(current_user))


@bp.route("/moderation/proposals")
@login_required
def proposals():
    require(Action.VIEW_QUEUES)
    return render_template("moderation/proposals.html", items=queues.knowledge_base_proposals())


@bp.route("/moderation/reviews")
@login_required
def reviews():
    require(Action.VIEW_QUEUES)
    return render_template("moderation/reviews.html", items=queues.knowledge_base_reviews())


@bp.route(
    "/moderation/claim/<any(question,answer,comment,article,proposal):kind>/<int:post_id>",
    methods=["POST"],
)
@login_required
def claim(kind: str, post_id: int):
    require(Action.MODERATE_POST)
    try:
        claims.claim(current_user, kind, post_id)
    except services.AlreadyDecided as error:
        _tell_already_decided(error)
    return _back(url_for("moderation.pending"))


@bp.route(
    "/moderation/posts/<any(question,answer,comment):kind>/<int:post_id>/<any(approve,reject,hide,restore,dismiss):decision>",
    methods=["POST"],
)
@login_required
def decide(kind: str, post_id: int, decision: str):
    post = post_or_404(kind, post_id)
    require(Action.MODERATE_POST, post)
    form = ReasonForm() if decision == "reject" else OptionalReasonForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.reason.errors)) or _("The form could not be sent"), "error")
        return _back(url_for("moderation.pending"))
    try:
        if decision == "approve":
            services.approve(current_user, kind, post)
        elif decision == "reject":
            services.reject(current_user, kind, post, form.reason.data)
        elif decision == "hide":
            services.hide(current_user, kind, post, form.reason.data or "")
        elif decision == "restore":
            services.restore(current_user, kind, post)
        else:
            services.dismiss_flags(current_user, kind, post)
    except services.AlreadyDecided as error:
        _tell_already_decided(error)
    else:
        flash(_("Done."), "success")
    return _back(url_for("moderation.pending"))


@bp.route(
    "/moderation/posts/<any(question,answer,comment):kind>/<int:post_id>/redact",
    methods=["GET", "POST"],
)
@login_required
def redact(kind: str, post_id: int):
    """Take personal data out of a post and its earlier versions, and approve it if held."""
    post = post_or_404(kind, post_id)
    require(Action.REDACT_POST, post)
    form = RedactForm()
    if request.method == "GET":
        found = (
            f.text
            for text in forum_services.post_texts(kind, post)
            for f in find_personal_data(text)
        )
        form.passages.data = "\n".join(dict.fromkeys(found))
    if form.validate_on_submit():
        held = post.status == "pending"
        try:
            services.redact(
                current_user,
                kind,
                post,
                form.passages.data.splitlines(),
                form.reason.data,
                approve=bool(form.remove_and_approve.data),
            )
        except services.PassagesNotFound as error:
            form.passages.errors.append(
                _("Not in the post or its earlier versions: %(text)s", text="; ".join(error.pieces))
            )
        except services.AlreadyDecided as error:
            _tell_already_decided(error)
            return redirect(url_for("moderation.pending"))
        else:
            flash(_("The text is removed from the post and its earlier versions."), "success")
            if held and not form.remove_and_approve.data:
                return redirect(url_for("moderation.pending"))
            return redirect(thread_url(post))
    return render_template(
        "moderation/redact.html",
        form=form,
        post=post,
        kind=kind,
        question=forum_services.thread_of(post),
    )


@bp.route("/moderation/questions/<int:question_id>", methods=["GET", "POST"])
@login_required
def question_tools(question_id: int):
    """Close, reopen, lock, unlock or move a question."""
    question = post_or_404("question", question_id)
    require(Action.CLOSE_QUESTION, question)
    close_form, move_form = CloseForm(prefix="close"), MoveForm(prefix="move")
    move_form.topic.choices = [(t.slug, t.name) for t in all_topics()]
    action = request.form.get("action")
    if action == "close" and close_form.validate_on_submit():
        duplicate = None
        if close_form.reason.data == "duplicate":
            duplicate = forum_queries.question(question_number(close_form.duplicate_of.data))
            if duplicate is None or duplicate.id == question.id or not duplicate.is_published:
                close_form.duplicate_of.errors.append(
                    _("There is no other question with this number.")
                )
        if not close_form.duplicate_of.errors:
            services.close_question(
                current_user,
                question,
                close_form.reason.data,
                close_form.note.data or "",
                duplicate,
                merge=close_form.merge.data,
            )
            return redirect(thread_url(question))
    elif action == "move" and move_form.validate_on_submit():
        services.move_question(current_user, question, topic_by_slug(move_form.topic.data))
        return redirect(thread_url(question))
    elif action in ("lock", "unlock", "reopen") and OptionalReasonForm().validate_on_submit():
        try:
            if action == "reopen":
                services.reopen_question(current_user, question)
            else:
                services.set_locked(current_user, question, action == "lock")
        except services.AlreadyDecided as error:
            _tell_already_decided(error)
        return redirect(thread_url(question))
    if request.method == "GET":
        move_form.topic.data = question.topic.slug
    return render_template(
        "moderation/question_tools.html",
        question=question,
        close_form=close_form,
        move_form=move_form,
        action_form=OptionalReasonForm(),
    )


@bp.route("/moderation/members/<int:member_id>", methods=["GET", "POST"])
@login_required
def member(member_id: int):
    target = db.session.get(User, member_id)
    if target is None:
        abort(404)
    require(Action.VIEW_QUEUES)
    form = SuspendForm()
    action = request.form.get("action")
    if action in ("suspend", "unsuspend"):
        require(Action.SUSPEND_MEMBER, target)
        if action == "unsuspend" and OptionalReasonForm().validate_on_submit():
            services.unsuspend(current_user, target)
            flash(_("The suspension has ended."), "success")
            return redirect(url_for("moderation.member", member_id=target.id))
        if action == "suspend" and form.validate_on_submit():
            until = datetime.combine(form.until.data, time(23, 59), UTC)
            if until <= datetime.now(UTC):
                form.until.errors.append(_("Choose a date in the future."))
            else:
                services.suspend(current_user, target, until, form.reason.data)
                flash(_("The member is suspended."), "success")
                return redirect(url_for("moderation.member", member_id=target.id))
    return render_template(
        "moderation/member.html",
        member=target,
        form=form,
        action_form=OptionalReasonForm(),
        may_suspend=can(current_user, Action.SUSPEND_MEMBER, target),
    )


@bp.route("/moderation/experts", methods=["GET"])
@login_required
def applications():
    require(Action.VET_EXPERTS)
    return render_template(
        "moderation/applications.html",
        applications=queues.applications(),
        decline_form=ReasonForm(),
        approve_form=OptionalReasonForm(),
    )


@bp.route(
    "/moderation/experts/<int:application_id>/<any(approve,decline):decision>", methods=["POST"]
)
@login_required
def decide_application(application_id: int, decision: str):
    require(Action.VET_EXPERTS)
    application = db.session.get(ExpertApplication, application_id)
    if application is None:
        abort(404)
    form = ReasonForm() if decision == "decline" else OptionalReasonForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.reason.errors)), "error")
        return redirect(url_for("moderation.applications"))
    try:
        if decision == "approve":
            vetting.approve_application(current_user, application)
        else:
            vetting.decline_application(current_user, application, form.reason.data)
    except services.AlreadyDecided as error:
        _tell_already_decided(error)
    else:
        flash(_("Done."), "success")
    return redirect(url_for("moderation.applications"))


@bp.route("/moderation/experts/revoke/<int:member_id>", methods=["POST"])
@login_required
def revoke(member_id: int):
    require(Action.VET_EXPERTS)
    expert = db.session.get(User, member_id)
    if expert is None:
        abort(404)
    form = ReasonForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.reason.errors)), "error")
    else:
        try:
            vetting.revoke_expert(current_user, expert, form.reason.data)
        except services.AlreadyDecided as error:
            _tell_already_decided(error)
        else:
            flash(_("The expert role is revoked."), "success")
    return redirect(url_for("moderation.member", member_id=member_id))


@bp.route("/moderation/audit")
@login_required
def audit_log():
    require(Action.VIEW_AUDIT_LOG)
    form = AuditFilterForm(request.args)
    staff = db.session.scalars(
        db.select(User).where(User.role != "member").order_by(User.display_name)
    )
    form.actor.choices = [("", _("Everyone")), *((str(u.id), u.display_name) for u in staff)]
    form.action.choices = [("", _("All actions")), *AUDIT_ACTIONS.items()]
    filters = audit.AuditFilter()
    if form.validate():
        filters = audit.AuditFilter(
            actor_id=int(form.actor.data) if form.actor.data else None,
            action=form.action.data or "",
            since=form.since.data,
            until=form.until.data,
        )
    return render_template(
        "moderation/audit.html",
        form=form,
        entries=audit.entries(filters),
        action_labels=AUDIT_ACTIONS,
    )
