"""reading languages: the content languages a member reads, besides the page's

Revision ID: a11a0c0de016
Revises: 5e1f0c0a1b10
Create Date: 2026-12-05 07:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a11a0c0de016"
down_revision = "5e1f0c0a1b10"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reading_languages", sa.String(length=20), server_default="", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("reading_languages")
