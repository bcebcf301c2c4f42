"""Accounts: registration, e-mail confirmation, sign-in, password reset, profile, own data."""

from flask import Blueprint, redirect, request, url_for
from flask_login import LoginManager

from app.extensions import db
from app.models import User

bp = Blueprint("auth", __name__, url_prefix="/<lang:lang_code>/account")


def init_login(login_manager: LoginManager) -> None:
    """Load accounts for Flask-Login and send visitors to sign in when a page needs it."""

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        user_id, _, stamp = session_id.partition(".")
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or user.password_hash[-12:] != stamp:
            return None
        return user

    @login_manager.unauthorized_handler
    def ask_to_sign_in():
        next_path = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.sign_in", next=next_path))


from app.auth import data_views, views  # noqa: E402, F401  (routes attach themselves to bp)
