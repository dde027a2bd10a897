"""The window as a coordinator tripped over it: Ctrl+B's defaults, the bookings list (search of
all dates, counts, selection, context menu, Confirm from the list) and the undo stack."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from studio_booker.domain.timeutil import now_instant, to_local
from studio_booker.services import bookings
from studio_booker.ui.editor_fields import next_hour
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers
from tests.conftest import t


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def lot(make_stage, make_production, make_booking):
    s7, s9 = make_stage("Stage 7"), make_stage("Stage 9")
    make_production("The Red Silk")
    make_production("长城之夜")
    january = make_booking("Stage 9", "长城之夜", "2027-01-12 08:00", "2027-01-14 18:00", ref="ТА-01B",
                           notes="night exteriors")
    december = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00",
                            status="hold")
    return dict(s7=s7, s9=s9, january=january, december=december)


@pytest.fixture
def window(qtbot, engine, db_path, lot):
    w = MainWindow(engine, str(db_path), Preferences(), user="tester")
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    w.set_zoom("week")
    w.timeline.go_to(t("2026-12-01 00:00"))
    qtbot.waitUntil(lambda: not w.conflicts.is_refreshing())
    yield w
    wait_for_workers()


def bookings_list(qtbot, w: MainWindow):
    w.lists_dock.show()
    w.lists_dock.raise_()
    w.management.setCurrentWidget(w.management.bookings)
    page = w.management.bookings
    qtbot.waitUntil(lambda: page.isVisible() and not page.is_loading())
    return page


def test_ctrl_b_after_a_selected_booking_takes_its_row_production_and_length(qtbot, window, lot):
    window.timeline.select_bookings([lot["december"].id])
    editor = window.new_booking()
    assert editor is not None
    qtbot.addWidget(editor)
    assert editor.resource().name == "Stage 7"
    assert editor.production_combo.currentText() == "The Red Silk"
    assert (editor.start_edit.instant(), editor.end_edit.instant()) == (
        t("2026-12-02 18:00"), t("2026-12-03 04:00"))


@pytest.mark.parametrize("machine_zone", ["UTC", "Europe/Moscow"])
def test_ctrl_b_on_today_starts_at_the_next_full_hour_of_lot_time(qtbot, window, monkeypatch, machine_zone):
    monkeypatch.setenv("TZ", machine_zone)
    time.tzset()
    try:
        window.timeline.go_to_today()
        window.timeline.select_bookings([])
        before = now_instant()
        editor = window.new_booking()
        after = now_instant()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert editor is not None
    qtbot.addWidget(editor)
    start = editor.start_edit.instant()
    assert start in {next_hour(window.tz, before), next_hour(window.tz, after)}
    assert to_local(start, window.tz).hour == (to_local(after, window.tz).hour + 1) % 24
    assert editor.resource() is not None


def test_ctrl_b_on_another_week_starts_at_eight_in_the_morning_lot_time(qtbot, window):
    window.timeline.go_to(t("2027-03-01 00:00"))
    editor = window.new_booking()
    assert editor is not None
    qtbot.addWidget(editor)
    local = to_local(editor.start_edit.instant(), window.tz)
    assert (local.hour, local.minute) == (8, 0)


def test_the_search_finds_a_booking_of_any_date_and_the_count_follows(qtbot, window, lot):
    page = bookings_list(qtbot, window)
    assert page.proxy.rowCount() == 1  # the week shown: the December hold only
    page.filter_edit.setText("ТА-01")
    qtbot.waitUntil(lambda: page.search == "ТА-01" and not page.is_loading())
    assert [page.proxy.row_object(r).id for r in range(page.proxy.rowCount())] == [lot["january"].id]
    assert page.note.text().startswith("1 booking(s) of all dates match “ТА-01”")
    page.filter_edit.setText("nothing like it")
    qtbot.waitUntil(lambda: page.search == "nothing like it" and not page.is_loading())
    assert page.proxy.rowCount() == 0
    assert page.note.text().startswith("0 booking(s) of all dates match")
    page.filter_edit.setText("")
    qtbot.waitUntil(lambda: page.search == "" and not page.is_loading())
    assert page.proxy.rowCount() == 1 and page.note.text().startswith("1 booking(s) from ")


def test_the_count_says_how_many_are_shown_while_the_search_is_typed(qtbot, window, lot):
    page = bookings_list(qtbot, window)
    page.filter_edit.setText("zzz")  # before the search of all dates starts, the period's rows filter
    assert page.proxy.rowCount() == 0
    assert page.note.text().startswith("0 of 1 booking(s) from ")


def test_selecting_a_row_shows_the_booking_on_the_timeline(qtbot, window, lot):
    page = bookings_list(qtbot, window)
    page.filter_edit.setText("night exteriors")
    qtbot.waitUntil(lambda: page.search == "night exteriors" and not page.is_loading())
    page.table.selectRow(0)
    assert window.timeline.selected_bookings() == [lot["january"].id]
    start, end = window.timeline.visible_range()
    assert start < t("2027-01-14 18:00") and t("2027-01-12 08:00") < end


def test_the_list_has_the_bookings_context_menu(qtbot, window, lot):
    page = bookings_list(qtbot, window)
    rect = page.table.visualRect(page.proxy.index(0, 0))
    with qtbot.waitSignal(page.contextMenuRequested) as asked:
        page.table.customContextMenuRequested.emit(rect.center())  # a right-click on the first row
    assert asked.args[0] == lot["december"].id
    qtbot.waitUntil(lambda: any(m.isVisible() for m in window.findChildren(QMenu)))
    menu = next(m for m in window.findChildren(QMenu) if m.isVisible())
    texts = [a.text() for a in menu.actions()]
    assert "Confirm" in texts and "Cancel booking" in texts
    menu.close()


def test_confirm_acts_on_the_lists_selection_when_the_list_has_the_focus(qtbot, window, lot, engine):
    page = bookings_list(qtbot, window)
    page.table.selectRow(0)  # the December hold (selecting it also selects it on the timeline)
    window.timeline.select_bookings([lot["january"].id])  # the timeline holds another selection
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    window.confirm_action.trigger()
    assert bookings.get_booking(engine, lot["december"].id).status == "confirmed"
    assert window.undo_stack.count() == 1


def test_confirming_an_already_confirmed_booking_puts_nothing_on_the_undo_stack(qtbot, window, lot):
    window.timeline.select_bookings([lot["january"].id])  # confirmed already
    window.confirm_action.trigger()
    assert window.undo_stack.count() == 0
    assert "already confirmed" in window.statusBar().currentMessage()


def test_the_id_column_is_wide_enough_for_every_id(qtbot, window, make_booking):
    for day in range(3, 8):
        make_booking("Stage 9", "The Red Silk", f"2026-12-0{day} 08:00", f"2026-12-0{day} 18:00",
                     status="hold")
    page = bookings_list(qtbot, window)
    page.reload()
    qtbot.waitUntil(lambda: not page.is_loading())
    widest = max(page.table.fontMetrics().horizontalAdvance(page.proxy.index(r, 0).data())
                 for r in range(page.proxy.rowCount()))
    assert page.table.columnWidth(0) > widest + 6
