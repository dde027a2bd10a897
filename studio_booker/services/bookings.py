"""Bookings: create, edit (move, resize), confirm, cancel, delete, list, check, suggest.

Every write is one transaction in which the rule check and the write cannot be
interleaved by another writer (storage.engine.write_session), and the same
domain rule (domain.rules.refusal_blockers) decides for every caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import tzinfo
from typing import Any

from sqlalchemy import Engine, Select, delete, func, select, update
from sqlalchemy.orm import Session, aliased

from ..domain import rules
from ..domain.records import Activity, Kind, Slot, Status, default_activity
from ..domain.timeutil import now_instant, short_local
from ..errors import ConflictRefused, InputError, NotFound, StaleEdit
from ..storage.engine import read_session, write_session
from ..storage.models import ACTIVITIES, STATUSES, Booking, Production, Resource, Setting
from ..storage.queries import overlapping, raw_rows
from .catalog import find_production, find_resource, resource_view
from .settings import get_settings
from .views import BookingCheck, BookingView, ResourceView, Suggestions

UNSET: Any = object()


@dataclass(frozen=True)
class BookingDraft:
    """What a coordinator asks for. resource/production by name or id."""

    resource: str | int
    production: str | int | None
    start: int
    end: int
    status: str = Status.HOLD
    activity: str | None = None  # None: the default for the resource's kind
    ref: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class BookingFilter:
    start: int | None = None  # overlapping [start, end)
    end: int | None = None
    resource: str | None = None
    production: str | None = None
    status: str | None = None
    kinds: tuple[str, ...] | None = None
    text: str | None = None  # in resource, production, ref or notes


# ---- reading -----------------------------------------------------------------------------

def longest_booking(s: Session) -> int:
    value = s.scalar(select(Setting.value).where(Setting.key == "longest_booking_s"))
    return int(value or 0)


def bump_longest(s: Session, duration: int) -> None:
    """Keep `longest_booking_s` >= every booking's length (it never shrinks; that stays correct)."""
    if duration > longest_booking(s):
        s.merge(Setting(key="longest_booking_s", value=str(duration)))


def _view_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Booking.id,
            Booking.ref,
            Booking.resource_id,
            Resource.name,
            Resource.kind,
            Booking.production_id,
            Production.name,
            Booking.status,
            Booking.activity,
            Booking.start_utc,
            Booking.end_utc,
            Booking.notes,
            Booking.version,
            Booking.created_utc,
            Booking.created_by,
            Booking.updated_utc,
            Booking.updated_by,
            Production.color,
        )
        .join(Resource, Resource.id == Booking.resource_id)
        .outerjoin(Production, Production.id == Booking.production_id)
    )


def _views(rows: Iterable[Sequence[Any]]) -> list[BookingView]:
    return [
        BookingView(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
            r[11] or "", r[12], r[13], r[14] or "", r[15], r[16] or "", r[17] or "",
        )
        for r in rows
    ]


_VIEW_SQL = (
    "SELECT b.id, b.ref, b.resource_id, r.name, r.kind, b.production_id, p.name, b.status, b.activity,"
    " b.start_utc, b.end_utc, b.notes, b.version, b.created_utc, b.created_by, b.updated_utc,"
    " b.updated_by, p.color FROM booking b JOIN resource r ON r.id = b.resource_id"
    " LEFT JOIN production p ON p.id = b.production_id WHERE b.id IN ({})"
)


def views_by_id(s: Session, ids: Iterable[int]) -> dict[int, BookingView]:
    """BookingViews by id; a plain query in chunks, since a report may need thousands."""
    wanted = sorted(set(ids))
    out: dict[int, BookingView] = {}
    for i in range(0, len(wanted), 900):
        chunk = wanted[i : i + 900]
        params = {f"i{n}": v for n, v in enumerate(chunk)}
        sql = _VIEW_SQL.format(", ".join(f":{k}" for k in params))
        for v in _views(raw_rows(s, sql, params)):
            out[v.id] = v
    return out


def _view_of(b: Booking) -> BookingView:
    return BookingView(
        b.id, b.ref, b.resource_id, b.resource.name, b.resource.kind, b.production_id,
        b.production.name if b.production else None, b.status, b.activity, b.start_utc,
        b.end_utc, b.notes or "", b.version, b.created_utc, b.created_by, b.updated_utc,
        b.updated_by, b.production.color if b.production else "",
    )


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
        return _view_of(find_booking(s, id_or_ref))


