"""The demo lot's season, planned in memory, and the conflicts every demo shows.

About sixteen weeks of bookings (build, prelight, shoot and strike per production, its
workshops and its crew's shifts), written in one transaction. Every confirmed booking
is checked with the enforcement rule (domain.rules.refusal_blockers) before it is
written (`Plan`), exactly as a save through services.bookings would be. The conflicts
that must be there are then made the way they happen on a real lot, through the
services that never refuse them (`conflicts_on_purpose`): a workshop bay closes
(capacity lowered), a pipe bursts (maintenance over confirmed bookings), pencils
compete for a stage (holds), and a crew member gets an early call.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.intervals import IntervalIndex
from ..domain.records import Activity, Kind, Slot, Status
from ..domain.timeutil import to_instant
from ..storage.engine import read_session
from ..storage.models import Booking, Production, Resource
from . import bookings as booking_service
from . import catalog
from .checks import BookingDraft
from .demo_lot import BASE_SEED, PRODUCTIONS, stage_specs
from .reads import bump_longest
from .settings import get_settings

DAY = 86400
HOUR = 3600
CHUNK = 20_000  # rows a statement when the plan is written


class Plan:
    """Bookings to write, each confirmed one checked with the enforcement rule (SPEC 3, as a save
    through services.bookings applies it) against the confirmed ones planned, and stored, before."""

    def __init__(self, infos: dict[int, rules.ResourceInfo], user: str, created0: int,
                 stored: dict[int, list[Slot]] | None = None) -> None:
        self.infos = infos
        stored = stored or {}
        self.confirmed: dict[int, IntervalIndex[Slot]] = {
            rid: IntervalIndex(b for b in stored.get(rid, ()) if b.status == Status.CONFIRMED)
            for rid in infos
        }
        self.user = user
        self.created = created0
        self.rows: list[dict[str, Any]] = []
        self._tmp = 0

    def admits(self, candidate: Slot) -> bool:
        if candidate.status != Status.CONFIRMED or candidate.is_maintenance:
            return True
        near = self.confirmed[candidate.resource_id].overlapping(candidate.start, candidate.end)
        return not near or not rules.refusal_blockers(self.infos[candidate.resource_id], candidate, near)

    def add(self, rid: int, pid: int | None, start: int, end: int, status: str, activity: str,
            notes: str = "", ref: str | None = None, created: int | None = None,
            demote: bool = True) -> str | None:
        """Plan one booking; a confirmed one the rule refuses becomes a hold (or is dropped)."""
        self._tmp -= 1
        if created is None:
            self.created += 211
            created = self.created
        slot = Slot(self._tmp, rid, pid, start, end, status, activity, created)
        if not self.admits(slot):
            if not demote:
                return None
            status = Status.HOLD
            slot = slot._replace(status=status)
        if slot.status == Status.CONFIRMED:
            self.confirmed[rid].add(slot)
        self.rows.append(dict(
            resource_id=rid, production_id=pid, start_utc=start, end_utc=end, status=str(status),
            activity=str(activity), ref=ref, notes=notes, created_utc=created, created_by=self.user,
            updated_utc=created, updated_by=self.user, version=1,
        ))
        return status


def insert_rows(s: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Write planned bookings, CHUNK rows a statement."""
    conn = s.connection()
    for i in range(0, len(rows), CHUNK):
        conn.execute(insert(Booking), list(rows[i : i + CHUNK]))
    if rows:
        bump_longest(s, max(r["end_utc"] - r["start_utc"] for r in rows))


def default_start(today: dt.date | None = None) -> dt.date:
    """Monday of the current week, minus four weeks: the season is partly in the past."""
    today = today or dt.date.today()
    return today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=4)


