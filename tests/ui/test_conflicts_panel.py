"""The conflicts dock: listing the report, sorting, filtering, counts, jumping to an item, refreshing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from studio_booker.ui.conflicts_panel import ConflictsPanel
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.table_models import ConflictTableModel
from studio_booker.ui.workers import wait_for_workers
from tests.conftest import t


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def conflicted(make_stage, make_workshop, make_crew, make_production, make_booking):
    make_stage("Stage 7")
    make_stage("1号摄影棚")
    make_workshop("Carpentry", capacity=1)
    make_crew("Zhang Wei")
    make_production("The Red Silk")
    make_production("长城之夜")
    # March 2027, far from "today", so jumping to an item has to scroll
    ids = dict(
        cap1=make_booking("Carpentry", "The Red Silk", "2027-03-10 08:00", "2027-03-10 18:00"),
        hold=make_booking("Stage 7", "长城之夜", "2027-03-11 08:00", "2027-03-11 18:00", status="hold"),
        conf=make_booking("Stage 7", "The Red Silk", "2027-03-11 12:00", "2027-03-11 14:00"),
        a=make_booking("Zhang Wei", "The Red Silk", "2027-03-12 08:00", "2027-03-12 20:00"),
        b=make_booking("Zhang Wei", "长城之夜", "2027-03-13 02:00", "2027-03-13 10:00"),
        m=make_booking("1号摄影棚", "长城之夜", "2027-03-14 08:00", "2027-03-14 18:00"),
        mm=make_booking("1号摄影棚", None, "2027-03-14 12:00", "2027-03-14 13:00", activity="maintenance"),
    )
    return ids


@pytest.fixture
def panel(qtbot, engine, tz, conflicted):
    p = ConflictsPanel(engine, tz)
    qtbot.addWidget(p)
    p.resize(900, 300)
    p.show()
    with qtbot.waitSignal(p.refreshed):
        p.refresh()
    return p


def column(p: ConflictsPanel, col: int) -> list[str]:
    return [p.proxy.index(r, col).data() for r in range(p.proxy.rowCount())]


def test_the_panel_lists_every_item_with_counts(panel):
    assert column(panel, ConflictTableModel.RULE) == ["maintenance", "blocked hold", "turnaround"]
    assert panel.counts_text() == "1 error, 2 warnings, 0 info"
    assert panel.summary.text() == "3 items: 1 error, 2 warnings, 0 info"
    assert column(panel, ConflictTableModel.START)[0] == "2027-03-14 12:00"  # lot time


def test_sorting_by_severity_rule_resource_and_time(panel):
    panel.table.sortByColumn(ConflictTableModel.RESOURCE, Qt.SortOrder.AscendingOrder)
    assert column(panel, ConflictTableModel.RESOURCE) == ["1号摄影棚", "Stage 7", "Zhang Wei"]
    panel.table.sortByColumn(ConflictTableModel.START, Qt.SortOrder.DescendingOrder)
    assert column(panel, ConflictTableModel.RULE) == ["maintenance", "turnaround", "blocked hold"]
    panel.table.sortByColumn(ConflictTableModel.RULE, Qt.SortOrder.AscendingOrder)
    assert column(panel, ConflictTableModel.RULE) == ["blocked hold", "maintenance", "turnaround"]
    panel.table.sortByColumn(ConflictTableModel.SEVERITY, Qt.SortOrder.AscendingOrder)
    assert column(panel, ConflictTableModel.SEVERITY) == ["error", "warning", "warning"]


def test_the_filter_box_searches_any_script(qtbot, panel):
    qtbot.keyClicks(panel.filter_edit, "ZHANG")  # typed: the filter follows every key
    assert column(panel, ConflictTableModel.RULE) == ["turnaround"]
    panel.filter_edit.setText("摄影棚")  # QTest cannot type CJK; an input method sets the text like this
    assert column(panel, ConflictTableModel.RESOURCE) == ["1号摄影棚"]
    panel.filter_edit.clear()
    assert panel.proxy.rowCount() == 3


@pytest.fixture
def window(qtbot, engine, db_path, conflicted):
    w = MainWindow(engine, str(db_path), Preferences(), user="tester")
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: not w.conflicts.is_refreshing())
    yield w
    wait_for_workers()


def test_counts_per_severity_are_in_the_status_bar(window):
    assert window.conflict_counts.text() == "1 error, 2 warnings, 0 info"


def test_selecting_an_item_jumps_to_it_and_selects_its_bookings(qtbot, window, conflicted):
    t0, t1 = window.timeline.visible_range()
    assert not t0 <= t("2027-03-14 12:00") < t1  # today is far away
    panel = window.conflicts
    with qtbot.waitSignal(window.timeline.selectionChanged) as sel:
        panel.select_row(0)  # the maintenance item on 1号摄影棚
    assert sel.args[0] == [conflicted["mm"].id, conflicted["m"].id]
    assert window.timeline.selected_bookings() == [conflicted["mm"].id, conflicted["m"].id]
    t0, t1 = window.timeline.visible_range()
    assert t0 <= t("2027-03-14 12:00") and t("2027-03-14 13:00") <= t1
    row = window.timeline.row_of_resource(conflicted["m"].resource_id)
    first, last = window.timeline.visible_row_span()
    assert first <= row < last
    wanted = {conflicted["m"].id, conflicted["mm"].id}  # painted once the new window is fetched
    qtbot.waitUntil(lambda: wanted <= {i.bar.id for i in window.timeline.visible_bars()})


def test_the_panel_refreshes_after_a_change(qtbot, window, conflicted):
    assert window.set_status(conflicted["mm"].id, "cancelled")
    qtbot.waitUntil(lambda: window.conflict_counts.text() == "0 errors, 2 warnings, 0 info")
    assert "maintenance" not in column(window.conflicts, ConflictTableModel.RULE)
    with qtbot.waitSignal(window.conflicts.refreshed):
        window.undo_action.trigger()
    assert window.conflict_counts.text() == "1 error, 2 warnings, 0 info"


def test_a_report_that_arrives_after_the_panel_is_gone_is_dropped(qtbot, engine, tz, conflicted):
    import shiboken6

    p = ConflictsPanel(engine, tz)
    worker = p.refresh()
    shiboken6.delete(p)  # the window closed while the report was being computed
    qtbot.waitUntil(lambda: not worker.running)  # delivered without touching the deleted model
    assert not shiboken6.isValid(p)
