"""sources and legal basis of articles; the time zone of events

Revision ID: c0a7e5d1e014
Revises: 5e7a1c0de001
Create Date: 2026-12-04 18:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c0a7e5d1e014"
down_revision = "5e7a1c0de001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("article") as batch_op:
        batch_op.add_column(sa.Column("legal_basis", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("sources", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("news_item") as batch_op:
        batch_op.add_column(
            sa.Column(
                "time_zone",
                sa.String(length=64),
                server_default="Europe/Vilnius",
                nullable=False,
            )
        )


def downgrade():
    with op.batch_alter_table("news_item") as batch_op:
        batch_op.drop_column("time_zone")
    with op.batch_alter_table("article") as batch_op:
        batch_op.drop_column("sources")
        batch_op.drop_column("legal_basis")
