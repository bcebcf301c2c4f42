"""search tuning: an index by date, GIN pending lists set per transaction, small heap rows

Revision ID: bb5e4650749e
Revises: a7718c2b49c9
Create Date: 2026-11-23 19:15:00

Measured at 100,000 questions (docs/PERFORMANCE.md): sorting by date and ranking only the newest
matches of very common words need an index on updated_at. The PostgreSQL backend now sets the
GIN pending-list limit per transaction (small for the indexer's drains, large for a rebuild), so
the indexes lose their own setting. Rows longer than 256 bytes keep their long columns in TOAST
storage, so that the rows a search reads to pick its candidates stay small.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "bb5e4650749e"
down_revision = "a7718c2b49c9"
branch_labels = None
depends_on = None

VECTOR_COLUMNS = ("lt_vector", "ru_vector", "en_vector", "simple_vector")


def upgrade():
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.create_index("ix_search_document_updated_at", ["updated_at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for column in VECTOR_COLUMNS:
            op.execute(f"ALTER INDEX ix_search_document_{column} RESET (gin_pending_list_limit)")
        op.execute("ALTER TABLE search_document SET (toast_tuple_target = 256)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_document RESET (toast_tuple_target)")
        for column in VECTOR_COLUMNS:
            op.execute(
                f"ALTER INDEX ix_search_document_{column} SET (gin_pending_list_limit = 256)"
            )
    with op.batch_alter_table("search_document", schema=None) as batch_op:
        batch_op.drop_index("ix_search_document_updated_at")