def find_bookings(engine: Engine, f: BookingFilter | None = None) -> list[BookingView]:
    """Bookings matching the filter, every status unless `status` narrows it, in time order."""
    f = f or BookingFilter()
    with read_session(engine) as s:
        q = _view_select()
        if f.start is not None or f.end is not None:
            lo = f.start if f.start is not None else -(2**62)
            hi = f.end if f.end is not None else 2**62
            q = q.where(overlapping(Booking.start_utc, Booking.end_utc, lo, hi, longest_booking(s)))
        if f.resource:
            q = q.where(Booking.resource_id == find_resource(s, f.resource).id)
        if f.production:
            q = q.where(Booking.production_id == find_production(s, f.production).id)
        if f.status:
            if f.status not in STATUSES:
                raise InputError(
                    f"status: {f.status!r} is not a status; use hold, confirmed or cancelled"
                )
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
        return _views(s.execute(q).all())


_SLOTS_SQL = (
    "SELECT id, resource_id, production_id, start_utc, end_utc, status, activity, created_utc"
    " FROM booking WHERE resource_id = :rid AND start_utc < :end AND end_utc > :start"
    # no booking is longer than longest_booking_s: a range scan of ix_booking_resource_start
    " AND start_utc >= :start - (SELECT CAST(value AS INTEGER) FROM setting"
    " WHERE key = 'longest_booking_s')"
)


def resource_slots(
    s: Session, resource_id: int, start: int, end: int, confirmed_only: bool = False
) -> list[Slot]:
    """The resource's non-cancelled bookings overlapping [start, end), as rule records.

    One plain statement: this runs inside every save's write transaction.
    """
    sql = _SLOTS_SQL + (" AND status = 'confirmed'" if confirmed_only else " AND status != 'cancelled'")
    rows = raw_rows(s, sql, {"rid": resource_id, "start": start, "end": end})
    return list(map(Slot._make, rows))


# ---- validation and the rule check -------------------------------------------------------

def _describe(views: Iterable[BookingView], tz: tzinfo) -> str:
    return "; ".join(v.label(tz) for v in views)


def _validate(draft: BookingDraft, resource: Resource, tz: tzinfo) -> BookingDraft:
    if draft.start >= draft.end:
        word = "ends when it starts" if draft.start == draft.end else "ends before it starts"
        raise InputError(
            f"the booking {word} (start {short_local(draft.start, tz)}, "
            f"end {short_local(draft.end, tz)}); the end must be after the start"
        )
    if draft.status not in STATUSES:
        raise InputError(f"status: {draft.status!r} is not a status; use hold, confirmed or cancelled")
    activity = draft.activity or default_activity(resource.kind)
    if activity not in ACTIVITIES:
        raise InputError(f"activity: {activity!r} is not an activity; use {', '.join(ACTIVITIES)}")
    if draft.production in (None, "") and activity != Activity.MAINTENANCE:
        raise InputError("production: a booking needs a production unless its activity is maintenance")
    ref = (draft.ref or "").strip() or None
    return replace(draft, activity=str(activity), ref=ref)


def _lock_resource(s: Session, resource: Resource) -> None:
    """Serialise writers per resource on servers with row locks (SQLite: BEGIN IMMEDIATE already did)."""
    if s.get_bind().dialect.name != "sqlite":
        s.execute(select(Resource.id).where(Resource.id == resource.id).with_for_update())


def _enforce(
    s: Session, resource: Resource, candidate: Slot, tz: tzinfo, what: str = "the booking"
) -> None:
    if candidate.status != Status.CONFIRMED or candidate.is_maintenance:
        return
    others = resource_slots(s, resource.id, candidate.start, candidate.end, confirmed_only=True)
    info = rules.ResourceInfo(resource.id, resource.kind, resource.capacity)
    blockers = rules.refusal_blockers(info, candidate, others)
    if blockers:
        views = views_by_id(s, (b.id for b in blockers))
        ordered = [views[b.id] for b in blockers]
        reason = refusal_reason(resource.name, resource.capacity, blockers)
        raise ConflictRefused(
            f"refused: {what} on {resource.name} from {short_local(candidate.start, tz)} to "
            f"{short_local(candidate.end, tz)} cannot be confirmed: {reason}; in the way: "
            f"{_describe(ordered, tz)}",
            ordered,
        )


