"""The timeline's lean read: the bars of one time window, with their conflict flags.

One indexed range query (`ix_booking_start`) returns plain tuples for the window
plus a padding; the conflict rules (domain.rules, the same code as the conflicts
report) run on them so each bar knows whether it is in an error or warning item
and which rank a hold has. No ORM objects, no per-booking views: a window of a
200,000-booking season loads in tens of milliseconds. Safe to call from a worker
thread (it only uses the engine).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import Engine, func, select, text

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
    "WHERE b.start_utc < :hi AND b.end_utc > :lo AND b.start_utc >= :lo_scan"
)
_SLOTS_SQL = (
    "SELECT id, resource_id, production_id, start_utc, end_utc, status, activity, created_utc "
    "FROM booking WHERE start_utc < :hi AND end_utc > :lo AND start_utc >= :lo_scan "
    "AND status != 'cancelled'"
)


Flags = dict[int, tuple[str, int]]  # booking id -> (severity, hold rank)
CHUNK = 512  # rows between two calls of `pause`


def _no_pause() -> None:
    return None


def _detect_in_chunks(by_res: dict[int, list[Slot]], infos: dict[int, rules.ResourceInfo], min_rest: int,
                      pause: Callable[[], object]) -> Iterator[Conflict]:
    """detect_items resource group by resource group (the rules never cross resources), pausing between."""
    batch: list[Slot] = []
    for slots in by_res.values():
        batch.extend(slots)
        if len(batch) >= 4 * CHUNK:
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
        keep = [b for b in base.bars if b.start < end and b.end > start]
    seen = {b.id for b in keep}
    with read_session(engine) as s:
        longest = longest_booking(s)
        rows = []
        for lo, hi in spans:
            for i, r in enumerate(s.execute(text(_BARS_SQL), {"lo": lo, "hi": hi, "lo_scan": lo - longest})):
                if not i % CHUNK:
                    pause()
                if r[0] not in seen:
                    seen.add(r[0])
                    rows.append(r)
        todo = [r for r in rows if r[0] not in known and r[5] != "cancelled"]
        if flags and todo:
            # Every booking that overlaps one of these bars, or is its neighbour within the
            # minimum rest, lies in this padded window: the flags are exact.
            lo = min(r[7] for r in todo) - st.min_rest_s
            hi = max(r[8] for r in todo) + st.min_rest_s
            wanted = {r[1] for r in todo}
            by_res: dict[int, list[Slot]] = {}
            for i, r in enumerate(s.execute(text(_SLOTS_SQL), {"lo": lo, "hi": hi, "lo_scan": lo - longest})):
                if not i % CHUNK:
                    pause()
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
            for r in todo:
                known[r[0]] = (severity.get(r[0], ""), ranks.get(r[0], 0))
    bars = keep
    for i, r in enumerate(rows):
        if not i % CHUNK:
            pause()
        sev, rank = known.get(r[0], ("", 0))
        bars.append(Bar(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6], r[7], r[8], r[9], r[10], r[11],
                        sev, rank))
    pause()
    bars.sort(key=itemgetter(7, 0))  # start, id
    by_resource: dict[int, list[Bar]] = {}
    for bar in bars:
        by_resource.setdefault(bar.resource_id, []).append(bar)
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
