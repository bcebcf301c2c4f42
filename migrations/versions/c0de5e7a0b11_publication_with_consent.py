"""publication with consent: public versions of private consultations and consent records

Revision ID: c0de5e7a0b11
Revises: d1a9f0e5c7b2
Create Date: 2026-12-05 07:30:00

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "c0de5e7a0b11"
down_revision = "d1a9f0e5c7b2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "public_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("private_question_id", sa.Integer(), nullable=False),
        sa.Column("public_question_id", sa.Integer(), nullable=True),
        sa.Column("source_answer_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("answer_body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("prepared_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["prepared_by_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["private_question_id"], ["question.id"]),
        sa.ForeignKeyConstraint(["public_question_id"], ["question.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["source_answer_id"], ["answer.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("public_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_public_version_private_question_id"), ["private_question_id"]
        )
    op.create_table(
        "consent_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_version_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("text_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["public_version_id"], ["public_version.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consent_record_public_version_id"), ["public_version_id"]
        )
        batch_op.create_index(batch_op.f("ix_consent_record_user_id"), ["user_id"])


def downgrade():
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_record_user_id"))
        batch_op.drop_index(batch_op.f("ix_consent_record_public_version_id"))
    op.drop_table("consent_record")
    with op.batch_alter_table("public_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_public_version_private_question_id"))
    op.drop_table("public_version")