class Season:
    """The base season: build → prelight → shoot → strike per production, workshops, crew shifts."""

    def __init__(self, s: Session, start: dt.date, user: str, tz: tzinfo) -> None:
        self.start = start
        self.day0 = to_instant(start, tz)
        self.rng = random.Random(BASE_SEED)
        res = s.execute(select(Resource.id, Resource.name, Resource.kind, Resource.capacity,
                               Resource.department)).all()
        self.rid = {name: rid for rid, name, _, _, _ in res}
        self.dept: dict[str, list[str]] = {}
        for _, name, kind, _, department in res:
            if kind == Kind.CREW:
                self.dept.setdefault(department, []).append(name)
        self.pid = dict(s.execute(select(Production.name, Production.id)).all())
        infos = {rid: rules.ResourceInfo(rid, kind, cap) for rid, _, kind, cap, _ in res}
        self.plan = Plan(infos, user, self.day0 - 45 * DAY)
        self.crew_free: dict[str, int] = {}
        self.stage_free: dict[str, int] = {}

    def at(self, day: int, hour: float) -> int:
        return self.day0 + day * DAY + int(hour * HOUR)

    def weekday(self, day: int) -> int:
        return (self.start.weekday() + day) % 7

    def book(self, resource: str, production: str | None, d0: int, h0: float, d1: int, h1: float,
             status: str, activity: str, notes: str = "", ref: str | None = None) -> str | None:
        pid = self.pid[production] if production else None
        return self.plan.add(self.rid[resource], pid, self.at(d0, h0), self.at(d1, h1), status,
                             activity, notes, ref)

    def build(self) -> list[dict[str, Any]]:
        rng = self.rng
        stage_names = [d["name"] for d in stage_specs()]
        ordinary = stage_names[2:]
        rng.shuffle(ordinary)
        names = [p["name"] for p in PRODUCTIONS]
        # the carpentry shop fills all three bays in week 3 (the bay closure later overbooks it)
        for k, who in enumerate(names[:3]):
            self.book("Carpentry Shop", who, 14 + k, 8, 19 + k, 18, Status.CONFIRMED, Activity.BUILD,
                      "set build: bay " + str(k + 1))
        for k, who in enumerate(names[3:5]):
            self.book("Props Workshop", who, 24 + k, 8, 27 + k, 18, Status.CONFIRMED, Activity.PREP,
                      "props prep")
        for i, prod in enumerate(names):
            first = 2 + i * 7 + rng.randint(0, 3)
            stages = [ordinary[(2 * i) % len(ordinary)], ordinary[(2 * i + 1) % len(ordinary)]]
            if prod == "The Red Silk":
                stages.insert(0, "1号摄影棚")
            if prod in ("Iron Harbor", "海上丝路"):
                stages = ["水下摄影棚", *stages[:1]]
            self._production(i, prod, first, stages)
        return self.plan.rows

    def _production(self, i: int, prod: str, first: int, stages: list[str]) -> None:
        rng = self.rng
        night = i % 3 == 1
        shoot_days: list[int] = []
        for j, stage in enumerate(stages):
            b0 = max(first + j * 4, self.stage_free.get(stage, -1) + 1)  # after the last strike
            b_len, shoot_len = rng.randint(5, 8), rng.randint(12, 20)
            p0 = b0 + b_len
            s0 = p0 + 2
            x0 = s0 + shoot_len
            pencil = j == len(stages) - 1 and i % 4 == 3  # the last stage still pencilled
            status = Status.HOLD if pencil else Status.CONFIRMED
            ref = f"{prod[:2].upper()}-{j + 1:02d}" if i % 2 == 0 else None
            self.book(stage, prod, b0, 8, p0 - 1, 20, status, Activity.BUILD, "set construction",
                      f"{ref}B" if ref else None)
            self.book(stage, prod, p0, 8, s0 - 1, 20, status, Activity.PRELIGHT, "pre-light and pre-rig")
            self.book(stage, prod, s0, 7, x0 - 1, 22, status, Activity.SHOOT, "principal photography",
                      f"{ref}S" if ref else None)
            self.book(stage, prod, x0, 8, x0 + 2, 18, status, Activity.STRIKE, "strike and clear")
            self.stage_free[stage] = x0 + 2
            if j == 0:
                shoot_days = [d for d in range(s0, x0) if self.weekday(d) != 6]
                self._workshops(prod, b0, p0, s0)
                self._crew(prod, b0, p0, shoot_days, night, x0)

    def _workshops(self, prod: str, b0: int, p0: int, s0: int) -> None:
        rng = self.rng
        plan = (("Carpentry Shop", b0 - 6, b0 + 1, Activity.BUILD, "flats and platforms"),
                ("Paint Shop", b0 - 2, p0 - 1, Activity.BUILD, "scenic painting"),
                ("Props Workshop", b0, s0, Activity.PREP, "props build and dressing"),
                ("Costume Workshop", b0 - 8, b0 - 2, Activity.PREP, "costume fittings"),
                ("Metal Shop", b0 - 5, b0 - 1, Activity.BUILD, "steelwork"),
                ("Sculpture Studio", b0 - 7, b0 - 3, Activity.BUILD, "sculpted set pieces"))
        for name, d0, d1, act, notes in plan:
            if rng.random() < 0.2:
                continue
            st = Status.HOLD if rng.random() < 0.15 else Status.CONFIRMED
            self.book(name, prod, max(d0, 0), 8, max(d1, 1), 18, st, act, notes)

    def _pick(self, dept: str, begin: int, end: int) -> str | None:
        for name in self.dept[dept]:
            if self.crew_free.get(name, -99) < begin:
                self.crew_free[name] = end
                return name
        return None

    def _crew(self, prod: str, b0: int, p0: int, shoot_days: list[int], night: bool, x0: int) -> None:
        rng = self.rng
        team = (("Camera", 3), ("Lighting & Grip", 4), ("Costume", 2), ("Make-up", 2), ("Sound", 2),
                ("SFX", 1))
        for dept, n in team:
            for _ in range(n):
                who = self._pick(dept, shoot_days[0] - 1, x0 + 1)
                if who is None:
                    continue
                for d in shoot_days:
                    wd = self.weekday(d)
                    if night and wd == 5:
                        continue  # the day after a Friday night shoot is off
                    status = Status.CANCELLED if rng.random() < 0.03 else Status.CONFIRMED
                    if night and wd == 4:
                        self.book(who, prod, d, 18, d + 1, 6, status, Activity.SHIFT, "night shoot")
                    else:
                        self.book(who, prod, d, 8, d, 20, status, Activity.SHIFT, "")
        for dept, n in (("Art", 2), ("Rigging", 2)):
            for _ in range(n):
                who = self._pick(dept, b0 - 1, p0 + 2)
                if who is None:
                    continue
                for d in range(b0, p0 + 2):
                    if self.weekday(d) != 6:
                        self.book(who, prod, d, 7, d, 19, Status.CONFIRMED, Activity.SHIFT,
                                  "build" if dept == "Art" else "pre-rig")


