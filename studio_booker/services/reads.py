"""Reading bookings: one by id or ref, filtered lists, views by id, a resource's rule rows.

Shared by the writes (services.bookings, the import), the conflicts report and the
exports. Views are built straight from result tuples whose columns are in
BookingView's field order, so no code here picks columns by position.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from ..domain.records import Slot
from ..domain.validation import status_problem
from ..errors import InputError, NotFound, raise_all
from ..storage.engine import read_session
from ..storage.models import Booking, Production, Resource, Setting
from ..storage.queries import LONGEST_SQL, SLOT_COLUMNS, overlap_sql, overlapping, raw_rows
from .catalog import find_production, find_resource
from .views import BookingView

FAR = 2**62  # beyond any instant: an open end of a window


@dataclass(frozen=True)
class BookingFilter:
    start: int | None = None  # overlapping [start, end)
    end: int | None = None
    resource: str | None = None
    production: str | None = None
    status: str | None = None
    kinds: tuple[str, ...] | None = None
    text: str | None = None  # in resource, production, ref or notes


# ---- the longest booking (revision 0002) ---------------------------------------------------

def longest_booking(s: Session) -> int:
    value = s.scalar(select(Setting.value).where(Setting.key == "longest_booking_s"))
    return int(value or 0)


def bump_longest(s: Session, duration: int) -> None:
    """Keep `longest_booking_s` >= every booking's length (it never shrinks; that stays correct)."""
    if duration > longest_booking(s):
        s.merge(Setting(key="longest_booking_s", value=str(duration)))


# ---- views ---------------------------------------------------------------------------------

def _view_select() -> Select[*tuple[Any, ...]]:
    """The columns of a BookingView, in its field order."""
    return (
        select(
            Booking.id, Booking.ref, Booking.resource_id, Resource.name, Resource.kind,
            Booking.production_id, Production.name, Booking.status, Booking.activity,
            Booking.start_utc, Booking.end_utc, func.coalesce(Booking.notes, ""), Booking.version,
            Booking.created_utc, func.coalesce(Booking.created_by, ""), Booking.updated_utc,
            func.coalesce(Booking.updated_by, ""), func.coalesce(Production.color, ""),
        )
        .join(Resource, Resource.id == Booking.resource_id)
        .outerjoin(Production, Production.id == Booking.production_id)
    )


_VIEWS_BY_ID_SQL = (  # _view_select's columns as plain SQL: a report asks for thousands
    "SELECT b.id, b.ref, b.resource_id, r.name, r.kind, b.production_id, p.name, b.status,"
    " b.activity, b.start_utc, b.end_utc, coalesce(b.notes, ''), b.version, b.created_utc,"
    " coalesce(b.created_by, ''), b.updated_utc, coalesce(b.updated_by, ''), coalesce(p.color, '')"
    " FROM booking b JOIN resource r ON r.id = b.resource_id"
    " LEFT JOIN production p ON p.id = b.production_id WHERE b.id IN ({})"
)
_IN_CHUNK = 900  # SQLite's default limit is 999 parameters a statement


def views_by_id(s: Session, ids: Iterable[int]) -> dict[int, BookingView]:
    """BookingViews by id; a plain query in chunks, since a report may need thousands."""
    wanted = sorted(set(ids))
    out: dict[int, BookingView] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i : i + _IN_CHUNK]
        sql = _VIEWS_BY_ID_SQL.format(", ".join("?" * len(chunk)))
        for v in map(BookingView.from_row, raw_rows(s, sql, chunk)):
            out[v.id] = v
    return out


def view_of(b: Booking) -> BookingView:
    return BookingView(
        b.id, b.ref, b.resource_id, b.resource.name, b.resource.kind, b.production_id,
        b.production.name if b.production else None, b.status, b.activity, b.start_utc,
        b.end_utc, b.notes or "", b.version, b.created_utc, b.created_by, b.updated_utc,
        b.updated_by, b.production.color if b.production else "",
    )


