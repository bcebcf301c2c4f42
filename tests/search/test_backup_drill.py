"""The backup drill of docs/DEPLOYMENT.md: back up, lose everything, restore, and all is back.

deploy/backup.sh and deploy/restore.sh run as an operator runs them, against PostgreSQL and
the Whoosh index of the production shape.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import create_app
from search.backend import SearchQuery
from tests.app import posts
from tests.conftest import BASE_CONFIG, dispose

PROJECT = Path(__file__).resolve().parents[2]
WORDS = ("zelvamaras", "kregzdutes", "pelediskas", "vabaliukai", "skruzdynas")


def run(script: str, *args: str, env: dict) -> str:
    result = subprocess.run(
        [str(PROJECT / "deploy" / script), *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def rows(url: str) -> dict[str, list[tuple]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table: [tuple(row) for row in connection.execute(sa.text(query))]
                for table, query in {
                    "account": "SELECT id, email, display_name FROM account ORDER BY id",
                    "question": "SELECT id, title, body, status FROM question ORDER BY id",
                    "answer": "SELECT id, question_id, body FROM answer ORDER BY id",
                }.items()
            }
    finally:
        engine.dispose()


def hits(app) -> dict[str, list[int]]:
    backend = app.extensions["search"].backend
    with app.app_context():
        found = {
            word: sorted(h.id for h in backend.search(SearchQuery(word)).hits) for word in WORDS
        }
    backend.close()  # the searcher's files, before the index is deleted
    return found


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_back_up_lose_everything_restore_and_every_post_and_hit_is_back(
    app, config, make_user, tmp_path
):
    url, index_dir = config["SQLALCHEMY_DATABASE_URI"], Path(config["SEARCH_INDEX_DIR"])
    author, helper = make_user(), make_user()
    for number, word in enumerate(WORDS):
        question_id = posts.ask(app, author, f"How long does {word} take for permit {number}?")
        posts.answer(app, helper, question_id, f"About {word}: the office writes in a month.")
    before_rows, before_hits = rows(url), hits(app)
    dispose(app)
    assert all(before_hits[word] for word in WORDS), before_hits

    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DATABASE_URL": url,
        "SEARCH_INDEX_DIR": str(index_dir),
        "SEARCH_BACKEND": "whoosh",
        "SECRET_KEY": BASE_CONFIG["SECRET_KEY"],
    }
    backup = run("backup.sh", str(tmp_path / "backups"), env=env).strip().splitlines()[-1]
    assert sorted(p.name for p in Path(backup).iterdir()) == ["mipas.dump", "search-index.tar.gz"]

    # the disaster: every table of the database and the whole index are gone
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    shutil.rmtree(index_dir)

    output = run("restore.sh", backup, env=env)
    assert "missing: 0, stale: 0, extra: 0" in output and "The index matches" in output

    assert rows(url) == before_rows
    restored = create_app(config)
    try:
        assert hits(restored) == before_hits
    finally:
        dispose(restored)
