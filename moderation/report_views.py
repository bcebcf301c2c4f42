"""Staff reports (tables, SVG charts, CSV) and the public page "MIPAS in numbers"."""

from __future__ import annotations

from datetime import datetime

from flask import Response, abort, render_template, request
from flask_babel import format_date, format_decimal, format_percent
from flask_login import login_required

from app.locale import LANGUAGE_NAMES
from app.models import utctoday
from app.permissions import Action, require
from moderation import bp, charts, reports
from moderation.forms import ReportRangeForm
from moderation.public_figures import SMALLEST_SHOWN, public_figures


def _period(form: ReportRangeForm) -> reports.DateRange | None:
    """The period the form asks for, the last 12 weeks by default; None if it is not valid."""
    if not form.validate():
        return None
    default = reports.default_range(utctoday())
    until = form.until.data or default.until
    since = form.since.data or reports.default_range(until).since
    return reports.DateRange(since, until)


def _report_or_404(slug: str) -> None:
    if slug not in reports.REPORTS:
        abort(404)


def _range_args(period: reports.DateRange) -> dict[str, str]:
    return {"since": period.since.isoformat(), "until": period.until.isoformat()}


def report_cell(value, kind: str) -> str:
    """A figure of a report table in the page's language."""
    if value is None:
        return "–"
    if kind == "week":
        return format_date(value, "medium")
    if kind == "date":
        return format_date(value.date() if isinstance(value, datetime) else value, "medium")
    if kind == "share":
        return format_percent(value, "#,##0%")
    if kind == "hours":
        return format_decimal(value, "#,##0.0")
    if kind == "count":
        return format_decimal(value)
    if kind == "language":
        return LANGUAGE_NAMES.get(value, value)
    return str(value)


@bp.route("/moderation/reports/")
@login_required
def reports_index():
    require(Action.VIEW_REPORTS)
    form = ReportRangeForm(request.args)
    period = _period(form)
    return render_template(
        "moderation/reports.html",
        form=form,
        reports=reports.REPORTS,
        range_args=_range_args(period) if period else {},
    )


@bp.route("/moderation/reports/<slug>")
@login_required
def report(slug: str):
    require(Action.VIEW_REPORTS)
    _report_or_404(slug)
    form = ReportRangeForm(request.args)
    period = _period(form)
    shown = reports.build(slug, period) if period else None
    return render_template(
        "moderation/report.html",
        form=form,
        slug=slug,
        title=reports.REPORTS[slug][0],
        report=shown,
        period=period,
        range_args=_range_args(period) if period else {},
        report_cell=report_cell,
    ), (200 if period else 400)


@bp.route("/moderation/reports/<slug>/chart.svg")
@login_required
def report_chart(slug: str):
    require(Action.VIEW_REPORTS)
    _report_or_404(slug)
    period = _period(ReportRangeForm(request.args))
    if period is None:
        abort(400)
    response = Response(charts.render(reports.build(slug, period)), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/moderation/reports/<slug>.csv")
@login_required
def report_csv(slug: str):
    require(Action.VIEW_REPORTS)
    _report_or_404(slug)
    period = _period(ReportRangeForm(request.args))
    if period is None:
        abort(400)
    name = f"mipas-{slug}-{period.since.isoformat()}-{period.until.isoformat()}.csv"
    response = Response(
        reports.as_csv(reports.build(slug, period)), mimetype="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/numbers")
def numbers():
    return render_template(
        "moderation/numbers.html",
        figures=public_figures(),
        smallest=SMALLEST_SHOWN,
    )
