"""News pages: the list, an item, and the staff pages that write and publish items."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup

from app.config import LANGUAGES
from app.content import ContentError, SlugTaken, translations
from app.content_views import ContentPages
from app.locale import current_language
from app.models import Organisation, utcnow
from app.permissions import Action, can, require
from app.routing import bounded_number
from news import bp, queries, services
from news.calendar import CALENDAR_TYPE, calendar_file
from news.dates import event_when, time_zone_label
from news.forms import EditItemForm, NewItemForm, NewsFilterForm, NewsForm, organisation_choices
from news.models import EVENT_TIME_ZONE, NewsItem, NewsKind, NewsStatus

# A ?page= past this is not looked up: it keeps the offset a number the database takes.
LAST_PAGE = 10_000


@bp.route("/news/")
def index():
    filters = NewsFilterForm(request.args)
    kind = filters.kind.data if filters.validate() else ""
    number = bounded_number(request.args.get("page"), largest=LAST_PAGE)
    now = utcnow()
    # upcoming events have their own section, above the first page only
    show_upcoming = number == 1 and kind != NewsKind.NEWS
    page = queries.news_page(current_language(), now, kind or "", number)
    if number > 1 and not page.items:
        abort(404)  # a page past the last one
    return render_template(
        "news/index.html",
        filters=filters,
        upcoming=queries.upcoming_events(current_language(), now) if show_upcoming else [],
        page=page,
        kind=kind or "",
        drafts=queries.drafts() if can(current_user, Action.PUBLISH_NEWS) else [],
    )


@bp.route("/news/<slug>")
def item(slug: str):
    found = PAGES.item_or_404(slug)
    staff = can(current_user, Action.PUBLISH_NEWS)
    others = translations(found, published_only=not staff)
    present = {found.language, *(other.language for other in others)}
    return render_template(
        "news/item.html",
        item=found,
        translations=others,
        missing_languages=[code for code in LANGUAGES if code not in present],
        upcoming=found.is_event and (found.ends_at or found.starts_at) >= utcnow(),
    )


def _zone(name: str | None) -> ZoneInfo:
    return ZoneInfo(name if name in available_timezones() else EVENT_TIME_ZONE)


@bp.route("/news/<slug>/event.ics")
def item_calendar(slug: str):
    """The event as an iCalendar file, for a calendar app."""
    found = PAGES.item_or_404(slug)
    if not found.is_event:
        abort(404)
    return Response(
        calendar_file([found], found.title),
        content_type=CALENDAR_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{found.slug}.ics"'},
    )


def _local(moment: datetime | None, zone: str) -> datetime | None:
    """A stored UTC moment as the form shows it: in the event's zone, without a zone."""
    return moment.astimezone(_zone(zone)).replace(tzinfo=None) if moment else None


def _utc(moment: datetime | None, zone: str | None) -> datetime | None:
    """A moment typed in the event's zone, as stored: UTC."""
    return moment.replace(tzinfo=_zone(zone)).astimezone(UTC) if moment else None


def _draft(form: NewsForm, language: str) -> services.NewsDraft:
    return services.NewsDraft(
        title=form.title.data,
        summary=form.summary.data,
        body=form.body.data,
        language=language,
        kind=form.kind.data,
        slug=form.slug.data or "",
        starts_at=_utc(form.starts_at.data, form.time_zone.data),
        ends_at=_utc(form.ends_at.data, form.time_zone.data),
        time_zone=form.time_zone.data or EVENT_TIME_ZONE,
        place=form.place.data or "",
        online=form.online.data,
        registration_url=form.registration_url.data or "",
        organisation_id=form.organisation.data or None,
        submission_key=form.submission_key.data,
    )


def _fill_form(form: NewsForm, draft: services.NewsDraft) -> None:
    form.kind.data, form.title.data, form.slug.data = draft.kind, draft.title, draft.slug
    form.summary.data, form.body.data = draft.summary, draft.body
    form.starts_at.data = _local(draft.starts_at, draft.time_zone)
    form.ends_at.data = _local(draft.ends_at, draft.time_zone)
    form.time_zone.data = draft.time_zone
    form.place.data, form.online.data = draft.place, draft.online
    form.registration_url.data = draft.registration_url
    form.organisation.data = draft.organisation_id or 0


