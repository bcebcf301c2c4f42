"""Admin pages: staff accounts and their roles, topics, organisations."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.config import LANGUAGES
from app.extensions import db
from app.main.services import all_topics, help_contacts
from app.models import HelpContact, Organisation, Role, Topic, utctoday
from app.permissions import Action, require
from moderation import admin_services as services
from moderation import bp
from moderation.admin_forms import (
    ORGANISATION_KINDS,
    HelpContactForm,
    OrganisationForm,
    RoleForm,
    TopicForm,
)
from moderation.forms import OptionalReasonForm


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


@bp.route("/moderation/help-contacts")
@login_required
def help_contacts_list():
    require(Action.MANAGE_HELP_CONTACTS)
    return render_template(
        "moderation/help_contacts.html",
        contacts={language: help_contacts(language) for language in LANGUAGES},
        delete_form=OptionalReasonForm(),
    )


@bp.route("/moderation/help-contacts/new", methods=["GET", "POST"])
@bp.route("/moderation/help-contacts/<int:contact_id>", methods=["GET", "POST"])
@login_required
def help_contact_form(contact_id: int | None = None):
    require(Action.MANAGE_HELP_CONTACTS)
    contact = _or_404(HelpContact, contact_id)
    form = HelpContactForm(obj=contact)
    if request.method == "GET":
        if contact is not None:
            form.reasons.data = sorted(contact.reason_codes)
        else:
            form.language.data = request.args.get("language", "")
            form.checked_on.data = utctoday()
    if form.validate_on_submit():
        draft = services.HelpContactDraft(**_draft_fields(form, services.HelpContactDraft))
        services.save_help_contact(current_user, contact, draft)
        flash(_("The help contact is saved."), "success")
        return redirect(url_for("moderation.help_contacts_list"))
    return render_template("moderation/help_contact_form.html", form=form, contact=contact)


@bp.route("/moderation/help-contacts/<int:contact_id>/delete", methods=["POST"])
@login_required
def delete_help_contact(contact_id: int):
    require(Action.MANAGE_HELP_CONTACTS)
    contact = _or_404(HelpContact, contact_id)
    if OptionalReasonForm().validate_on_submit():
        services.delete_help_contact(current_user, contact)
        flash(_("The help contact is removed."), "success")
    return redirect(url_for("moderation.help_contacts_list"))


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
