"""Admin pages: staff accounts and their roles, topics, organisations."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.main.services import all_topics
from app.models import Organisation, Role, Topic
from app.permissions import Action, require
from moderation import admin_services as services
from moderation import bp
from moderation.admin_forms import ORGANISATION_KINDS, OrganisationForm, RoleForm, TopicForm


@bp.route("/moderation/staff", methods=["GET", "POST"])
@login_required
def staff():
    require(Action.MANAGE_STAFF)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            person = services.set_role(
                current_user, form.email.data, Role(form.role.data), form.reason.data
            )
        except services.AdminError as error:
            form.email.errors.append(_role_refusal(error))
        else:
            flash(
                _("%(name)s’s role is changed. They are told by e-mail.", name=person.display_name),
                "success",
            )
            return redirect(url_for("moderation.staff"))
    return render_template("moderation/staff.html", form=form, staff=services.staff_accounts())


def _role_refusal(error: services.AdminError) -> str:
    """Why the role was not changed, in words for the field beside which it is shown."""
    if isinstance(error, services.UnknownAccount):
        return _("There is no account with this e-mail address.")
    if isinstance(error, services.OwnRole):
        return _("You cannot change your own role. Ask another administrator.")
    if isinstance(error, services.AccountUnavailable):
        if error.deleted:
            return _("This account is deleted.")
        return _("This account has not confirmed its e-mail address yet.")
    if isinstance(error, services.ExpertThroughVetting):
        return _(
            "This account is a verified expert. Revoke the expert role on the member’s page "
            "first; expert roles are given only through expert applications."
        )
    if isinstance(error, services.LastAdmin):
        return _("This is the last administrator. Appoint another one first.")
    return _("The account already has this role. Nothing was changed.")


@bp.route("/moderation/topics")
@login_required
def topics():
    require(Action.MANAGE_TOPICS)
    return render_template("moderation/topics.html", topics=all_topics())


@bp.route("/moderation/topics/new", methods=["GET", "POST"])
@bp.route("/moderation/topics/<int:topic_id>", methods=["GET", "POST"])
@login_required
def topic_form(topic_id: int | None = None):
    require(Action.MANAGE_TOPICS)
    topic = _or_404(Topic, topic_id)
    form = TopicForm(obj=topic)
    if form.validate_on_submit():
        draft = services.TopicDraft(**_draft_fields(form, services.TopicDraft))
        try:
            if topic is None:
                services.add_topic(current_user, draft)
            else:
                services.edit_topic(current_user, topic, draft)
        except services.SlugTaken:
            form.slug.errors.append(_("Another topic already has this address."))
        else:
            flash(_("The topic is saved."), "success")
            return redirect(url_for("moderation.topics"))
    return render_template("moderation/topic_form.html", form=form, topic=topic)


@bp.route("/moderation/organisations")
@login_required
def organisations():
    require(Action.MANAGE_ORGANISATIONS)
    return render_template(
        "moderation/organisations.html",
        organisations=services.organisations_with_expert_counts(),
        kinds=ORGANISATION_KINDS,
    )


@bp.route("/moderation/organisations/new", methods=["GET", "POST"])
@bp.route("/moderation/organisations/<int:organisation_id>", methods=["GET", "POST"])
@login_required
def organisation_form(organisation_id: int | None = None):
    require(Action.MANAGE_ORGANISATIONS)
    organisation = _or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        draft = services.OrganisationDraft(**_draft_fields(form, services.OrganisationDraft))
        try:
            if organisation is None:
                services.add_organisation(current_user, draft)
            else:
                services.edit_organisation(current_user, organisation, draft)
        except services.SlugTaken:
            form.slug.errors.append(_("Another organisation already has this address."))
        else:
            flash(_("The organisation is saved."), "success")
            return redirect(url_for("moderation.organisations"))
    return render_template(
        "moderation/organisation_form.html", form=form, organisation=organisation
    )


def _or_404(model: type, record_id: int | None):
    if record_id is None:
        return None
    found = db.session.get(model, record_id)
    if found is None:
        abort(404)
    return found


def _draft_fields(form, draft_type: type) -> dict:
    """The form's values for each field of the draft (an empty optional field is "")."""
    values = {name: form[name].data for name in draft_type.__dataclass_fields__}
    return {name: "" if value is None else value for name, value in values.items()}
