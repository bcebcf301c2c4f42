"""The member's own data: download it, or delete the account. Thin views over personal_data."""

from flask import Response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from app.auth import bp, personal_data
from app.auth.forms import DeleteAccountForm, ExportDataForm
from app.auth.services import WrongPassword
from app.auth.views import post_rate_limit
from app.permissions import Action, require


@bp.route("/export", methods=["GET", "POST"])
@login_required
@post_rate_limit("EXPORT_RATE_LIMIT")
def export_data():
    require(Action.EXPORT_OWN_DATA)
    form = ExportDataForm()
    if form.validate_on_submit():
        try:
            filename, body = personal_data.export_file(
                current_user._get_current_object(), form.current_password.data
            )
        except WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        else:
            return Response(
                body,
                mimetype="application/json",
                headers={
                    "Content-Disposition": f'attachment; filename="{filename}"',
                    "Cache-Control": "no-store",
                },
            )
    return render_template("auth/export.html", form=form)


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@post_rate_limit("SIGN_IN_RATE_LIMIT")
def delete_account():
    require(Action.DELETE_OWN_ACCOUNT)
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            personal_data.delete_account(
                current_user._get_current_object(),
                form.current_password.data,
                remove_posts=form.posts.data == "remove",
            )
        except WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        except personal_data.LastAdmin:
            pass  # the page says why, as it did before the form was sent
        else:
            logout_user()
            return redirect(url_for("auth.account_deleted"))
    return render_template(
        "auth/delete_account.html",
        form=form,
        last_admin=personal_data.is_last_admin(current_user),
        posts=personal_data.post_counts(current_user),
    )


@bp.route("/deleted")
def account_deleted():
    return render_template("auth/account_deleted.html")
