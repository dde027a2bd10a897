"""Checks before a booking is written: its draft, its ref, and the enforcement rule.

One home for each: a save (services.bookings), the editor's live check and the CSV
import (services.importer) ask these functions, so a booking is judged, and a
refusal worded, the same way whoever asks. The rule itself is
domain.rules.refusal_blockers; the field checks are domain.validation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.records import Activity, Slot, Status, default_activity
from ..domain.timeutil import short_local
from ..domain.validation import booking_problems, retired_problem
from ..errors import ConflictRefused, InputError, NotFound, as_error
from ..storage.models import Booking, Production, Resource
from .catalog import find_production, find_resource
from .reads import resource_slots, views_by_id


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
class Resolved:
    """A draft that passed every check but the enforcement rule, with its rows."""

    draft: BookingDraft  # activity filled in, ref trimmed (None when empty)
    resource: Resource
    production: Production | None


def resolve_draft(s: Session, draft: BookingDraft, tz: tzinfo, own_id: int | None = None,
                  retired_ok: int | None = None) -> Resolved:
    """The draft's resource and production, its fields checked; every problem at once.

    Raises the one InputError, or InputProblems naming all of them (unknown resource and
    production with their hints, a reversed time, a bad status ...). `own_id`: the
    booking being edited (its own ref is no clash); `retired_ok`: a retired resource
    the booking may stay on (it is on it already)."""
    errors: list[InputError] = []
    resource: Resource | None = None
    production: Production | None = None
    try:
        resource = find_resource(s, draft.resource)
    except NotFound as exc:
        errors.append(exc)
    activity = draft.activity or (str(default_activity(resource.kind)) if resource else None)
    named = draft.production if draft.production not in (None, "") else None
    errors += [InputError(str(p)) for p in booking_problems(
        draft.start, draft.end, draft.status, activity, named is not None, tz)]
    if named is not None:
        try:
            production = find_production(s, named)
        except NotFound as exc:
            errors.append(exc)
    ref = (draft.ref or "").strip() or None
    taken = ref_taken(s, ref, own_id)
    if taken is not None:
        errors.append(InputError(f"ref: {taken}"))
    if resource is not None and not resource.active and resource.id != retired_ok:
        errors.append(InputError(str(retired_problem(resource.name))))
    if resource is None or errors:  # (an unknown resource is among the errors)
        raise as_error(errors)
    return Resolved(replace(draft, activity=activity, ref=ref), resource, production)


def ref_taken(s: Session, ref: str | None, own_id: int | None,
              shown: Callable[[str], str] = repr) -> str | None:
    """Why `ref` cannot be used (another booking has it), or None."""
    if ref is None:
        return None
    other = s.scalars(select(Booking.id).where(Booking.ref == ref)).first()
    if other is not None and other != own_id:
        return ref_used_by(ref, other, shown)
    return None


def ref_used_by(ref: str, booking_id: int, shown: Callable[[str], str] = repr) -> str:
    return f"{shown(ref)} is already used by booking #{booking_id}"


# ---- the enforcement rule ----------------------------------------------------------------

def refusal_reason(name: str, capacity: int, blockers: Iterable[Slot]) -> str:
    """Why the confirmed bookings in the way refuse a save."""
    if all(b.is_maintenance for b in blockers):
        return "it overlaps maintenance"
    return f"{name} takes {capacity} confirmed booking{'s' if capacity > 1 else ''} at a time"


def refusal_message(name: str, capacity: int, start: int, end: int, blockers: Sequence[Slot],
                    in_the_way: Sequence[str], tz: tzinfo, subject: str = "") -> str:
    """The one wording of a refusal (a save, the editor's check, an import's line):

    `refused: [booking #12 ]cannot be confirmed on Stage 7 from 2026-12-03 10:00 to
    2026-12-03 16:00: Stage 7 takes 1 confirmed booking at a time; in the way: #3 ...`

    `in_the_way` describes each blocker (a booking's label, or an import's line)."""
    who = f"{subject} " if subject else ""
    return (f"refused: {who}cannot be confirmed on {name} from {short_local(start, tz)} to "
            f"{short_local(end, tz)}: {refusal_reason(name, capacity, blockers)}; "
            f"in the way: {'; '.join(in_the_way)}")


def saved_refusal(s: Session, resource: Resource, candidate: Slot, blockers: Sequence[Slot],
                  tz: tzinfo, subject: str = "") -> ConflictRefused:
    """The refusal of a save that stored bookings are in the way of."""
    views = views_by_id(s, (b.id for b in blockers))
    ordered = [views[b.id] for b in blockers]
    message = refusal_message(resource.name, resource.capacity, candidate.start, candidate.end, blockers,
                              [v.label(tz) for v in ordered], tz, subject)
    return ConflictRefused(message, ordered)


def enforce(s: Session, resource: Resource, candidate: Slot, tz: tzinfo, subject: str = "") -> None:
    """Raise ConflictRefused when saving `candidate` breaks the enforcement rule (SPEC 3).

    Run inside the write transaction, after `storage.queries.lock_resources`."""
    if candidate.status != Status.CONFIRMED or candidate.activity == Activity.MAINTENANCE:
        return
    others = resource_slots(s, resource.id, candidate.start, candidate.end, confirmed_only=True)
    blockers = rules.refusal_blockers(resource_info(resource), candidate, others)
    if blockers:
        raise saved_refusal(s, resource, candidate, blockers, tz, subject)


def resource_info(r: Resource) -> rules.ResourceInfo:
    return rules.ResourceInfo(r.id, r.kind, r.capacity)
