"""Resources, productions and bookings.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resource",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("area_m2", sa.Float(), nullable=True),
        sa.Column("features", sa.Text(), nullable=False),
        sa.Column("department", sa.String(100), nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("day_rate", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("capacity >= 1", name="capacity_positive"),
        sa.CheckConstraint("kind IN ('stage', 'workshop', 'crew')", name="kind_known"),
        sa.CheckConstraint("kind != 'crew' OR capacity = 1", name="crew_single"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_present"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "production",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("company", sa.String(200), nullable=False),
        sa.Column("contact_name", sa.String(200), nullable=False),
        sa.Column("contact_email", sa.String(200), nullable=False),
        sa.Column("contact_phone", sa.String(100), nullable=False),
        sa.Column("color", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_present"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "booking",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "resource_id", sa.Integer(), sa.ForeignKey("resource.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column(
            "production_id", sa.Integer(), sa.ForeignKey("production.id", ondelete="RESTRICT"),
            nullable=True,
        ),
        sa.Column("start_utc", sa.BigInteger(), nullable=False),
        sa.Column("end_utc", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("activity", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(100), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_utc", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("updated_utc", sa.BigInteger(), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("start_utc < end_utc", name="start_before_end"),
        sa.CheckConstraint(
            "status IN ('hold', 'confirmed', 'cancelled')", name="status_known"
        ),
        sa.CheckConstraint(
            "activity IN ('build', 'prelight', 'shoot', 'strike', 'prep', 'shift', "
            "'maintenance', 'other')",
            name="activity_known",
        ),
        sa.CheckConstraint(
            "production_id IS NOT NULL OR activity = 'maintenance'", name="production_present"
        ),
        sa.UniqueConstraint("ref"),
    )
    op.create_index(
        "ix_booking_resource_start", "booking", ["resource_id", "start_utc", "end_utc"]
    )
    op.create_index("ix_booking_start", "booking", ["start_utc", "end_utc"])


def downgrade() -> None:
    op.drop_table("booking")
    op.drop_table("production")
    op.drop_table("resource")
