"""reports: the log of searches that found nothing, article views, and the report indexes

Revision ID: d1a9f0e5c7b2
Revises: 5e1f0c0a1b10
Create Date: 2026-12-05 07:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d1a9f0e5c7b2"
down_revision = "5e1f0c0a1b10"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_question_created", "question", ["created_at", "language"]),
    ("ix_answer_created", "answer", ["created_at", "by_expert"]),
    ("ix_flag_created", "flag", ["created_at"]),
    ("ix_article_published", "article", ["published_at"]),
)


def upgrade():
    op.create_table(
        "unmatched_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("query", sa.String(length=200), nullable=False),
        sa.Column("folded", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("searched_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_unmatched_search_day", "unmatched_search", ["searched_on", "folded"], unique=False
    )
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("view_count", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("view_count")
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_index("ix_unmatched_search_day", table_name="unmatched_search")
    op.drop_table("unmatched_search")
