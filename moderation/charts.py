"""A report's chart as a standalone SVG document, drawn by pygal on the server.

Shown through <img> with a text alternative and the same figures in a table beside it, so
the page needs no script and the Content-Security-Policy stays as it is.
"""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import escape

import pygal
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from pygal.style import Style

from moderation.reports import Report

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#595959",
    font_family="system-ui, sans-serif",
    colors=("#0b5394", "#b45f06", "#38761d", "#741b47", "#595959"),
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    title_font_size=16,
)

KINDS = {
    "bar": pygal.Bar,
    "stacked": pygal.StackedBar,
    "line": pygal.Line,
    "hbar": pygal.HorizontalBar,
}
SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)
NO_DATA = _l("No figures in this period")
# the longest axis label a chart writes out; the table has the whole text
LABEL_LENGTH = 40


def _label(value) -> str:
    if isinstance(value, date):
        return format_date(value, "short")
    text = str(value)
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


def render(report: Report) -> bytes:
    """The chart of `report` as SVG, with its title and description for screen readers."""
    chart = KINDS[report.chart](
        style=STYLE,
        width=900,
        height=420,
        js=[],  # no script in the document: an <img> would not run it, the CSP forbids it
        title=str(report.title),
        x_label_rotation=30 if report.chart != "hbar" else 0,
        show_legend=len(report.chart_columns) > 1 or report.series_column is not None,
        legend_at_bottom=True,
        print_values=False,
        truncate_label=-1,
        disable_xml_declaration=False,
        no_data_text=str(NO_DATA),
    )
    if report.series_column is not None:
        _pivoted_series(chart, report)
    else:
        rows = report.rows[:30] if report.chart == "hbar" else report.rows
        chart.x_labels = [_label(row[0]) for row in rows]
        for position in report.chart_columns:
            chart.add(str(report.columns[position].label), [row[position] for row in rows])
    # pygal writes its tooltip configuration as a script whatever `js` says: the chart is a
    # picture, so it goes
    svg = SCRIPT.sub(b"", chart.render())
    return _with_description(svg, str(report.description))


def _pivoted_series(chart, report: Report) -> None:
    """One series per language (or topic) and chart column, one point per week."""
    weeks = report.x_values or sorted({row[0] for row in report.rows})
    chart.x_labels = [_label(week) for week in weeks]
    at = report.series_column
    by_language = report.columns[at].kind == "language"
    for name in report.series or sorted({row[at] for row in report.rows}):
        shown = name.upper() if by_language else _label(name)
        for position in report.chart_columns:
            values = {row[0]: row[position] for row in report.rows if row[at] == name}
            title = shown
            if len(report.chart_columns) > 1:
                title = f"{shown}: {report.columns[position].label}"
            chart.add(title, [values.get(week) for week in weeks])


def _with_description(svg: bytes, description: str) -> bytes:
    """Put a <desc> before pygal's <title>: what the chart shows, for screen readers."""
    marker = b"<title>"
    at = svg.find(marker)
    if at < 0:
        return svg
    return svg[:at] + f"<desc>{escape(description)}</desc>".encode() + svg[at:]