# ---- look-ups and lists --------------------------------------------------------------------

def find_booking(s: Session, id_or_ref: str | int) -> Booking:
    """A booking by id, or by ref (an all-digit ref is tried as a ref when no id matches)."""
    text = str(id_or_ref).strip()
    b: Booking | None = None
    if text.isdigit():
        b = s.get(Booking, int(text))
    if b is None and text:
        b = s.scalars(select(Booking).where(Booking.ref == text)).first()
    if b is None:
        raise NotFound(f"no booking with id or ref {text!r}")
    return b


def get_booking(engine: Engine, id_or_ref: str | int) -> BookingView:
    with read_session(engine) as s:
        return view_of(find_booking(s, id_or_ref))


def _resolve_filter(s: Session, f: BookingFilter) -> tuple[int | None, int | None, list[InputError]]:
    """The filter's resource and production ids, and every bad part of it (not raised)."""
    errors: list[InputError] = []
    rid = pid = None
    if f.resource:
        try:
            rid = find_resource(s, f.resource).id
        except NotFound as exc:
            errors.append(exc)
    if f.production:
        try:
            pid = find_production(s, f.production).id
        except NotFound as exc:
            errors.append(exc)
    problem = status_problem(f.status) if f.status else None
    if problem is not None:
        errors.append(InputError(str(problem)))
    return rid, pid, errors


def filter_problems(engine: Engine, f: BookingFilter) -> list[InputError]:
    """What is wrong with a filter's names and status, every part at once (for a caller that
    found a problem of its own first, such as a time the command line could not read)."""
    with read_session(engine) as s:
        return _resolve_filter(s, f)[2]


def find_bookings(engine: Engine, f: BookingFilter | None = None) -> list[BookingView]:
    """Bookings matching the filter, every status unless `status` narrows it, in time order.

    Every bad part of the filter is reported at once (an unknown resource and production)."""
    f = f or BookingFilter()
    with read_session(engine) as s:
        rid, pid, errors = _resolve_filter(s, f)
        raise_all(errors)
        q = _view_select()
        if f.start is not None or f.end is not None:
            lo = f.start if f.start is not None else -FAR
            hi = f.end if f.end is not None else FAR
            q = q.where(overlapping(Booking.start_utc, Booking.end_utc, lo, hi, longest_booking(s)))
        if rid is not None:
            q = q.where(Booking.resource_id == rid)
        if pid is not None:
            q = q.where(Booking.production_id == pid)
        if f.status:
            q = q.where(Booking.status == f.status)
        if f.kinds:
            q = q.where(Resource.kind.in_(f.kinds))
        if f.text:
            like = f"%{f.text.strip()}%"
            q = q.where(
                Resource.name.ilike(like)
                | Production.name.ilike(like)
                | Booking.ref.ilike(like)
                | Booking.notes.ilike(like)
            )
        q = q.order_by(Booking.start_utc, Resource.name, Booking.id)
        return list(map(BookingView.from_row, s.execute(q).all()))


def count_bookings(engine: Engine) -> int:
    with read_session(engine) as s:
        return int(s.scalar(select(func.count(Booking.id))) or 0)


# ---- the rule rows of one resource ---------------------------------------------------------

_SLOTS_SQL = (
    f"SELECT {SLOT_COLUMNS} FROM booking WHERE resource_id = :rid AND "
    # no booking is longer than longest_booking_s: a range scan of ix_booking_resource_start
    + overlap_sql(longest=LONGEST_SQL)
)


def resource_slots(
    s: Session, resource_id: int, start: int, end: int, confirmed_only: bool = False
) -> list[Slot]:
    """The resource's non-cancelled bookings overlapping [start, end), as rule records.

    One plain statement: this runs inside every save's write transaction.
    """
    sql = _SLOTS_SQL + (" AND status = 'confirmed'" if confirmed_only else " AND status != 'cancelled'")
    rows = raw_rows(s, sql, {"rid": resource_id, "lo": start, "hi": end})
    return list(map(Slot._make, rows))