def _with_organisations(form: NewsForm) -> NewsForm:
    form.organisation.choices = organisation_choices()
    return form


class NewsPages(ContentPages):
    """The news pages for staff: an item is news or an event, with its dates and place."""

    decisions = ("publish", "unpublish")

    def draft(self, form: NewsForm, language: str) -> services.NewsDraft:
        return _draft(form, language)

    def show_error(self, form: NewsForm, error: ContentError) -> None:
        if isinstance(error, SlugTaken):
            form.slug.errors = [
                _("Another news item already has this address. Choose another one.")
            ]
        elif isinstance(error, services.UnknownOrganisation):
            form.organisation.errors = [_("Choose an organisation from the list.")]
        elif isinstance(error, services.EventNeedsStart):
            form.starts_at.errors = [_("Give the date and time the event starts.")]
        elif isinstance(error, services.EndsBeforeStart):
            form.ends_at.errors = [_("The event cannot end before it starts.")]
        else:
            abort(400)

    def translation_form(self) -> NewsForm:
        return _with_organisations(NewsForm())

    def start_translation(self, form: NewsForm, original: NewsItem) -> None:
        # the facts stay the same in every language; the words are the translator's
        _fill_form(form, services.NewsDraft.of(original))
        form.title.data = form.summary.data = form.body.data = form.slug.data = ""

    def create_translation(self, original: NewsItem, draft: services.NewsDraft) -> NewsItem:
        return services.create_translation(current_user, original, draft)

    def edit_form(self) -> EditItemForm:
        return _with_organisations(EditItemForm())

    def start_edit(self, form: NewsForm, item: NewsItem) -> None:
        _fill_form(form, services.NewsDraft.of(item))

    def save_edit(self, item: NewsItem, draft: services.NewsDraft) -> None:
        services.edit_item(current_user, item, draft)

    def act(self, item: NewsItem, decision: str, form) -> str:
        """Publish a draft, or take a published item back to a draft."""
        if decision == "publish":
            services.publish_item(current_user, item)
            return _("The item is published.")
        services.unpublish_item(current_user, item)
        return _("The item is back to a draft: only staff can see it.")


PAGES = NewsPages(
    "news",
    "item",
    queries.item_by_slug,
    queries.item_by_id,
    Action.PUBLISH_NEWS,
    _l("The draft is saved. It is not public until it is published."),
    _l("This item already has a version in that language."),
)
PAGES.add_staff_pages(bp, "/news")


@bp.route("/news/new", methods=["GET", "POST"])
@login_required
def new():
    require(Action.PUBLISH_NEWS)
    form = _with_organisations(NewItemForm())
    if request.method == "GET":
        form.language.data = current_language()
    elif sent := PAGES.write(
        form, lambda: services.create_item(current_user, _draft(form, form.language.data))
    ):
        return sent
    return render_template("news/new.html", form=form)


NEWS_STATES = {
    NewsStatus.DRAFT.value: _l("draft"),
    NewsStatus.PUBLISHED.value: _l("published"),
}
NEWS_KINDS = {NewsKind.NEWS.value: _l("News"), NewsKind.EVENT.value: _l("Event")}


@bp.context_processor
def labels() -> dict:
    """Labels for item states and kinds, and event dates, for the news pages."""
    return {
        "news_states": NEWS_STATES,
        "news_kinds": NEWS_KINDS,
        "event_when": event_when,
        "time_zone_label": time_zone_label,
    }


HOME_NEWS_SHOWN = 3


def home_news() -> Markup:
    """The next events and the latest news, as a section of the home page (see create_app)."""
    now = utcnow()
    language = current_language()
    events = queries.upcoming_events(language, now, limit=HOME_NEWS_SHOWN)
    latest = queries.news_page(language, now, NewsKind.NEWS.value, per_page=HOME_NEWS_SHOWN)
    return Markup(  # noqa: S704 - a template's output
        render_template("news/_home.html", events=events, latest=latest.items, **labels())
    )


def organisation_events(organisation: Organisation) -> Markup:
    """The organisation's upcoming events, as a section of its page (registered in create_app)."""
    events = queries.upcoming_events(current_language(), utcnow(), organisation.id)
    return Markup(render_template("news/_organisation_events.html", events=events, **labels()))  # noqa: S704 - a template's output
