"""Booking ids are never reused (SQLite AUTOINCREMENT), so undo/redo can put a booking back
under its old id and an id in an e-mail or a calendar never names another booking.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # identity/serial columns on servers never reuse ids
    with op.batch_alter_table(
        "booking", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ):
        pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "booking", recreate="always", table_kwargs={"sqlite_autoincrement": False}
    ):
        pass
