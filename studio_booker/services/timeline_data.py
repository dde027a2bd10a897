"""The timeline's lean read: the bars of one time window, with their conflict flags.

One indexed range query (`ix_booking_start`) returns plain tuples for the window
plus a padding; the conflict rules (domain.rules, the same code as the conflicts
report) run on them so each bar knows whether it is in an error or warning item
and which rank a hold has. No ORM objects, no per-booking views: a window of a
200,000-booking season loads in tens of milliseconds. Safe to call from a worker
thread (it only uses the engine).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.records import Conflict, Slot
from ..storage.engine import read_session
from ..storage.models import Booking, Resource
from .bookings import longest_booking
from .conflicts import detect_items
from .settings import get_settings

_SEVERITY_RANK = {"": 0, "info": 0, "warning": 1, "error": 2}


class Bar(NamedTuple):
    """One booking as the timeline paints it."""

    id: int
    resource_id: int
    production_id: int | None
    production: str | None
    color: str
    status: str
    activity: str
    start: int
    end: int
    version: int
    ref: str | None
    created: int
    severity: str = ""  # "error" | "warning" | "" (worst conflict item the booking is in)
    rank: int = 0  # hold rank when 2 or more (hold_rank item), else 0


@dataclass(frozen=True)
class TimelineWindow:
    """The bars overlapping [start, end), every status, in start order."""

    start: int
    end: int
    bars: tuple[Bar, ...] = ()
    by_resource: dict[int, list[Bar]] = field(default_factory=dict)
    flagged: bool = True  # False: conflict flags and hold ranks not computed (yet)

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


_BARS_SQL = (
    "SELECT b.id, b.resource_id, b.production_id, p.name, p.color, b.status, b.activity, "
    "b.start_utc, b.end_utc, b.version, b.ref, b.created_utc "
    "FROM booking b LEFT JOIN production p ON p.id = b.production_id "
    "WHERE b.start_utc < :hi AND b.end_utc > :lo AND b.start_utc >= :lo_scan "
    "ORDER BY b.start_utc, b.id"  # sorted by SQLite (without the GIL): the worker only merges
)
_SLOTS_SQL = (
    "SELECT id, resource_id, production_id, start_utc, end_utc, status, activity, created_utc "
    "FROM booking WHERE start_utc < :hi AND end_utc > :lo AND start_utc >= :lo_scan "
    "AND status != 'cancelled'"
)


Flags = dict[int, tuple[str, int]]  # booking id -> (severity, hold rank)
CHUNK = 128  # rows between two calls of `pause` (a few ms of work at most)
_T = TypeVar("_T")
_FLAG_VALUES: dict[tuple[str, int], tuple[str, int]] = {}  # the few distinct flag values
_START_ID = itemgetter(7, 0)  # a bar's (start, id): the order of a window's bars


def _no_pause() -> None:
    return None


def _rows(s: Session, sql: str, params: dict[str, int]) -> Iterator[tuple[Any, ...]]:
    """Plain tuples straight from the driver's cursor: no per-row Python work while reading, and
    no Row objects for the garbage collector to scan (a collection stalls the GUI thread too)."""
    cursor = s.connection().connection.cursor()
    try:
        yield from cursor.execute(sql, params)
    finally:
        cursor.close()


def _release(items: list[Any], pause: Callable[[], object]) -> None:
    """Empty the list a CHUNK at a time (freeing 50,000 rows at once holds the GIL for tens of ms)."""
    while items:
        del items[-CHUNK:]
        pause()


def _paced(items: Iterable[_T], pause: Callable[[], object]) -> Iterator[_T]:
    """The items, with a call of `pause` every CHUNK of them."""
    for i, item in enumerate(items):
        if not i % CHUNK:
            pause()
        yield item


def _detect_in_chunks(by_res: dict[int, list[Slot]], infos: dict[int, rules.ResourceInfo], min_rest: int,
                      pause: Callable[[], object]) -> Iterator[Conflict]:
    """detect_items resource group by resource group (the rules never cross resources), pausing between."""
    batch: list[Slot] = []
    for slots in by_res.values():
        batch.extend(slots)
        if len(batch) >= CHUNK:
            pause()
            yield from detect_items(batch, infos, min_rest)
            batch = []
    if batch:
        pause()
        yield from detect_items(batch, infos, min_rest)


def fetch_window(engine: Engine, start: int, end: int, flags: bool = True,
                 known: Flags | None = None, base: TimelineWindow | None = None,
                 pause: Callable[[], object] | None = None) -> TimelineWindow:
    """Bars overlapping [start, end), flagged by the conflict rules.

    `flags=False`: bars only (one range query), for a first frame that must come fast.
    `known`: flags computed by an earlier fetch (valid until the data changes); only the
    other bars are checked, and their flags are added to it.
    `base`: a flagged window read before (same data): only the stretches of [start, end)
    outside it are read, and its bars inside [start, end) are kept.
    `pause`: called between chunks of the work (a worker thread lets the GUI thread paint
    without competing for the GIL: the timeline passes a wait on its "not painting" event).
    """
    pause = pause or _no_pause
    st = get_settings(engine)
    known = {} if known is None else known
    spans = [(start, end)]
    keep: list[Bar] = []
    if base is not None and base.flagged and flags and base.start < end and start < base.end:
        spans = [sp for sp in ((start, base.start), (base.end, end)) if sp[0] < sp[1]]
        keep = [b for b in _paced(base.bars, pause) if b.start < end and b.end > start]
    seen = {b.id for b in keep}
    with read_session(engine) as s:
        longest = longest_booking(s)
        runs: list[list[tuple[Any, ...]]] = []  # per span, in (start, id) order
        for lo, hi in spans:
            run = []
            for r in _paced(_rows(s, _BARS_SQL, {"lo": lo, "hi": hi, "lo_scan": lo - longest}), pause):
                if r[0] not in seen:
                    seen.add(r[0])
                    run.append(r)
            runs.append(run)
        todo = [r for run in runs for r in run if r[0] not in known and r[5] != "cancelled"]
        if flags and todo:
            # Every booking that overlaps one of these bars, or is its neighbour within the
            # minimum rest, lies in this padded window: the flags are exact.
            lo, hi = todo[0][7], todo[0][8]
            wanted: set[int] = set()
            for r in _paced(todo, pause):
                lo, hi = min(lo, r[7]), max(hi, r[8])
                wanted.add(r[1])
            lo, hi = lo - st.min_rest_s, hi + st.min_rest_s
            by_res: dict[int, list[Slot]] = {}
            for r in _paced(_rows(s, _SLOTS_SQL, {"lo": lo, "hi": hi, "lo_scan": lo - longest}), pause):
                if r[1] in wanted:
                    by_res.setdefault(r[1], []).append(Slot._make(r))
            infos = {
                r[0]: rules.ResourceInfo(r[0], r[1], r[2])
                for r in s.execute(select(Resource.id, Resource.kind, Resource.capacity))
            }
            severity: dict[int, str] = {}
            ranks: dict[int, int] = {}
            for item in _detect_in_chunks(by_res, infos, st.min_rest_s, pause):
                if item.rule == "hold_rank":
                    ranks[item.booking_ids[0]] = item.rank or 2
                    continue
                sev = str(item.severity)
                for bid in item.booking_ids:
                    if _SEVERITY_RANK[sev] > _SEVERITY_RANK[severity.get(bid, "")]:
                        severity[bid] = sev
            for r in _paced(todo, pause):
                flag = (severity.get(r[0], ""), ranks.get(r[0], 0))
                known[r[0]] = _FLAG_VALUES.setdefault(flag, flag)  # shared: a dropped cache frees fast
            for slots in by_res.values():
                _release(slots, pause)
        todo.clear()
    # no step below holds the GIL for long (the GUI thread paints meanwhile): the runs are
    # merged, not sorted, and everything goes in CHUNKs with a pause between
    fresh: list[list[Bar]] = []
    for run in runs:
        made = []
        for r in _paced(run, pause):
            sev, rank = known.get(r[0], ("", 0))
            made.append(Bar(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6], r[7], r[8], r[9], r[10], r[11],
                            sev, rank))
        fresh.append(made)
    bars: list[Bar] = []
    by_resource: dict[int, list[Bar]] = {}
    for bar in _paced(heapq.merge(keep, *fresh, key=_START_ID), pause):
        bars.append(bar)
        by_resource.setdefault(bar.resource_id, []).append(bar)
    for run in runs:
        _release(run, pause)
    return TimelineWindow(start, end, tuple(bars), by_resource, flagged=flags)


def time_bounds(engine: Engine) -> tuple[int, int] | None:
    """The first start and (a bound on) the last end of all bookings, or None."""
    with read_session(engine) as s:
        first = s.scalar(select(func.min(Booking.start_utc)))
        last = s.scalar(select(func.max(Booking.start_utc)))  # both answered by ix_booking_start
        longest = longest_booking(s)
    if first is None or last is None:
        return None
    return int(first), int(last) + longest
