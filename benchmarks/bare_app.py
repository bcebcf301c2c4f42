"""The yardstick of the page benchmark: a bare Flask + Jinja app writing the thread page's markup.

It renders the same page as MIPAS (head, navigation, the question, 30 answers with their bylines,
helpful buttons and comments, the answer form, the footer) from a list of rows held in memory:
no database, session, sign-in, permission checks or translation catalogs. `page_bench` compares
MIPAS with it in the same run, in-process and under gunicorn; gunicorn loads it as
`benchmarks.bare_app:app` with the rows in the JSON file that BARE_APP_ROWS names.
"""

from __future__ import annotations

import json
import os

from flask import Flask, render_template


def create_bare_app(rows: dict) -> Flask:
    """A Flask app with one route that renders the thread page from `rows`."""
    app = Flask(__name__, template_folder="templates")

    @app.route("/en/questions/<int:question_id>/<slug>")
    def thread(question_id: int, slug: str) -> str:
        return render_template("bare_thread.html", token="x" * 40, **rows)

    return app


def _from_environment() -> Flask | None:
    path = os.environ.get("BARE_APP_ROWS")
    if not path:
        return None
    with open(path, encoding="utf-8") as handle:
        return create_bare_app(json.load(handle))


app = _from_environment()
