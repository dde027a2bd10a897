"""The resource timeline on a real database file, offscreen: rows, windows, drags, markers, tooltips."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from studio_booker.errors import ConflictRefused
from studio_booker.services import bookings
from studio_booker.ui import perf
from studio_booker.ui.timeline import ROW_H, ZOOMS, TimelineView
from studio_booker.ui.timeline.layouts import LABEL, NAME
from studio_booker.ui.timeline_source import TimelineSource
from tests.conftest import t

MONDAY = "2026-12-07 00:00"


@pytest.fixture
def lot(make_stage, make_workshop, make_crew, make_production):
    s10 = make_stage("Stage 10")
    s2 = make_stage("Stage 2")
    s1 = make_stage("1号摄影棚")
    ws = make_workshop("Carpentry")
    zw = make_crew("Zhang Wei", department="Lighting")
    an = make_crew("Анна Соколова", department="Camera", role="focus puller")
    red = make_production("The Red Silk", color="#c0392b")
    wall = make_production("长城之夜", color="#8e44ad")
    return dict(s1=s1, s2=s2, s10=s10, ws=ws, zw=zw, an=an, red=red, wall=wall)


@pytest.fixture
def view(qtbot, engine, lot):
    v = TimelineView(TimelineSource(engine))
    qtbot.addWidget(v)
    v.resize(1300, 420)
    v.show()
    qtbot.waitExposed(v)
    v.set_zoom("week")
    v.go_to(t(MONDAY))
    settle(qtbot, v)
    return v


def settle(qtbot, v: TimelineView) -> None:
    qtbot.waitUntil(lambda: not v.is_fetching())


def quiet(v: TimelineView) -> bool:
    """Nothing left to read, lay out or paint: a turn of the event loop painted nothing."""
    if v.is_fetching() or v.labels_pending() or v.is_painting():
        return False
    before = v.paints()
    QApplication.processEvents()
    return v.paints() == before


def on_screen(qtbot, v: TimelineView, axis: bool = False):
    """What the window shows of the viewport (and the axis): its backing store, once nothing is
    left to read, lay out or paint."""
    qtbot.waitUntil(lambda: quiet(v))
    shown = v.viewport().geometry()
    if axis:  # the axis scrolls the same way
        shown = shown.united(v.time_axis().geometry())
    return QApplication.primaryScreen().grabWindow(v.winId()).toImage().copy(shown)


def point(v: TimelineView, resource_id: int, when: str) -> QPoint:
    row = v.row_of_resource(resource_id)
    assert row is not None
    return QPoint(int(round(v.x_of(t(when)))), v.row_y(row) + ROW_H // 2)


def item_of(v: TimelineView, booking_id: int):
    items = [i for i in v.visible_bars() if i.bar.id == booking_id]
    assert len(items) == 1, f"booking {booking_id} painted {len(items)} times"
    return items[0]


def drag(qtbot, v: TimelineView, start: QPoint, *path: QPoint, release: bool = True) -> None:
    vp = v.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for p in path:
        qtbot.mouseMove(vp, p)
    if release:
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=path[-1] if path else start)


# ---- rows --------------------------------------------------------------------------------

def test_rows_grouped_by_kind_and_department_in_natural_order(view, lot):
    rows = [(r.title, r.resource.name if r.resource else None) for r in view.rows()]
    assert rows == [
        ("Stages", None), ("Stages", "1号摄影棚"), ("Stages", "Stage 2"), ("Stages", "Stage 10"),
        ("Workshops", None), ("Workshops", "Carpentry"),
        ("Crew · Camera", None), ("Crew · Camera", "Анна Соколова"),
        ("Crew · Lighting", None), ("Crew · Lighting", "Zhang Wei"),
    ]
    # groups are known by ids apart from their titles (preferences store ids; titles can be translated)
    assert [r.group for r in view.rows() if r.resource is None] == [
        "stage", "workshop", "crew/Camera", "crew/Lighting"]
    assert view.group_size("crew/Camera") == 1 and view.group_size("stage") == 3


def test_clicking_a_group_header_collapses_and_expands_it(qtbot, view, lot):
    header_y = view.row_y(0) + ROW_H // 2
    qtbot.mouseClick(view.name_column(), Qt.MouseButton.LeftButton, pos=QPoint(20, header_y))
    assert view.collapsed_groups() == ["stage"]
    assert view.row_of_resource(lot["s1"].id) is None
    assert [r.resource.name for r in view.rows() if r.resource][0] == "Carpentry"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(300, header_y))
    assert view.collapsed_groups() == []
    assert view.row_of_resource(lot["s1"].id) == 1
    view.set_collapsed_groups(["crew/Lighting"])
    assert view.row_of_resource(lot["zw"].id) is None and view.row_of_resource(lot["an"].id) is not None
    assert view.collapsed_groups() == ["crew/Lighting"]
    view.set_collapsed_groups(["Crew · Camera", "Stages"])  # titles, as older preferences stored them
    assert view.collapsed_groups() == ["crew/Camera", "stage"]
    assert view.row_of_resource(lot["an"].id) is None and view.row_of_resource(lot["zw"].id) is not None


def test_kinds_filter_shows_only_those_rows(view, lot):
    view.set_kinds({"crew"})
    assert view.kinds() == {"crew"}
    assert {r.resource.kind for r in view.rows() if r.resource} == {"crew"}


# ---- the fetched window ------------------------------------------------------------------

def test_only_the_visible_window_is_fetched_and_painted(qtbot, view, lot, make_booking):
    make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    make_booking("Stage 2", "The Red Silk", "2027-06-08 08:00", "2027-06-08 18:00")
    view.reload()
    near, far = (b.id for b in bookings.find_bookings(view.source.engine))
    lo, hi = view.fetched_range()
    t0, t1 = view.visible_range()
    width = t1 - t0
    assert lo <= t0 and t1 <= hi
    assert hi - lo <= 3 * width + 2 * 3600  # the visible window and one width either side
    assert [i.bar.id for i in view.visible_bars()] == [near]
    before = view.source.fetch_count
    view.repaint()
    view.repaint()
    assert view.source.fetch_count == before  # painting never queries
    view.go_to(t("2027-06-07 00:00"))
    settle(qtbot, view)
    assert view.source.fetch_count == before + 1
    assert [i.bar.id for i in view.visible_bars()] == [far]
    assert view.fetched_range()[0] > t("2027-01-01 00:00")


def test_small_scroll_inside_the_margin_does_not_refetch(qtbot, view):
    before = view.source.fetch_count
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + view.viewport().width() // 4)
    settle(qtbot, view)
    assert view.source.fetch_count == before
    bar.setValue(bar.value() + view.viewport().width())  # past the prefetch line: one more
    settle(qtbot, view)
    assert view.source.fetch_count == before + 1
    t0, t1 = view.visible_range()
    lo, hi = view.fetched_range()
    assert lo <= t0 and t1 <= hi
    # only the new stretch was read, merged with what was there: the same as a fresh read
    fresh = TimelineSource(view.source.engine).fetch(lo, hi)
    assert sorted(view.loaded_window().bars) == sorted(fresh.bars)


def test_a_scrolled_window_holds_the_same_bars_as_a_fresh_read(qtbot, view, lot, make_booking):
    for day in range(1, 28):
        make_booking("Stage 2", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 20:00",
                     status="hold" if day % 3 else "confirmed")
        make_booking("Stage 2", "长城之夜", f"2026-12-{day:02d} 12:00", f"2026-12-{day + 1:02d} 10:00",
                     status="hold")
    view.reload()
    bar = view.horizontalScrollBar()
    for _ in range(6):
        bar.setValue(bar.value() + view.viewport().width() // 2)
        settle(qtbot, view)
        lo, hi = view.fetched_range()
        fresh = TimelineSource(view.source.engine).fetch(lo, hi)
        assert sorted(view.loaded_window().bars) == sorted(fresh.bars)


# ---- mouse: create, move, resize, refuse -------------------------------------------------

def test_drag_on_an_empty_stretch_requests_a_booking_with_snapped_times(qtbot, view, lot):
    s2 = lot["s2"].id
    with qtbot.waitSignal(view.createRequested) as sig:
        drag(qtbot, view, point(view, s2, "2026-12-08 09:10"), point(view, s2, "2026-12-08 11:00"),
             point(view, s2, "2026-12-08 13:50"))
    assert sig.args == [s2, t("2026-12-08 09:00"), t("2026-12-08 14:00")]


def test_drag_on_empty_stretch_at_month_zoom_snaps_to_days(qtbot, view, lot):
    view.set_zoom("month")
    view.go_to(t("2026-12-01 00:00"))
    settle(qtbot, view)
    ws = lot["ws"].id
    with qtbot.waitSignal(view.createRequested) as sig:
        drag(qtbot, view, point(view, ws, "2026-12-08 03:00"), point(view, ws, "2026-12-10 20:00"))
    assert sig.args == [ws, t("2026-12-08 00:00"), t("2026-12-11 00:00")]


def test_dragging_a_bar_moves_it_in_time_and_to_another_stage(qtbot, view, lot, make_booking):
    b = make_booking("1号摄影棚", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    view.reload()
    s1, s2 = lot["s1"].id, lot["s2"].id
    with qtbot.waitSignal(view.moveRequested) as sig:
        drag(qtbot, view, point(view, s1, "2026-12-08 13:00"), point(view, s2, "2026-12-08 20:00"),
             point(view, lot["zw"].id, "2026-12-09 13:20"))  # a crew row: stays on the stage
    assert sig.args == [b.id, s2, t("2026-12-09 08:00"), t("2026-12-09 18:00"), b.version]
    moved = item_of(view, b.id)  # drawn where it was dropped until the save is reloaded
    assert moved.ghost and moved.bar.resource_id == s2


def test_dragging_an_end_resizes(qtbot, view, lot, make_booking):
    b = make_booking("Carpentry", "长城之夜", "2026-12-08 08:00", "2026-12-09 18:00", status="hold")
    view.reload()
    ws = lot["ws"].id
    rect = item_of(view, b.id).rect
    grab = QPoint(int(rect.right()) - 2, int(rect.center().y()))
    with qtbot.waitSignal(view.moveRequested) as sig:
        drag(qtbot, view, grab, point(view, ws, "2026-12-10 12:00"), point(view, ws, "2026-12-10 20:40"))
    assert sig.args == [b.id, ws, t("2026-12-08 08:00"), t("2026-12-10 21:00"), b.version]
    assert item_of(view, b.id).rect.right() > rect.right()  # drawn resized while the save runs
    bookings.move_booking(view.source.engine, b.id, "tester", start=sig.args[2], end=sig.args[3])
    view.reload()  # what the main window does after the save
    rect = item_of(view, b.id).rect
    grab = QPoint(int(rect.left()) + 2, int(rect.center().y()))
    with qtbot.waitSignal(view.moveRequested) as sig:
        drag(qtbot, view, grab, point(view, ws, "2026-12-07 12:00"), point(view, ws, "2026-12-07 15:10"))
    assert sig.args[2:4] == [t("2026-12-07 15:00"), t("2026-12-10 21:00")]


def test_drop_on_a_full_stage_is_shown_refused_and_snaps_back(qtbot, view, lot, make_booking):
    b = make_booking("1号摄影棚", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    make_booking("Stage 2", "长城之夜", "2026-12-08 06:00", "2026-12-08 22:00")
    view.reload()
    s1, s2 = lot["s1"].id, lot["s2"].id
    home = item_of(view, b.id).rect
    messages: list[str] = []
    view.statusMessage.connect(messages.append)
    drag(qtbot, view, point(view, s1, "2026-12-08 12:00"), point(view, s2, "2026-12-08 12:30"),
         point(view, s2, "2026-12-08 12:00"), release=False)
    qtbot.waitUntil(lambda: (view.drag_ghost() or {}).get("ok") is False)
    ghost = view.drag_ghost()
    assert ghost["resource_id"] == s2 and "Stage 2" in ghost["reason"]
    assert any("in the way" in m and "长城之夜" in m for m in messages)
    # the ghost is drawn with a red outline
    img = view.viewport().grab().toImage()
    row_top = view.row_y(view.row_of_resource(s2))
    red = img.pixelColor(int(view.x_of(t("2026-12-08 12:00"))), row_top + 2)
    assert red.red() > 180 and red.green() < 80
    with qtbot.waitSignal(view.moveRequested) as sig:
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                           pos=point(view, s2, "2026-12-08 12:00"))
    _, rid, start, end, version = sig.args
    with pytest.raises(ConflictRefused) as refused:  # what the main window does with the request
        bookings.move_booking(view.source.engine, b.id, "tester", resource=rid, start=start, end=end,
                              expected_version=version)
    view.snap_back(str(refused.value))
    assert messages[-1].startswith("refused:")
    back = item_of(view, b.id)
    assert not back.ghost and back.bar.resource_id == s1 and back.rect == home


def test_drop_checks_are_cached_per_position(qtbot, view, lot, make_booking):
    make_booking("1号摄影棚", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    view.reload()
    s1 = lot["s1"].id
    calls: list[tuple[int, ...]] = []
    original = view.source.check_drop

    def counting(*args: int) -> str | None:
        calls.append(args)
        return original(*args)

    view.source.check_drop = counting  # type: ignore[method-assign]
    drag(qtbot, view, point(view, s1, "2026-12-08 12:00"), point(view, s1, "2026-12-09 12:00"), release=False)
    qtbot.waitUntil(lambda: (view.drag_ghost() or {}).get("ok") is True)
    for minute in range(0, 60, 5):  # many pixels, one snapped position
        qtbot.mouseMove(view.viewport(), point(view, s1, f"2026-12-09 12:{minute:02d}"))
    qtbot.mouseMove(view.viewport(), point(view, s1, "2026-12-09 12:10"))
    assert view.drag_ghost()["ok"] is True
    assert len(calls) == 1
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    with qtbot.assertNotEmitted(view.moveRequested):
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                           pos=point(view, s1, "2026-12-09 12:00"))
    assert view.drag_ghost() is None


def test_click_selects_ctrl_click_adds_double_click_activates(qtbot, view, lot, make_booking):
    a = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    b = make_booking("Stage 10", "The Red Silk", "2026-12-09 08:00", "2026-12-09 18:00")
    view.reload()
    vp = view.viewport()
    with qtbot.waitSignal(view.selectionChanged) as sig:
        qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=point(view, lot["s2"].id, "2026-12-08 12:00"))
    assert sig.args == [[a.id]]
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=point(view, lot["s10"].id, "2026-12-09 12:00"))
    assert view.selected_bookings() == [a.id, b.id]
    assert item_of(view, a.id).selected and item_of(view, b.id).selected
    with qtbot.waitSignal(view.bookingActivated) as sig:
        qtbot.mouseDClick(vp, Qt.MouseButton.LeftButton, pos=point(view, lot["s10"].id, "2026-12-09 12:00"))
    assert sig.args == [b.id]
    pos = point(view, lot["s2"].id, "2026-12-08 12:00")
    with qtbot.waitSignal(view.contextMenuRequested) as sig:
        QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                     vp.mapToGlobal(pos)))
    assert sig.args[0] == a.id
    empty = point(view, lot["s1"].id, "2026-12-08 12:00")
    with qtbot.waitSignal(view.contextMenuRequested) as sig:
        QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, empty,
                                                     vp.mapToGlobal(empty)))
    assert sig.args[0] == -1


# ---- zoom and scrolling ------------------------------------------------------------------

def test_zoom_changes_pixels_per_hour(qtbot, view):
    assert view.zoom() == "week" and view.pixels_per_hour() == ZOOMS["week"]
    view.zoom_in()
    assert view.zoom() == "day" and view.pixels_per_hour() > ZOOMS["week"]
    view.zoom_in()
    assert view.zoom() == "day"
    for _ in range(4):
        view.zoom_out()
    assert view.zoom() == "quarter" and view.pixels_per_hour() < ZOOMS["month"]
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() == "month"
    with pytest.raises(ValueError):
        view.set_zoom("year")


def test_ctrl_wheel_zooms_around_the_mouse(qtbot, view):
    x = 700
    under = view.time_at(x)
    pos = QPointF(x, 50)
    event = QWheelEvent(pos, QPointF(view.viewport().mapToGlobal(pos.toPoint())), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() == "day"
    assert abs(view.time_at(x) - under) <= 3600 / ZOOMS["day"] * 2
    v0 = view.verticalScrollBar().value()
    plain = QWheelEvent(pos, QPointF(pos), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    left = view.visible_range()[0]
    QApplication.sendEvent(view.viewport(), plain)
    assert view.zoom() == "day" and view.visible_range()[0] == left
    assert view.verticalScrollBar().value() >= v0


def test_go_to_and_reveal_scroll_to_the_stretch(qtbot, view, lot):
    target = t("2027-03-15 00:00")
    view.go_to(target)
    t0, t1 = view.visible_range()
    assert t0 <= target < t0 + (t1 - t0) // 8
    view.resize(1300, 160)  # only a few rows fit
    view.set_collapsed_groups(["Crew · Lighting"])
    assert view.reveal(lot["zw"].id, t("2026-12-20 08:00"), t("2026-12-20 18:00"))
    settle(qtbot, view)
    assert "Crew · Lighting" not in view.collapsed_groups()
    t0, t1 = view.visible_range()
    assert t0 <= t("2026-12-20 08:00") and t("2026-12-20 18:00") <= t1
    y = view.row_y(view.row_of_resource(lot["zw"].id))
    assert 0 <= y and y + ROW_H <= view.viewport().height()
    ranges: list[tuple[int, int]] = []
    view.visibleRangeChanged.connect(lambda a, b: ranges.append((a, b)))
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert ranges and ranges[-1] == view.visible_range()


# ---- what bars show ----------------------------------------------------------------------

def test_conflicts_holds_and_ranks_are_marked(qtbot, view, lot, make_booking):
    ok = make_booking("Stage 10", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    shoot = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    pipe = make_booking("Stage 2", None, "2026-12-08 12:00", "2026-12-09 12:00", activity="maintenance")
    first = make_booking("Carpentry", "The Red Silk", "2026-12-09 08:00", "2026-12-10 18:00", status="hold")
    second = make_booking("Carpentry", "长城之夜", "2026-12-09 12:00", "2026-12-10 12:00", status="hold")
    view.reload()
    assert item_of(view, shoot.id).conflict == "error" and item_of(view, pipe.id).conflict == "error"
    assert item_of(view, ok.id).conflict == ""
    assert item_of(view, second.id).rank == 2 and "2nd hold" in item_of(view, second.id).label
    assert item_of(view, first.id).hold and item_of(view, first.id).rank == 0
    img = view.viewport().grab().toImage()
    r = item_of(view, shoot.id).rect
    badge = img.pixelColor(int(r.right()) - 2, int(r.top()) + 2)
    assert (badge.red(), badge.green(), badge.blue()) == (0xD5, 0x00, 0x00)
    r = item_of(view, ok.id).rect
    plain = img.pixelColor(int(r.right()) - 2, int(r.top()) + 2)
    assert plain.green() > 20 or plain.blue() > 20  # no red badge


def test_cancelled_bookings_are_hidden_unless_asked_for(view, lot, make_booking):
    b = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    bookings.set_status(view.source.engine, b.id, "cancelled", "tester")
    view.reload()
    assert b.id not in [i.bar.id for i in view.visible_bars()]
    view.set_show_cancelled(True)
    assert view.show_cancelled() and item_of(view, b.id).cancelled


def test_tooltip_shows_the_bookings_details(qtbot, view, lot, make_booking):
    make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    b = make_booking("Stage 2", "长城之夜", "2026-12-08 10:00", "2026-12-08 20:00", status="hold",
                     ref="R-77", notes="夜戏 night scene")
    view.reload()
    text = view.tooltip_text(b.id)
    for part in ("Stage 2", "长城之夜", "shoot", "hold", "2026-12-08 10:00", "2026-12-08 20:00", "R-77",
                 "夜戏 night scene", "could not be confirmed now"):
        assert part in text
    pos = point(view, lot["s2"].id, "2026-12-08 19:00")
    vp = view.viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos)))
    assert QToolTip.text() == "checking…"  # read on the thread pool, shown when it comes
    qtbot.waitUntil(lambda: "R-77" in QToolTip.text())
    assert QToolTip.text() == text


def test_shift_wheel_and_arrow_keys_scroll(qtbot, view):
    pos = QPointF(400, 60)
    left = view.visible_range()[0]
    shifted = QWheelEvent(pos, QPointF(pos), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                          Qt.KeyboardModifier.ShiftModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), shifted)
    assert view.visible_range()[0] > left and view.zoom() == "week"
    left = view.visible_range()[0]
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.visible_range()[0] < left
    view.resize(1300, 150)
    top = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.verticalScrollBar().value() == top + ROW_H
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() == "month"


# ---- instants after 2038 -------------------------------------------------------------------

def test_instants_after_2038_travel_through_the_signals(qtbot, view, lot, make_booking):
    b = make_booking("Stage 2", "The Red Silk", "2040-03-06 08:00", "2040-03-06 18:00")
    assert b.start > 2**31  # past what a 32-bit C++ int holds
    with qtbot.waitSignal(view.visibleRangeChanged) as sig:
        view.go_to(t("2040-03-05 00:00"))
    assert sig.args == list(view.visible_range()) and sig.args[0] > t("2040-03-04 00:00")
    view.reload()
    settle(qtbot, view)
    s1, s2 = lot["s1"].id, lot["s2"].id
    with qtbot.waitSignal(view.createRequested) as sig:
        drag(qtbot, view, point(view, s1, "2040-03-05 09:10"), point(view, s1, "2040-03-05 13:50"))
    assert sig.args == [s1, t("2040-03-05 09:00"), t("2040-03-05 14:00")]
    with qtbot.waitSignal(view.moveRequested) as sig:
        drag(qtbot, view, point(view, s2, "2040-03-06 12:00"), point(view, s2, "2040-03-07 09:00"),
             point(view, s2, "2040-03-07 12:00"))
    assert sig.args == [b.id, s2, t("2040-03-07 08:00"), t("2040-03-07 18:00"), b.version]


# ---- reload in the background --------------------------------------------------------------

def test_reload_reads_on_the_worker_and_keeps_the_bars_until_the_new_ones_arrive(qtbot, view, lot,
                                                                                  make_booking):
    b = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    view.reload()
    settle(qtbot, view)
    bookings.move_booking(view.source.engine, b.id, "tester", resource=lot["s10"].id,
                          start=t("2026-12-09 08:00"), end=t("2026-12-09 20:00"))
    view.reload()
    assert view.is_fetching()
    shown = [i.bar for i in view.visible_bars(wait=False) if i.bar.id == b.id]
    assert [(x.resource_id, x.start) for x in shown] == [(lot["s2"].id, t("2026-12-08 08:00"))]
    settle(qtbot, view)
    shown = [i.bar for i in view.visible_bars(wait=False) if i.bar.id == b.id]
    assert [(x.resource_id, x.start, x.end) for x in shown] == [
        (lot["s10"].id, t("2026-12-09 08:00"), t("2026-12-09 20:00"))]


def test_a_scroll_read_started_before_a_change_never_shows_the_old_state(qtbot, view, lot, make_booking):
    b = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    view.reload()
    settle(qtbot, view)
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + view.viewport().width())  # a read with the current window as its base
    assert view.is_fetching()
    bookings.set_status(view.source.engine, b.id, "cancelled", "tester")
    view.reload()
    settle(qtbot, view)
    lo, hi = view.fetched_range()
    assert sorted(view.loaded_window().bars) == sorted(TimelineSource(view.source.engine).fetch(lo, hi).bars)
    assert [x.status for x in view.loaded_window().bars if x.id == b.id] == ["cancelled"]


def test_a_click_right_after_a_reload_acts_on_the_new_data(qtbot, view, lot, make_booking):
    b = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    view.reload()
    settle(qtbot, view)
    moved = bookings.move_booking(view.source.engine, b.id, "tester", start=t("2026-12-10 08:00"),
                                  end=t("2026-12-10 18:00"))
    view.reload()
    s2 = lot["s2"].id
    with qtbot.waitSignal(view.moveRequested) as sig:  # grabs the bar where it is now, new version
        drag(qtbot, view, point(view, s2, "2026-12-10 12:00"), point(view, s2, "2026-12-11 09:00"),
             point(view, s2, "2026-12-11 12:00"))
    assert sig.args == [b.id, s2, t("2026-12-11 08:00"), t("2026-12-11 18:00"), moved.version]
    assert not view.is_fetching()


def test_fast_scrolling_never_queues_more_than_one_read(qtbot, view):
    before = view.source.fetch_count
    for week in range(1, 6):  # five jumps before the event loop runs: no read can land meanwhile
        view.go_to(t(MONDAY) + week * 30 * 86400)
    settle(qtbot, view)
    assert view.source.fetch_count == before + 2  # the first jump's read, then one for where the view is
    t0, t1 = view.visible_range()
    lo, hi = view.fetched_range()
    assert lo <= t0 and t1 <= hi


def test_a_read_that_pauses_between_chunks_gives_the_same_window(engine, lot, make_booking):
    for day in range(1, 28):
        make_booking("Stage 2", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 20:00",
                     status="hold")
        make_booking("Stage 2", "长城之夜", f"2026-12-{day:02d} 12:00", f"2026-12-{day + 1:02d} 10:00")
    pauses = []
    lo, hi = t("2026-11-20 00:00"), t("2027-01-10 00:00")
    paused = TimelineSource(engine).fetch(lo, hi, pause=lambda: pauses.append(1))
    plain = TimelineSource(engine).fetch(lo, hi)
    assert pauses and paused.bars == plain.bars
    assert all(b.severity for b in paused.bars)  # every one overlaps another: the flags were computed


def test_past_its_limit_the_flag_cache_keeps_the_last_windows_flags_and_trims_in_steps(
        engine, lot, make_booking, monkeypatch):
    """Conflict flags are cached between reads; past FLAGS_KEPT (a long session across the
    season) only the last window's are kept, worked out a few resources at a time with a
    pause between (a quarter's window is tens of thousands of bars)."""
    from studio_booker.ui import timeline_source

    monkeypatch.setattr(timeline_source, "FLAGS_KEPT", 10)
    for day in range(1, 28):
        make_booking("Stage 2", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 20:00")
        make_booking("Stage 2", "长城之夜", f"2026-12-{day:02d} 12:00", f"2026-12-{day + 1:02d} 10:00",
                     status="hold")
        make_booking("Carpentry", "长城之夜", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 18:00")
    month = (t("2026-12-01 00:00"), t("2026-12-28 00:00"))
    lo, hi = t("2026-12-20 00:00"), t("2026-12-24 00:00")
    source, kept_all = TimelineSource(engine), TimelineSource(engine)
    for s in (source, kept_all):
        s.fetch(*month)
    assert source.flags_cached() > 10  # a window's worth: above the limit, so trimmed to the next one
    trimmed: list[int] = []
    later = source.fetch(lo, hi, pause=lambda: trimmed.append(1))
    assert source.flagged_ids() == {b.id for b in later.bars}  # only the last window's flags
    assert later.bars == TimelineSource(engine).fetch(lo, hi).bars  # and the same as a fresh read
    assert all(b.severity for b in later.bars if b.resource_id == lot["s2"].id)
    monkeypatch.setattr(timeline_source, "FLAGS_KEPT", 10**9)
    untrimmed: list[int] = []
    kept_all.fetch(lo, hi, pause=lambda: untrimmed.append(1))  # the same read, without the trim
    assert kept_all.flags_cached() > source.flags_cached()
    assert len(trimmed) > len(untrimmed)  # the trim paused too


def test_a_window_read_around_a_base_is_in_the_same_start_order_as_a_plain_read(engine, lot, make_booking):
    for day in range(1, 28):
        make_booking("Stage 2", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 20:00")
        make_booking("Carpentry", "长城之夜", f"2026-12-{day:02d} 08:00", f"2026-12-{day + 1:02d} 10:00",
                     status="hold")
    source = TimelineSource(engine)
    base = source.fetch(t("2026-12-10 00:00"), t("2026-12-15 00:00"))
    lo, hi = t("2026-12-01 00:00"), t("2026-12-25 00:00")
    merged = source.fetch(lo, hi, base=base)  # the stretches either side are read and merged in
    plain = TimelineSource(engine).fetch(lo, hi)
    assert len(merged.bars) > len(base.bars) > 0
    assert merged.bars == plain.bars  # same bars, same flags, the same (start, id) order
    assert [(b.start, b.id) for b in merged.bars] == sorted((b.start, b.id) for b in merged.bars)
    assert merged.by_resource == plain.by_resource


def test_overlapping_bars_share_their_row_in_lanes(view, lot, make_booking):
    a = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00", status="hold")
    b = make_booking("Stage 2", "长城之夜", "2026-12-08 12:00", "2026-12-09 10:00", status="hold")
    c = make_booking("Stage 2", "The Red Silk", "2026-12-08 20:00", "2026-12-08 22:00", status="hold")
    alone = make_booking("Stage 2", "The Red Silk", "2026-12-10 08:00", "2026-12-10 18:00", status="hold")
    view.reload()
    items = {i.bar.id: i for i in view.visible_bars()}
    # a, b and c are one cluster (a-b and b-c overlap): two lanes; c reuses a's lane
    assert items[a.id].y < items[b.id].y and items[c.id].y == items[a.id].y
    assert items[a.id].h == items[b.id].h < ROW_H / 2
    assert items[alone.id].h > ROW_H / 2  # on its own: the whole row height
    assert view.loaded_window().lanes[a.id] == (0, 2) and view.loaded_window().lanes[b.id] == (1, 2)
    assert alone.id not in view.loaded_window().lanes  # alone in its stretch: the whole row, no entry


def test_a_cancelled_bar_shown_on_request_gets_a_lane_of_its_own(view, lot, make_booking):
    kept = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    gone = make_booking("Stage 2", "长城之夜", "2026-12-08 08:00", "2026-12-08 18:00", status="hold")
    bookings.set_status(view.source.engine, gone.id, "cancelled", "tester")
    view.reload()
    assert item_of(view, kept.id).h > ROW_H / 2  # the cancelled one is hidden: no lane for it
    view.set_show_cancelled(True)
    assert item_of(view, kept.id).h < ROW_H / 2 and item_of(view, gone.id).cancelled
    assert item_of(view, gone.id).y != item_of(view, kept.id).y


def test_window_bars_and_their_rows_are_tuples_the_cycle_collector_stops_tracking(engine, lot, make_booking):
    """A NamedTuple stays tracked by the cycle collector for ever; a plain tuple of numbers and
    strings is untracked after one collection. Tens of thousands of tracked bars made every full
    collection stall the window (see services/timeline_data.py)."""
    import gc

    for day in range(1, 20):
        make_booking("Stage 2", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 20:00")
    window = TimelineSource(engine).fetch(t("2026-12-01 00:00"), t("2026-12-31 00:00"))
    assert len(window.rows) == 19 and all(type(r) is tuple for r in window.rows)
    gc.collect()
    assert not any(gc.is_tracked(r) for r in window.rows)
    # nor the window's containers (they were lists: the collector walked them, a cache miss a
    # row); a tuple is untracked once its items are, so in the collection after theirs
    gc.collect()
    assert window.by_resource and not any(gc.is_tracked(rows) for rows in window.by_resource.values())
    assert not any(gc.is_tracked(part) for p in window.parts_of.values() for part in (*p.lone, p.others))
    assert window.bar(window.rows[3][0]) == window.bars[3]


def test_a_replaced_window_is_emptied_on_the_worker(qtbot, view, lot, make_booking):
    for day in range(1, 28):
        make_booking("Stage 2", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 20:00")
    view.reload()
    settle(qtbot, view)
    old = view.loaded_window()
    assert old is not None and old.rows
    view.go_to(t(MONDAY) + 60 * 86400)  # far away: a new window replaces the old one
    settle(qtbot, view)
    assert view.loaded_window() is not old
    qtbot.waitUntil(lambda: not old.rows and not old.by_resource.get(lot["s2"].id) and not old.lanes)


def test_labels_past_the_paint_budget_come_in_the_next_paints(qtbot, view, lot, make_booking, monkeypatch):
    """A zoom change lays out a new label for each bar that no longer fits; past the budget
    the rest are drawn whole, clipped to their bar, and elided in the following paints."""
    from studio_booker.ui.timeline import layouts

    for i, end in enumerate(("03 00:00", "07 12:00", "12 00:00", "16 12:00")):  # 48, 60, 72 and 84 h
        make_booking("Stage 2", "The Red Silk", f"2026-12-{1 + 4 * i:02d} 00:00", f"2026-12-{end}",
                     activity="prelight")
    view.reload()
    view.set_zoom("month")
    view.go_to(t("2026-11-30 00:00"))
    settle(qtbot, view)
    text = "The Red Silk · prelight"
    assert len([i for i in view.visible_bars() if i.label == text]) == 4
    monkeypatch.setattr(layouts, "LABEL_BUDGET_S", 0.0)  # one new layout per paint
    texts = view.text_layouts()
    texts.clear()
    view.viewport().repaint()
    widths = texts.widths(LABEL, text)
    assert widths[0] == -1  # the whole text, drawn clipped meanwhile
    assert len([w for w in widths if w >= 0]) == 1  # one elided layout made in this paint
    assert view.labels_pending()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 7)  # meanwhile, a scroll
    qtbot.waitUntil(lambda: len([w for w in texts.widths(LABEL, text) if w >= 0]) == 4)
    shown = on_screen(qtbot, view)  # the clipped labels painted again where they are now, elided
    before = texts.keys()
    view.viewport().update()
    assert on_screen(qtbot, view) == shown
    assert texts.keys() == before  # all laid out: nothing more to do


def test_painting_from_the_rows_looks_exactly_like_painting_visible_bars(qtbot, view, lot, make_booking):
    """The paint goes straight from the window's rows (no object per bar); visible_bars()
    describes what is painted. Both must give the same picture, pixel for pixel."""
    make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    pipe = make_booking("Stage 2", None, "2026-12-08 12:00", "2026-12-09 12:00", activity="maintenance")
    make_booking("Carpentry", "The Red Silk", "2026-12-09 08:00", "2026-12-10 18:00", status="hold")
    make_booking("Carpentry", "长城之夜", "2026-12-09 12:00", "2026-12-10 12:00", status="hold")
    make_booking("Stage 10", "长城之夜", "2026-12-07 06:00", "2026-12-12 22:00")
    view.reload()
    settle(qtbot, view)
    view.select_bookings([pipe.id])

    def both() -> tuple[object, object]:
        view.viewport().repaint()
        qtbot.waitUntil(lambda: not view.labels_pending())  # (a paint leaves some labels to the next)
        fast = view.viewport().grab().toImage()
        view.painter.fast = False  # from visible_bars(), a BarItem per bar
        try:
            return fast, view.viewport().grab().toImage()
        finally:
            view.painter.fast = True

    fast, slow = both()
    assert len(view.visible_bars()) == 5
    assert fast == slow
    for day in range(1, 28):  # narrow bars, alone in their row: the paint's shortest path
        make_booking("Zhang Wei", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 18:00",
                     status="hold" if day % 3 else "confirmed")
    view.set_zoom("quarter")
    view.reload()
    settle(qtbot, view)
    narrow = [i for i in view.visible_bars() if i.bar.resource_id == lot["zw"].id]
    assert len(narrow) == 27 and all(i.w < 10 for i in narrow)
    fast, slow = both()
    assert fast == slow


def test_a_scroll_step_paints_only_what_it_uncovers_and_looks_like_a_full_paint(qtbot, view, make_booking):
    """A scroll moves the painted pixels and paints the uncovered strip, plus the bars whose
    look depends on the edges (labels kept in view, conflict markers); a hold cut by an edge
    keeps its dashes, laid from the content's origin.
    What is on screen (the window's backing store) must equal a full paint after every step."""
    make_booking("Stage 2", "The Red Silk", "2026-12-01 08:00", "2026-12-20 18:00")  # long: its label follows
    make_booking("Stage 10", "长城之夜", "2026-12-03 06:00", "2026-12-18 22:00", status="hold")
    make_booking("Stage 10", "The Red Silk", "2026-12-09 06:00", "2026-12-10 22:00")  # a conflict: a marker
    make_booking("Carpentry", "The Red Silk", "2026-12-05 08:00", "2026-12-16 18:00", status="hold")
    make_booking("Carpentry", "长城之夜", "2026-12-08 12:00", "2026-12-09 12:00", status="hold")
    make_booking("1号摄影棚", "长城之夜", "2026-12-08 08:00", "2026-12-09 18:00", status="hold")  # hatched
    for day in range(1, 28):
        make_booking("Zhang Wei", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 18:00",
                     status="hold" if day % 3 else "confirmed")
    view.resize(1300, 200)  # fewer rows than the lot has: the view scrolls down too
    view.reload()
    settle(qtbot, view)
    vp = view.viewport()
    log = view.record_paints()

    def painted() -> list[int]:
        return [a.width() * a.height() for a, _gc, _gate in log.areas]

    def screen():
        return on_screen(qtbot, view, axis=True)

    hbar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
    assert vbar.maximum() > 0
    steps = [(37, 0), (-5, 0), (-120, 0), (3, 0), (0, 45), (0, -13), (250, 0), (-1, 0), (0, 7), (-400, 0)]
    for dx, dy in steps:
        screen()
        log.clear()
        hbar.setValue(hbar.value() + dx)
        vbar.setValue(vbar.value() + dy)
        stepped = screen()
        share = sum(painted()) / (vp.width() * vp.height())
        # the uncovered strip, and here always a row or two with a long bar across an edge
        assert share < (0.6 if abs(dx + dy) < 50 else 0.8), f"a scroll of {dx, dy} painted {share:.0%}"
        vp.update()
        view.time_axis().update()
        assert stepped == screen(), f"after a scroll of {dx, dy} the screen differs from a full paint"
    # quarter zoom, 14-hour shifts: 7 px bars (a border and a fill) cut by the right edge while
    # a step or two of a few pixels takes each across it
    for day in range(1, 28):
        make_booking("Анна Соколова", "长城之夜", f"2026-12-{day:02d} 06:00", f"2026-12-{day:02d} 20:00")
    view.reload()
    view.set_zoom("quarter")
    view.go_to(t("2026-12-10 00:00"))
    vbar.setValue(vbar.maximum())
    for dx in [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, -5, -7]:
        screen()
        hbar.setValue(hbar.value() + dx)
        stepped = screen()
        vp.update()
        view.time_axis().update()
        assert stepped == screen(), f"after a scroll of {dx} at quarter zoom the screen differs"
    # a bordered bar whose start comes to x -0.5: its border is off-screen, as it was at 40.5 - 41
    half = make_booking("Анна Соколова", "长城之夜", "2026-12-28 09:00", "2026-12-28 23:00")
    view.reload()
    settle(qtbot, view)
    hbar.setValue(hbar.value() + int(view.x_of(t("2026-12-28 09:00"))) - 40)  # the bar at 40.5
    screen()
    hbar.setValue(hbar.value() + 41)
    assert view.x_of(half.start) == -0.5
    stepped = screen()
    vp.update()
    view.time_axis().update()
    assert stepped == screen(), "a bar across the left edge at x -0.5 differs from a full paint"
    # and a walk of random steps at each zoom
    walk = random.Random(3)
    for zoom in ("month", "quarter", "week", "day"):
        view.set_zoom(zoom)
        for _ in range(12):
            screen()
            dx = walk.randint(-60, 60)
            hbar.setValue(hbar.value() + dx)
            stepped = screen()
            vp.update()
            view.time_axis().update()
            assert stepped == screen(), f"after a scroll of {dx} at {zoom} zoom the screen differs"


def test_a_costly_frame_is_painted_in_bands_one_per_turn_of_the_event_loop(qtbot, view, make_booking,
                                                                           monkeypatch):
    """A whole repaint predicted to cost more than BAND_S (a zoom over the dense crew rows, or
    any view in a slow minute of the machine) is painted a band of rows per turn of the event
    loop, top first, so input is handled between bands; the worker waits for the last band,
    and the finished frame looks like one whole paint. After a zoom the first paint clears the
    whole viewport (the old picture is at the wrong scale) and draws the first band's bars."""
    from PySide6.QtCore import QTimer

    from studio_booker.ui.timeline import bands as banding

    # every booking lies in the window the week view has read, so the month view's own read,
    # landing whenever it does, changes nothing in view and paints nothing
    make_booking("Stage 2", "The Red Silk", "2026-12-01 08:00", "2026-12-20 18:00")
    make_booking("Carpentry", "长城之夜", "2026-12-05 08:00", "2026-12-16 18:00", status="hold")
    for day in range(2, 18):
        make_booking("Zhang Wei", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 18:00")
    view.reload()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: quiet(view))
    vp = view.viewport()
    turns = [0]  # a timer that fires once a turn of the event loop: input's stand-in
    probe = QTimer(view, interval=0)
    probe.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))
    probe.start()
    log = view.record_paints()
    log.mark = lambda: turns[0]
    monkeypatch.setattr(banding, "BAND_S", 1e-9)  # every whole repaint predicted costly: MAX_BANDS bands

    def painted() -> list[tuple[int, int, int, int, list[tuple[int, int]]]]:
        """(top, bottom, width, turn, rows whose bars it drew) of each paint of the viewport, once
        the frame is done."""
        qtbot.waitUntil(lambda: bool(log.events) and not view.is_painting())
        out = [(r.top(), r.bottom(), r.width(), turn, rows)
               for r, turn, rows in zip(log.events, log.marks, log.rows_by_event, strict=True)]
        log.clear()
        return out

    def check_bands(bands: list[tuple[int, int, int, int, list[tuple[int, int]]]]) -> None:
        assert all(width == vp.width() for _top, _bottom, width, _turn, _rows in bands)
        assert bands[-1][1] >= vp.height() - 1  # down to the bottom
        assert all(b[0] == a[1] + 1 for a, b in zip(bands, bands[1:], strict=False))  # no gap, no overlap
        assert all((bottom + 1 - top) % ROW_H == 0 for top, bottom, _w, _t, _r in bands[:-1])  # whole rows
        # each in a turn of its own: the event loop ran timers (and input) between any two
        assert all(b[3] > a[3] for a, b in zip(bands, bands[1:], strict=False))

    view.set_zoom("month")
    (first, *bands) = painted()
    assert first[:2] == (0, vp.height() - 1)  # the old scale's picture cleared at once
    top_band_rows = max(last for _first, last in first[4])
    assert 0 < top_band_rows < view.visible_row_span()[1]  # with the top band's bars only
    assert 1 < len(bands) < banding.MAX_BANDS  # the others, a turn each
    assert bands[0][0] == top_band_rows * ROW_H - view.verticalScrollBar().value()
    assert bands[0][3] > first[3]  # not in the first paint's turn either
    check_bands(bands)
    qtbot.waitUntil(view.gate.is_open, timeout=2000)  # the worker waited for the last band
    banded = on_screen(qtbot, view)
    monkeypatch.setattr(banding, "BAND_S", 10.0)  # now one whole paint
    vp.update()
    assert on_screen(qtbot, view) == banded

    monkeypatch.setattr(banding, "BAND_S", 1e-9)  # a new window of bars: the old picture stays meanwhile
    log.clear()
    view.bands.update_bars(moved=False)
    bands = painted()
    assert 2 < len(bands) <= banding.MAX_BANDS and bands[0][0] == 0
    check_bands(bands)

    view.resize(view.width() + 40, view.height() + ROW_H)  # a window being resized keeps its bars
    qtbot.waitUntil(lambda: bool(log.bar_rows))
    assert max(last for _first, last in log.bar_rows) == view.visible_row_span()[1]
    painted()

    monkeypatch.setattr(banding, "BAND_S", 10.0)
    view.set_zoom("week")  # and the plain path: cheap frames are one paint
    qtbot.waitUntil(lambda: bool(log.events))
    assert not view.is_painting()  # no band to come
    assert (log.events[0].top(), log.events[0].bottom()) == (0, vp.height() - 1)
    probe.stop()


def test_a_window_read_repaints_the_view_only_if_it_changes_what_is_in_view(qtbot, view, lot, make_booking):
    """Each scroll or zoom reads a new window in the background; most show just what the view
    shows already, and repainting a dense view for nothing costs a frame."""
    make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    view.reload()
    settle(qtbot, view)
    log = view.record_paints()

    def land(window) -> list[int]:
        qtbot.waitUntil(lambda: quiet(view))
        log.clear()
        view.loader.deliver(window)  # as a read of the worker lands
        qtbot.waitUntil(lambda: quiet(view))
        return [a.width() for a, _gc, _gate in log.areas]

    lo, hi = view.fetched_range()
    assert land(view.source.fetch(lo - 86400, hi + 86400)) == []  # the same bars in view: nothing to paint
    # written behind the view's back (another coordinator): the next window read shows it
    make_booking("Stage 2", "长城之夜", "2026-12-08 12:00", "2026-12-09 12:00", status="hold")
    assert land(view.source.fetch(lo, hi)) != []
    assert {i.bar.production for i in view.visible_bars(wait=False)} >= {"The Red Silk", "长城之夜"}


def test_a_scroll_holds_the_worker_back_until_its_frame_is_painted(qtbot, view):
    """The worker's reads wait while the GUI thread handles a scroll and paints its frame (the
    two threads would take turns with the GIL); a view that is not painted lets it go soon."""
    qtbot.waitUntil(lambda: quiet(view))
    log = view.record_paints()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
    assert not view.gate.is_open()  # held from the scroll on, not just during the paint
    qtbot.waitUntil(view.gate.is_open, timeout=2000)
    painted = [gate_open for _area, _gc, gate_open in log.areas]
    assert painted and not any(painted)  # the frame was painted, with the worker held all along
    view.hide()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
    assert not view.gate.is_open()
    qtbot.waitUntil(view.gate.is_open, timeout=2000)  # no frame comes: released all the same


def test_a_worker_job_starts_only_once_the_view_is_not_painting(monkeypatch):
    """A read started right after a paint must not compete with the next band or frame for the
    GIL from its first line: it waits for the gate before any work, as between its chunks."""
    import threading

    from studio_booker.ui.timeline import jobs

    monkeypatch.setattr(jobs, "PAINT_WAIT_S", 10.0)
    gate, started = threading.Event(), threading.Event()

    class Job(jobs.GatedJob):
        def work(self) -> None:
            started.set()

    thread = threading.Thread(target=Job(gate).run)
    thread.start()
    assert not started.wait(0.2)  # the view is painting: not started
    gate.set()
    thread.join(5)
    assert started.is_set()


@pytest.mark.skipif(not perf.GENERATIONAL_GC, reason="what gc.collect(1) leaves: 3.11's collector only")
def test_a_window_read_collects_the_older_generation_before_the_view_hears_of_it(engine, lot, make_booking):
    """The read's young collections move its lists into the middle generation; the worker
    collects that itself, so the view's next automatic collection (after a paint) does not."""
    import gc
    import threading

    from studio_booker.ui.timeline.jobs import FetchJob, FetchSignals

    for day in range(1, 28):
        make_booking("Stage 2", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 20:00")
    gate = threading.Event()
    gate.set()
    seen: list[int] = []
    signals = FetchSignals()
    signals.done.connect(lambda _gen, _value: seen.append(gc.get_count()[1]))  # as the view is told
    job = FetchJob(TimelineSource(engine), 1, t("2026-11-20 00:00"), t("2027-01-10 00:00"), None,
                   signals, gate)
    for _ in range(5):
        gc.collect(0)  # a middle generation waiting to be scanned
    job.run()
    assert job.outcome.result is not None and len(job.outcome.result.window.by_resource[lot["s2"].id]) == 27
    assert seen == [0]  # just collected: nothing left there for the view's next collection


@pytest.mark.skipif(not perf.GENERATIONAL_GC, reason="the collector hold was measured on Python 3.11 only")
def test_the_collector_stays_off_until_the_last_holder_lets_go():
    """A paint (GUI thread) and a window read (worker) turn automatic collection off and on
    independently; neither may turn it on under the other."""
    import gc
    import threading

    _collector_paused = perf.collector_paused
    assert gc.isenabled()
    entered, leave = threading.Event(), threading.Event()

    def worker() -> None:
        with _collector_paused:
            entered.set()
            leave.wait(5)

    t = threading.Thread(target=worker)
    t.start()
    entered.wait(5)
    with _collector_paused:
        assert not gc.isenabled()
        leave.set()
        t.join(5)
        assert not gc.isenabled()  # the worker let go first: still off for this paint
    assert gc.isenabled()


@pytest.mark.skipif(not perf.GENERATIONAL_GC, reason="the collector hold was measured on Python 3.11 only")
def test_a_paint_runs_without_the_collector_and_turns_it_on_again(view):
    import gc

    log = view.record_paints()
    view.viewport().repaint()
    seen = [collector_on for _area, collector_on, _gate in log.areas]
    assert seen and not any(seen)
    assert gc.isenabled()


def test_elsewhere_than_the_python_it_was_measured_on_the_collector_is_left_alone(qtbot, view, monkeypatch):
    """A Python whose collector was not measured (3.14's is incremental): Python's defaults, the
    collector left on while the view paints."""
    import gc

    monkeypatch.setattr(perf, "collector_paused", perf.CollectorPause(active=False))
    settle(qtbot, view)
    assert view.loader.wait_idle()  # no read of the worker holds the collector meanwhile
    log = view.record_paints()
    view.viewport().repaint()
    assert log.areas and all(collector_on for _area, collector_on, _gate in log.areas)
    with perf.collector_paused, perf.collector_paused:
        assert gc.isenabled()
    assert gc.isenabled()


def test_every_resource_name_is_laid_out_ahead_of_being_scrolled_to(qtbot, engine, make_crew):
    """Laying out a name in Chinese or Cyrillic is slow (font fallback): a page of them scrolled
    into view would cost a frame. They are laid out between events after the first frame."""
    for i in range(60):
        make_crew(f"{'张伟' if i % 2 else 'Анна'} {i}", department="Lighting")
    v = TimelineView(TimelineSource(engine))
    qtbot.addWidget(v)
    v.resize(900, 300)
    v.show()
    qtbot.waitExposed(v)
    names = v.name_column()
    labels = {names.label_of(r.resource) for r in v.rows() if r.resource is not None}
    qtbot.waitUntil(lambda: labels <= v.text_layouts().texts(NAME))
    assert len(labels) == 60 and v.row_y(len(v.rows()) - 1) > v.viewport().height()  # most never shown


def test_a_bar_too_narrow_for_a_border_is_painted_in_its_colour(qtbot, view, lot, make_booking):
    """At quarter zoom a 10-hour shift is 5 px: one fill in the production's colour."""
    make_booking("Zhang Wei", "The Red Silk", "2026-12-09 08:00", "2026-12-09 18:00")
    view.set_zoom("quarter")
    view.go_to(t("2026-12-01 00:00"))
    view.reload()
    settle(qtbot, view)
    (item,) = [i for i in view.visible_bars() if i.bar.resource_id == lot["zw"].id]
    assert item.w <= 5
    img = view.viewport().grab().toImage()
    assert img.pixelColor(int(item.x) + 2, int(item.y + item.h / 2)).name() == "#c0392b"


def test_paint_rectangles_are_reused_only_from_one_paint_to_the_next():
    from studio_booker.ui.timeline.batch import Rects

    rects = Rects()
    a, b = rects.make(1, 2, 3, 4), rects.make(5, 6, 7, 8)
    assert a is not b and a.getRect() == (1, 2, 3, 4) and b.getRect() == (5, 6, 7, 8)
    rects.reset()
    c = rects.make(9, 9, 9, 9)
    assert c is a and c.getRect() == (9, 9, 9, 9) and b.getRect() == (5, 6, 7, 8)


# ---- a slow database never holds the window -----------------------------------------------

def test_a_slow_database_never_holds_the_window(qtbot, view, lot, make_booking):
    """Every statement the database runs is made to take 300 ms (a shared database across a
    network). While a tooltip is asked for, a drop is tested, a reload is read and a click
    follows it, the GUI thread never waits for one: a 10 ms timer keeps ticking, and no gap
    between two ticks is as long as a single statement."""
    import time

    from PySide6.QtCore import QTimer
    from sqlalchemy import event

    b = make_booking("1号摄影棚", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00", ref="R-9")
    make_booking("Stage 2", "长城之夜", "2026-12-08 06:00", "2026-12-08 22:00")
    view.reload()
    settle(qtbot, view)
    engine = view.source.engine
    s1, s2 = lot["s1"].id, lot["s2"].id
    statements: list[float] = []

    def slow(*_args: object) -> None:
        statements.append(time.monotonic())
        time.sleep(0.3)

    ticks: list[float] = []
    timer = QTimer(view, interval=10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    event.listen(engine, "before_cursor_execute", slow)
    timer.start()
    try:
        qtbot.waitUntil(lambda: len(ticks) >= 3)  # ticking before anything is asked for
        vp = view.viewport()
        pos = point(view, s1, "2026-12-08 12:00")
        QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos)))
        assert QToolTip.text() == "checking…"
        drag(qtbot, view, pos, point(view, s2, "2026-12-08 12:30"), point(view, s2, "2026-12-08 12:00"),
             release=False)
        assert view.drag_ghost()["ok"] is None  # not known yet: grey, and the window goes on
        qtbot.waitUntil(lambda: "R-9" in QToolTip.text(), timeout=30000)
        qtbot.waitUntil(lambda: view.drag_ghost()["ok"] is False, timeout=30000)
        assert "Stage 2" in view.drag_ghost()["reason"]
        qtbot.keyClick(view, Qt.Key.Key_Escape)
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=point(view, s2, "2026-12-08 12:00"))
        view.select_bookings([])
        view.reload()  # read on the worker, the settings too
        assert view.is_fetching()
        with qtbot.waitSignal(view.selectionChanged, timeout=30000) as sig:  # a click waits for it
            qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=pos)
        assert sig.args == [[b.id]]
        settle(qtbot, view)
        assert view.bar_at(QPointF(pos)) is not None  # from what is shown
        ticked = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) > ticked)  # and ticking after the last of it
    finally:
        timer.stop()
        event.remove(engine, "before_cursor_execute", slow)
    assert len(statements) >= 4  # the tooltip, the drop check and the reload all read
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 50 and max(gaps) < 0.25, f"the GUI thread was held {max(gaps):.3f} s"


