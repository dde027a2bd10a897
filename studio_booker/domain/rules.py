"""The conflict rules of SPEC section 3, as pure functions over plain records.

Every rule works on the bookings of one resource, sorted by time, with a sweep
over start/end events or a sorted index (never all pairs). The same functions
serve the conflicts report, the editor's live warnings and the refusal at save
time (`refusal_blockers`).

A booking is a Slot or a plain tuple in Slot's field order (the report streams a
season of plain tuples from the database cursor and never makes a Slot of them);
the code reads both by the field positions of domain.records (START, END, ...).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, TypeVar

from .intervals import IntervalIndex, slot_key
from .records import (
    ACTIVITY,
    CREATED,
    END,
    ID,
    PRODUCTION_ID,
    START,
    STATUS,
    Activity,
    Conflict,
    Kind,
    Status,
)

Row = Sequence[Any]  # a Slot, or a plain tuple in Slot's field order
R = TypeVar("R", bound=Sequence[Any])

# plain strings: the loops below compare hundreds of thousands of them
_CONFIRMED = Status.CONFIRMED.value
_CANCELLED = Status.CANCELLED.value
_MAINTENANCE = Activity.MAINTENANCE.value
_CREW = Kind.CREW.value
_CREATED_ID = itemgetter(CREATED, ID)  # "created before" (hold_rank), ties by the lower id


@dataclass(frozen=True, slots=True)
class ResourceInfo:
    id: int
    kind: str
    capacity: int


def load_segments(rows: Iterable[Row]) -> list[tuple[int, int, int]]:
    """Maximal stretches `(start, end, n)` of constant non-zero overlap count n."""
    delta: dict[int, int] = {}
    for b in rows:
        delta[b[START]] = delta.get(b[START], 0) + 1
        delta[b[END]] = delta.get(b[END], 0) - 1
    segments: list[tuple[int, int, int]] = []
    count = 0
    prev = 0
    for t in sorted(delta):
        if count > 0 and t > prev:
            segments.append((prev, t, count))
        count += delta[t]
        prev = t
    return segments


def _stretches(segments: Sequence[tuple[int, int, int]], at_least: int) -> list[tuple[int, int]]:
    """Merge the segments whose count is >= at_least into maximal stretches (touching ones join)."""
    out: list[tuple[int, int]] = []
    for s, e, n in segments:
        if n < at_least:
            continue
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _touches(stretches: Sequence[tuple[int, int]], s: int, e: int) -> bool:
    """Whether any of the stretches shares an instant with [s, e)."""
    return any(a < e and s < z for a, z in stretches)


def _any_overlap(stretches: Sequence[tuple[int, int]], ends: Sequence[int], s: int, e: int) -> bool:
    """`_touches` for disjoint sorted stretches (with their `ends`), by bisection."""
    i = bisect_right(ends, s)
    return i < len(stretches) and stretches[i][0] < e


def detect(resource: ResourceInfo, slots: Iterable[Row], min_rest: int) -> list[Conflict]:
    """Every conflict item on one resource, rule by rule (SPEC 3); cancelled bookings are ignored."""
    active = [b for b in slots if b[STATUS] != _CANCELLED]
    return detect_sorted(resource, sorted(active, key=slot_key), min_rest)


def detect_sorted(resource: ResourceInfo, rows: Sequence[Row], min_rest: int) -> list[Conflict]:
    """`detect` for one resource's active (not cancelled) bookings, sorted by (start, end, id).

    Only stretches where bookings overlap or touch can hold a capacity, maintenance or
    hold item, so the rows are cut into such clusters first and a lone booking costs
    nothing more; turnaround looks at neighbours across clusters, in a pass of its own.
    """
    out: list[Conflict] = []
    if resource.kind == _CREW:
        out.extend(_turnaround(resource.id, rows, min_rest))
    for lo, hi in clusters(rows):
        out.extend(_detect_cluster(resource, rows[lo:hi]))
    return out


def clusters(rows: Sequence[Row]) -> list[tuple[int, int]]:
    """`(lo, hi)` of each run `rows[lo:hi]` of two or more bookings linked by overlaps or touches.

    `rows` sorted by start. A run ends before a row that starts after every earlier row has
    ended. (A plain loop: on CPython 3.11 it is several times faster than the same sweep
    made of itertools.accumulate and compress, which call a builtin per row.)
    """
    out: list[tuple[int, int]] = []
    lo = 0
    reach = -(2**62)  # the latest end of the run so far
    for i, b in enumerate(rows):
        if b[START] > reach:
            if i - lo > 1:
                out.append((lo, i))
            lo = i
            reach = b[END]
        elif b[END] > reach:
            reach = b[END]
    if len(rows) - lo > 1:
        out.append((lo, len(rows)))
    return out


def _turnaround(rid: int, rows: Sequence[Row], min_rest: int) -> list[Conflict]:
    """Crew rest between consecutive non-maintenance bookings (active, sorted by (start, end, id))."""
    out: list[Conflict] = []
    prev: Row | None = None
    for b in rows:
        if b[ACTIVITY] == _MAINTENANCE:
            continue
        if prev is not None and prev[END] <= b[START] and b[START] - prev[END] < min_rest:
            out.append(Conflict("turnaround", rid, prev[END], b[START], (prev[ID], b[ID])))
        prev = b
    return out


def _detect_cluster(resource: ResourceInfo, mine: Sequence[Row]) -> list[Conflict]:
    """capacity, maintenance, blocked_hold and hold_rank items of active bookings sorted by
    (start, end, id). Most clusters are two or three bookings: every sweep and index below
    is made only where a question needs it."""
    working: list[Row] = []  # confirmed, not maintenance
    repairs: list[Row] = []  # confirmed maintenance
    confirmed: list[Row] = []
    holds: list[Row] = []  # holds, not maintenance
    for b in mine:
        repair = b[ACTIVITY] == _MAINTENANCE
        if b[STATUS] == _CONFIRMED:
            confirmed.append(b)
            (repairs if repair else working).append(b)
        elif not repair:
            holds.append(b)
    rid, capacity = resource.id, resource.capacity
    out: list[Conflict] = []
    overbooked = len(working) > capacity
    # the stretches where the confirmed work fills the capacity (a hold there is blocked)
    segments = load_segments(working) if len(working) >= capacity and (overbooked or holds) else []

    if overbooked or repairs:
        working_index = IntervalIndex(working, presorted=True)
        # capacity: maximal stretches above capacity, with every booking that overlaps them
        for s, e in _stretches(segments, capacity + 1):
            out.append(Conflict("capacity", rid, s, e, tuple(b[ID] for b in working_index.overlapping(s, e))))
        # maintenance: each overlapping (maintenance, booking) pair, over their intersection
        for m in repairs:
            for b in working_index.overlapping(m[START], m[END]):
                out.append(Conflict("maintenance", rid, max(m[START], b[START]), min(m[END], b[END]),
                                    (m[ID], b[ID])))
    if not holds:
        return out

    full = _stretches(segments, capacity) if segments else []
    full_ends = [e for _, e in full]
    repair_index = IntervalIndex(repairs, presorted=True) if repairs else None
    hold_index = IntervalIndex(holds, presorted=True) if len(holds) > 1 else None
    confirmed_index: IntervalIndex[Row] | None = None
    for h in holds:
        hs, he = h[START], h[END]
        # blocked_hold: could not be confirmed now
        if (full and _any_overlap(full, full_ends, hs, he)) or (
            repair_index is not None and repair_index.overlapping(hs, he)
        ):
            if confirmed_index is None:
                confirmed_index = IntervalIndex(confirmed, presorted=True)
            blockers = tuple(b[ID] for b in confirmed_index.overlapping(hs, he))
            out.append(Conflict("blocked_hold", rid, hs, he, (h[ID], *blockers)))
        # hold_rank: earlier overlapping holds of other productions
        if hold_index is None:
            continue
        near = hold_index.overlapping(hs, he)
        if len(near) > 1:
            mark = (h[CREATED], h[ID])
            pid = h[PRODUCTION_ID]
            earlier = [o for o in near if o[PRODUCTION_ID] != pid and (o[CREATED], o[ID]) < mark]
            if earlier:
                earlier.sort(key=_CREATED_ID)
                out.append(Conflict("hold_rank", rid, hs, he, (h[ID], *(b[ID] for b in earlier)),
                                    rank=1 + len(earlier)))
    return out


def refusal_blockers(resource: ResourceInfo, candidate: Row, others: Iterable[R]) -> list[R]:
    """The bookings that stop `candidate` from being saved, or [] when it may be saved.

    Only a confirmed, non-maintenance booking can be refused (SPEC 3, Enforcement):
    when at some instant inside it the confirmed bookings would exceed the
    capacity, or when a confirmed maintenance booking overlaps it. `others` are
    the resource's other bookings (any status; the candidate's own id is skipped);
    the blockers come back as given (Slots stay Slots), in (start, end, id) order.
    """
    if candidate[STATUS] != _CONFIRMED or candidate[ACTIVITY] == _MAINTENANCE:
        return []
    own, s, e = candidate[ID], candidate[START], candidate[END]
    near = [b for b in others if b[ID] != own and b[STATUS] == _CONFIRMED and b[START] < e and s < b[END]]
    repairs = [b for b in near if b[ACTIVITY] == _MAINTENANCE]
    working = [b for b in near if b[ACTIVITY] != _MAINTENANCE]
    full = [(max(a, s), min(z, e)) for a, z, n in load_segments(working) if n + 1 > resource.capacity]
    crowded = [b for b in working if _touches(full, b[START], b[END])] if full else []
    return sorted([*repairs, *crowded], key=slot_key)


def conflicts_of(resource: ResourceInfo, candidate: Row, others: Iterable[Row],
                 min_rest: int) -> list[Conflict]:
    """The conflict items that would involve `candidate` if it were saved next to `others`."""
    own = candidate[ID]
    rows = [b for b in others if b[ID] != own]
    rows.append(candidate)
    return [c for c in detect(resource, rows, min_rest) if own in c.booking_ids]
