"""mail links and submission keys: opaque tokens for mailed links, one-time form keys

Revision ID: 11a4de5ec0de
Revises: c0a7e5d1e014
Create Date: 2026-12-04 16:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "11a4de5ec0de"
down_revision = "c0a7e5d1e014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mail_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["account.id"], name=op.f("fk_mail_link_user_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_mail_link_token_hash")),
    )
    with op.batch_alter_table("mail_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_link_user_id"), ["user_id"], unique=False)
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["account.id"], name=op.f("fk_submission_user_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_submission_user_id")),
    )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submission_created_at"), ["created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_created_at"))
    op.drop_table("submission")
    with op.batch_alter_table("mail_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_link_user_id"))
    op.drop_table("mail_link")
