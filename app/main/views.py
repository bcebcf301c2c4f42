"""Home, about and privacy pages, the organisations directory, and machine addresses."""

from flask import abort, current_app, jsonify, redirect, render_template, url_for

from app.locale import preferred_language
from app.main import bp, services, site


@site.route("/")
def root():
    return redirect(url_for("main.home", lang_code=preferred_language()))


@site.route("/healthz")
def healthz():
    checks = {"database": services.database_reachable()}
    # feature packages add their own checks (search: the index can be read)
    for name, check in current_app.extensions.get("health_checks", {}).items():
        try:
            checks[name] = bool(check())
        except Exception:
            checks[name] = False
    healthy = all(checks.values())
    return jsonify(status="ok" if healthy else "failing", **checks), 200 if healthy else 503


@site.route("/robots.txt")
def robots():
    body = "User-agent: *\nDisallow: /lt/account/\nDisallow: /en/account/\nDisallow: /ru/account/\n"
    return body, 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.route("/")
def home():
    return render_template("main/home.html", topics=services.all_topics())


@bp.route("/about")
def about():
    return render_template("main/about.html")


@bp.route("/privacy")
def privacy():
    return render_template("main/privacy.html")


@bp.route("/organisations/")
def organisations():
    return render_template("main/organisations.html", organisations=services.all_organisations())


@bp.route("/organisations/<slug>")
def organisation(slug: str):
    found = services.organisation_by_slug(slug)
    if found is None:
        abort(404)
    return render_template(
        "main/organisation.html",
        organisation=found,
        experts=services.organisation_experts(found),
    )
