"""Random path values, query strings and forms on every route: never a server error.

Hypothesis walks app.url_map, as a visitor and as a member, with GET and POST, on the demo
content. It is derandomized and bounded, so that CI runs the same few thousand requests
every time (about 30 s).
"""

from __future__ import annotations

import shutil

import pytest
from flask_migrate import upgrade
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.routing import Rule
from wtforms.fields.core import UnboundField

from app import create_app, demo
from app.config import LANGUAGES
from app.extensions import db
from app.models import User
from tests.conftest import BASE_CONFIG, dispose

EXAMPLES_PER_ROUTE = 5

# Names that once broke pages: url_for's own arguments, path values, the pages' filters.
QUERY_NAMES = (
    "lang_code", "_external", "_scheme", "_method", "_anchor", "question_id", "post_id",
    "answer_id", "kind", "slug", "token", "page", "after", "topic", "status", "language",
    "q", "sort", "answered", "next", "to", "answer", "decision", "name", "number",
    "endpoint", "values", "filename",
)  # fmt: skip
AWKWARD_TEXT = (
    "", "0", "-1", "1", "2147483647", "2147483648", "9" * 30, "1e9", "abc", "x" * 500,
    "../../etc/passwd", "%00", "\u202eevil", "Ąžuolas", "Вид на жительство", "<script>",
    "20260101T000000.000000_1", "99991231T235959.999999_2147483648", "null", "[]",
)  # fmt: skip
# A form that would pass most validators: examples drop some of its fields and spoil others.
PLAUSIBLE_FORM = {
    "title": "How do I renew my temporary residence permit in time?",
    "body": "My permit for work ends in three months and the employer changes. What now?",
    "topic": "1",
    "tags": "residence-permit, work",
    "language": "en",
    "anonymous": "y",
    "post_anyway": "y",
    "reason": "clearer words",
    "note": "It repeats another question.",
    "summary": "What to do before a temporary residence permit ends.",
    "email": "someone@example.org",
    "display_name": "Someone New",
    "password": "a long and quiet river",
    "confirm": "a long and quiet river",
    "current_password": "demo-password",
    "accept_privacy": "y",
    "email_notifications": "each",
    "bio": "I moved here last year.",
    "helpful": "1",
    "follow": "1",
    "posts": "keep",
    "statement": "I have advised migrants for five years.",
}
# Unicode text without lone surrogates, which no browser can send.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
VALUES = st.one_of(st.sampled_from(AWKWARD_TEXT), TEXT, st.integers().map(str))


def form_field_names() -> list[str]:
    """Every field name of every form in MIPAS, so that forms arrive with parts missing."""
    names: set[str] = set()
    pending = [FlaskForm]
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        for klass in form.__mro__:
            names.update(k for k, v in vars(klass).items() if isinstance(v, UnboundField))
    return sorted(names | {"csrf_token", "submission_key", "helpful", "follow", "decision"})


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    """The demo site on SQLite, shared by every example of this module."""
    folder = tmp_path_factory.mktemp("fuzz")
    app = create_app(
        {
            **BASE_CONFIG,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'mipas.sqlite3'}",
            "SEARCH_INDEX_DIR": str(folder / "search-index"),
        }
    )
    with app.app_context():
        upgrade(revision="heads")
        demo.load()
    yield app
    dispose(app)
    shutil.rmtree(folder, ignore_errors=True)


def known_values(app) -> dict[str, list[str]]:
    """Values that reach past the first lookup: real slugs, ids (the member's posts) and names."""
    values = {"int": ["1", "2", "3", "40"], "str": ["work", "x"]}
    with app.app_context():
        member = "(SELECT id FROM account WHERE email = 'member@mipas.example')"
        for table in ("question", "answer", "comment"):
            own = db.text(f"SELECT id FROM {table} WHERE author_id = {member} LIMIT 3")
            values[table] = [str(row_id) for row_id in db.session.scalars(own)] or ["1"]
        for table in ("topic", "organisation", "article", "news_item"):
            values["str"] += list(db.session.scalars(db.text(f"SELECT slug FROM {table}")))
    values["str"] += ["questions", "threads", "news", "kb", "topics", "pages"]
    return values


def path_value(rule: Rule, name: str, known: dict[str, list[str]]) -> st.SearchStrategy:
    converter = rule._converters[name]
    kind = type(converter).__name__
    if name == "lang_code":
        return st.sampled_from(LANGUAGES)
    if kind == "AnyConverter":
        return st.sampled_from(sorted(converter.items))
    if "Integer" in kind or "RowId" in kind:
        # the member's own posts where the address is about a post: their edit forms open
        table = next((t for t in ("question", "answer", "comment") if f"/{t}s/" in rule.rule), "")
        return (
            st.sampled_from(known.get(table, known["int"]))
            | st.sampled_from(known["int"])
            | st.integers(0, 2**80).map(str)
        )
    return st.sampled_from(known["str"]) | VALUES.filter(bool)


def routes(app) -> list[tuple[Rule, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.endswith("static"):
            continue
        for method in ("GET", "POST"):
            if method in (rule.methods or ()):
                found.append((rule, method))
    return sorted(found, key=lambda pair: (pair[0].rule, pair[1]))


def member_client(app):
    client = app.test_client()
    with app.app_context():
        member = db.session.scalar(select(User).where(User.email == "member@mipas.example"))
        session_id = member.get_id()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
    return client


def fuzz_route(app, who: str, rule: Rule, method: str, known, queries, forms):
    """Send EXAMPLES_PER_ROUTE requests to one route; fail on the first 5xx."""

    @settings(
        max_examples=EXAMPLES_PER_ROUTE,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def request_once(data):
        values = {
            name: data.draw(path_value(rule, name, known), label=name)
            for name in sorted(rule._converters)
        }
        values.update(rule.defaults or {})
        _, path = rule.build(values, append_unknown=False)
        query = data.draw(queries, label="query")
        client = member_client(app) if who == "member" else app.test_client()
        if method == "GET":
            response = client.get(path, query_string=query)
        else:
            form = data.draw(forms, label="form")
            response = client.post(path, query_string=query, data=form)
        assert response.status_code < 500, (method, path, query, response.status_code)

    request_once()


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_no_route_gives_a_server_error(fuzz_app, who):
    known = known_values(fuzz_app)
    queries = st.dictionaries(st.sampled_from(QUERY_NAMES) | TEXT.filter(bool), VALUES, max_size=4)
    spoilt = st.dictionaries(st.sampled_from(form_field_names()), VALUES, max_size=3)
    forms = st.builds(
        lambda dropped, changes: {
            **{k: v for k, v in PLAUSIBLE_FORM.items() if k not in dropped},
            **changes,
        },
        st.sets(st.sampled_from(sorted(PLAUSIBLE_FORM)), max_size=3),
        spoilt,
    )
    for rule, method in routes(fuzz_app):
        if who == "member" and rule.endpoint in ("auth.sign_out", "auth.delete_account"):
            continue  # the member stays a member for the next examples
        fuzz_route(fuzz_app, who, rule, method, known, queries, forms)
