"""question visibility: a question is public, or a private consultation

Revision ID: 5e1f0c0a1b10
Revises: 11a4de5ec0de
Create Date: 2026-12-04 20:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5e1f0c0a1b10"
down_revision = "11a4de5ec0de"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("visibility", sa.String(length=10), server_default="public", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_column("visibility")