def conflicts_on_purpose(engine: Engine, user: str, start: dt.date) -> int:
    """The conflicts every demo shows, made through the services that never refuse them."""
    tz = get_settings(engine).tz
    day0 = to_instant(start, tz)

    def at(day: int, hour: float) -> int:
        return day0 + day * DAY + int(hour * HOUR)

    made = 0
    with read_session(engine) as s:
        def first_confirmed(resource: str, activity: str) -> Any:
            return s.execute(
                select(Booking.start_utc, Booking.end_utc, Booking.production_id)
                .join(Resource).where(Resource.name == resource, Booking.activity == activity,
                                      Booking.status == Status.CONFIRMED)
                .order_by(Booking.start_utc)
            ).first()

        red_shoot = first_confirmed("1号摄影棚", Activity.SHOOT)
        tank_shoot = first_confirmed("水下摄影棚", Activity.SHOOT)
        shifts = s.execute(
            select(Resource.name, Booking.start_utc, Booking.end_utc)
            .join(Resource).where(Resource.kind == Kind.CREW, Booking.status == Status.CONFIRMED,
                                  Booking.notes == "")
            .order_by(Booking.start_utc, Resource.name).limit(400)
        ).all()
        free_stage = s.scalar(select(Resource.name).where(Resource.name == "Красная студия"))
        idle_stage = s.scalar(
            select(Resource.name).where(
                Resource.kind == Kind.STAGE,
                ~Resource.id.in_(select(Booking.resource_id).where(
                    Booking.start_utc < at(43, 0), Booking.end_utc > at(40, 0))),
            ).order_by(Resource.id.desc())
        )

    def book(resource: str, production: str | None, start_: int, end_: int, status: str,
             activity: str | None = None, notes: str = "") -> None:
        nonlocal made
        booking_service.create_booking(
            engine, BookingDraft(resource, production, start_, end_, status, activity, None, notes), user
        )
        made += 1

    # maintenance: a burst pipe floods the big stage for two days in the middle of a shoot
    if red_shoot is not None:  # the day before the shoot and the first day of it
        mid = red_shoot[0] - DAY
        book("1号摄影棚", None, mid, mid + 2 * DAY, Status.CONFIRMED, Activity.MAINTENANCE,
             "burst sprinkler pipe: floor dried and re-sealed")
    if tank_shoot is not None:
        mid = tank_shoot[0] + 3 * DAY
        book("水下摄影棚", None, mid, mid + DAY, Status.CONFIRMED, Activity.MAINTENANCE,
             "tank filter pump failed: water treatment")
        # another production pencils the tank while Iron Harbor shoots (a blocked hold)
        book("水下摄影棚", "Dragon Gate", tank_shoot[0] + 6 * DAY, tank_shoot[0] + 9 * DAY,
             Status.HOLD, Activity.SHOOT, "second unit, if the tank frees up")
    if red_shoot is not None:
        book("1号摄影棚", "Тайга", red_shoot[0] + 8 * DAY, red_shoot[0] + 12 * DAY, Status.HOLD,
             Activity.SHOOT, "pencil: snow forest set, if The Red Silk wraps early")
    # a planned closure on an empty stage (no conflict)
    if idle_stage is not None:
        book(idle_stage, None, at(40, 8), at(42, 18), Status.CONFIRMED, Activity.MAINTENANCE,
             "annual rigging-grid inspection")
    # three productions pencil the same free stage for the same weeks (hold_rank)
    if free_stage is not None:
        for k, who in enumerate(("Dragon Gate", "Степной ветер", "青岛往事")):
            book(free_stage, who, at(50 + k, 8), at(58 + k, 20), Status.HOLD, Activity.SHOOT,
                 "pencil: VFX inserts")
    # a cancelled pencil
    book("Stage 37", "Moonlight over Laoshan", at(30, 8), at(33, 20), Status.CANCELLED, Activity.SHOOT,
         "dropped: location instead")
    # turnaround: two crew members get a late pick-up shoot between two day shifts
    seen: dict[str, list[tuple[int, int]]] = {}
    for name, s0, e0 in shifts:
        seen.setdefault(name, []).append((s0, e0))
    picked = 0
    for name, days in seen.items():
        pairs = [(a, b) for a, b in zip(days, days[1:], strict=False) if b[0] - a[1] >= 11 * HOUR]
        if not pairs:
            continue
        a, _b = pairs[0]
        book(name, "Dragon Gate", a[1] + 3 * HOUR, a[1] + 7 * HOUR, Status.CONFIRMED, Activity.SHIFT,
             "pick-up shots, night unit")
        picked += 1
        if picked == 3:
            break
    # a workshop bay closes: lowering capacity is never refused; the overbooking shows in the report
    with read_session(engine) as s:
        carpentry = s.scalar(select(Resource.id).where(Resource.name == "Carpentry Shop"))
        props = s.scalar(select(Resource.id).where(Resource.name == "Props Workshop"))
    if carpentry is not None:
        catalog.update_resource(engine, carpentry, capacity=2,
                                notes="bay 3 closed for re-wiring until further notice")
    if props is not None:
        catalog.update_resource(engine, props, capacity=1, notes="bay 2 flooded by the burst pipe")
    return made
