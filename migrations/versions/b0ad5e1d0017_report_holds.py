"""reports: every hold kept after the decision, and indexes that serve each report

Revision ID: b0ad5e1d0017
Revises: 7a9e5c0de0a1
Create Date: 2026-12-05 12:30:00

"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b0ad5e1d0017"
down_revision = "7a9e5c0de0a1"
branch_labels = None
depends_on = None

INDEXES = (
    # the question columns the weekly reports read, so that they never visit the table
    (
        "ix_question_report",
        "question",
        [
            "created_at",
            "status",
            "language",
            "visibility",
            "topic_id",
            "first_expert_answer_at",
            "answer_count",
        ],
    ),
    ("ix_question_urgent", "question", ["urgent_at"]),
    ("ix_question_accepted", "question", ["accepted_answer_id"]),
    ("ix_answer_held", "answer", ["status", "created_at"]),
    ("ix_answer_expert", "answer", ["by_expert", "created_at", "status", "author_id", "id"]),
    ("ix_comment_held", "comment", ["status", "created_at"]),
    ("ix_audit_entry_action", "audit_entry", ["action", "created_at"]),
    (
        "ix_unmatched_search_period",
        "unmatched_search",
        ["searched_on", "folded", "language", "query"],
    ),
)
POSTS = ("question", "answer", "comment")

post_hold = sa.table(
    "post_hold",
    sa.column("post_kind", sa.String),
    sa.column("post_id", sa.Integer),
    sa.column("reason", sa.String),
    sa.column("held_at", sa.DateTime),
)
audit_entry = sa.table(
    "audit_entry",
    sa.column("action", sa.String),
    sa.column("target_kind", sa.String),
    sa.column("target_id", sa.Integer),
    sa.column("before", sa.Text),
)


def backfill_holds(connection) -> None:
    """A hold for every post still waiting, and for every decision taken on a held post.

    Until now a decided hold left a trace only in the decision's `before` (status pending and
    the reason). Its time was not kept: these holds are dated at posting.
    """
    holds = []
    for kind in POSTS:
        post = sa.table(
            kind,
            sa.column("id", sa.Integer),
            sa.column("status", sa.String),
            sa.column("hold_reason", sa.String),
            sa.column("created_at", sa.DateTime),
        )
        for row in connection.execute(
            sa.select(post.c.id, post.c.hold_reason, post.c.created_at).where(
                post.c.status == "pending"
            )
        ):
            holds.append((kind, row.id, row.hold_reason, row.created_at))
        for row in connection.execute(
            sa.select(post.c.id, post.c.created_at, audit_entry.c.before)
            .join(post, post.c.id == audit_entry.c.target_id)
            .where(
                audit_entry.c.target_kind == kind,
                audit_entry.c.action.in_(["approve", "reject"]),
            )
        ):
            before = json.loads(row.before or "{}")
            if before.get("status") == "pending":
                holds.append((kind, row.id, before.get("hold_reason", ""), row.created_at))
    if holds:
        connection.execute(
            sa.insert(post_hold),
            [
                {"post_kind": kind, "post_id": post_id, "reason": reason, "held_at": held_at}
                for kind, post_id, reason, held_at in holds
            ],
        )


def upgrade():
    op.create_table(
        "post_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_kind", sa.String(length=10), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_hold")),
    )
    op.create_index("ix_post_hold_held", "post_hold", ["held_at"], unique=False)
    op.create_index(
        "ix_post_hold_post", "post_hold", ["post_kind", "post_id", "held_at"], unique=False
    )
    op.drop_index("ix_question_created", table_name="question")
    op.drop_index("ix_unmatched_search_day", table_name="unmatched_search")
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    backfill_holds(op.get_bind())


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.create_index("ix_question_created", "question", ["created_at", "language"], unique=False)
    op.create_index(
        "ix_unmatched_search_day", "unmatched_search", ["searched_on", "folded"], unique=False
    )
    op.drop_index("ix_post_hold_post", table_name="post_hold")
    op.drop_index("ix_post_hold_held", table_name="post_hold")
    op.drop_table("post_hold")