def refusal_reason(name: str, capacity: int, blockers: Iterable[Slot]) -> str:
    """Why confirmed bookings in the way refuse a save (one wording for every caller)."""
    if all(b.is_maintenance for b in blockers):
        return "it overlaps maintenance"
    return f"{name} takes {capacity} confirmed booking{'s' if capacity > 1 else ''} at a time"


def _check_ref(s: Session, ref: str | None, own_id: int | None) -> None:
    if ref is None:
        return
    other = s.scalars(select(Booking).where(Booking.ref == ref)).first()
    if other is not None and other.id != own_id:
        raise InputError(f"ref: {ref!r} is already used by booking #{other.id}")


# ---- writing -----------------------------------------------------------------------------

def create_booking(engine: Engine, draft: BookingDraft, user: str) -> BookingView:
    """Save a new booking; a confirmed one is refused (ConflictRefused) when the rules say so."""
    tz = get_settings(engine).tz
    with write_session(engine) as s:
        resource = find_resource(s, draft.resource)
        return _create(s, draft, resource, user, tz)


def _create(s: Session, draft: BookingDraft, resource: Resource, user: str, tz: tzinfo) -> BookingView:
    if not resource.active:
        raise InputError(f"resource {resource.name!r} is retired; bring it back before booking it")
    draft = _validate(draft, resource, tz)
    production = (
        find_production(s, draft.production) if draft.production not in (None, "") else None
    )
    _check_ref(s, draft.ref, None)
    _lock_resource(s, resource)
    now = now_instant()
    candidate = Slot(0, resource.id, production.id if production else None, draft.start,
                     draft.end, draft.status, draft.activity or "", now)
    _enforce(s, resource, candidate, tz)
    b = Booking(
        resource_id=resource.id,
        production_id=production.id if production else None,
        start_utc=draft.start,
        end_utc=draft.end,
        status=draft.status,
        activity=draft.activity,
        ref=draft.ref,
        notes=draft.notes or "",
        created_utc=now,
        created_by=user,
        updated_utc=now,
        updated_by=user,
    )
    s.add(b)
    bump_longest(s, draft.end - draft.start)
    s.flush()
    return _view_of(b)


def update_booking(
    engine: Engine,
    id_or_ref: str | int,
    user: str,
    *,
    expected_version: int | None = None,
    resource: str | int = UNSET,
    production: str | int | None = UNSET,
    start: int = UNSET,
    end: int = UNSET,
    status: str = UNSET,
    activity: str = UNSET,
    ref: str | None = UNSET,
    notes: str = UNSET,
) -> BookingView:
    """Change a booking (move, resize, re-assign, edit, confirm, cancel).

    A change that leaves it confirmed with a new time or resource, or that
    confirms it, is checked by the enforcement rule. `expected_version`
    refuses the edit when someone else saved the booking since it was read.
    """
    tz = get_settings(engine).tz
    with write_session(engine) as s:
        b = find_booking(s, id_or_ref)
        if expected_version is not None and b.version != expected_version:
            raise StaleEdit(
                f"booking #{b.id} was changed by {b.updated_by or 'someone'} at "
                f"{short_local(b.updated_utc, tz)} since you opened it; reload and try again"
            )
        new_resource = find_resource(s, resource) if resource is not UNSET else b.resource
        if new_resource.id != b.resource_id:
            if not new_resource.active:
                raise InputError(f"resource {new_resource.name!r} is retired")
        if production is UNSET:
            prod_key: str | int | None = b.production_id
        else:
            prod_key = production
        draft = BookingDraft(
            resource=new_resource.id,
            production=prod_key,
            start=b.start_utc if start is UNSET else start,
            end=b.end_utc if end is UNSET else end,
            status=b.status if status is UNSET else status,
            activity=b.activity if activity is UNSET else activity,
            ref=b.ref if ref is UNSET else ref,
            notes=b.notes if notes is UNSET else notes,
        )
        draft = _validate(draft, new_resource, tz)
        prod = find_production(s, draft.production) if draft.production not in (None, "") else None
        _check_ref(s, draft.ref, b.id)
        _lock_resource(s, new_resource)
        moved = (new_resource.id, draft.start, draft.end) != (b.resource_id, b.start_utc, b.end_utc)
        newly = draft.status == Status.CONFIRMED and b.status != Status.CONFIRMED
        became_work = b.activity == Activity.MAINTENANCE and draft.activity != Activity.MAINTENANCE
        if moved or newly or became_work:
            candidate = Slot(b.id, new_resource.id, prod.id if prod else None, draft.start,
                             draft.end, draft.status, draft.activity or "", b.created_utc)
            _enforce(s, new_resource, candidate, tz, what=f"booking #{b.id}")
        b.resource_id = new_resource.id
        b.resource = new_resource
        b.production_id = prod.id if prod else None
        b.production = prod
        b.start_utc, b.end_utc = draft.start, draft.end
        b.status = draft.status
        b.activity = draft.activity or b.activity
        b.ref = draft.ref
        b.notes = draft.notes or ""
        b.updated_utc = now_instant()
        b.updated_by = user
        bump_longest(s, draft.end - draft.start)
        s.flush()
        return _view_of(b)


