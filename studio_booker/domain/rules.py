"""The conflict rules of SPEC section 3, as pure functions over plain records.

Every rule works on the bookings of one resource, sorted by time, with a sweep
over start/end events or a sorted index (never all pairs). The same functions
serve the conflicts report, the editor's live warnings and the refusal at save
time (`refusal_blockers`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .records import Conflict, Kind, Slot, Status

DEFAULT_MIN_REST = 10 * 3600


@dataclass(frozen=True, slots=True)
class ResourceInfo:
    id: int
    kind: str
    capacity: int


def _key(b: Sequence[Any]) -> tuple[int, int, int]:
    """(start, end, id) of a Slot or of a tuple in Slot's field order."""
    return (b[3], b[4], b[0])


class IntervalIndex:
    """Slots sorted by start, answering "which of them overlap [s, e)".

    A slot starting at or before `s - longest` ends at or before `s`, so the
    scan starts there: the look-up stays close to the size of its answer.
    """

    __slots__ = ("_slots", "_starts", "_longest")

    def __init__(self, slots: Iterable[Slot], presorted: bool = False) -> None:
        self._slots = list(slots) if presorted else sorted(slots, key=_key)
        self._starts = [b.start for b in self._slots]
        self._longest = max((b.end - b.start for b in self._slots), default=0)

    def __len__(self) -> int:
        return len(self._slots)

    def overlapping(self, start: int, end: int) -> list[Slot]:
        lo = bisect_right(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return [b for b in self._slots[lo:hi] if b.end > start]


def load_segments(slots: Iterable[Slot]) -> list[tuple[int, int, int]]:
    """Maximal stretches `(start, end, n)` of constant non-zero overlap count n."""
    delta: dict[int, int] = {}
    for b in slots:
        delta[b.start] = delta.get(b.start, 0) + 1
        delta[b.end] = delta.get(b.end, 0) - 1
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


def _any_overlap(stretches: Sequence[tuple[int, int]], ends: Sequence[int], s: int, e: int) -> bool:
    """Whether disjoint sorted stretches (with their `ends`) touch [s, e) at some instant."""
    i = bisect_right(ends, s)
    return i < len(stretches) and stretches[i][0] < e


def detect(resource: ResourceInfo, slots: Iterable[Slot], min_rest: int) -> list[Conflict]:
    """Every conflict item on one resource, rule by rule (SPEC 3)."""
    return detect_sorted(resource, sorted(slots, key=_key), min_rest)


def detect_sorted(resource: ResourceInfo, rows: Sequence[Sequence[Any]], min_rest: int) -> list[Conflict]:
    """`detect` for rows already sorted by (start, end, id).

    Rows may be Slots or plain tuples in Slot's field order (the report reads a
    season straight from the database cursor). Only stretches where bookings
    overlap or touch can hold a capacity, maintenance or hold item, so the rows
    are cut into such clusters in one pass and a lone booking costs nothing
    more; turnaround looks at neighbours across clusters, in a pass of its own.
    """
    out: list[Conflict] = []
    if resource.kind == Kind.CREW:
        out.extend(_turnaround(resource.id, rows, min_rest))
    cluster: list[Sequence[Any]] = []
    reach = 0
    for row in rows:
        if row[5] == "cancelled":
            continue
        if cluster and row[3] > reach:
            if len(cluster) > 1:
                out.extend(_detect_cluster(resource, [Slot._make(r) for r in cluster]))
            cluster = []
        if not cluster or row[4] > reach:
            reach = row[4]
        cluster.append(row)
    if len(cluster) > 1:
        out.extend(_detect_cluster(resource, [Slot._make(r) for r in cluster]))
    return out


def _turnaround(rid: int, rows: Sequence[Sequence[Any]], min_rest: int) -> list[Conflict]:
    """Crew rest between consecutive active non-maintenance bookings, sorted by (start, end, id)."""
    out: list[Conflict] = []
    prev: Sequence[Any] | None = None
    for b in rows:
        if b[5] == "cancelled" or b[6] == "maintenance":
            continue
        if prev is not None and prev[4] <= b[3] and b[3] - prev[4] < min_rest:
            out.append(Conflict("turnaround", rid, prev[4], b[3], (prev[0], b[0])))
        prev = b
    return out


def _detect_cluster(resource: ResourceInfo, mine: list[Slot]) -> list[Conflict]:
    """capacity, maintenance, blocked_hold and hold_rank items of bookings sorted by (start, end, id)."""
    working: list[Slot] = []  # confirmed, not maintenance
    repairs: list[Slot] = []  # confirmed maintenance
    confirmed: list[Slot] = []
    holds: list[Slot] = []  # holds, not maintenance
    for b in mine:
        repair = b.activity == "maintenance"
        if b.status == "confirmed":
            confirmed.append(b)
            (repairs if repair else working).append(b)
        elif not repair:
            holds.append(b)
    rid = resource.id
    out: list[Conflict] = []
    if not repairs and (not holds or not confirmed) and len(working) <= resource.capacity:
        if len(holds) < 2:
            return out  # nothing can be over capacity, blocked, or queued here
        working = []  # only hold_rank can apply; skip the capacity sweep below

    segments = load_segments(working) if working else []
    working_index = IntervalIndex(working, presorted=True)

    # capacity: maximal stretches above capacity, with every booking that overlaps them
    for s, e in _stretches(segments, resource.capacity + 1):
        out.append(Conflict("capacity", rid, s, e, tuple(b.id for b in working_index.overlapping(s, e))))

    # maintenance: each overlapping (maintenance, booking) pair, over their intersection
    for m in repairs:
        for b in working_index.overlapping(m.start, m.end):
            out.append(
                Conflict("maintenance", rid, max(m.start, b.start), min(m.end, b.end), (m.id, b.id))
            )

    if holds:
        full = _stretches(segments, resource.capacity) if working else []
        full_ends = [e for _, e in full]
        # indexes are built only where a question needs them: most clusters are small
        repair_index = IntervalIndex(repairs, presorted=True) if repairs else None
        hold_index = IntervalIndex(holds, presorted=True) if len(holds) > 1 else None
        confirmed_index: IntervalIndex | None = None
        for h in holds:
            # blocked_hold: could not be confirmed now
            if (full and _any_overlap(full, full_ends, h.start, h.end)) or (
                repair_index is not None and repair_index.overlapping(h.start, h.end)
            ):
                if confirmed_index is None:
                    confirmed_index = IntervalIndex(confirmed, presorted=True)
                blockers = tuple(b.id for b in confirmed_index.overlapping(h.start, h.end))
                out.append(Conflict("blocked_hold", rid, h.start, h.end, (h.id, *blockers)))
            # hold_rank: earlier overlapping holds of other productions
            if hold_index is None:
                continue
            near = hold_index.overlapping(h.start, h.end)
            if len(near) > 1:
                mark = (h.created, h.id)
                earlier = [o for o in near if o.production_id != h.production_id and (o.created, o.id) < mark]
                if earlier:
                    earlier.sort(key=lambda b: (b.created, b.id))
                    out.append(
                        Conflict(
                            "hold_rank",
                            rid,
                            h.start,
                            h.end,
                            (h.id, *(b.id for b in earlier)),
                            rank=1 + len(earlier),
                        )
                    )

    return out


def refusal_blockers(resource: ResourceInfo, candidate: Slot, others: Iterable[Slot]) -> list[Slot]:
    """The bookings that stop `candidate` from being saved, or [] when it may be saved.

    Only a confirmed, non-maintenance booking can be refused (SPEC 3, Enforcement):
    when at some instant inside it the confirmed bookings would exceed the
    capacity, or when a confirmed maintenance booking overlaps it. `others` are
    the resource's other bookings (any status; the candidate's own id is skipped).
    """
    if candidate.status != Status.CONFIRMED or candidate.is_maintenance:
        return []
    s, e = candidate.start, candidate.end
    near = [
        b
        for b in others
        if b.id != candidate.id and b.status == Status.CONFIRMED and b.start < e and s < b.end
    ]
    repairs = [b for b in near if b.is_maintenance]
    working = [b for b in near if not b.is_maintenance]
    crowded: dict[int, Slot] = {}
    full = [
        (max(a, s), min(z, e))
        for a, z, n in load_segments(working)
        if n + 1 > resource.capacity
    ]
    if full:
        for b in working:
            if any(b.start < z and a < b.end for a, z in full):
                crowded[b.id] = b
    return sorted([*repairs, *crowded.values()], key=lambda b: (b.start, b.end, b.id))


def conflicts_of(
    resource: ResourceInfo, candidate: Slot, others: Iterable[Slot], min_rest: int
) -> list[Conflict]:
    """The conflict items that would involve `candidate` if it were saved next to `others`."""
    slots = [b for b in others if b.id != candidate.id]
    slots.append(candidate)
    return [c for c in detect(resource, slots, min_rest) if candidate.id in c.booking_ids]
