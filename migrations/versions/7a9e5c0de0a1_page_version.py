"""page versions: the content version of each scope of cached visitors' pages

Revision ID: 7a9e5c0de0a1
Revises: a11a0c0de016
Create Date: 2026-12-05 07:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7a9e5c0de0a1"
down_revision = "a11a0c0de016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "page_version",
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_page_version")),
    )


def downgrade():
    op.drop_table("page_version")