def set_status(engine: Engine, id_or_ref: str | int, status: str, user: str,
               expected_version: int | None = None) -> BookingView:
    """Confirm, cancel or put back on hold."""
    return update_booking(engine, id_or_ref, user, status=status, expected_version=expected_version)


def move_booking(engine: Engine, booking_id: int, user: str, *, resource: int | str | None = None,
                 start: int, end: int, expected_version: int | None = None) -> BookingView:
    """Move and/or resize (the timeline's drag); checked like any save."""
    return update_booking(
        engine, booking_id, user, start=start, end=end, expected_version=expected_version,
        resource=resource if resource is not None else UNSET,
    )


def delete_booking(engine: Engine, booking_id: int) -> None:
    """Remove a booking for good (undo of a create). Coordinators cancel instead."""
    with write_session(engine) as s:
        if s.get(Booking, booking_id) is None:
            raise NotFound(f"no booking with id {booking_id}")
        s.execute(delete(Booking).where(Booking.id == booking_id))


def restore_booking(engine: Engine, view: BookingView, user: str) -> BookingView:
    """Put back a deleted booking with its old id (redo of a create); checked like any save."""
    tz = get_settings(engine).tz
    with write_session(engine) as s:
        if s.get(Booking, view.id) is not None:
            raise InputError(f"booking #{view.id} exists already")
        resource = find_resource(s, view.resource_id)
        _check_ref(s, view.ref, None)
        _lock_resource(s, resource)
        _enforce(s, resource, view.slot, tz)
        now = now_instant()
        b = Booking(
            id=view.id, resource_id=view.resource_id, production_id=view.production_id,
            start_utc=view.start, end_utc=view.end, status=view.status,
            activity=view.activity, ref=view.ref, notes=view.notes,
            created_utc=view.created_utc or now, created_by=view.created_by or user,
            updated_utc=now, updated_by=user,
        )
        s.add(b)
        bump_longest(s, view.end - view.start)
        s.flush()
        return _view_of(b)


# ---- live check and suggestions (the editor) ---------------------------------------------

def check_booking(engine: Engine, draft: BookingDraft, booking_id: int | None = None) -> BookingCheck:
    """What saving `draft` would meet, without saving: refusal, warnings, input problems."""
    from .conflicts import conflict_views

    st = get_settings(engine)
    tz = st.tz
    with read_session(engine) as s:
        try:
            resource = find_resource(s, draft.resource)
            draft = _validate(draft, resource, tz)
            prod = (
                find_production(s, draft.production)
                if draft.production not in (None, "") else None
            )
            _check_ref(s, draft.ref, booking_id)
            if not resource.active:
                raise InputError(f"resource {resource.name!r} is retired")
        except InputError as exc:
            return BookingCheck(problems=(str(exc),))
        created = now_instant()
        # Saved now, a new booking would get an id above every other: it loses a tie on
        # created time (hold_rank). Its stand-in id is -1, so rank it one second later.
        rank_created = created + 1
        if booking_id is not None:
            created = s.scalar(select(Booking.created_utc).where(Booking.id == booking_id)) or created
            rank_created = created
        candidate = Slot(booking_id if booking_id is not None else -1, resource.id,
                         prod.id if prod else None, draft.start, draft.end, draft.status,
                         draft.activity or "", rank_created)
        pad = st.min_rest_s + longest_booking(s)
        others = resource_slots(s, resource.id, draft.start - pad, draft.end + pad)
        info = rules.ResourceInfo(resource.id, resource.kind, resource.capacity)
        refusal = None
        blocker_views: list[BookingView] = []
        blockers = rules.refusal_blockers(info, candidate, others)
        if blockers:
            views = views_by_id(s, (b.id for b in blockers))
            blocker_views = [views[b.id] for b in blockers]
            refusal = f"cannot be confirmed on {resource.name}: in the way: {_describe(blocker_views, tz)}"
        items = rules.conflicts_of(info, candidate, others, st.min_rest_s)
        own = BookingView(
            candidate.id, draft.ref, resource.id, resource.name, resource.kind,
            prod.id if prod else None, prod.name if prod else None, draft.status,
            draft.activity or "", draft.start, draft.end, draft.notes, created_utc=created,
        )
        conflicts = conflict_views(s, items, {resource.id: resource.name}, tz, extra={own.id: own},
                                   min_rest=st.min_rest_s)
        return BookingCheck(tuple(blocker_views), refusal, tuple(conflicts))


