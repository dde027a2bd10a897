"""A production's countries (ISO 3166 codes) and the languages of its sheets.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("production") as batch:
        batch.add_column(sa.Column("countries", sa.String(200), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("languages", sa.String(20), nullable=False, server_default="zh;en")
        )


def downgrade() -> None:
    with op.batch_alter_table("production") as batch:
        batch.drop_column("languages")
        batch.drop_column("countries")
