"""The conflicts report (SPEC 3): every rule over the bookings in a window."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import tzinfo
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.records import Conflict
from ..domain.timeutil import short_local
from ..storage.engine import read_session
from ..storage.models import Resource
from ..storage.queries import iter_raw_rows
from .bookings import longest_booking, views_by_id
from .catalog import find_resource
from .settings import get_settings
from .views import BookingView, ConflictView

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
RULE_ORDER = {"capacity": 0, "maintenance": 1, "blocked_hold": 2, "turnaround": 3, "hold_rank": 4}
FAR = 2**62
STREAM_BATCH = 2000  # rows fetched from the cursor at a time by the report's read


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _hours(seconds: int) -> str:
    h, m = divmod(max(seconds, 0) // 60, 60)
    return f"{h} h {m:02d} min" if m else f"{h} h"


def _who(b: BookingView) -> str:
    if b.id < 0:  # the editor's unsaved booking
        return f"this booking ({b.production or 'maintenance'})"
    return f"#{b.id} ({b.production or 'maintenance'})"


def message(c: Conflict, resource: str, capacity: int | None, views: list[BookingView],
            tz: tzinfo, min_rest: int) -> str:
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
    if c.rule == "hold_rank":
        rest = ", ".join(_who(v) for v in views[1:])
        return f"hold {_who(views[0])} on {resource} is {_ordinal(c.rank or 2)} in the queue, after {rest}"
    if c.rule == "turnaround":
        return (f"{resource} has only {_hours(c.end - c.start)} rest between {_who(views[0])} and "
                f"{_who(views[1])} (minimum {_hours(min_rest)}), {when}")
    return f"{c.rule} on {resource}, {when}"


def conflict_views(
    s: Session, items: Iterable[Conflict], names: dict[int, str], tz: tzinfo,
    extra: dict[int, BookingView] | None = None, min_rest: int | None = None,
) -> list[ConflictView]:
    """Turn rule items into report items with bookings and a message."""
    items = list(items)
    extra = extra or {}
    if min_rest is None:
        from .settings import DEFAULTS

        min_rest = int(float(DEFAULTS["min_rest_hours"]) * 3600)
    ids = {i for c in items for i in c.booking_ids if i not in extra}
    views = {**views_by_id(s, ids), **extra}
    caps = dict(s.execute(select(Resource.id, Resource.capacity).where(
        Resource.id.in_({c.resource_id for c in items}))).all()) if items else {}
    out = []
    for c in items:
        bv = [views[i] for i in c.booking_ids]
        name = names.get(c.resource_id, str(c.resource_id))
        out.append(ConflictView(
            c.rule, c.resource_id, name, c.start, c.end, tuple(bv),
            message(c, name, caps.get(c.resource_id), bv, tz, min_rest), c.rank,
        ))
    return out


def _in_window(c: Conflict, start: int, end: int) -> bool:
    if c.start == c.end:  # a zero-rest turnaround: an instant
        return start <= c.start < end
    return c.start < end and start < c.end


def _load(s: Session, resource_id: int | None, lo: int, hi: int, longest: int) -> Iterator[tuple[Any, ...]]:
    """Non-cancelled bookings overlapping [lo, hi) as plain tuples in Slot's field order, streamed."""
    sql = (
        "SELECT id, resource_id, production_id, start_utc, end_utc, status, activity, created_utc "
        "FROM booking WHERE status != 'cancelled'"
    )
    params: dict[str, int] = {}
    if lo > -FAR or hi < FAR:
        sql += " AND start_utc < :hi AND end_utc > :lo AND start_utc >= :lo_scan"
        params.update(hi=hi, lo=lo, lo_scan=lo - longest)
    if resource_id is not None:
        sql += " AND resource_id = :rid"
        params["rid"] = resource_id
    # the index on (resource_id, start_utc, end_utc) gives this order without a sort
    return iter_raw_rows(s, sql + " ORDER BY resource_id, start_utc, end_utc, id", params, STREAM_BATCH)


def detect_items(
    slots: Iterable[Sequence[Any]], resources: dict[int, rules.ResourceInfo], min_rest: int,
    presorted: bool = False,
) -> list[Conflict]:
    """Every rule item of these bookings (Slots or tuples in Slot's field order), resource by resource.

    `presorted`: the rows already come ordered by (resource, start, end, id).
    """
    ordered = slots if presorted else sorted(slots, key=itemgetter(1, 3, 4, 0))
    out: list[Conflict] = []
    for rid, group in groupby(ordered, key=itemgetter(1)):
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
        rid = find_resource(s, resource).id if resource is not None else None
        res_rows = s.execute(
            select(Resource.id, Resource.name, Resource.kind, Resource.capacity)
        ).all()
        names = {r[0]: r[1] for r in res_rows}
        infos = {r[0]: rules.ResourceInfo(r[0], r[2], r[3]) for r in res_rows}
        longest = longest_booking(s)
        # Items are computed on the bookings of a padded window; an item that reaches
        # the padding's edge may continue beyond it, so widen until none does.
        pad = longest + st.min_rest_s
        while True:
            lo = lo_want - pad if lo_want > -FAR else -FAR
            hi = hi_want + pad if hi_want < FAR else FAR
            items = detect_items(_load(s, rid, lo, hi, longest), infos, st.min_rest_s, presorted=True)
            items = [c for c in items if _in_window(c, lo_want, hi_want)]
            cut = [c for c in items if (lo > -FAR and c.start <= lo) or (hi < FAR and c.end >= hi)]
            if not cut:
                break
            pad *= 4
        items.sort(key=lambda c: (SEVERITY_ORDER[c.severity], c.start, names[c.resource_id],
                                  RULE_ORDER[c.rule], c.booking_ids))
        return conflict_views(s, items, names, st.tz, min_rest=st.min_rest_s)
