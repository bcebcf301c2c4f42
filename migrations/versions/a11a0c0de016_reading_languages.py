"""reading languages: the content languages a member reads, besides the page's

Revision ID: a11a0c0de016
Revises: c0de5e7a0b11
Create Date: 2026-12-05 07:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a11a0c0de016"
down_revision = "c0de5e7a0b11"
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
