"""Synthetic bookings for scale tests (`studio-booker demo --bookings N --seed S`).

Deterministic for a seed: random.Random(seed) decides everything, so the same seed on
the same lot gives the same rows. Every confirmed booking satisfies the enforcement
rule against what is stored and planned (demo_season.Plan); one that would not is
written as a hold.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.intervals import IntervalIndex
from ..domain.records import Activity, Kind, Slot, Status
from ..domain.timeutil import to_instant
from ..errors import InputError
from ..storage.engine import write_session
from ..storage.models import Production, Resource
from ..storage.queries import SLOT_COLUMNS, raw_rows
from .demo_lot import DEPARTMENTS
from .demo_season import DAY, HOUR, Plan, default_start, insert_rows
from .settings import get_settings


def _add_resources(s: Session, wanted: int, rng: random.Random) -> int:
    have = int(s.scalar(select(func.count()).select_from(Resource)) or 0)
    if wanted <= have:
        return 0
    names = set(s.scalars(select(Resource.name)).all())
    depts = [d[0] for d in DEPARTMENTS]
    added = 0
    n = 0
    while have + added < wanted:
        n += 1
        kind = ("crew", "stage", "crew", "workshop", "crew", "stage")[n % 6]
        name = f"Synthetic {kind} {n:04d}"
        if name in names:
            continue
        values: dict[str, Any] = dict(name=name, kind=kind, capacity=1, features="", department="",
                                      role="", notes="synthetic")
        if kind == "stage":
            values.update(area_m2=float(rng.choice((800, 1500, 2500, 4000))), day_rate=30000.0)
        elif kind == "workshop":
            values.update(capacity=rng.randint(1, 3), day_rate=1000.0)
        else:
            values.update(department=depts[n % len(depts)], role="technician", day_rate=1000.0)
        s.add(Resource(**values))
        added += 1
    s.flush()
    return added


def add_synthetic(engine: Engine, user: str, bookings: int, seed: int = 1,
                  resources: int | None = None, start: dt.date | None = None) -> int:
    """Add `bookings` synthetic bookings (random.Random(seed): the same seed gives the same rows).

    They are spread over every resource (after adding synthetic resources until there are at
    least `resources`), mostly back to back without overlap, with about 17 % holds and 8 %
    cancelled. Every confirmed one satisfies the enforcement rule against what is stored;
    one that would not is written as a hold. Returns the number of resources added.
    """
    start = start or default_start()
    rng = random.Random(seed)
    st = get_settings(engine)
    day0, min_rest = to_instant(start, st.tz), st.min_rest_s
    with write_session(engine) as s:
        added = _add_resources(s, resources or 0, rng)
        if bookings <= 0:
            return added
        res = s.execute(select(Resource.id, Resource.kind, Resource.capacity)
                        .where(Resource.active.is_(True)).order_by(Resource.id)).all()
        prods = list(s.scalars(select(Production.id).order_by(Production.id)).all())
        if not res or not prods:
            raise InputError("synthetic bookings need resources and productions: load the demo lot first")
        stored: dict[int, list[Slot]] = {}
        for slot in map(Slot._make, raw_rows(
                s, f"SELECT {SLOT_COLUMNS} FROM booking WHERE status != 'cancelled'")):
            stored.setdefault(slot.resource_id, []).append(slot)
        infos = {rid: rules.ResourceInfo(rid, kind, cap) for rid, kind, cap in res}
        # what is stored already: new bookings go around it
        busy = {rid: IntervalIndex(stored.get(rid, [])) for rid in infos}
        plan = Plan(infos, user, day0, stored)
        weights = [3.0 if k == Kind.CREW else 1.5 * c if k == Kind.WORKSHOP else 1.0 for _, k, c in res]
        per = Counter(rng.choices(range(len(res)), weights=weights, k=bookings))
        note = f"synthetic (seed {seed})"
        for idx in range(len(res)):
            n = per.get(idx, 0)
            if not n:
                continue
            rid, kind, cap = res[idx]
            lanes_n = cap if kind == Kind.WORKSHOP else 1
            pad = min_rest if kind == Kind.CREW else 0
            cursors = [day0 + rng.randint(0, 3) * DAY for _ in range(lanes_n)]
            made = 0
            while made < n:
                lane = made % lanes_n
                t = cursors[lane]
                while True:
                    start_, end_, activity = _synthetic_slot(rng, kind, t)
                    clash = busy[rid].overlapping(start_ - pad, end_ + pad)
                    if not clash:
                        break
                    t = _next_cursor(rng, kind, max(b.end for b in clash) + pad, day0)
                cursors[lane] = _next_cursor(rng, kind, end_, day0)
                roll = rng.random()
                status = (Status.CONFIRMED if roll < 0.75 else Status.HOLD if roll < 0.92
                          else Status.CANCELLED)
                pid: int | None = rng.choice(prods)
                if (rng.random() < 0.005 and status == Status.CONFIRMED
                        and not plan.confirmed[rid].overlapping(start_, end_)):
                    activity, pid = Activity.MAINTENANCE, None
                created = start_ - rng.randint(1, 60) * DAY
                plan.add(rid, pid, start_, end_, status, activity, note, None, created)
                made += 1
                if status == Status.HOLD and made < n and rng.random() < 0.1:  # a competing pencil
                    made += 1
                    other = rng.choice(prods)
                    plan.add(rid, other, start_ + HOUR, end_, Status.HOLD, activity, note, None,
                             created + rng.randint(1, 5) * DAY)
        insert_rows(s, plan.rows)
    return added


def _synthetic_slot(rng: random.Random, kind: str, t: int) -> tuple[int, int, str]:
    """One booking starting on the day of `t` (lot midnight), realistic for the kind."""
    if kind == Kind.CREW:
        if rng.random() < 0.1:
            return t + 18 * HOUR, t + 30 * HOUR, Activity.SHIFT
        begin = t + rng.choice((6, 7, 8)) * HOUR
        return begin, begin + rng.choice((10, 11, 12)) * HOUR, Activity.SHIFT
    if kind == Kind.WORKSHOP:
        days = rng.randint(1, 5)
        return t + 8 * HOUR, t + (days - 1) * DAY + 18 * HOUR, rng.choice((Activity.BUILD, Activity.PREP))
    days = rng.randint(1, 10)
    activity = rng.choice((Activity.BUILD, Activity.PRELIGHT, Activity.SHOOT, Activity.SHOOT,
                           Activity.STRIKE))
    return t + 8 * HOUR, t + (days - 1) * DAY + 20 * HOUR, activity


def _next_cursor(rng: random.Random, kind: str, end: int, day0: int) -> int:
    """Lot midnight of the day the next booking on the lane may start (after a gap).

    A day shift ends by 20:00 and the next starts at 06:00 or later: at least 10 h rest.
    """
    midnight = day0 + ((end - day0) // DAY + 1) * DAY
    gap = rng.choice((0, 0, 0, 1)) if kind == Kind.CREW else rng.randint(0, 3)
    return midnight + gap * DAY
