"""search: the outbox, and the PostgreSQL backend's documents, words and text configurations

Revision ID: c0ffee5ea4c1
Revises: 72805f887a30
Create Date: 2026-11-23 18:00:00

On PostgreSQL this also creates the unaccent and pg_trgm extensions and four text search
configurations that remove diacritics before stemming: lithuanian_unaccent, russian_unaccent,
english_unaccent and simple_unaccent. A server without a Snowball stemmer for Lithuanian
(older than PostgreSQL 15, or built without it) gets a lithuanian_unaccent that only folds,
so inflected Lithuanian words then match only in their exact form. On SQLite the tables
exist but stay empty: only the PostgreSQL search backend uses them.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "c0ffee5ea4c1"
down_revision = "72805f887a30"
branch_labels = None
depends_on = None

VECTOR_COLUMNS = ("lt_vector", "ru_vector", "en_vector", "simple_vector")
CONFIGURATIONS = ("lithuanian_unaccent", "russian_unaccent", "english_unaccent", "simple_unaccent")
# The token types of words, as the default parser names them.
ALL_WORDS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
NON_ASCII_WORDS = "word, hword, hword_part"


def _vector_type():
    return sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql")


def _create_text_search_configurations() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    has_lithuanian = op.get_bind().scalar(
        sa.text("SELECT count(*) FROM pg_ts_dict WHERE dictname = 'lithuanian_stem'")
    )
    if has_lithuanian:
        op.execute("CREATE TEXT SEARCH CONFIGURATION lithuanian_unaccent (COPY = lithuanian)")
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION lithuanian_unaccent "
            f"ALTER MAPPING FOR {ALL_WORDS} WITH unaccent, lithuanian_stem"
        )
    else:
        op.execute("CREATE TEXT SEARCH CONFIGURATION lithuanian_unaccent (COPY = simple)")
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION lithuanian_unaccent "
            f"ALTER MAPPING FOR {ALL_WORDS} WITH unaccent, simple"
        )
    # Russian and English keep their own mapping of the other alphabet's words.
    op.execute("CREATE TEXT SEARCH CONFIGURATION russian_unaccent (COPY = russian)")
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION russian_unaccent "
        f"ALTER MAPPING FOR {NON_ASCII_WORDS} WITH unaccent, russian_stem"
    )
    op.execute("CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english)")
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION english_unaccent "
        f"ALTER MAPPING FOR {NON_ASCII_WORDS} WITH unaccent, english_stem"
    )
    op.execute("CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple)")
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION simple_unaccent "
        f"ALTER MAPPING FOR {ALL_WORDS} WITH unaccent, simple"
    )


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        _create_text_search_configurations()

    op.create_table(
        "search_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_outbox")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "search_document",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("document_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("url_path", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("topic", sa.String(length=80), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        *(sa.Column(column, _vector_type(), nullable=True) for column in VECTOR_COLUMNS),
        sa.PrimaryKeyConstraint("kind", "document_id", name=op.f("pk_search_document")),
    )
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        for column in VECTOR_COLUMNS:
            batch_op.create_index(
                f"ix_search_document_{column}",
                [column],
                unique=False,
                postgresql_using="gin",
                postgresql_with={"gin_pending_list_limit": 256},
            )
    op.create_table(
        "search_word",
        sa.Column("word", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_word")),
    )
    with op.batch_alter_table("search_word", schema=None) as batch_op:
        batch_op.create_index(
            "ix_search_word_trigrams",
            ["word"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"word": "gin_trgm_ops"},
        )


def downgrade():
    with op.batch_alter_table("search_word", schema=None) as batch_op:
        batch_op.drop_index("ix_search_word_trigrams")
    op.drop_table("search_word")
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        for column in VECTOR_COLUMNS:
            batch_op.drop_index(f"ix_search_document_{column}")
    op.drop_table("search_document")
    op.drop_table("search_outbox")
    if op.get_bind().dialect.name == "postgresql":
        for configuration in CONFIGURATIONS:
            op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {configuration}")
        # The extensions stay: other objects of the database may use them.
