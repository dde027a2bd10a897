"""Bookings: create, edit (move, resize), confirm, cancel, delete; the editor's check and suggestions.

Every write is one transaction in which the rule check and the write cannot be
interleaved by another writer (storage.engine.write_session, then
storage.queries.lock_resources), and the same checks (services.checks: the draft,
the ref, the enforcement rule) decide for every caller. Reads live in
services.reads; the window reads bookings through the names imported here too.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.records import Activity, Kind, Slot, Status
from ..domain.timeutil import now_instant, short_local
from ..errors import InputError, InputProblems, NotFound, StaleEdit
from ..storage.engine import read_session, write_session
from ..storage.models import Booking, Resource
from ..storage.queries import lock_resources, overlapping
from .catalog import find_resource, resource_view
from .checks import (
    BookingDraft,
    Resolved,
    enforce,
    refusal_message,
    resolve_draft,
    resource_info,
)
from .conflicts import conflict_views
from .reads import (
    BookingFilter,
    bump_longest,
    count_bookings,
    find_booking,
    find_bookings,
    get_booking,
    longest_booking,
    resource_slots,
    view_of,
    views_by_id,
)
from .settings import get_settings
from .views import BookingCheck, BookingView, ResourceView, Suggestions

__all__ = [  # the booking calls of the window and the command line, reads included
    "BookingDraft", "BookingFilter", "check_booking", "count_bookings", "create_booking", "delete_booking",
    "earliest_free_start", "find_bookings", "get_booking", "move_booking", "restore_booking",
    "set_status", "suggest_alternatives", "update_booking",
]

UNSET: Any = object()


# ---- writing -----------------------------------------------------------------------------

def create_booking(engine: Engine, draft: BookingDraft, user: str) -> BookingView:
    """Save a new booking; a confirmed one is refused (ConflictRefused) when the rules say so.

    Bad input is refused (InputError) with every problem of the draft named at once."""
    tz = get_settings(engine).tz
    with write_session(engine) as s:
        return _create(s, resolve_draft(s, draft, tz), user, tz)


def _create(s: Session, ok: Resolved, user: str, tz: tzinfo) -> BookingView:
    draft, resource = ok.draft, ok.resource
    production_id = ok.production.id if ok.production else None
    lock_resources(s, [resource.id])
    now = now_instant()
    candidate = Slot(0, resource.id, production_id, draft.start, draft.end, draft.status,
                     draft.activity or "", now)
    enforce(s, resource, candidate, tz)
    b = Booking(
        resource_id=resource.id, production_id=production_id, start_utc=draft.start,
        end_utc=draft.end, status=draft.status, activity=draft.activity, ref=draft.ref,
        notes=draft.notes or "", created_utc=now, created_by=user, updated_utc=now, updated_by=user,
    )
    s.add(b)
    bump_longest(s, draft.end - draft.start)
    s.flush()
    return view_of(b)


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
        draft = BookingDraft(
            resource=b.resource_id if resource is UNSET else resource,
            production=b.production_id if production is UNSET else production,
            start=b.start_utc if start is UNSET else start,
            end=b.end_utc if end is UNSET else end,
            status=b.status if status is UNSET else status,
            activity=b.activity if activity is UNSET else activity,
            ref=b.ref if ref is UNSET else ref,
            notes=b.notes if notes is UNSET else notes,
        )
        ok = resolve_draft(s, draft, tz, own_id=b.id, retired_ok=b.resource_id)
        draft, new_resource, prod = ok.draft, ok.resource, ok.production
        lock_resources(s, [new_resource.id])
        moved = (new_resource.id, draft.start, draft.end) != (b.resource_id, b.start_utc, b.end_utc)
        newly = draft.status == Status.CONFIRMED and b.status != Status.CONFIRMED
        became_work = b.activity == Activity.MAINTENANCE and draft.activity != Activity.MAINTENANCE
        if moved or newly or became_work:
            candidate = Slot(b.id, new_resource.id, prod.id if prod else None, draft.start,
                             draft.end, draft.status, draft.activity or "", b.created_utc)
            enforce(s, new_resource, candidate, tz, subject=f"booking #{b.id}")
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
        return view_of(b)


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
        draft = BookingDraft(view.resource_id, view.production_id, view.start, view.end, view.status,
                             view.activity, view.ref, view.notes)
        resource = resolve_draft(s, draft, tz, retired_ok=view.resource_id).resource
        lock_resources(s, [resource.id])
        enforce(s, resource, view.slot, tz, subject=f"booking #{view.id}")
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
        return view_of(b)


# ---- live check and suggestions (the editor) ---------------------------------------------

def check_booking(engine: Engine, draft: BookingDraft, booking_id: int | None = None) -> BookingCheck:
    """What saving `draft` would meet, without saving: refusal, warnings, every input problem."""
    st = get_settings(engine)
    tz = st.tz
    with read_session(engine) as s:
        try:
            ok = resolve_draft(s, draft, tz, own_id=booking_id)
        except InputError as exc:
            errors = exc.errors if isinstance(exc, InputProblems) else [exc]
            return BookingCheck(problems=tuple(str(e) for e in errors))
        draft, resource, prod = ok.draft, ok.resource, ok.production
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
        info = resource_info(resource)
        refusal = None
        blocker_views: list[BookingView] = []
        blockers = rules.refusal_blockers(info, candidate, others)
        if blockers:
            views = views_by_id(s, (b.id for b in blockers))
            blocker_views = [views[b.id] for b in blockers]
            refusal = refusal_message(resource.name, resource.capacity, draft.start, draft.end, blockers,
                                      [v.label(tz) for v in blocker_views], tz,
                                      subject=f"booking #{booking_id}" if booking_id is not None else "")
        items = rules.conflicts_of(info, candidate, others, st.min_rest_s)
        own = BookingView(
            candidate.id, draft.ref, resource.id, resource.name, resource.kind,
            prod.id if prod else None, prod.name if prod else None, draft.status,
            draft.activity or "", draft.start, draft.end, draft.notes, created_utc=created,
        )
        conflicts = conflict_views(s, items, {resource.id: (resource.name, resource.capacity)}, tz,
                                   extra={own.id: own}, min_rest=st.min_rest_s)
        return BookingCheck(tuple(blocker_views), refusal, tuple(conflicts))


def suggest_alternatives(
    engine: Engine, draft: BookingDraft, booking_id: int | None = None, limit: int = 8,
    horizon_days: int = 365,
) -> Suggestions:
    """For a booking that would be refused: free resources of the same kind and at least the
    same size for the whole period, and the earliest free start on the chosen resource."""
    with read_session(engine) as s:
        chosen = find_resource(s, draft.resource)
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
            for slot in map(Slot._make, rows):
                busy.setdefault(slot.resource_id, []).append(slot)
        free: list[ResourceView] = []
        for r in sorted(candidates, key=lambda r: (r.area_m2 or 0, r.capacity, r.name)):
            probe = Slot(-1, r.id, None, draft.start, draft.end, Status.CONFIRMED, Activity.SHOOT, 0)
            if not rules.refusal_blockers(resource_info(r), probe, busy.get(r.id, [])):
                free.append(resource_view(r))
                if len(free) >= limit:
                    break
        earliest = earliest_free_start(s, chosen, draft.start, duration, booking_id,
                                       draft.start + horizon_days * 86400)
        notes = () if earliest is not None else (
            f"{chosen.name} has no free stretch of that length within {horizon_days} days",
        )
        return Suggestions(tuple(free), earliest, notes)


def earliest_free_start(s: Session, resource: Resource, start: int, duration: int,
                        own_id: int | None, until: int) -> int | None:
    """The first instant >= start where a confirmed booking of `duration` would be accepted."""
    info = resource_info(resource)
    slots = [b for b in resource_slots(s, resource.id, start, until + duration, confirmed_only=True)
             if b.id != own_id]
    # a free stretch can only begin at `start` or where a booking ends
    points = sorted({start, *(b.end for b in slots if b.end > start)})
    for t in points:
        if t > until:
            break
        probe = Slot(-1, resource.id, None, t, t + duration, Status.CONFIRMED, Activity.SHOOT, 0)
        if not rules.refusal_blockers(info, probe, slots):
            return t
    return None
