"""services.conflicts.conflict_report on a real SQLite file: every rule, windows,
the per-resource filter, severity order, messages, lot time."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update

from studio_booker.domain.records import Slot
from studio_booker.domain.timeutil import lot_zone
from studio_booker.services import bookings, catalog
from studio_booker.services.conflicts import conflict_report
from studio_booker.services.settings import set_setting
from studio_booker.storage.engine import write_session
from studio_booker.storage.models import Booking, Setting
from tests.conftest import t
from tests.domain import brute


@pytest.fixture
def lot(make_stage, make_workshop, make_crew, make_production):
    make_stage("Stage 7")
    make_stage("1号摄影棚")
    make_workshop("Carpentry", capacity=2)
    make_crew("Zhang Wei")
    for name in ("The Red Silk", "Красная студия", "北方"):
        make_production(name)


def overbook(engine, resource: str, production: str, start: str, end: str) -> int:
    """A confirmed booking past the enforcement rule, as a capacity reduction leaves them."""
    r = catalog.get_resource(engine, resource)
    catalog.update_resource(engine, r.id, capacity=3 if r.kind != "crew" else 1)
    try:
        b = bookings.create_booking(
            engine, bookings.BookingDraft(resource, production, t(start), t(end), "confirmed"), "tester")
    finally:
        catalog.update_resource(engine, r.id, capacity=r.capacity)
    return b.id


def summary(report) -> list[tuple]:
    return [(c.rule, c.resource, c.start, c.end, c.booking_ids) for c in report]


def test_empty_lot_has_no_conflicts(engine, lot):
    assert conflict_report(engine) == []


def test_every_rule_with_severity_order_and_messages(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    b = overbook(engine, "Stage 7", "Красная студия", "2026-12-03 12:00", "2026-12-03 20:00")
    w = make_booking("Carpentry", "北方", "2026-12-04 08:00", "2026-12-04 18:00").id
    m = make_booking("Carpentry", None, "2026-12-04 00:00", "2026-12-04 12:00", activity="maintenance")
    h1 = make_booking("1号摄影棚", "The Red Silk", "2026-12-05 08:00", "2026-12-05 18:00", status="hold")
    h2 = make_booking("1号摄影棚", "北方", "2026-12-05 10:00", "2026-12-05 12:00", status="hold")
    c1 = make_booking("Zhang Wei", "The Red Silk", "2026-12-06 08:00", "2026-12-06 20:00")
    c2 = make_booking("Zhang Wei", "北方", "2026-12-07 04:00", "2026-12-07 12:00", status="hold")
    report = conflict_report(engine)
    assert summary(report) == [
        ("capacity", "Stage 7", t("2026-12-03 12:00"), t("2026-12-03 18:00"), (a.id, b)),
        ("maintenance", "Carpentry", t("2026-12-04 08:00"), t("2026-12-04 12:00"), (m.id, w)),
        ("turnaround", "Zhang Wei", t("2026-12-06 20:00"), t("2026-12-07 04:00"), (c1.id, c2.id)),
        ("hold_rank", "1号摄影棚", t("2026-12-05 10:00"), t("2026-12-05 12:00"), (h2.id, h1.id)),
    ]
    assert [c.severity for c in report] == ["error", "error", "warning", "info"]
    assert report[3].rank == 2
    msgs = [c.message for c in report]
    assert msgs[0] == (f"Stage 7 is overbooked 2026-12-03 12:00 – 2026-12-03 18:00: 2 confirmed bookings "
                       f"for capacity 1 (#{a.id} (The Red Silk), #{b} (Красная студия))")
    assert f"maintenance #{m.id} overlaps confirmed #{w} (北方)" in msgs[1]
    assert "8 h rest" in msgs[2] and "minimum 10 h" in msgs[2] and f"#{c1.id} (The Red Silk)" in msgs[2]
    assert f"hold #{h2.id} (北方) on 1号摄影棚 is 2nd in the queue, after #{h1.id} (The Red Silk)" == msgs[3]
    js = report[0].to_json(lot_zone("Asia/Shanghai"))
    assert js["start"] == "2026-12-03T12:00:00+08:00" and js["severity"] == "error"
    assert [x["id"] for x in js["bookings"]] == [a.id, b] and "rank" not in js
    assert report[3].to_json(lot_zone("Asia/Shanghai"))["rank"] == 2


def test_blocked_hold_lists_the_hold_then_the_confirmed(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    h = make_booking("Stage 7", "北方", "2026-12-03 17:00", "2026-12-03 22:00", status="hold")
    (item,) = conflict_report(engine)
    assert (item.rule, item.severity, item.start, item.end, item.booking_ids) == (
        "blocked_hold", "warning", h.start, h.end, (h.id, a.id))
    assert f"hold #{h.id} (北方) on Stage 7 could not be confirmed now" in item.message


def test_cancelled_bookings_are_not_reported(engine, lot, make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    h = make_booking("Stage 7", "北方", "2026-12-03 17:00", "2026-12-03 22:00", status="hold")
    bookings.set_status(engine, h.id, "cancelled", "tester")
    assert conflict_report(engine) == []


def test_windows_report_what_overlaps_them(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-01 08:00", "2026-12-10 18:00")
    b = overbook(engine, "Stage 7", "北方", "2026-12-02 08:00", "2026-12-09 18:00")
    c = overbook(engine, "Stage 7", "Красная студия", "2026-12-20 08:00", "2026-12-20 18:00")
    d = overbook(engine, "Stage 7", "北方", "2026-12-20 12:00", "2026-12-20 20:00")
    whole = (t("2026-12-02 08:00"), t("2026-12-09 18:00"))
    # starts before the window, overlaps it: reported, and whole (not cut at the window)
    got = summary(conflict_report(engine, t("2026-12-05"), t("2026-12-06")))
    assert got == [("capacity", "Stage 7", *whole, (a.id, b))]
    got = summary(conflict_report(engine, start=t("2026-12-09 17:00")))
    assert [g[4] for g in got] == [(a.id, b), (c, d)]
    got = summary(conflict_report(engine, end=t("2026-12-02 08:01")))
    assert got == [("capacity", "Stage 7", *whole, (a.id, b))]
    # entirely outside: not reported; touching the window's edges is outside
    assert conflict_report(engine, t("2026-12-11"), t("2026-12-20 12:00")) == []
    assert conflict_report(engine, t("2026-12-09 18:00"), t("2026-12-20 12:00")) == []
    assert conflict_report(engine, t("2026-11-01"), t("2026-12-02 08:00")) == []
    assert summary(conflict_report(engine, t("2026-12-20 19:59"), t("2026-12-21"))) == []
    late = conflict_report(engine, t("2026-12-20 17:59"), t("2026-12-21"))
    assert [g[4] for g in summary(late)] == [(c, d)]


def test_a_stretch_far_longer_than_any_booking_is_reported_whole(engine, lot):
    # a chain of overlapping bookings: the overbooked stretch is much longer than any one booking
    ids = []
    for day in range(1, 15):
        ids.append(overbook(engine, "Stage 7", "北方", f"2026-12-{day:02d} 00:00",
                            f"2026-12-{day + 1:02d} 06:00"))
    got = summary(conflict_report(engine, t("2026-12-07"), t("2026-12-08")))
    # capacity 1, each day overlaps the next by 6 hours: separate stretches, only the one in the window
    assert [(g[2], g[3]) for g in got] == [(t("2026-12-07 00:00"), t("2026-12-07 06:00"))]
    # a second chain shifted by 3 hours: two or more run everywhere from 12-01 03:00 to 12-15 03:00
    for day in range(1, 15):
        ids.append(overbook(engine, "Stage 7", "The Red Silk", f"2026-12-{day:02d} 03:00",
                            f"2026-12-{day + 1:02d} 03:00"))
    (item,) = conflict_report(engine, t("2026-12-07"), t("2026-12-08"))
    assert (item.rule, item.start, item.end) == ("capacity", t("2026-12-01 03:00"), t("2026-12-15 03:00"))
    assert sorted(item.booking_ids) == sorted(ids)  # every booking of the stretch, not only the window's


def test_zero_rest_turnaround_in_a_window(engine, lot, make_booking):
    a = make_booking("Zhang Wei", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    b = make_booking("Zhang Wei", "北方", "2026-12-03 18:00", "2026-12-03 22:00")
    assert summary(conflict_report(engine)) == [
        ("turnaround", "Zhang Wei", t("2026-12-03 18:00"), t("2026-12-03 18:00"), (a.id, b.id))]
    assert len(conflict_report(engine, t("2026-12-03 18:00"), t("2026-12-03 19:00"))) == 1
    assert conflict_report(engine, t("2026-12-03 17:00"), t("2026-12-03 18:00")) == []


def test_per_resource_filter(engine, lot, make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    make_booking("Stage 7", "北方", "2026-12-03 10:00", "2026-12-03 12:00", status="hold")
    make_booking("1号摄影棚", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    make_booking("1号摄影棚", "北方", "2026-12-03 10:00", "2026-12-03 12:00", status="hold")
    assert {c.resource for c in conflict_report(engine)} == {"Stage 7", "1号摄影棚"}
    assert {c.resource for c in conflict_report(engine, resource="1号摄影棚")} == {"1号摄影棚"}
    with pytest.raises(Exception, match="unknown resource 'Stage 8'"):
        conflict_report(engine, resource="Stage 8")


def test_hold_rank_ties_on_created_time_by_lower_id(engine, lot, make_booking):
    h = [make_booking("Stage 7", p, "2026-12-03 08:00", "2026-12-03 18:00", status="hold")
         for p in ("北方", "The Red Silk", "Красная студия")]
    with write_session(engine) as s:
        s.execute(update(Booking).values(created_utc=1_700_000_000))
    got = [(c.booking_ids, c.rank) for c in conflict_report(engine)]
    assert got == [((h[1].id, h[0].id), 2), ((h[2].id, h[0].id, h[1].id), 3)]
    with write_session(engine) as s:  # created time beats the id
        s.execute(update(Booking).where(Booking.id == h[2].id).values(created_utc=1_600_000_000))
    got = [(c.booking_ids, c.rank) for c in conflict_report(engine)]
    assert got == [((h[0].id, h[2].id), 2), ((h[1].id, h[2].id, h[0].id), 3)]


def test_settings_change_what_is_shown_and_reported(engine, lot, make_booking):
    c1 = make_booking("Zhang Wei", "The Red Silk", "2026-12-06 08:00", "2026-12-06 20:00")
    make_booking("Zhang Wei", "北方", "2026-12-07 04:00", "2026-12-07 12:00", status="hold")
    (item,) = conflict_report(engine)
    assert "2026-12-06 20:00 – 2026-12-07 04:00" in item.message
    set_setting(engine, "min_rest_hours", "8")  # exactly the rest taken: enough
    assert conflict_report(engine) == []
    set_setting(engine, "min_rest_hours", "8.5")
    (item,) = conflict_report(engine)
    assert "minimum 8 h 30 min" in item.message
    set_setting(engine, "lot_timezone", "Europe/Moscow")  # UTC+3: five hours behind Shanghai
    (item,) = conflict_report(engine)
    assert "2026-12-06 15:00 – 2026-12-06 23:00" in item.message
    assert item.to_json(lot_zone("Europe/Moscow"))["start"] == "2026-12-06T15:00:00+03:00"
    assert bookings.get_booking(engine, c1.id).start == t("2026-12-06 08:00")  # stored instants unchanged


# ---- the report against the brute force, on a real database, with random windows ----------

H = 3600
BASE = 1_796_256_000  # 2026-12-03 00:00 UTC


def _in(item: brute.Item, lo: int | None, hi: int | None) -> bool:
    lo_ = lo if lo is not None else -(2**62)
    hi_ = hi if hi is not None else 2**62
    if item.start == item.end:  # a zero-rest turnaround is an instant
        return lo_ <= item.start < hi_
    return item.start < hi_ and lo_ < item.end


@st.composite
def lot_scenario(draw: st.DrawFn) -> dict:
    rows = []
    for i in range(draw(st.integers(0, 10))):
        rid = draw(st.sampled_from([1, 2]))  # 1: a stage, 2: a crew member
        start = draw(st.integers(0, 30))
        length = draw(st.sampled_from([1, 2, 3, 5, 8, 13]))
        maint = draw(st.integers(0, 6)) == 0
        rows.append(dict(id=i + 1, resource_id=rid, production_id=None if maint else draw(st.integers(1, 3)),
                         start=start, end=start + length,
                         status=draw(st.sampled_from(["confirmed", "confirmed", "hold", "cancelled"])),
                         activity="maintenance" if maint else "shoot", created=draw(st.integers(0, 2))))
    lo = draw(st.none() | st.integers(-5, 40))
    hi = draw(st.none() | st.integers(-5, 45))
    if lo is not None and hi is not None and hi < lo:
        lo, hi = hi, lo
    return dict(rows=rows, capacity=draw(st.integers(1, 3)), min_rest=draw(st.integers(0, 4)), lo=lo, hi=hi)


@pytest.fixture(scope="module")
def shared_lot(tmp_path_factory):
    from studio_booker.storage.engine import open_database

    eng = open_database(tmp_path_factory.mktemp("report") / "lot.sqlite3")
    catalog.create_resource(eng, name="Stage 7", kind="stage")
    catalog.create_resource(eng, name="Zhang Wei", kind="crew")
    for n in (1, 2, 3):
        catalog.create_production(eng, name=f"Production {n}")
    yield eng
    eng.dispose()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(case=lot_scenario())
def test_report_matches_brute_force_in_any_window(shared_lot, case):
    engine = shared_lot
    catalog.update_resource(engine, 1, capacity=case["capacity"])
    set_setting(engine, "min_rest_hours", str(case["min_rest"]))
    with write_session(engine) as s:
        s.execute(delete(Booking))
        for r in case["rows"]:
            s.add(Booking(id=r["id"], resource_id=r["resource_id"], production_id=r["production_id"],
                          start_utc=BASE + r["start"] * H, end_utc=BASE + r["end"] * H, status=r["status"],
                          activity=r["activity"], created_utc=r["created"], updated_utc=0))
        s.merge(Setting(key="longest_booking_s", value=str(13 * H)))
    lo = BASE + case["lo"] * H if case["lo"] is not None else None
    hi = BASE + case["hi"] * H if case["hi"] is not None else None
    slots = [Slot(r["id"], r["resource_id"], r["production_id"], BASE + r["start"] * H, BASE + r["end"] * H,
                  r["status"], r["activity"], r["created"]) for r in case["rows"]]
    want = []
    for rid, kind, cap in ((1, "stage", case["capacity"]), (2, "crew", 1)):
        mine = [b for b in slots if b.resource_id == rid]
        want += [i for i in brute.detect(kind, cap, mine, case["min_rest"] * H) if _in(i, lo, hi)]
    got = []
    for c in conflict_report(engine, lo, hi):
        ids = c.booking_ids
        if c.rule == "capacity":
            ids = tuple(sorted(ids))
        elif c.rule in ("blocked_hold", "hold_rank"):
            ids = (ids[0], *sorted(ids[1:]))
        got.append(brute.Item(c.rule, c.start, c.end, ids, c.rank))
    assert sorted(got) == sorted(want)
