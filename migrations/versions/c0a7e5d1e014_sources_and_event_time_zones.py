"""sources and legal basis of articles; the time zone of events; the asylum topic's Russian words

Revision ID: c0a7e5d1e014
Revises: 7e11c0de0ace
Create Date: 2026-12-04 18:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c0a7e5d1e014"
down_revision = "7e11c0de0ace"
branch_labels = None
depends_on = None

# "подача заявления о предоставлении убежища", the legal wording, in the starting topic; a
# description an admin has changed since stays as it is
OLD_ASYLUM_RU = "Подача прошения об убежище, процедура, права и помощь в процессе."
NEW_ASYLUM_RU = (
    "Подача заявления о предоставлении убежища, процедура, права и помощь в процессе."
)


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


    topic = sa.table("topic", sa.column("slug", sa.String), sa.column("description_ru", sa.Text))
    op.execute(
        topic.update()
        .where(topic.c.slug == "asylum", topic.c.description_ru == OLD_ASYLUM_RU)
        .values(description_ru=NEW_ASYLUM_RU)
    )


def downgrade():
    with op.batch_alter_table("news_item") as batch_op:
        batch_op.drop_column("time_zone")
    with op.batch_alter_table("article") as batch_op:
        batch_op.drop_column("sources")
        batch_op.drop_column("legal_basis")
