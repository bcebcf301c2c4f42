"""news and events: news groups and items

Revision ID: 5e7a1c0de001
Revises: bb5e4650749e
Create Date: 2026-11-30 16:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5e7a1c0de001"
down_revision = "bb5e4650749e"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "news_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_group")),
    )
    op.create_table(
        "news_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("registration_url", sa.String(length=500), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["account.id"], name=op.f("fk_news_item_author_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["news_group.id"], name=op.f("fk_news_item_group_id_news_group")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_news_item_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_item")),
        sa.UniqueConstraint("group_id", "language", name=op.f("uq_news_item_group_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_news_item_slug")),
    )
    with op.batch_alter_table("news_item", schema=None) as batch_op:
        batch_op.create_index("ix_news_item_listing", ["status", "published_at"], unique=False)
        batch_op.create_index("ix_news_item_events", ["status", "kind", "starts_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_news_item_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("news_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_news_item_organisation_id"))
        batch_op.drop_index("ix_news_item_events")
        batch_op.drop_index("ix_news_item_listing")
    op.drop_table("news_item")
    op.drop_table("news_group")
