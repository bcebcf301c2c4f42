"""Fixtures for search: an application per backend (Whoosh on SQLite, PostgreSQL on PostgreSQL)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from jinja2.bccache import Bucket, BytecodeCache

from app import create_app
from app.extensions import db
from app.models import Topic, User
from forum.models import Answer, PostStatus, Question
from search.backend import SearchBackend
from tests.conftest import BASE_CONFIG, dispose, reset_postgres

BACKENDS = ["whoosh", pytest.param("postgres", marks=pytest.mark.postgres)]


def backend_config(backend: str, request: pytest.FixtureRequest, directory) -> dict:
    """Settings for an application searching with `backend` on a freshly migrated database."""
    if backend == "whoosh":
        path = directory / "mipas.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url, tables, seeds = request.getfixturevalue("postgres_template")
        reset_postgres(url, tables, seeds)
    return {
        **BASE_CONFIG,
        "SQLALCHEMY_DATABASE_URI": url,
        "SEARCH_INDEX_DIR": str(directory / "search-index"),
        "SEARCH_BACKEND": backend,
    }


@pytest.fixture(params=BACKENDS)
def search_config(request, tmp_path) -> dict:
    """Settings for one test on each backend; a test may change them before `search_app`."""
    return backend_config(request.param, request, tmp_path)


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once for the whole run: every test makes its own application."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


@pytest.fixture
def search_app(search_config) -> Iterator[Flask]:
    app = create_app(search_config)
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    yield app
    app.extensions["search"].backend.close()
    dispose(app)


@pytest.fixture
def backend(search_app) -> SearchBackend:
    return search_app.extensions["search"].backend


@pytest.fixture
def search_client(search_app):
    return search_app.test_client()


@pytest.fixture
def post(app_for_posts: Flask) -> Callable[..., int]:
    """Save a question (and answers) through the ORM as a commit would; return its id."""

    def save(
        title: str,
        body: str = "A question body long enough to say something.",
        *,
        language: str = "en",
        status: str = PostStatus.PUBLISHED.value,
        answers: tuple[str, ...] = (),
        topic: str = "residence-permits",
    ) -> int:
        with app_for_posts.app_context():
            author = db.session.scalar(db.select(User).limit(1))
            if author is None:
                author = User(
                    email="asker@example.org",
                    display_name="Asker",
                    password_hash="x",
                    language="en",
                )
                db.session.add(author)
                db.session.flush()
            question = Question(
                topic=db.session.scalar(db.select(Topic).where(Topic.slug == topic)),
                author_id=author.id,
                title=title,
                slug="q",
                body=body,
                body_html=f"<p>{body}</p>",
                language=language,
                status=status,
            )
            db.session.add(question)
            db.session.flush()
            for text in answers:
                db.session.add(
                    Answer(
                        question_id=question.id,
                        author_id=author.id,
                        body=text,
                        body_html=f"<p>{text}</p>",
                    )
                )
            db.session.commit()
            return question.id

    return save


@pytest.fixture
def app_for_posts(request) -> Flask:
    """The application the `post` fixture writes to: `search_app` if the test has it, else `app`."""
    if "search_app" in request.fixturenames:
        return request.getfixturevalue("search_app")
    return request.getfixturevalue("app")
