"""Typed SQLAlchemy 2 models (SPEC section 2).

Instants are stored as integer seconds since the Unix epoch (UTC): portable
between SQLite and PostgreSQL, exact, indexable, and read without parsing.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..domain.records import ACTIVITIES, KINDS, STATUSES

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Resource(Base):
    __tablename__ = "resource"
    __table_args__ = (
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint(_in("kind", KINDS), name="kind_known"),
        CheckConstraint("kind != 'crew' OR capacity = 1", name="crew_single"),
        CheckConstraint("length(trim(name)) > 0", name="name_present"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    area_m2: Mapped[float | None] = mapped_column(Float)
    features: Mapped[str] = mapped_column(Text, default="")  # ';'-separated tags
    department: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(100), default="")
    day_rate: Mapped[float | None] = mapped_column(Float)  # CNY
    notes: Mapped[str] = mapped_column(Text, default="")


class Production(Base):
    __tablename__ = "production"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_present"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    company: Mapped[str] = mapped_column(String(200), default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(100), default="")
    color: Mapped[str] = mapped_column(String(16), default="")
    countries: Mapped[str] = mapped_column(String(200), default="")  # ';'-separated ISO 3166 (0004)
    languages: Mapped[str] = mapped_column(String(20), default="zh;en")  # sheet languages (0004)
    notes: Mapped[str] = mapped_column(Text, default="")


class Booking(Base):
    __tablename__ = "booking"
    __table_args__ = (
        CheckConstraint("start_utc < end_utc", name="start_before_end"),
        CheckConstraint(_in("status", STATUSES), name="status_known"),
        CheckConstraint(_in("activity", ACTIVITIES), name="activity_known"),
        CheckConstraint(
            "production_id IS NOT NULL OR activity = 'maintenance'", name="production_present"
        ),
        # "bookings of resource R overlapping [s, e)" is a range scan on this index
        Index("ix_booking_resource_start", "resource_id", "start_utc", "end_utc"),
        # the timeline's "everything overlapping the visible window"
        Index("ix_booking_start", "start_utc", "end_utc"),
        Index("ix_booking_production_start", "production_id", "start_utc"),
        {"sqlite_autoincrement": True},  # ids are never reused (revision 0003)
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id", ondelete="RESTRICT"))
    production_id: Mapped[int | None] = mapped_column(
        ForeignKey("production.id", ondelete="RESTRICT")
    )
    start_utc: Mapped[int] = mapped_column(BigInteger)
    end_utc: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="hold")
    activity: Mapped[str] = mapped_column(String(16), default="shoot")
    ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_utc: Mapped[int] = mapped_column(BigInteger)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_utc: Mapped[int] = mapped_column(BigInteger)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    resource: Mapped[Resource] = relationship(lazy="joined", innerjoin=True)
    production: Mapped[Production | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}


class Setting(Base):
    """Lot-wide settings shared by every coordinator of one database (revision 0002)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
