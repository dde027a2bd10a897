"""The demo lot: `load_demo` loads it once, and adds synthetic bookings when asked.

The base lot is 40 stages, 6 workshops, 120 crew, 10 productions (services.demo_lot)
and about sixteen weeks of bookings holding a few conflicts of every rule
(services.demo_season); `add_synthetic` (services.demo_synthetic) adds N bookings
for scale tests, deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ..domain.records import Kind
from ..errors import InputError
from ..storage.engine import read_session, write_session
from ..storage.models import Booking, Production, Resource
from .demo_lot import create_catalog, demo_names
from .demo_season import Season, conflicts_on_purpose, default_start, insert_rows
from .demo_synthetic import add_synthetic
from .settings import get_settings

__all__ = ["DemoSummary", "add_synthetic", "default_start", "load_demo"]


@dataclass(frozen=True)
class DemoSummary:
    stages: int = 0
    workshops: int = 0
    crew: int = 0
    productions: int = 0
    bookings: int = 0  # of the base lot
    synthetic: int = 0
    synthetic_resources: int = 0
    seed: int = 1
    loaded: bool = True  # False: the base lot was there already
    kinds: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        lot = (f"{self.stages:,} stages, {self.workshops:,} workshops, {self.crew:,} crew, "
               f"{self.productions:,} productions, {self.bookings:,} bookings")
        text = f"loaded {lot}" if self.loaded else f"demo lot already present ({lot}), not loaded again"
        if self.synthetic or self.synthetic_resources:
            text += f"; {self.synthetic:,} synthetic bookings (seed {self.seed})"
            if self.synthetic_resources:
                text += f" and {self.synthetic_resources:,} synthetic resources"
        return text


def _base_present(s: Session) -> bool:
    res_names, prod_names = demo_names()
    have_p = s.scalar(select(func.count()).where(Production.name.in_(prod_names))) or 0
    have_r = 0
    for i in range(0, len(res_names), 500):
        have_r += s.scalar(select(func.count()).where(Resource.name.in_(res_names[i : i + 500]))) or 0
    if have_p == len(prod_names) and have_r == len(res_names):
        return True
    if have_p or have_r:
        raise InputError(
            f"this database already holds {have_p} of the demo productions and {have_r} of the demo "
            "resources, but not the whole demo lot; load the demo into a new database (--db NEW_FILE)"
        )
    return False


def _counts(s: Session) -> tuple[Counter[str], int, int]:
    kinds: Counter[str] = Counter(dict(s.execute(
        select(Resource.kind, func.count()).group_by(Resource.kind)).all()))
    prods = int(s.scalar(select(func.count()).select_from(Production)) or 0)
    res_names, _ = demo_names()
    ids: list[int] = []
    for i in range(0, len(res_names), 500):
        ids += s.scalars(select(Resource.id).where(Resource.name.in_(res_names[i : i + 500]))).all()
    base = int(s.scalar(select(func.count()).select_from(Booking).where(
        Booking.resource_id.in_(ids), Booking.notes.not_like("synthetic%"))) or 0)
    return kinds, prods, base


def load_demo(engine: Engine, user: str, bookings: int = 0, seed: int = 1,
              start: dt.date | None = None, resources: int | None = None) -> DemoSummary:
    """Load the demo lot unless it is there already; then add `bookings` synthetic bookings.

    `resources`: make sure at least this many resources exist (synthetic ones are added),
    for scale tests.
    """
    start = start or default_start()
    if bookings < 0:
        raise InputError(f"--bookings: {bookings} is not a whole number >= 0")
    tz = get_settings(engine).tz
    with write_session(engine) as s:
        present = _base_present(s)
        if not present:
            create_catalog(s)
            insert_rows(s, Season(s, start, user, tz).build())
    if not present:
        conflicts_on_purpose(engine, user, start)
    extra_res = 0
    if bookings or resources:
        extra_res = add_synthetic(engine, user, bookings, seed, resources=resources, start=start)
    with read_session(engine) as s:
        kinds, prods, base = _counts(s)
    return DemoSummary(
        stages=kinds.get(Kind.STAGE, 0), workshops=kinds.get(Kind.WORKSHOP, 0),
        crew=kinds.get(Kind.CREW, 0), productions=prods, bookings=base, synthetic=bookings,
        synthetic_resources=extra_res, seed=seed, loaded=not present, kinds=dict(kinds),
    )
