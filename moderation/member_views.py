"""What members do for moderation: flag a post, apply to answer as an expert."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from app.extensions import limiter
from app.main.services import all_topics
from app.permissions import Action, can, can_see, require
from forum.services import thread_of
from moderation import bp, services, vetting
from moderation.forms import ExpertApplicationForm, FlagForm


def post_or_404(kind: str, post_id: int):
    post = services.find_post(kind, post_id)
    if post is None or not can_see(current_user, post):
        abort(404)
    return post


def thread_url(post) -> str:
    question = thread_of(post)
    return url_for("forum.thread", question_id=question.id, slug=question.slug)


@bp.route("/posts/<any(question,answer,comment):kind>/<int:post_id>/flag", methods=["GET", "POST"])
@login_required
@limiter.limit("20 per hour", methods=["POST"])
def flag(kind: str, post_id: int):
    post = post_or_404(kind, post_id)
    require(Action.FLAG, post)
    form = FlagForm()
    if form.validate_on_submit():
        try:
            services.flag(current_user, kind, post, form.reason.data, form.note.data or "")
        except services.AlreadyFlagged:
            flash(_("You have already flagged this post. The moderators will look at it."), "error")
        else:
            flash(_("Thank you. The moderators will look at this post."), "success")
        return redirect(thread_url(post))
    return render_template("moderation/flag.html", form=form, post=post, kind=kind)


@bp.route("/account/expert-application", methods=["GET", "POST"])
@login_required
def apply_as_expert():
    require(Action.APPLY_AS_EXPERT)
    form = ExpertApplicationForm()
    form.topics.choices = [(t.slug, t.name) for t in all_topics()]
    if form.validate_on_submit():
        draft = vetting.ApplicationDraft(
            organisation_name=form.organisation_name.data,
            topics=form.topics.data,
            languages=form.languages.data,
            statement=form.statement.data,
            proof_url=form.proof_url.data,
        )
        try:
            vetting.apply_as_expert(current_user, draft)
        except services.AlreadyDecided:
            flash(_("Your earlier application is still waiting for an administrator."), "error")
        else:
            flash(_("Thank you. An administrator will look at your application."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("moderation/apply.html", form=form)


def apply_as_expert_link() -> Markup:
    """The invitation to apply as an expert, as a section of the profile page (see create_app)."""
    if not can(current_user, Action.APPLY_AS_EXPERT):
        return Markup()
    return Markup(render_template("moderation/_profile_apply.html"))  # noqa: S704
