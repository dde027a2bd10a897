"""The timeline's lean read: the bars of one time window, with their conflict flags.

One indexed range query (`ix_booking_start`) returns plain tuples for the window
plus a padding; the conflict rules (domain.rules, the same code as the conflicts
report) run on them so each bar knows whether it is in an error or warning item
and which rank a hold has. No ORM objects, no per-booking views: a window of a
200,000-booking season loads in tens of milliseconds. Safe to call from a worker
thread (it only uses the engine).

A window holds its bars as plain tuples in `Bar`'s field order (the index constants
below), not as `Bar` objects: CPython's cycle collector stops tracking a plain tuple
of strings and numbers, but it keeps tracking every instance of a tuple subclass. Tens
of thousands of NamedTuples in a quarter window made each full collection scan them
all, 15-30 ms with the GIL held, on whichever thread triggered it: a stalled window.
`TimelineWindow.bar()` and `.bars` give `Bar` views where code wants names.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, starmap
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.records import RESOURCE_ID as SLOT_RESOURCE_ID
from ..domain.records import SEVERITY_ORDER, Conflict
from ..storage.engine import read_session
from ..storage.models import Booking
from ..storage.queries import SLOT_COLUMNS, iter_raw_batches, overlap_sql
from .conflicts import detect_items
from .reads import longest_booking
from .settings import get_settings

_NO_FLAG = ("", 0)
_UNFLAGGED = len(SEVERITY_ORDER)  # below every severity's order: any item's severity is worse


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


BarRow = tuple[Any, ...]
"""One bar as the window keeps it: a plain tuple in Bar's field order (see the module docstring)."""
(ID, RESOURCE_ID, PRODUCTION_ID, PRODUCTION, COLOR, STATUS, ACTIVITY, START, END, VERSION, REF, CREATED,
 SEVERITY, RANK) = range(len(Bar._fields))
MAX_LANES = 4  # overlapping bars of one row share it in at most this many lanes
Lanes = dict[int, tuple[int, int]]  # bar id -> (its lane, lanes in its cluster)


