"""Home, about and privacy pages, the organisations directory, and machine addresses
(robots.txt, the sitemap, the Atom feeds, the health check)."""

from flask import (
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    stream_with_context,
    url_for,
)

from app import feeds, navigation, sitemap
from app.locale import current_language, preferred_language
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
    body = (
        "User-agent: *\nDisallow: /lt/account/\nDisallow: /en/account/\nDisallow: /ru/account/\n"
        f"\nSitemap: {url_for('site.sitemap_index', _external=True)}\n"
    )
    return body, 200, {"Content-Type": "text/plain; charset=utf-8"}


XML = "application/xml; charset=utf-8"


@site.route("/sitemap.xml")
def sitemap_index():
    return Response(stream_with_context(sitemap.index_xml()), content_type=XML)


@site.route("/sitemaps/<name>-<int:number>.xml")
def sitemap_file(name: str, number: int):
    source = sitemap.sources().get(name)
    if source is None or not 1 <= number <= sitemap.file_count(source):
        abort(404)
    return Response(stream_with_context(sitemap.file_xml(source, number)), content_type=XML)


@site.route("/feeds/<lang:lang_code>/<name>.xml")
def feed(name: str):
    found = feeds.feeds().get(name)
    if found is None:
        abort(404)
    language = current_language()
    entries = found.entries(language)
    body = render_template(
        "feed.xml",
        feed_id=feeds.entry_id(f"feed/{language}", name),
        title=found.title,
        self_url=url_for("site.feed", name=name, _external=True),
        page_url=found.page_url(language),
        updated=feeds.last_update(entries),
        entries=entries,
    )
    return Response(body, content_type=feeds.ATOM_TYPE)


@bp.route("/")
def home():
    # feature packages add sections of their own (forum: the topics; news: the next events
    # and the latest news)
    return render_template(
        "main/home.html", sections=navigation.sections("home"), feeds=feeds.feeds().values()
    )


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
    # feature packages add sections of their own (news: the organisation's upcoming events)
    return render_template(
        "main/organisation.html",
        organisation=found,
        experts=services.organisation_experts(found),
        sections=navigation.sections("organisation", found),
    )