# ---- what the marks mean, and marks that show on any colour -------------------------------

def test_three_bookings_at_once_are_stacked_as_cards_each_tall_enough_for_its_label(qtbot, view, lot,
                                                                                   make_booking):
    """Lanes of a quarter of the row were 5 px high (3 px of colour between the borders): three
    or more overlapping bars are stacked like cards instead, the latest lane on top."""
    from studio_booker.ui.timeline.rows import CARD_H

    a = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-10 12:00", status="hold")
    b = make_booking("Stage 2", "长城之夜", "2026-12-09 00:00", "2026-12-11 12:00", status="hold")
    c = make_booking("Stage 2", "The Red Silk", "2026-12-09 12:00", "2026-12-12 12:00", status="hold")
    pair = [make_booking("Carpentry", p, "2026-12-08 08:00", "2026-12-09 18:00")
            for p in ("The Red Silk", "长城之夜")]
    view.reload()
    settle(qtbot, view)
    cards = [item_of(view, x.id) for x in (a, b, c)]
    assert [i.layer for i in cards] == [0, 1, 2]
    assert all(i.h == CARD_H for i in cards) and cards[0].y < cards[1].y < cards[2].y
    assert all(i.label for i in cards)
    two = [item_of(view, x.id) for x in pair]  # two at once: two lanes side by side, as before
    assert [i.layer for i in two] == [0, 0] and two[0].y + two[0].h < two[1].y and two[0].h >= 12
    # where all three overlap, the top card is hit; in the strip the others leave, the one under it
    x = view.x_of(t("2026-12-10 06:00"))
    assert view.bar_at(QPointF(x, cards[2].y + CARD_H - 2))[0].bar.id == c.id
    assert view.bar_at(QPointF(x, cards[0].y + 1))[0].bar.id == a.id
    img = view.viewport().grab().toImage()
    fast = view.viewport().grab().toImage()
    view.painter.fast = False
    try:
        assert view.viewport().grab().toImage() == fast == img  # the same picture either way
    finally:
        view.painter.fast = True