def suggest_alternatives(
    engine: Engine, draft: BookingDraft, booking_id: int | None = None, limit: int = 8,
    horizon_days: int = 365,
) -> Suggestions:
    """For a booking that would be refused: free resources of the same kind and at least the
    same size for the whole period, and the earliest free start on the chosen resource."""
    tz = get_settings(engine).tz
    with read_session(engine) as s:
        chosen = find_resource(s, draft.resource)
        status = Status.CONFIRMED
        duration = draft.end - draft.start
        if duration <= 0:
            return Suggestions(notes=("the end must be after the start",))
        q = select(Resource).where(
            Resource.kind == chosen.kind, Resource.active.is_(True), Resource.id != chosen.id,
            Resource.capacity >= 1,
        )
        if chosen.area_m2:
            q = q.where(Resource.area_m2 >= chosen.area_m2)
        if chosen.kind == Kind.CREW and chosen.department:
            q = q.where(Resource.department == chosen.department)
        if chosen.kind == Kind.CREW and chosen.role:
            q = q.where(Resource.role == chosen.role)
        candidates = s.scalars(q).all()
        busy: dict[int, list[Slot]] = {}
        if candidates:
            rows = s.execute(
                select(Booking.id, Booking.resource_id, Booking.production_id, Booking.start_utc,
                       Booking.end_utc, Booking.status, Booking.activity, Booking.created_utc)
                .where(
                    Booking.status == Status.CONFIRMED,
                    overlapping(Booking.start_utc, Booking.end_utc, draft.start, draft.end,
                                longest_booking(s)),
                )
            )
            for row in rows:
                busy.setdefault(row[1], []).append(Slot(*row))
        free: list[ResourceView] = []
        for r in sorted(candidates, key=lambda r: (r.area_m2 or 0, r.capacity, r.name)):
            probe = Slot(-1, r.id, None, draft.start, draft.end, status, "shoot", 0)
            info = rules.ResourceInfo(r.id, r.kind, r.capacity)
            if not rules.refusal_blockers(info, probe, busy.get(r.id, [])):
                free.append(resource_view(r))
                if len(free) >= limit:
                    break
        earliest = earliest_free_start(s, chosen, draft.start, duration, booking_id,
                                       draft.start + horizon_days * 86400)
        notes = () if earliest is not None else (
            f"{chosen.name} has no free stretch of that length within {horizon_days} days",
        )
        _ = tz
        return Suggestions(tuple(free), earliest, notes)


def earliest_free_start(s: Session, resource: Resource, start: int, duration: int,
                        own_id: int | None, until: int) -> int | None:
    """The first instant >= start where a confirmed booking of `duration` would be accepted."""
    info = rules.ResourceInfo(resource.id, resource.kind, resource.capacity)
    slots = [b for b in resource_slots(s, resource.id, start, until + duration, confirmed_only=True)
             if b.id != own_id]
    # a free stretch can only begin at `start` or where a booking ends
    points = sorted({start, *(b.end for b in slots if b.end > start)})
    for t in points:
        if t > until:
            break
        probe = Slot(-1, resource.id, None, t, t + duration, Status.CONFIRMED, "shoot", 0)
        if not rules.refusal_blockers(info, probe, slots):
            return t
    return None


def count_bookings(engine: Engine) -> int:
    with read_session(engine) as s:
        return int(s.scalar(select(func.count(Booking.id))) or 0)


def bulk_status(engine: Engine, ids: Sequence[int], status: str, user: str) -> None:
    """Cancel many (no rule can refuse a cancellation)."""
    if status != Status.CANCELLED:
        raise InputError("only cancellation can be applied in bulk")
    with write_session(engine) as s:
        s.execute(
            update(Booking).where(Booking.id.in_(list(ids))).values(
                status=status, updated_utc=now_instant(), updated_by=user,
                version=Booking.version + 1,
            )
        )


_ = aliased
