"""Account pages. Each view validates a form, calls one service and redirects."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user

from app import navigation
from app.auth import bp, services
from app.auth.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ConfirmActionForm,
    ForgotPasswordForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    SignInForm,
)
from app.extensions import limiter
from app.locale import current_language
from app.permissions import Action, require
from app.security import account_key, safe_next_url

NAME_LIKE_STAFF = _l(
    "This name looks like the name of a MIPAS staff member or of a staff role. "
    "Choose another one, so that nobody takes you for staff."
)


def post_rate_limit(setting: str):
    """Limit how often a page's form may be sent, by the named setting."""
    return limiter.limit(lambda: current_app.config[setting], methods=["POST"])


@bp.route("/register", methods=["GET", "POST"])
@post_rate_limit("SIGN_UP_RATE_LIMIT")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if request.method == "GET":
        form.language.data = current_language()
    if form.validate_on_submit():
        # the same answer whether or not the address has an account (see the service)
        try:
            services.register_member(
                form.email.data, form.display_name.data, form.password.data, form.language.data
            )
        except services.NameLikeStaff:
            form.display_name.errors.append(NAME_LIKE_STAFF)
        else:
            return redirect(url_for("auth.registered"))
    return render_template("auth/register.html", form=form)


@bp.route("/registered")
def registered():
    return render_template("auth/registered.html")


@bp.route("/confirm/<token>")
def confirm_email(token: str):
    try:
        user = services.confirm_email(token)
    except services.TokenExpired:
        return render_template("auth/link_problem.html", expired=True), 400
    except services.TokenInvalid:
        return render_template("auth/link_problem.html", expired=False), 400
    except services.EmailTaken:
        flash(_("This e-mail address now belongs to another account."), "error")
        return redirect(url_for("main.home"))
    flash(_("Thank you, your e-mail address %(email)s is confirmed.", email=user.email), "success")
    return redirect(url_for("auth.profile" if current_user.is_authenticated else "auth.sign_in"))


@bp.route("/confirm", methods=["POST"])
@login_required
@post_rate_limit("PASSWORD_RESET_RATE_LIMIT")
def resend_confirmation():
    form = ConfirmActionForm()
    if form.validate_on_submit() and not current_user.is_confirmed:
        services.send_confirmation(current_user)
        flash(
            _("We have sent a new confirmation link to %(email)s.", email=current_user.email),
            "success",
        )
    return redirect(url_for("auth.profile"))


def failed_sign_in(response) -> bool:
    return response.status_code != 302  # a sign-in that worked redirects


@bp.route("/sign-in", methods=["GET", "POST"])
@post_rate_limit("SIGN_IN_RATE_LIMIT")
@limiter.limit(
    lambda: current_app.config["SIGN_IN_ACCOUNT_RATE_LIMIT"],
    key_func=account_key,
    methods=["POST"],
    deduct_when=failed_sign_in,
    scope="sign-in-account",
)
def sign_in():
    next_url = safe_next_url(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("main.home"))
    form = SignInForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("The e-mail address or the password is not right."))
        else:
            login_user(user, remember=form.remember.data)
            flash(_("You are signed in."), "success")
            return redirect(next_url or url_for("main.home", lang_code=current_language()))
    return render_template("auth/sign_in.html", form=form, next_url=next_url)


@bp.route("/sign-out", methods=["POST"])
def sign_out():
    form = ConfirmActionForm()
    if form.validate_on_submit():
        logout_user()
        flash(_("You are signed out."), "success")
    return redirect(url_for("main.home"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@post_rate_limit("PASSWORD_RESET_RATE_LIMIT")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("auth/reset_sent.html", email=form.email.data)
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        services.user_for_reset_token(token)
    except services.TokenExpired:
        return render_template("auth/link_problem.html", expired=True, reset=True), 400
    except services.TokenInvalid:
        return render_template("auth/link_problem.html", expired=False, reset=True), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = services.reset_password(token, form.password.data)
        login_user(user)
        flash(_("Your password is changed and you are signed in."), "success")
        return redirect(url_for("main.home"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    require(Action.EDIT_PROFILE)
    form = ProfileForm(obj=current_user)
    if request.method == "GET":
        form.email_notifications.data = "each" if current_user.email_notifications else "none"
    if form.validate_on_submit():
        try:
            services.update_profile(
                current_user,
                form.display_name.data,
                form.language.data,
                form.bio.data or "",
                email_notifications=form.email_notifications.data == "each",
            )
        except services.NameLikeStaff:
            form.display_name.errors.append(NAME_LIKE_STAFF)
        else:
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("auth.profile"))
    # feature packages add sections of their own (moderation: applying as an expert)
    return render_template(
        "auth/profile.html",
        form=form,
        resend_form=ConfirmActionForm(),
        sections=navigation.sections("profile"),
    )


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    require(Action.EDIT_PROFILE)
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except services.WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        else:
            # the session id carries the password stamp; the account itself, not the proxy,
            # or current_user would point at itself for the rest of the request
            login_user(current_user._get_current_object())
            flash(_("Your password is changed."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/email", methods=["GET", "POST"])
@login_required
def change_email():
    require(Action.EDIT_PROFILE)
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            services.request_email_change(current_user, form.email.data, form.current_password.data)
        except services.WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        except services.EmailTaken:  # the account's own address
            form.email.errors.append(_("This is already your e-mail address."))
        else:
            flash(
                _(
                    "We have sent a link to %(email)s. Your address changes when you open it.",
                    email=form.email.data,
                ),
                "success",
            )
            return redirect(url_for("auth.profile"))
    return render_template("auth/change_email.html", form=form)
