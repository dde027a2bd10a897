"""The conflicts report (SPEC 3): every rule over the bookings in a window."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import tzinfo
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.intervals import slot_key
from ..domain.records import RESOURCE_ID, SEVERITY_ORDER, Conflict
from ..domain.timeutil import short_local
from ..domain.wording import ordinal
from ..storage.engine import read_session
from ..storage.queries import SLOT_COLUMNS, iter_raw_batches, overlap_sql, raw_rows
from .catalog import find_resource
from .reads import FAR, longest_booking, views_by_id
from .settings import DEFAULTS, get_settings
from .views import BookingView, ConflictView

RULE_ORDER = {"capacity": 0, "maintenance": 1, "blocked_hold": 2, "turnaround": 3, "hold_rank": 4}
STREAM_BATCH = 2000  # rows fetched from the cursor at a time by the report's read
_resource_of = itemgetter(RESOURCE_ID)


def _hours(seconds: int) -> str:
    h, m = divmod(max(seconds, 0) // 60, 60)
    return f"{h} h {m:02d} min" if m else f"{h} h"


def _who(b: BookingView) -> str:
    if b.id < 0:  # the editor's unsaved booking
        return f"this booking ({b.production or 'maintenance'})"
    return f"#{b.id} ({b.production or 'maintenance'})"


def message(c: Conflict, resource: str, capacity: int, views: Sequence[BookingView],
            tz: tzinfo, min_rest: int) -> str:
    if c.rule == "hold_rank":  # most items of a season are queued holds
        rest = ", ".join(map(_who, views[1:]))
        return f"hold {_who(views[0])} on {resource} is {ordinal(c.rank or 2)} in the queue, after {rest}"
    when = f"{short_local(c.start, tz)} – {short_local(c.end, tz)}"
    if c.rule == "capacity":
        return (f"{resource} is overbooked {when}: {len(views)} confirmed bookings for capacity "
                f"{capacity} ({', '.join(_who(v) for v in views)})")
    if c.rule == "maintenance":
        repair = "this maintenance" if views[0].id < 0 else f"maintenance #{views[0].id}"
        return f"{resource}: {repair} overlaps confirmed {_who(views[1])}, {when}"
    if c.rule == "blocked_hold":
        rest = ", ".join(_who(v) for v in views[1:])
        return (f"hold {_who(views[0])} on {resource} could not be confirmed now: "
                f"the confirmed bookings fill it or it is under maintenance ({rest})")
    if c.rule == "turnaround":
        return (f"{resource} has only {_hours(c.end - c.start)} rest between {_who(views[0])} and "
                f"{_who(views[1])} (minimum {_hours(min_rest)}), {when}")
    return f"{c.rule} on {resource}, {when}"


def conflict_views(
    s: Session, items: Iterable[Conflict], resources: dict[int, tuple[str, int]], tz: tzinfo,
    extra: dict[int, BookingView] | None = None, min_rest: int | None = None,
) -> list[ConflictView]:
    """Turn rule items into report items with bookings and a message.

    `resources`: (name, capacity) by id, for the items' resources."""
    items = list(items)
    extra = extra or {}
    if min_rest is None:
        min_rest = int(float(DEFAULTS["min_rest_hours"]) * 3600)
    ids = {i for c in items for i in c.booking_ids if i not in extra}
    views = {**views_by_id(s, ids), **extra}
    out = []
    for c in items:
        bv = tuple(map(views.__getitem__, c.booking_ids))
        name, capacity = resources[c.resource_id]
        out.append(ConflictView(c.rule, c.resource_id, name, c.start, c.end, bv,
                                message(c, name, capacity, bv, tz, min_rest), c.rank))
    return out


def _in_window(c: Conflict, start: int, end: int) -> bool:
    if c.start == c.end:  # a zero-rest turnaround: an instant
        return start <= c.start < end
    return c.start < end and start < c.end


def _load(s: Session, resource_id: int | None, lo: int, hi: int, longest: int) -> Iterator[tuple[Any, ...]]:
    """Active bookings overlapping [lo, hi) as plain tuples in Slot's field order, streamed in
    (resource, start, end, id) order."""
    sql = f"SELECT {SLOT_COLUMNS} FROM booking WHERE status != 'cancelled'"
    params: dict[str, int] = {}
    if lo > -FAR or hi < FAR:
        sql += " AND " + overlap_sql()
        params.update(hi=hi, lo=lo, longest=longest)
    if resource_id is not None:
        sql += " AND resource_id = :rid"
        params["rid"] = resource_id
    # the index on (resource_id, start_utc, end_utc) gives this order without a sort;
    # the batches are chained into rows in C (no Python frame per row)
    sql += " ORDER BY resource_id, start_utc, end_utc, id"
    return chain.from_iterable(iter_raw_batches(s, sql, params, STREAM_BATCH))


def detect_items(
    slots: Iterable[Sequence[Any]], resources: dict[int, rules.ResourceInfo], min_rest: int,
    presorted: bool = False,
) -> list[Conflict]:
    """Every rule item of these active (not cancelled) bookings, Slots or tuples in Slot's
    field order, resource by resource.

    `presorted`: the rows already come ordered by (resource, start, end, id).
    """
    ordered = slots if presorted else sorted(slots, key=lambda b: (b[RESOURCE_ID], *slot_key(b)))
    out: list[Conflict] = []
    for rid, group in groupby(ordered, key=_resource_of):
        out.extend(rules.detect_sorted(resources[rid], list(group), min_rest))
    return out


def conflict_report(
    engine: Engine, start: int | None = None, end: int | None = None,
    resource: str | int | None = None,
) -> list[ConflictView]:
    """Every conflict item whose interval overlaps [start, end), most severe first."""
    st = get_settings(engine)
    lo_want = start if start is not None else -FAR
    hi_want = end if end is not None else FAR
    with read_session(engine) as s:
        wanted = find_resource(s, resource).id if resource is not None else None
        res_rows = raw_rows(s, "SELECT id, name, kind, capacity FROM resource")
        named = {rid: (name, cap) for rid, name, _, cap in res_rows}
        infos = {rid: rules.ResourceInfo(rid, kind, cap) for rid, _, kind, cap in res_rows}
        longest = longest_booking(s)
        # Items are computed on the bookings of a padded window; an item that reaches
        # the padding's edge may continue beyond it, so widen until none does.
        pad = longest + st.min_rest_s
        while True:
            lo = lo_want - pad if lo_want > -FAR else -FAR
            hi = hi_want + pad if hi_want < FAR else FAR
            items = detect_items(_load(s, wanted, lo, hi, longest), infos, st.min_rest_s, presorted=True)
            items = [c for c in items if _in_window(c, lo_want, hi_want)]
            cut = [c for c in items if (lo > -FAR and c.start <= lo) or (hi < FAR and c.end >= hi)]
            if not cut:
                break
            pad *= 4
        items.sort(key=lambda c: (SEVERITY_ORDER[c.severity], c.start, named[c.resource_id][0],
                                  RULE_ORDER[c.rule], c.booking_ids))
        return conflict_views(s, items, named, st.tz, min_rest=st.min_rest_s)