class Lone(NamedTuple):
    """A row's lone bars in start order: bars that overlap no other bar of the row (each has the
    row's height to itself) and carry no conflict flag. They do not overlap one another, so
    `ends` is sorted like `starts`: the visible ones are found by bisection, and a dense view (a
    shift a day on each crew row) places them a list at a time, not bar by bar.

    Tuples, not lists, and no more of them than this: the cycle collector stops tracking a
    tuple of plain values (see the module docstring), but it visits every item of a new one
    once, and each visit is a cache miss."""

    rows: tuple[BarRow, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


class RowParts(NamedTuple):
    """One resource's bars that are not cancelled, as the timeline paints them: the `lone`
    ones, and the `others` (in lanes beside overlapping bars, or flagged), in start order."""

    lone: Lone
    others: tuple[BarRow, ...]


_NO_PARTS = RowParts(Lone((), (), ()), ())


@dataclass(frozen=True)
class TimelineWindow:
    """The bars overlapping [start, end), every status, as BarRows: a tuple per resource, in
    (start, id) order.

    `lanes`: how the bars that are not cancelled share their row (computed with the
    window, off the GUI thread). Tuples, not lists, so that the cycle collector stops
    tracking them after one pass: it walked every list of tens of thousands of rows on each
    collection, a cache miss a row, which held the GIL for several ms. The timeline
    empties `by_resource` on its worker once the window is replaced (a resource at a time)."""

    start: int
    end: int
    by_resource: dict[int, tuple[BarRow, ...]] = field(default_factory=dict)
    lanes: Lanes = field(default_factory=dict)
    flagged: bool = True  # False: conflict flags and hold ranks not computed (yet)
    parts_of: dict[int, RowParts] = field(default_factory=dict)  # filled by parts(), see there

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end

    @property
    def rows(self) -> list[BarRow]:
        """Every bar in (start, id) order (made on each call: for tests and tools, not painting)."""
        return list(heapq.merge(*self.by_resource.values(), key=_START_ID))

    @property
    def bars(self) -> list[Bar]:
        """Every bar as a Bar (a copy: for tests and tools, not for painting)."""
        return [Bar._make(r) for r in self.rows]

    def bar(self, booking_id: int) -> Bar | None:
        for rows in self.by_resource.values():
            for r in rows:
                if r[ID] == booking_id:
                    return Bar._make(r)
        return None

    def parts(self, resource_id: int) -> RowParts:
        """The resource's bars split into lone bars and others (see RowParts), worked out once.

        fetch_window works them out for every resource on its worker; a window made on the GUI
        thread (the first frame) works out each row's when it is first painted."""
        got = self.parts_of.get(resource_id)
        if got is None:
            bars = self.by_resource.get(resource_id)
            got = _NO_PARTS if not bars else self.parts_of.setdefault(resource_id, _split(bars, self.lanes))
        return got


def _split(bars: Sequence[BarRow], lanes: Lanes) -> RowParts:
    lone: list[BarRow] = []
    others: list[BarRow] = []
    for r in bars:
        if r[STATUS] == "cancelled":
            continue
        (others if r[ID] in lanes or r[SEVERITY] else lone).append(r)
    starts, ends = tuple(r[START] for r in lone), tuple(r[END] for r in lone)
    return RowParts(Lone(tuple(lone), starts, ends), tuple(others))


_LANE_VALUES: dict[tuple[int, int], tuple[int, int]] = {}  # the few distinct (lane, lanes) pairs


def assign_lanes(rows: Iterable[BarRow], out: Lanes | None = None) -> Lanes:
    """Overlapping bars of one row side by side: bar id -> (lane, lanes in its cluster).

    `rows`: one row's bars in start order. A cluster is a run of bars linked by overlaps;
    it gets as many lanes as it needs at once (at most MAX_LANES: beyond that, bars share
    the last lane). A bar alone gets no entry: it has the whole row (lane 0 of 1)."""
    out = {} if out is None else out
    cluster: list[BarRow] = []
    reach = -(2**62)
    for r in rows:
        if r[START] >= reach:
            if len(cluster) > 1:
                _lay_out_cluster(cluster, out)
            cluster = [r]
            reach = r[END]
        else:
            cluster.append(r)
            reach = max(reach, r[END])
    if len(cluster) > 1:
        _lay_out_cluster(cluster, out)
    return out


def _lay_out_cluster(cluster: list[BarRow], out: Lanes) -> None:
    lane_ends: list[int] = []
    lanes: list[tuple[int, int]] = []
    for r in sorted(cluster, key=_LANE_ORDER):
        for i, e in enumerate(lane_ends):
            if e <= r[START]:
                lane_ends[i] = r[END]
                lanes.append((r[ID], i))
                break
        else:
            lane_ends.append(r[END])
            lanes.append((r[ID], len(lane_ends) - 1))
    n = min(len(lane_ends), MAX_LANES)
    for bid, lane in lanes:
        value = (min(lane, n - 1), n)
        out[bid] = _LANE_VALUES.setdefault(value, value)


_BARS_SQL = (  # the columns of a Bar, in its field order (without the flags)
    "SELECT b.id, b.resource_id, b.production_id, p.name, coalesce(p.color, ''), b.status, b.activity, "
    "b.start_utc, b.end_utc, b.version, b.ref, b.created_utc "
    "FROM booking b LEFT JOIN production p ON p.id = b.production_id "
    f"WHERE {overlap_sql('b.start_utc', 'b.end_utc')} "
    "ORDER BY b.start_utc, b.id"  # sorted by SQLite (without the GIL): the worker only merges
)
_SLOTS_SQL = (  # rule rows: plain tuples in Slot's field order
    f"SELECT {SLOT_COLUMNS} FROM booking WHERE {overlap_sql()} AND status != 'cancelled'"
)

_RESOURCES_SQL = "SELECT id, kind, capacity FROM resource"


Flags = dict[int, tuple[str, int]]  # booking id -> (severity, hold rank)
CHUNK = 128  # rows between two calls of `pause` (a few ms of work at most)
_T = TypeVar("_T")
_FLAG_VALUES: dict[tuple[str, int], tuple[str, int]] = {}  # the few distinct flag values
_START_ID = itemgetter(START, ID)  # the order of a window's bars
_LANE_ORDER = itemgetter(START, END, ID)


def _no_pause() -> None:
    return None


def _rows(s: Session, sql: str, params: dict[str, int],
          pause: Callable[[], object]) -> Iterator[Sequence[BarRow]]:
    """Plain tuples straight from the driver's cursor, a CHUNK at a time with a `pause` before
    each: no per-row Python work while reading, and no Row objects for the garbage collector."""
    for batch in iter_raw_batches(s, sql, params, CHUNK):
        pause()
        yield batch


def release_chunked(items: list[Any], pause: Callable[[], object]) -> None:
    """Empty the list a CHUNK at a time (freeing 50,000 rows at once holds the GIL for tens of ms)."""
    while items:
        del items[-CHUNK:]
        pause()


def _paced(items: Iterable[_T], pause: Callable[[], object]) -> Iterator[list[_T]]:
    """The items a CHUNK at a time, with a call of `pause` before each chunk."""
    it = iter(items)
    while chunk := list(islice(it, CHUNK)):
        pause()
        yield chunk


def _detect_in_chunks(by_res: dict[int, list[BarRow]], infos: dict[int, rules.ResourceInfo], min_rest: int,
                      pause: Callable[[], object]) -> Iterator[Conflict]:
    """detect_items resource group by resource group (the rules never cross resources), pausing between."""
    batch: list[BarRow] = []
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
    keep: dict[int, tuple[BarRow, ...]] = {}
    have = None  # the base's stretch: its bars are kept from it, not read again
    if base is not None and base.flagged and flags and base.start < end and start < base.end:
        spans = [sp for sp in ((start, base.start), (base.end, end)) if sp[0] < sp[1]]
        have = (base.start, base.end)
        for k, (rid, rows) in enumerate(list(base.by_resource.items())):
            if k % 16 == 0:
                pause()
            kept = tuple(r for r in rows if r[START] < end and r[END] > start)
            if kept:
                keep[rid] = kept
    with read_session(engine) as s:
        longest = longest_booking(s)
        read: list[tuple[Any, ...]] = []  # in (start, id) order: the spans come one after the other
        todo: list[tuple[Any, ...]] = []  # those to work out flags for
        for lo, hi in spans:
            for batch in _rows(s, _BARS_SQL, {"lo": lo, "hi": hi, "longest": longest}, pause):
                if have is not None:  # a bar across the base's stretch is in it (and may be in both spans)
                    batch = [r for r in batch if not (r[START] < have[1] and r[END] > have[0])]
                read += batch
                todo += [r for r in batch if r[ID] not in known and r[STATUS] != "cancelled"]
        if flags and todo:
            # Every booking that overlaps one of these bars, or is its neighbour within the
            # minimum rest, lies in this padded window: the flags are exact.
            lo, hi = todo[0][START], todo[0][END]
            wanted: set[int] = set()
            for chunk in _paced(todo, pause):
                for r in chunk:
                    lo, hi = min(lo, r[START]), max(hi, r[END])
                    wanted.add(r[RESOURCE_ID])
            lo, hi = lo - st.min_rest_s, hi + st.min_rest_s
            by_res: dict[int, list[BarRow]] = {}  # rows in Slot's field order
            for batch in _rows(s, _SLOTS_SQL, {"lo": lo, "hi": hi, "longest": longest}, pause):
                for r in batch:
                    if r[SLOT_RESOURCE_ID] in wanted:  # plain tuples: see the module docstring
                        by_res.setdefault(r[SLOT_RESOURCE_ID], []).append(r)
            infos = {  # (the ORM's select costs 1.5 ms of Python for 500 resources, this 0.3)
                info.id: info
                for batch in _rows(s, _RESOURCES_SQL, {}, pause)
                for info in starmap(rules.ResourceInfo, batch)
            }
            severity: dict[int, str] = {}
            ranks: dict[int, int] = {}
            for item in _detect_in_chunks(by_res, infos, st.min_rest_s, pause):
                if item.rule == "hold_rank":
                    ranks[item.booking_ids[0]] = item.rank or 2
                    continue
                sev = str(item.severity)
                for bid in item.booking_ids:
                    if SEVERITY_ORDER[sev] < SEVERITY_ORDER.get(severity.get(bid, ""), _UNFLAGGED):
                        severity[bid] = sev
            for chunk in _paced(todo, pause):
                for r in chunk:
                    flag = (severity.get(r[ID], ""), ranks.get(r[ID], 0))
                    known[r[ID]] = _FLAG_VALUES.setdefault(flag, flag)  # shared: a dropped cache frees fast
            for slots in by_res.values():
                release_chunked(slots, pause)
        todo.clear()
    # no step below holds the GIL for long (the GUI thread paints meanwhile): everything goes
    # a CHUNK or a resource at a time, with a pause between
    fresh: dict[int, list[BarRow]] = {}
    for chunk in _paced(read, pause):
        for r in chunk:
            fresh.setdefault(r[RESOURCE_ID], []).append(r + known.get(r[ID], _NO_FLAG))
    release_chunked(read, pause)
    by_resource: dict[int, tuple[BarRow, ...]] = {}
    lanes: Lanes = {}
    for k, rid in enumerate(keep.keys() | fresh.keys()):
        if k % 16 == 0:
            pause()
        new, old = fresh.pop(rid, None), keep.pop(rid, ())
        if not new:
            rows = old
        elif not old:
            rows = tuple(new)  # the spans' reads, in order
        else:  # kept bars and bars read either side: a few hundred at most
            rows = tuple(sorted(old + tuple(new), key=_START_ID))
        by_resource[rid] = rows
        assign_lanes((r for r in rows if r[STATUS] != "cancelled"), lanes)
    window = TimelineWindow(start, end, by_resource, lanes, flagged=flags)
    if flags:  # (a first frame's window, unflagged, works them out for the rows it paints only)
        for k, rid in enumerate(by_resource):
            if k % 16 == 0:
                pause()
            window.parts(rid)
    return window


def time_bounds(engine: Engine) -> tuple[int, int] | None:
    """The first start and (a bound on) the last end of all bookings, or None."""
    with read_session(engine) as s:
        first = s.scalar(select(func.min(Booking.start_utc)))
        last = s.scalar(select(func.max(Booking.start_utc)))  # both answered by ix_booking_start
        longest = longest_booking(s)
    if first is None or last is None:
        return None
    return int(first), int(last) + longest
