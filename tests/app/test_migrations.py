"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from app.extensions import db
from app.models import Topic


def test_upgraded_schema_matches_the_models(app):
    # `app` runs on a database built by `flask db upgrade` from empty
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_the_starting_topics_are_there_in_three_languages(app):
    with app.app_context():
        topics = db.session.scalars(select(Topic)).all()
    assert len(topics) >= 12
    for topic in topics:
        assert topic.name_lt and topic.name_en and topic.name_ru
        assert topic.description_lt and topic.description_en and topic.description_ru
    slugs = {topic.slug for topic in topics}
    assert {"residence-permits", "work", "asylum", "citizenship", "return"} <= slugs
