"""The timeline's small parts on their own: the time scale (no Qt), the row layout, the one
text-layout cache, and the interpreter tuning's guards."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from studio_booker.domain.timeutil import lot_zone, to_instant
from studio_booker.services.views import ResourceView
from studio_booker.ui import perf
from studio_booker.ui.timeline.rows import CARD_H, ROW_H, RowLayout, group_id, group_title, lane_box, stacked
from studio_booker.ui.timeline.scale import (
    CUT,
    DAY,
    HOUR,
    LABEL_WIDTHS,
    MIN_LABEL_W,
    TimeScale,
    bar_edges,
    label_box,
)

TZ = lot_zone("Asia/Shanghai")


def at(text: str) -> int:
    from studio_booker.domain.timeutil import parse_instant

    return parse_instant(text, TZ)


@pytest.fixture
def scale() -> TimeScale:
    s = TimeScale(TZ, "week")
    s.extend_to(at("2026-12-07 00:00"), (at("2026-11-01 00:00"), at("2027-02-01 00:00")))
    return s


# ---- the time scale ----------------------------------------------------------------------------

def test_the_scale_maps_time_to_x_and_back_at_every_zoom(scale):
    assert scale.origin == to_instant(date(2025, 11, 2), TZ)  # a lot-time midnight, 400 days before
    for zoom, pph in (("day", 60.0), ("week", 8.0), ("month", 1.5), ("quarter", 0.5)):
        scale.set_zoom(zoom)
        t = at("2026-12-08 13:30")
        x = scale.x(t, scroll=1000)
        assert x == (t - scale.origin) * pph / HOUR - 1000
        assert abs(scale.time_at(x, scroll=1000) - t) <= HOUR / pph  # within a pixel
        assert scale.x(t + HOUR) - scale.x(t) == pytest.approx(pph)
    with pytest.raises(ValueError):
        scale.set_zoom("year")


def test_scroll_for_puts_an_instant_at_a_viewport_x(scale):
    t = at("2026-12-09 06:00")
    scroll = scale.scroll_for(t, 100)
    assert abs(scale.x(t, scroll) - 100) <= 0.5


def test_snapping_follows_the_zoom_and_lot_midnights(scale):
    assert scale.snap(at("2026-12-08 09:10")) == at("2026-12-08 09:00")  # week: hours
    scale.set_zoom("day")
    assert scale.snap(at("2026-12-08 09:10")) == at("2026-12-08 09:15")  # day: quarter hours
    scale.set_zoom("month")
    assert scale.snap(at("2026-12-08 11:59")) == at("2026-12-08 00:00")  # month: lot midnights
    assert scale.snap(at("2026-12-08 12:00")) == at("2026-12-09 00:00")
    assert scale.snap_step() == DAY


def test_day_and_month_spans_are_lot_time_days_and_months(scale):
    days = scale.day_spans(at("2026-12-08 10:00"), at("2026-12-10 10:00"))
    assert [d for d, _x0, _x1 in days] == [date(2026, 12, 8), date(2026, 12, 9), date(2026, 12, 10)]
    assert all(x1 - x0 == pytest.approx(24 * 8.0) for _d, x0, x1 in days)
    assert days[0][1] == scale.x(at("2026-12-08 00:00"))
    months = scale.month_spans(at("2026-12-20 00:00"), at("2027-01-05 00:00"))
    assert [(d, round(x1 - x0)) for d, x0, x1 in months] == [(date(2026, 12, 1), 31 * 24 * 8),
                                                             (date(2027, 1, 1), 31 * 24 * 8)]
    assert scale.upper_spans(at("2026-12-08 10:00"), at("2026-12-09 10:00")) == days[:2]
    scale.set_tz(lot_zone("Europe/Moscow"))  # another zone: other midnights
    assert scale.day_spans(at("2026-12-08 10:00"), at("2026-12-08 11:00"))[0][1] != days[0][1]


def test_the_extent_grows_to_reach_any_instant_gone_to(scale):
    before = (scale.origin, scale.span_end)
    assert not scale.extend_to(at("2026-12-07 00:00"), None)  # reached already: no change
    assert (scale.origin, scale.span_end) == before
    assert scale.extend_to(at("2030-01-01 00:00"), None)
    assert scale.span_end >= at("2030-01-01 00:00") + 400 * DAY and scale.origin == before[0]
    assert scale.content_width() == int((scale.span_end - scale.origin) * 8.0 / HOUR)


def test_a_bar_keeps_its_pixels_at_every_scroll_position():
    """bar_edges cuts a bar to whole pixels the same way wherever it is (a scroll moves pixels)."""
    for x in (10.0, 10.5, -0.5, 39.999999, 40.5):
        left, right, x1 = bar_edges(x, 20.25, 1000)
        for d in range(1, 5):
            assert bar_edges(x + d, 20.25, 1000) == (left + d, right + d, x1 + d)
    assert bar_edges(-100.0, 50.0, 1000)[0] == -CUT  # cut just beyond the left edge
    assert bar_edges(990.0, 50.0, 1000)[1] == 1000 + CUT and bar_edges(990.0, 50.0, 1000)[2] == 1040
    assert bar_edges(5.0, 0.0, 1000)[:2] == (5, 6)  # at least one column


def test_a_label_fits_what_shows_of_its_bar_or_is_not_drawn():
    assert label_box(100, 100 + MIN_LABEL_W + 8, 1000, "") == (100, MIN_LABEL_W)
    assert label_box(100, 100 + MIN_LABEL_W + 7, 1000, "") is None  # 4 px padding either side
    assert label_box(100, 100 + MIN_LABEL_W + 8, 1000, "error") is None  # the badge's corner
    assert label_box(-50, 300, 1000, "") == (0, max(w for w in LABEL_WIDTHS if w <= 292))  # kept in view
    assert label_box(900, 2000, 1000, "")[1] <= 92  # cut at the right edge
    widths = {label_box(0, room, 10_000, "")[1] for room in range(40, 4000)}
    assert len(widths) < 50 and len(widths) * 50 < 4000 - 40  # a few width classes serve every room


# ---- rows ----------------------------------------------------------------------------------------

def resource(rid: int, name: str, kind: str, department: str = "", capacity: int = 1) -> ResourceView:
    return ResourceView(id=rid, name=name, kind=kind, capacity=capacity, active=True, area_m2=None,
                        features=(), department=department, role="", day_rate=None, notes="")


def test_groups_have_ids_apart_from_their_titles():
    assert group_id(resource(1, "Stage 1", "stage")) == "stage"
    assert group_id(resource(2, "Ann", "crew", "Camera")) == "crew/Camera"
    assert group_id(resource(3, "Bo", "crew")) == "crew"
    assert [group_title(g) for g in ("stage", "workshop", "crew", "crew/Camera")] == [
        "Stages", "Workshops", "Crew", "Crew · Camera"]


def test_the_row_layout_groups_collapses_and_finds_rows():
    layout = RowLayout()
    layout.set_resources([resource(1, "Stage 1", "stage"), resource(2, "Stage 2", "stage"),
                          resource(3, "Ann", "crew", "Camera")])
    assert [(r.group, r.title, r.resource.id if r.resource else None) for r in layout.rows] == [
        ("stage", "Stages", None), ("stage", "Stages", 1), ("stage", "Stages", 2),
        ("crew/Camera", "Crew · Camera", None), ("crew/Camera", "Crew · Camera", 3)]
    assert layout.row_of == {1: 1, 2: 2, 3: 4} and layout.sizes == {"stage": 2, "crew/Camera": 1}
    assert layout.height() == 5 * ROW_H and layout.row_at(ROW_H * 4 + 3) == 4 and layout.row_at(-1) is None
    assert layout.span(ROW_H + 5, 2 * ROW_H) == (1, 4)
    layout.set_collapsed(["Stages"])  # a title, as older preferences stored it: read as the id
    assert layout.collapsed == {"stage"} and 1 not in layout.row_of and layout.sizes["stage"] == 2
    assert layout.kind_of(1) == "stage" and layout.resource(1).name == "Stage 1"  # hidden, still known
    assert layout.expand("stage") and not layout.expand("stage")
    layout.set_kinds({"crew", "props"})
    assert layout.kinds == {"crew"} and [r.group for r in layout.rows] == ["crew/Camera", "crew/Camera"]


def test_bars_in_lanes_and_stacked_cards_keep_readable_heights():
    assert lane_box(0, 1) == (3, ROW_H - 6)
    top0, h = lane_box(0, 2)
    top1, _ = lane_box(1, 2)
    assert h >= 12 and top1 == top0 + h + 1 and not stacked(2)  # two lanes: side by side
    for lanes in (3, 4):
        boxes = [lane_box(k, lanes) for k in range(lanes)]
        assert stacked(lanes) and all(h == CARD_H for _t, h in boxes)  # each tall enough for a label
        tops = [t for t, _h in boxes]
        assert tops == sorted(tops) and tops[-1] + CARD_H == ROW_H - 3  # the last card at the bottom


# ---- the one text-layout cache ------------------------------------------------------------------

def test_one_text_layout_cache_serves_every_slot_bounded_on_its_own(qapp, monkeypatch):
    from PySide6.QtGui import QFont

    from studio_booker.ui.timeline import layouts

    cache = layouts.TextLayouts()
    for slot in (layouts.LABEL, layouts.NAME):
        cache.set_font(slot, QFont())
    cache.set_font(layouts.SMALL, QFont(), bound_with=layouts.LABEL)
    fits = cache.get(layouts.LABEL, "Stage", 500)
    assert cache.get(layouts.LABEL, "Stage", 400) is fits  # a text that fits: one layout for every width
    assert cache.widths(layouts.LABEL, "Stage") == [-1]
    long = "The Red Silk · shoot · 2nd hold"
    cut = cache.get(layouts.LABEL, long, 40)
    assert cut is not None and cut.text() != long and cache.widths(layouts.LABEL, long) == [40]
    assert cache.get(layouts.LABEL, long, 60, make=False) is None
    cache.get(layouts.NAME, "张伟", 180)
    assert cache.texts(layouts.NAME) == {"张伟"}
    monkeypatch.setattr(layouts, "MAX_PER_SLOT", 5)
    for i in range(12):
        cache.get(layouts.LABEL if i % 2 else layouts.SMALL, f"label {i}")
    held = [k for k in cache.keys() if k[0] in (layouts.LABEL, layouts.SMALL)]
    assert 0 < len(held) <= 5  # the two label slots share one bound, and were emptied...
    assert cache.texts(layouts.NAME) == {"张伟"}  # ...not the names'
    cache.clear()
    assert cache.count() == 0


# ---- interpreter tuning ---------------------------------------------------------------------------

def test_the_tuning_applies_only_to_the_collector_it_was_measured_on():
    assert perf.MEASURED_ON == (3, 11)
    assert perf.GENERATIONAL_GC == ((3, 11) <= sys.version_info[:2] < (3, 14))


def test_malloc_trim_is_called_only_where_glibc_has_it(monkeypatch):
    import platform

    perf.release_freed_memory()  # never raises, whatever the C library
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        import ctypes

        assert hasattr(ctypes.CDLL(None), "malloc_trim")
    monkeypatch.setattr(sys, "platform", "win32")
    assert perf._malloc_trim()() is None  # elsewhere: nothing to call
