"""The demo lot: what it promises, its conflicts, loading twice, deterministic synthetic bookings."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from studio_booker.domain import rules
from studio_booker.domain.records import Slot
from studio_booker.services import catalog
from studio_booker.services.conflicts import conflict_report
from studio_booker.services.demo import add_synthetic, default_start, load_demo
from studio_booker.services.reads import count_bookings, longest_booking
from studio_booker.storage.engine import open_database, read_session
from studio_booker.storage.models import Booking, Production, Resource

START = dt.date(2026, 11, 2)
RULES = {"capacity", "maintenance", "blocked_hold", "hold_rank", "turnaround"}
SYNTH = "synthetic%"


def _rows(engine) -> list[tuple]:
    """Every booking as comparable values (names, not ids)."""
    with read_session(engine) as s:
        q = (
            select(Resource.name, Production.name, Booking.start_utc, Booking.end_utc, Booking.status,
                   Booking.activity, Booking.ref, Booking.notes, Booking.created_utc)
            .join(Resource, Resource.id == Booking.resource_id)
            .outerjoin(Production, Production.id == Booking.production_id)
            .where(Booking.notes.like(SYNTH))
            .order_by(Booking.id)
        )
        return [tuple(r) for r in s.execute(q).all()]


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory: pytest.TempPathFactory):
    eng = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    summary = load_demo(eng, "tester", start=START)
    yield eng, summary
    eng.dispose()


def test_demo_loads_the_lot_it_promises(demo_engine) -> None:
    engine, summary = demo_engine
    resources = catalog.list_resources(engine)
    kinds = Counter(r.kind for r in resources)
    assert 36 <= kinds["stage"] <= 44
    assert kinds["workshop"] == 6
    assert 110 <= kinds["crew"] <= 130
    assert len(catalog.list_productions(engine)) == 10
    assert (summary.stages, summary.workshops, summary.crew, summary.productions) == (
        kinds["stage"], kinds["workshop"], kinds["crew"], 10)
    assert summary.loaded
    assert summary.bookings == count_bookings(engine) > 1000
    text = summary.summary()
    assert text.startswith(f"loaded {kinds['stage']} stages, 6 workshops, {kinds['crew']} crew, "
                           "10 productions, ")
    assert f"{summary.bookings:,} bookings" in text

    stages = [r for r in resources if r.kind == "stage"]
    assert any(r.area_m2 == 10000 for r in stages)
    assert any("water tank" in r.features for r in stages)
    assert all(500 <= (r.area_m2 or 0) <= 10000 for r in stages)
    assert all(r.day_rate and r.day_rate > 0 for r in stages)
    workshops = {r.name: r for r in resources if r.kind == "workshop"}
    for trade in ("Carpentry", "Props", "Paint", "Costume", "Metal", "Sculpture"):
        assert any(trade in name for name in workshops)
    departments = {r.department for r in resources if r.kind == "crew"}
    wanted = {"Camera", "Lighting & Grip", "Art", "Costume", "Make-up", "Sound", "Rigging", "SFX"}
    assert wanted <= departments
    assert all(r.role for r in resources if r.kind == "crew")
    colours = [p.color for p in catalog.list_productions(engine)]
    assert len(set(colours)) == 10 and all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)

    # a season: build, prelight, shoot, strike, shifts, maintenance, holds, cancellations
    with read_session(engine) as s:
        acts = Counter(s.scalars(select(Booking.activity)).all())
        statuses = Counter(s.scalars(select(Booking.status)).all())
        times = select(Booking.start_utc, Booking.end_utc)
        first = s.execute(times.order_by(Booking.start_utc)).first()
        last = s.execute(times.order_by(Booking.end_utc.desc())).first()
    for act in ("build", "prelight", "shoot", "strike", "shift", "maintenance"):
        assert acts[act] > 0, act
    assert statuses["hold"] > 0 and statuses["cancelled"] > 0 and statuses["confirmed"] > 1000
    assert first is not None and last is not None
    span_days = (last[1] - first[0]) / 86400
    assert 70 <= span_days <= 130


def test_names_in_three_scripts(demo_engine) -> None:
    engine, _ = demo_engine
    names = [r.name for r in catalog.list_resources(engine)]
    productions = [p.name for p in catalog.list_productions(engine)]
    for group in (names, productions):
        assert any(re.search(r"[\u4e00-\u9fff]", n) for n in group)  # Chinese
        assert any(re.search(r"[\u0400-\u04ff]", n) for n in group)  # Cyrillic
        assert any(re.fullmatch(r"[A-Za-z0-9 '&-]+", n) for n in group)  # Latin
    assert any(re.fullmatch(r"\d+号摄影棚", n) for n in names)
    assert any(re.fullmatch(r"Stage \d+", n) for n in names)


def test_report_holds_every_rule(demo_engine) -> None:
    engine, _ = demo_engine
    report = conflict_report(engine)
    rules_seen = Counter(c.rule for c in report)
    assert set(rules_seen) == RULES
    assert all(n >= 2 for n in rules_seen.values()), rules_seen


def test_confirmed_base_bookings_were_saved_under_the_enforcement_rule(demo_engine) -> None:
    """Capacity and maintenance items come only from what the services never refuse:
    the lowered workshop capacities and the confirmed maintenance bookings."""
    engine, _ = demo_engine
    lowered = {r.id for r in catalog.list_resources(engine) if "closed" in r.notes or "flooded" in r.notes}
    assert lowered
    for c in conflict_report(engine):
        if c.rule == "capacity":
            assert c.resource_id in lowered
        if c.rule == "maintenance":
            assert c.bookings[0].activity == "maintenance"


def test_loading_twice_does_not_duplicate(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "twice.sqlite3")
    try:
        first = load_demo(engine, "tester", start=START)
        n = count_bookings(engine)
        again = load_demo(engine, "tester", start=START)
        assert not again.loaded
        assert "already present" in again.summary()
        assert count_bookings(engine) == n
        assert len(catalog.list_resources(engine)) == first.stages + first.workshops + first.crew
        assert len(catalog.list_productions(engine)) == 10
        # synthetic bookings are still added to a lot that is already there
        third = load_demo(engine, "tester", bookings=500, seed=3, start=START)
        assert count_bookings(engine) == n + 500 == n + len(_rows(engine))
        assert "500 synthetic bookings (seed 3)" in third.summary()
    finally:
        engine.dispose()


def _fresh(tmp_path: Path, name: str, n: int, seed: int):
    engine = open_database(tmp_path / name)
    load_demo(engine, "tester", bookings=n, seed=seed, start=START)
    return engine


def test_synthetic_bookings_are_deterministic_per_seed(tmp_path: Path) -> None:
    a, b, c = (_fresh(tmp_path, f"{k}.sqlite3", 2000, seed) for k, seed in (("a", 1), ("b", 1), ("c", 2)))
    try:
        rows_a, rows_b, rows_c = _rows(a), _rows(b), _rows(c)
        assert len(rows_a) == len(rows_c) == 2000
        assert rows_a == rows_b
        assert rows_a != rows_c
        statuses = Counter(r[4] for r in rows_a)
        assert statuses["confirmed"] > 0.6 * len(rows_a)
        assert statuses["hold"] > 0.1 * len(rows_a)
        assert statuses["cancelled"] > 0.03 * len(rows_a)
    finally:
        for e in (a, b, c):
            e.dispose()


def test_synthetic_confirmed_bookings_satisfy_enforcement(tmp_path: Path) -> None:
    engine = _fresh(tmp_path, "synth.sqlite3", 2000, 7)
    try:
        before = Counter(c.rule for c in conflict_report(engine))
        with read_session(engine) as s:
            infos = {r.id: rules.ResourceInfo(r.id, r.kind, r.capacity) for r in s.scalars(select(Resource))}
            rows = s.execute(select(Booking.id, Booking.resource_id, Booking.production_id, Booking.start_utc,
                                    Booking.end_utc, Booking.status, Booking.activity, Booking.created_utc,
                                    Booking.notes)).all()
            longest = longest_booking(s)
        confirmed: dict[int, list[Slot]] = {}
        for r in rows:
            if r[5] == "confirmed":
                confirmed.setdefault(r[1], []).append(Slot(*r[:8]))
        synthetic = [Slot(*r[:8]) for r in rows if r[8].startswith("synthetic") and r[5] == "confirmed"]
        assert len(synthetic) > 1000
        for b in synthetic:
            assert rules.refusal_blockers(infos[b.resource_id], b, confirmed[b.resource_id]) == [], b
        assert longest >= max(r[4] - r[3] for r in rows)
        # the synthetic rows add no capacity, maintenance or turnaround items
        base = open_database(tmp_path / "base.sqlite3")
        load_demo(base, "tester", start=START)
        base_counts = Counter(c.rule for c in conflict_report(base))
        base.dispose()
        for rule in ("capacity", "maintenance", "turnaround"):
            assert before[rule] == base_counts[rule], rule
    finally:
        engine.dispose()


def test_synthetic_resources_reach_the_number_asked(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "many.sqlite3")
    try:
        load_demo(engine, "tester", start=START)
        added = add_synthetic(engine, "tester", 1000, seed=1, resources=250, start=START)
        assert added == 250 - 166
        resources = catalog.list_resources(engine)
        assert len(resources) == 250
        with read_session(engine) as s:
            used = set(s.scalars(select(Booking.resource_id).where(Booking.notes.like(SYNTH))).all())
        assert len(used & {r.id for r in resources if r.name.startswith("Synthetic")}) > 50
    finally:
        engine.dispose()


def test_default_start_is_a_monday_four_weeks_back() -> None:
    start = default_start(dt.date(2026, 11, 27))  # a Friday
    assert start == dt.date(2026, 10, 26)
    assert start.weekday() == 0
