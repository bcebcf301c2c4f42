"""urgent help and response times: urgent questions, help contacts, first expert answers

Revision ID: 7e11c0de0ace
Revises: 5e7a1c0de001
Create Date: 2026-12-04 10:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7e11c0de0ace"
down_revision = "5e7a1c0de001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "help_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("hours", sa.String(length=200), nullable=False),
        sa.Column("helps_with", sa.Text(), nullable=False),
        sa.Column("reasons", sa.String(length=100), nullable=False),
        sa.Column("source_url", sa.String(length=300), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_contact")),
    )
    with op.batch_alter_table("help_contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_help_contact_language"), ["language"], unique=False)

    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("urgent_reason", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("urgent_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("first_expert_answer_at", sa.DateTime(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_question_first_expert_answer_at"),
            ["first_expert_answer_at"],
            unique=False,
        )

    # The response time of every question answered so far: its first expert answer that is
    # public (or was, until a moderator hid it). Expert answers are published as they are
    # written, so the answer's own time is when the asker could read it.
    op.execute(
        """
        UPDATE question SET first_expert_answer_at = (
            SELECT MIN(answer.created_at) FROM answer
            WHERE answer.question_id = question.id
              AND answer.by_expert
              AND answer.status IN ('published', 'hidden')
        )
        """
    )


def downgrade():
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_first_expert_answer_at"))
        batch_op.drop_column("first_expert_answer_at")
        batch_op.drop_column("urgent_at")
        batch_op.drop_column("urgent_reason")
    with op.batch_alter_table("help_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_contact_language"))
    op.drop_table("help_contact")
