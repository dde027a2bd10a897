"""An independent brute-force reading of SPEC section 3, for checking domain.rules.

Written from the SPEC text alone (not from rules.py): every pair of bookings is
compared directly, and counts are evaluated at every distinct boundary instant
(between two consecutive boundaries the number of running bookings cannot
change, so that is the same as looking at every instant). Slow on purpose.

Items are plain tuples `(rule, start, end, booking_ids, rank)`; where SPEC does
not fix the order of the listed bookings, the tail is sorted by id so two
readings can be compared with `==`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple


class Item(NamedTuple):
    rule: str
    start: int
    end: int
    booking_ids: tuple[int, ...]
    rank: int | None = None


def _meet(a: Any, b: Any) -> bool:
    # SPEC 3, word for word: a.start < b.end and b.start < a.end
    return a.start < b.end and b.start < a.end


def _maint(b: Any) -> bool:
    return b.activity == "maintenance"


def _running(bookings: Iterable[Any], instant: int) -> list[Any]:
    return [b for b in bookings if b.start <= instant < b.end]


def _boundaries(bookings: Iterable[Any]) -> list[int]:
    return sorted({p for b in bookings for p in (b.start, b.end)})


def capacity(cap: int, slots: Sequence[Any]) -> list[Item]:
    work = [b for b in slots if b.status == "confirmed" and not _maint(b)]
    points = _boundaries(work)
    over: list[tuple[int, int]] = []  # elementary pieces [p, q) where the count exceeds cap
    for p, q in zip(points, points[1:], strict=False):
        if len(_running(work, p)) > cap:
            over.append((p, q))
    merged: list[list[int]] = []
    for p, q in over:
        if merged and merged[-1][1] == p:  # touching stretches are one item
            merged[-1][1] = q
        else:
            merged.append([p, q])
    out = []
    for s, e in merged:
        ids = sorted(b.id for b in work if b.start < e and s < b.end)
        out.append(Item("capacity", s, e, tuple(ids)))
    return out


def maintenance(slots: Sequence[Any]) -> list[Item]:
    conf = [b for b in slots if b.status == "confirmed"]
    out = []
    for m in conf:
        if not _maint(m):
            continue
        for b in conf:
            if not _maint(b) and _meet(m, b):
                out.append(Item("maintenance", max(m.start, b.start), min(m.end, b.end), (m.id, b.id)))
    return out


def blocked_hold(cap: int, slots: Sequence[Any]) -> list[Item]:
    conf = [b for b in slots if b.status == "confirmed"]
    work = [b for b in conf if not _maint(b)]
    out = []
    for h in slots:
        if h.status != "hold" or _maint(h):
            continue
        # every instant inside h: h.start and every boundary strictly inside it
        probes = [h.start] + [p for p in _boundaries(work) if h.start < p < h.end]
        full = any(len(_running(work, p)) >= cap for p in probes)
        under_repair = any(_maint(m) and _meet(m, h) for m in conf)
        if full or under_repair:
            others = sorted(b.id for b in conf if _meet(b, h))
            out.append(Item("blocked_hold", h.start, h.end, (h.id, *others)))
    return out


def hold_rank(slots: Sequence[Any]) -> list[Item]:
    holds = [b for b in slots if b.status == "hold" and not _maint(b)]
    out = []
    for h in holds:
        earlier = [
            o.id
            for o in holds
            if o.id != h.id
            and o.production_id != h.production_id
            and _meet(o, h)
            and (o.created < h.created or (o.created == h.created and o.id < h.id))
        ]
        if earlier:
            out.append(Item("hold_rank", h.start, h.end, (h.id, *sorted(earlier)), 1 + len(earlier)))
    return out


def turnaround(kind: str, slots: Sequence[Any], min_rest: int) -> list[Item]:
    if kind != "crew":
        return []
    active = [b for b in slots if b.status in ("hold", "confirmed") and not _maint(b)]
    ordered = sorted(active, key=lambda b: (b.start, b.end, b.id))
    out = []
    for i in range(len(ordered) - 1):
        a, b = ordered[i], ordered[i + 1]
        if a.end <= b.start and b.start - a.end < min_rest:
            out.append(Item("turnaround", a.end, b.start, (a.id, b.id)))
    return out


def detect(kind: str, cap: int, slots: Sequence[Any], min_rest: int) -> list[Item]:
    """Every item of every rule on one resource, in a canonical order."""
    live = [b for b in slots if b.status != "cancelled"]
    items = (
        capacity(cap, live)
        + maintenance(live)
        + blocked_hold(cap, live)
        + hold_rank(live)
        + turnaround(kind, live, min_rest)
    )
    return sorted(items)


def refusal(cap: int, candidate: Any, others: Sequence[Any]) -> tuple[bool, list[int]]:
    """SPEC 3 Enforcement: (refused?, ids of the bookings in the way, sorted).

    Only a confirmed non-maintenance candidate can be refused. It is refused iff at
    some instant inside it the confirmed non-maintenance bookings + itself exceed
    the capacity, or a confirmed maintenance booking overlaps it. In the way: the
    overlapping maintenance, and each confirmed booking present at such an instant.
    """
    if candidate.status != "confirmed" or _maint(candidate):
        return False, []
    conf = [b for b in others if b.id != candidate.id and b.status == "confirmed"]
    work = [b for b in conf if not _maint(b)]
    blockers = {m.id for m in conf if _maint(m) and _meet(m, candidate)}
    probes = [candidate.start] + [
        p for p in _boundaries(work) if candidate.start < p < candidate.end
    ]
    for p in probes:
        here = _running(work, p)
        if len(here) + 1 > cap:
            blockers.update(b.id for b in here)
    return bool(blockers), sorted(blockers)
