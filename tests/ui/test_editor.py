"""The booking editor: lot-time fields, the live rule check, suggestions, saving, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from studio_booker.services import bookings
from studio_booker.ui.editor import BookingEditor, LotTimeEdit
from tests.conftest import t


@pytest.fixture
def lot(make_stage, make_crew, make_production):
    return dict(
        s7=make_stage("Stage 7", area_m2=1000),
        s9=make_stage("Stage 9", area_m2=1500),
        small=make_stage("Stage 3", area_m2=400),
        red_studio=make_stage("Красная студия", area_m2=2000),
        zw=make_crew("Zhang Wei"),
        red=make_production("The Red Silk"),
        wall=make_production("长城之夜"),
    )


@pytest.fixture
def open_editor(qtbot, engine, lot):
    def make(**kw) -> BookingEditor:
        editor = BookingEditor(engine, "tester", **kw)
        qtbot.addWidget(editor)
        editor.show()
        return editor

    return make


def test_lot_time_edit_shows_and_reads_lot_time(qtbot, tz):
    edit = LotTimeEdit(tz)
    qtbot.addWidget(edit)
    edit.set_instant(t("2026-12-03 08:00"))  # 00:00 UTC
    assert edit.text() == "2026-12-03 08:00"
    assert edit.instant() == t("2026-12-03 08:00")
    assert edit.calendarPopup()


def test_new_booking_is_pre_filled_from_the_drag(open_editor, lot):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    assert e.resource_combo.currentText() == "Stage 7"
    assert (e.start_edit.text(), e.end_edit.text()) == ("2026-12-03 08:00", "2026-12-03 18:00")
    assert e.status_combo.currentText() == "hold" and e.activity_combo.currentText() == "shoot"
    assert e.verdict.text() == "Can be saved: no conflicts." and e.save_button.isEnabled()


def test_activity_defaults_by_resource_kind(open_editor, lot):
    e = open_editor(resource_id=lot["zw"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    assert e.activity_combo.currentText() == "shift"
    e.use_resource(lot["s7"].id)
    assert e.activity_combo.currentText() == "shoot"


def test_resource_type_to_search_finds_any_script_any_case(open_editor, lot):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    completer = e.resource_combo.completer()
    completer.setCompletionPrefix("КРАСН")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Красная студия"
    completer.setCompletionPrefix("age 9")  # contains, not only starts with
    assert completer.currentCompletion() == "Stage 9"
    e.resource_combo.setEditText("Stage 77")
    e.refresh_check()
    assert "Stage 7" in e.verdict.text() and "did you mean" in e.verdict.text()
    assert not e.save_button.isEnabled()


def test_the_check_runs_live_after_a_short_pause(qtbot, open_editor, lot, make_booking):
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    assert e.save_button.isEnabled()  # a hold is never refused
    with qtbot.waitSignal(e.checked, timeout=2000) as blocker:
        e.status_combo.setCurrentText("confirmed")
    assert blocker.args[0].refusal is not None
    assert not e.save_button.isEnabled()


def test_live_refusal_names_the_blockers_and_offers_alternatives(open_editor, lot, make_booking):
    blocker = make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    make_booking("Stage 9", "长城之夜", "2026-12-03 12:00", "2026-12-03 14:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    e.status_combo.setCurrentText("confirmed")
    e.refresh_check()
    assert e.verdict.text().startswith("Refused: cannot be confirmed on Stage 7")
    assert f"#{blocker.id}" in e.verdict.text() and "长城之夜" in e.verdict.text()
    assert "c0392b" in e.verdict.styleSheet()  # red
    assert not e.save_button.isEnabled()
    assert e.verdict.text() in e.save_button.toolTip()
    assert e.suggestions_box.isVisible()
    offered = [e.alternatives.item(i).text() for i in range(e.alternatives.count())]
    # same kind, at least the same area, free the whole period: not Stage 9 (busy), not Stage 3 (smaller)
    assert offered == ["Красная студия (2000 m²)"]
    assert e.earliest_button.text() == "Start at 2026-12-03 18:00 instead (earliest free on Stage 7)"


def test_choosing_an_alternative_enables_save(qtbot, open_editor, lot, make_booking):
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    e.status_combo.setCurrentText("confirmed")
    e.refresh_check()
    assert not e.save_button.isEnabled()
    item = e.alternatives.item(0)
    rect = e.alternatives.visualItemRect(item)
    qtbot.mouseClick(e.alternatives.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert e.resource_combo.currentText() == "Stage 9"  # the smallest that is big enough comes first
    assert e.save_button.isEnabled() and not e.suggestions_box.isVisible()


def test_applying_the_earliest_free_start_enables_save_and_saves(qtbot, open_editor, lot, make_booking,
                                                                  engine):
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    e.status_combo.setCurrentText("confirmed")
    e.refresh_check()
    qtbot.mouseClick(e.earliest_button, Qt.MouseButton.LeftButton)
    assert (e.start_edit.instant(), e.end_edit.instant()) == (t("2026-12-03 18:00"), t("2026-12-04 00:00"))
    assert e.save_button.isEnabled()
    with qtbot.waitSignal(e.saved) as saved:
        qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    view = saved.args[0]
    assert (view.status, view.start, view.production) == ("confirmed", t("2026-12-03 18:00"), "The Red Silk")
    assert e.result() == QDialog.DialogCode.Accepted


def test_warnings_show_second_hold_and_turnaround(open_editor, lot, make_booking):
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00", status="hold")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    e.refresh_check()
    assert e.save_button.isEnabled()
    assert e.verdict.text() == "Can be saved, with the warnings below."
    assert "2nd" in e.issues.item(0).text() and e.issues.item(0).text().startswith("info:")
    make_booking("Zhang Wei", "长城之夜", "2026-12-03 06:00", "2026-12-03 18:00")
    e.use_resource(lot["zw"].id)
    e.start_edit.set_instant(t("2026-12-03 22:00"))
    e.end_edit.set_instant(t("2026-12-04 08:00"))
    e.refresh_check()
    texts = [e.issues.item(i).text() for i in range(e.issues.count())]
    assert any(x.startswith("warning:") and "rest" in x for x in texts), texts


def test_end_before_start_is_an_input_problem_with_save_disabled(open_editor, lot):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 18:00"), end=t("2026-12-03 08:00"))
    assert e.verdict.text().startswith("Cannot be saved: the booking ends before it starts")
    assert not e.save_button.isEnabled()


def test_a_maintenance_booking_needs_no_production(open_editor, lot, engine):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    e.production_combo.setCurrentIndex(0)
    e.refresh_check()
    assert "needs a production" in e.verdict.text()
    e.activity_combo.setCurrentText("maintenance")
    e.refresh_check()
    assert e.save_button.isEnabled()


def test_editing_a_booking_that_someone_else_changed_is_a_clear_stale_edit(qtbot, open_editor, lot,
                                                                           make_booking, engine):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00", notes="first")
    e = open_editor(booking=b)
    assert e.windowTitle() == f"Edit booking #{b.id}" and e.notes_edit.toPlainText() == "first"
    bookings.update_booking(engine, b.id, "someone", notes="changed meanwhile")
    e.notes_edit.setPlainText("mine")
    e.save()
    assert e.isVisible() and e.result_view is None
    assert "was changed by someone" in e.verdict.text()
    assert "reload and try again" in e.error_box.text()
    assert bookings.get_booking(engine, b.id).notes == "changed meanwhile"


def test_editing_an_existing_booking_saves_with_its_version(qtbot, open_editor, make_booking, engine):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(booking=b)
    e.production_combo.setCurrentText("长城之夜")
    e.ref_edit.setText("R-99")
    with qtbot.waitSignal(e.saved):
        e.save()
    after = bookings.get_booking(engine, b.id)
    assert (after.production, after.ref, after.version) == ("长城之夜", "R-99", b.version + 1)


def test_escape_cancels_and_ctrl_enter_saves(qtbot, open_editor, lot, engine):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    qtbot.keyClick(e, Qt.Key.Key_Escape)
    assert e.result() == QDialog.DialogCode.Rejected and bookings.find_bookings(engine) == []
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    e.activateWindow()
    e.ref_edit.setFocus()
    with qtbot.waitSignal(e.saved):
        qtbot.keyClick(e.ref_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [b.resource for b in bookings.find_bookings(engine)] == ["Stage 7"]