def test_a_conflict_shows_on_a_red_production_too(qtbot, view, lot, make_booking):
    """The red frame and badge disappeared on The Red Silk's own red (#c0392b): the frame has a
    white ring inside it and the badge a white edge, so one of the two shows on any colour."""
    shoot = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    make_booking("Stage 2", None, "2026-12-08 12:00", "2026-12-09 12:00", activity="maintenance")
    view.reload()
    settle(qtbot, view)
    item = item_of(view, shoot.id)
    assert item.conflict == "error"
    img = view.viewport().grab().toImage()
    left, mid = int(item.x), int(item.y + item.h / 2)
    assert img.pixelColor(left, mid).name() == "#d50000"  # the red frame
    assert img.pixelColor(left + 2, mid).lightness() > 240  # a white ring inside it
    assert img.pixelColor(left + 3, mid).name() == "#c0392b"  # then the production's red
    right, top = int(item.rect.right()), int(item.y)
    assert img.pixelColor(right - 2, top + 2).name() == "#d50000"  # the badge
    edge = [img.pixelColor(x, top).lightness() for x in range(right - 12, right - 9)]
    assert max(edge) > 240  # edged in white


def test_the_legend_says_what_each_look_and_mark_means(qtbot, view):
    legend = view.show_legend()  # the corner's Legend button does this
    qtbot.waitUntil(legend.isVisible)
    keys = [e.key for e in legend.entries()]
    for key in ("confirmed", "hold", "ranked", "maintenance", "error", "warning", "cancelled", "selected",
                "stacked", "now"):
        assert key in keys
    img = legend.grab().toImage()
    error = legend.sample_rect("error")
    assert img.pixelColor(error.left() + 4, error.center().y()).name() == "#c0392b"  # on a red bar...
    assert img.pixelColor(error.left() + 2, error.center().y()).lightness() > 240  # ...the white ring
    assert img.pixelColor(error.right() - 1, error.top() + 2).name() == "#d50000"  # and the badge
    hold, confirmed = legend.sample_rect("hold"), legend.sample_rect("confirmed")
    assert img.pixelColor(hold.center()).lightness() > img.pixelColor(confirmed.center()).lightness()
    legend.close()
    qtbot.mouseClick(view.corner().legend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(legend.isVisible)
    legend.close()
    assert view.legend().entries() == legend.entries()  # a widget of its own, for a menu or a dock


def test_cancelled_bookings_can_be_shown_from_an_action(qtbot, view, lot, make_booking):
    b = make_booking("Stage 2", "The Red Silk", "2026-12-08 08:00", "2026-12-08 18:00")
    bookings.set_status(view.source.engine, b.id, "cancelled", "tester")
    view.reload()
    settle(qtbot, view)
    action = view.show_cancelled_action()
    assert action.isCheckable() and not action.isChecked()
    with qtbot.waitSignal(view.showCancelledChanged) as sig:
        action.trigger()
    assert sig.args == [True] and view.show_cancelled()
    item = item_of(view, b.id)
    assert item.cancelled and item.label.endswith("· cancelled")
    img = view.viewport().grab().toImage()
    faded = img.pixelColor(int(item.x) + 3, int(item.y + item.h) - 3)
    assert faded.lightness() > QColor("#c0392b").lightness() + 40  # faded, not the full red
    view.set_show_cancelled(False)
    assert not action.isChecked() and b.id not in [i.bar.id for i in view.visible_bars()]


def test_stacked_cards_and_white_rings_scroll_like_a_full_paint(qtbot, view, make_booking):
    """The new marks cut by a viewport edge: a scroll step must still look like a full paint."""
    for k, production in enumerate(("The Red Silk", "长城之夜", "The Red Silk", "长城之夜")):
        make_booking("Stage 2", production, f"2026-12-{6 + k:02d} 08:00", f"2026-12-{12 + k:02d} 18:00",
                     status="hold")
    make_booking("Stage 10", "The Red Silk", "2026-12-05 08:00", "2026-12-15 18:00")
    make_booking("Stage 10", None, "2026-12-09 12:00", "2026-12-10 12:00", activity="maintenance")
    view.reload()
    settle(qtbot, view)
    hbar, vp = view.horizontalScrollBar(), view.viewport()
    walk = random.Random(11)
    for zoom in ("week", "month", "day"):
        view.set_zoom(zoom)
        view.go_to(t("2026-12-09 00:00"))
        for _ in range(10):
            on_screen(qtbot, view, axis=True)
            dx = walk.randint(-90, 90)
            hbar.setValue(hbar.value() + dx)
            stepped = on_screen(qtbot, view, axis=True)
            vp.update()
            view.time_axis().update()
            assert stepped == on_screen(qtbot, view, axis=True), f"a scroll of {dx} at {zoom} zoom differs"
