"""The window's export and print dialogs start from what the coordinator is looking at: the
selected booking's production, the timeline's period and kinds; the toolbar and status bar stay
put whatever they say."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from studio_booker.ui import print_actions
from studio_booker.ui.export_dialogs import CalendarDialog, SheetDialog
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers
from tests.conftest import t


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot, engine, db_path, make_stage, make_crew, make_production, make_booking):
    make_stage("Stage 7")
    make_crew("Zhang Wei")
    for name in ("Dragon Gate", "The Red Silk", "Тайга", "长城之夜"):
        make_production(name)
    booking = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00")
    w = MainWindow(engine, str(db_path), Preferences(), user="tester")
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    w.set_zoom("week")
    w.timeline.go_to(t("2026-12-01 00:00"))
    qtbot.waitUntil(lambda: not w.conflicts.is_refreshing())
    w.booking = booking
    yield w
    wait_for_workers()


def open_dialog(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    return QApplication.activeModalWidget()


def test_the_sheet_dialog_starts_from_the_selected_booking(qtbot, window):
    window.timeline.select_bookings([window.booking.id])
    print_actions.print_sheet(window)
    dialog = open_dialog(qtbot, SheetDialog)
    request = dialog.request()
    assert (request.kind, request.name, str(request.day)) == ("production", "The Red Silk", "2026-12-02")
    dialog.reject()


def test_the_calendar_dialog_starts_from_the_selection_and_can_be_typed_into(qtbot, window):
    window.timeline.select_bookings([window.booking.id])
    print_actions.export_calendar(window)
    dialog = open_dialog(qtbot, CalendarDialog)
    assert dialog.choice() == ("production", "The Red Silk")
    assert dialog.name.isEditable()
    completer = dialog.name.completer()
    completer.setCompletionPrefix("айг")  # part of a name, any place in it
    assert completer.currentCompletion() == "Production 剧组: Тайга"
    dialog.name.setEditText(completer.currentCompletion())
    assert dialog.choice() == ("production", "Тайга")
    dialog.accept()
    chooser = open_dialog(qtbot, QFileDialog)
    assert chooser.selectedFiles()[0].endswith(".ics")
    chooser.reject()


def test_a_calendar_dialog_naming_nothing_does_not_go_on(qtbot, window):
    print_actions.export_calendar(window)
    dialog = open_dialog(qtbot, CalendarDialog)
    dialog.name.setEditText("no such calendar")
    dialog.accept()
    assert dialog.isVisible() and dialog.choice() is None
    dialog.reject()


def test_exporting_bookings_exports_what_the_timeline_shows_and_says_so(qtbot, window, tmp_path,
                                                                           make_booking):
    make_booking("Stage 7", "Тайга", "2027-02-01 08:00", "2027-02-01 18:00")  # not in view
    make_booking("Zhang Wei", "Тайга", "2026-12-03 08:00", "2026-12-03 18:00")  # crew: hidden below
    window.kind_actions["crew"].setChecked(False)
    window.apply_kinds()
    print_actions.export_table(window, "csv")
    chooser = open_dialog(qtbot, QFileDialog)
    assert "as shown on the timeline" in chooser.windowTitle() and "stages" in chooser.windowTitle()
    assert "crew" not in chooser.windowTitle()
    out = tmp_path / "shown.csv"
    chooser.selectFile(str(out))
    chooser.accept()
    qtbot.waitUntil(lambda: out.exists() and not window.workers)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and "The Red Silk" in lines[1]  # the header and the one booking shown


def test_the_toolbar_keeps_its_place_when_the_next_undo_step_changes(qtbot, window):
    toolbar = window.findChild(type(window.addToolBar("probe")), "mainToolBar")
    button = toolbar.widgetForAction(window.undo_tool)
    before = [toolbar.widgetForAction(a).x() for a in toolbar.actions()
              if toolbar.widgetForAction(a) is not None]
    window.duplicate(window.booking.id)  # the menu's Undo now says "Undo create booking …"
    assert window.undo_action.text() != "&Undo" and window.undo_tool.text() == "Undo"
    assert button.isEnabled() and "Undo" in window.undo_tool.toolTip()
    after = [toolbar.widgetForAction(a).x() for a in toolbar.actions()
             if toolbar.widgetForAction(a) is not None]
    assert after == before


def test_a_long_status_message_stops_short_of_the_counts(qtbot, window):
    long = "moved booking " + "and then some more words " * 40
    window.show_status(long)
    shown = window.statusBar().currentMessage()
    assert shown != long and shown.endswith("…")
    room = window.conflict_counts.x()
    assert window.statusBar().fontMetrics().horizontalAdvance(shown) < room
    assert window.statusBar().toolTip() == long
    assert shiboken6.isValid(window)


def test_the_view_menu_shows_cancelled_bookings_and_the_legend(qtbot, window):
    texts = [a.text() for a in window.view_menu.actions()]
    assert "Show &cancelled bookings" in texts and "&Legend" in texts
    window.show_cancelled_action.trigger()
    assert window.timeline.show_cancelled()
    window.legend_action.trigger()
    qtbot.waitUntil(lambda: any(w.isVisible() for w in QApplication.topLevelWidgets()
                                if type(w).__name__ == "Legend"))
    legend = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "Legend" and w.isVisible())
    assert [e.key for e in legend.entries()]
    legend.close()
