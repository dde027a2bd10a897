"""Lot-wide settings, and the longest booking kept as one (for range scans).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    setting = op.create_table(
        "setting",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_index("ix_booking_production_start", "booking", ["production_id", "start_utc"])
    longest = op.get_bind().execute(
        sa.text("SELECT COALESCE(MAX(end_utc - start_utc), 0) FROM booking")
    ).scalar()
    op.bulk_insert(
        setting,
        [
            {"key": "lot_timezone", "value": "Asia/Shanghai"},
            {"key": "min_rest_hours", "value": "10"},
            {"key": "lot_name", "value": "Oriental Film Metropolis, Qingdao"},
            {"key": "longest_booking_s", "value": str(int(longest or 0))},
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_booking_production_start", "booking")
    op.drop_table("setting")
