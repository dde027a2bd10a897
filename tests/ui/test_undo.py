"""Undo and redo of create, edit, move, resize, confirm and cancel, through the window's QUndoStack."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from studio_booker.errors import NotFound
from studio_booker.services import bookings
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers
from tests.conftest import t


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot, engine, db_path, make_stage, make_production):
    make_stage("Stage 7", area_m2=1000)
    make_stage("Stage 9", area_m2=1500)
    make_production("The Red Silk")
    make_production("长城之夜")
    w = MainWindow(engine, str(db_path), Preferences(), user="tester")
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: not w.conflicts.is_refreshing())
    w.timeline.go_to(t("2026-12-01 00:00"))
    yield w
    wait_for_workers()


def undo(qtbot, w: MainWindow) -> None:
    with qtbot.waitSignal(w.conflicts.refreshed):  # every command refreshes the conflicts panel
        w.undo_action.trigger()


def redo(qtbot, w: MainWindow) -> None:
    with qtbot.waitSignal(w.conflicts.refreshed):
        w.redo_action.trigger()


def bars(w: MainWindow) -> dict[int, tuple[int, int, int, str]]:
    """What the timeline shows now: id -> (resource id, start, end, status)."""
    return {i.bar.id: (i.bar.resource_id, i.bar.start, i.bar.end, i.bar.status)
            for i in w.timeline.visible_bars()}


def test_undo_of_a_create_removes_the_booking_and_redo_puts_it_back(qtbot, window, engine):
    editor = window.on_create_requested(1, t("2026-12-02 08:00"), t("2026-12-02 18:00"))
    editor.ref_edit.setText("R-1")
    with qtbot.waitSignal(window.conflicts.refreshed):
        editor.save()
    made = bookings.get_booking(engine, "R-1")
    assert window.undo_stack.undoText() == f"Create booking #{made.id}"
    assert made.id in bars(window)
    undo(qtbot, window)
    with pytest.raises(NotFound):
        bookings.get_booking(engine, made.id)
    assert made.id not in bars(window)  # the timeline was reloaded
    redo(qtbot, window)
    back = bookings.get_booking(engine, made.id)
    assert (back.ref, back.start, back.end) == ("R-1", made.start, made.end)
    assert made.id in bars(window)


def test_undo_and_redo_of_an_edit(qtbot, window, engine, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00", notes="before")
    editor = window.edit_booking(b.id)
    editor.notes_edit.setPlainText("after")
    editor.production_combo.setCurrentText("长城之夜")
    with qtbot.waitSignal(window.conflicts.refreshed):
        editor.save()
    assert window.undo_stack.undoText() == f"Edit booking #{b.id}"
    undo(qtbot, window)
    v = bookings.get_booking(engine, b.id)
    assert (v.notes, v.production) == ("before", "The Red Silk")
    redo(qtbot, window)
    v = bookings.get_booking(engine, b.id)
    assert (v.notes, v.production) == ("after", "长城之夜")


def test_undo_and_redo_of_a_move_and_a_resize(qtbot, window, engine, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00")
    s7, s9 = b.resource_id, bookings.get_booking(engine, b.id).resource_id + 1
    with qtbot.waitSignal(window.conflicts.refreshed):
        window.on_move_requested(b.id, s9, t("2026-12-03 08:00"), t("2026-12-03 18:00"), b.version)
    moved = bookings.get_booking(engine, b.id)
    with qtbot.waitSignal(window.conflicts.refreshed):
        window.on_move_requested(b.id, s9, t("2026-12-03 08:00"), t("2026-12-03 22:00"), moved.version)
    assert [window.undo_stack.text(i) for i in range(2)] == [f"Move booking #{b.id}",
                                                           f"Resize booking #{b.id}"]
    undo(qtbot, window)
    assert bars(window)[b.id][:3] == (s9, t("2026-12-03 08:00"), t("2026-12-03 18:00"))
    undo(qtbot, window)
    v = bookings.get_booking(engine, b.id)
    assert (v.resource_id, v.start, v.end) == (s7, t("2026-12-02 08:00"), t("2026-12-02 18:00"))
    assert bars(window)[b.id][:3] == (s7, t("2026-12-02 08:00"), t("2026-12-02 18:00"))
    redo(qtbot, window)
    redo(qtbot, window)
    v = bookings.get_booking(engine, b.id)
    assert (v.resource_id, v.start, v.end) == (s9, t("2026-12-03 08:00"), t("2026-12-03 22:00"))


def test_undo_and_redo_of_confirm_and_cancel_restore_the_status(qtbot, window, engine, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00", status="hold")
    window.timeline.select_bookings([b.id])
    with qtbot.waitSignal(window.conflicts.refreshed):
        window.confirm_action.trigger()
    assert bookings.get_booking(engine, b.id).status == "confirmed"
    with qtbot.waitSignal(window.conflicts.refreshed):
        window.cancel_action.trigger()
    assert bookings.get_booking(engine, b.id).status == "cancelled"
    undo(qtbot, window)
    assert bookings.get_booking(engine, b.id).status == "confirmed"
    undo(qtbot, window)
    assert bookings.get_booking(engine, b.id).status == "hold"
    assert bars(window)[b.id][3] == "hold"
    redo(qtbot, window)
    assert bookings.get_booking(engine, b.id).status == "confirmed"
    redo(qtbot, window)
    assert bookings.get_booking(engine, b.id).status == "cancelled"


def test_an_undo_the_rules_refuse_is_reported_and_leaves_the_stack_consistent(qtbot, window, engine,
                                                                                make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00")
    with qtbot.waitSignal(window.conflicts.refreshed):
        window.on_move_requested(b.id, b.resource_id, t("2026-12-04 08:00"), t("2026-12-04 18:00"),
                                 b.version)
    other = make_booking("Stage 7", "长城之夜", "2026-12-02 08:00", "2026-12-02 18:00")  # the old slot
    undo(qtbot, window)
    v = bookings.get_booking(engine, b.id)
    assert v.start == t("2026-12-04 08:00")  # the move stays: the old slot is taken
    assert "refused" in window.last_error_box.text() and f"#{other.id}" in window.last_error_box.text()
    assert window.statusBar().currentMessage().startswith(f"undo: Move booking #{b.id}: refused")
    assert window.undo_stack.count() == 0  # the command dropped off: the stack matches the database
    assert not window.undo_stack.canRedo()


def test_a_refused_redo_is_reported_too(qtbot, window, engine, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00", status="hold")
    assert window.set_status(b.id, "confirmed")
    undo(qtbot, window)
    make_booking("Stage 7", "长城之夜", "2026-12-02 10:00", "2026-12-02 12:00")
    redo(qtbot, window)
    assert bookings.get_booking(engine, b.id).status == "hold"
    assert "refused" in window.last_error_box.text()
    assert window.undo_stack.count() == 0
