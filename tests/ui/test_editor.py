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
        settled(qtbot, editor)
        return editor

    return make


def settled(qtbot, e: BookingEditor) -> None:
    """Until the live check of what is in the form has answered (it runs on the thread pool)."""
    qtbot.waitUntil(lambda: not e.is_checking(), timeout=5000)


def check_now(qtbot, e: BookingEditor) -> None:
    e.refresh_check()
    settled(qtbot, e)


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
    assert e.status_combo.value() == "hold" and e.activity_combo.value() == "shoot"
    assert e.verdict.text() == "Can be saved: no conflicts." and e.save_button.isEnabled()


def test_activity_defaults_by_resource_kind(qtbot, open_editor, lot):
    e = open_editor(resource_id=lot["zw"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    assert e.activity_combo.value() == "shift"
    e.use_resource(lot["s7"].id)
    assert e.activity_combo.value() == "shoot"


def test_resource_type_to_search_finds_any_script_any_case(qtbot, open_editor, lot):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    completer = e.resource_combo.completer()
    completer.setCompletionPrefix("КРАСН")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Красная студия"
    completer.setCompletionPrefix("age 9")  # contains, not only starts with
    assert completer.currentCompletion() == "Stage 9"
    e.resource_combo.setEditText("Stage 77")
    check_now(qtbot, e)
    assert "Stage 7" in e.verdict.text() and "did you mean" in e.verdict.text()
    assert not e.save_button.isEnabled()


def test_the_check_runs_live_after_a_short_pause(qtbot, open_editor, lot, make_booking):
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    assert e.save_button.isEnabled()  # a hold is never refused
    with qtbot.waitSignal(e.checked, timeout=2000) as blocker:
        e.status_combo.set_value("confirmed")
    assert blocker.args[0].refusal is not None
    assert not e.save_button.isEnabled()


def test_live_refusal_names_the_blockers_and_offers_alternatives(qtbot, open_editor, lot, make_booking):
    blocker = make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    make_booking("Stage 9", "长城之夜", "2026-12-03 12:00", "2026-12-03 14:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    e.status_combo.set_value("confirmed")
    check_now(qtbot, e)
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
    e.status_combo.set_value("confirmed")
    check_now(qtbot, e)
    assert not e.save_button.isEnabled()
    item = e.alternatives.item(0)
    rect = e.alternatives.visualItemRect(item)
    qtbot.mouseClick(e.alternatives.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert e.resource_combo.currentText() == "Stage 9"  # the smallest that is big enough comes first
    settled(qtbot, e)
    assert e.save_button.isEnabled() and not e.suggestions_box.isVisible()


def test_applying_the_earliest_free_start_enables_save_and_saves(qtbot, open_editor, lot, make_booking,
                                                                  engine):
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    e.status_combo.set_value("confirmed")
    check_now(qtbot, e)
    qtbot.mouseClick(e.earliest_button, Qt.MouseButton.LeftButton)
    assert (e.start_edit.instant(), e.end_edit.instant()) == (t("2026-12-03 18:00"), t("2026-12-04 00:00"))
    settled(qtbot, e)
    assert e.save_button.isEnabled()
    with qtbot.waitSignal(e.saved) as saved:
        qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    view = saved.args[0]
    assert (view.status, view.start, view.production) == ("confirmed", t("2026-12-03 18:00"), "The Red Silk")
    assert e.result() == QDialog.DialogCode.Accepted


def test_warnings_show_second_hold_and_turnaround(qtbot, open_editor, lot, make_booking):
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00", status="hold")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    check_now(qtbot, e)
    assert e.save_button.isEnabled()
    assert e.verdict.text() == "Can be saved, with the warnings below."
    assert "2nd" in e.issues.item(0).text() and e.issues.item(0).text().startswith("info:")
    make_booking("Zhang Wei", "长城之夜", "2026-12-03 06:00", "2026-12-03 18:00")
    e.use_resource(lot["zw"].id)
    e.start_edit.set_instant(t("2026-12-03 22:00"))
    e.end_edit.set_instant(t("2026-12-04 08:00"))
    check_now(qtbot, e)
    texts = [e.issues.item(i).text() for i in range(e.issues.count())]
    assert any(x.startswith("warning:") and "rest" in x for x in texts), texts


def test_end_before_start_is_an_input_problem_with_save_disabled(open_editor, lot):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 18:00"), end=t("2026-12-03 08:00"))
    assert e.verdict.text().startswith("Cannot be saved: the booking ends before it starts")
    assert not e.save_button.isEnabled()


def test_a_maintenance_booking_needs_no_production(qtbot, open_editor, lot, engine):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    e.production_combo.setCurrentIndex(0)
    check_now(qtbot, e)
    assert "needs a production" in e.verdict.text()
    e.activity_combo.set_value("maintenance")
    check_now(qtbot, e)
    assert e.save_button.isEnabled()


def test_editing_a_booking_that_someone_else_changed_is_a_clear_stale_edit(qtbot, open_editor, lot,
                                                                           make_booking, engine):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00", notes="first")
    e = open_editor(booking=b)
    assert e.windowTitle() == f"Edit booking #{b.id}" and e.notes_edit.toPlainText() == "first"
    bookings.update_booking(engine, b.id, "someone", notes="changed meanwhile")
    e.notes_edit.setPlainText("mine")
    e.save()
    qtbot.waitUntil(lambda: getattr(e, "error_box", None) is not None)
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


def test_a_new_start_keeps_the_length_and_the_end_moves(qtbot, open_editor, lot):
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 08:00"), end=t("2026-12-03 18:00"))
    e.start_edit.set_instant(t("2026-12-05 09:00"))
    assert e.end_edit.instant() == t("2026-12-05 19:00")
    e.end_edit.set_instant(t("2026-12-05 12:00"))  # a new end sets a new length
    e.start_edit.set_instant(t("2026-12-06 07:00"))
    assert e.end_edit.instant() == t("2026-12-06 10:00")
    settled(qtbot, e)
    assert e.verdict.text() == "Can be saved: no conflicts."


@pytest.mark.parametrize("machine_zone", ["UTC", "Europe/Moscow", "America/Los_Angeles"])
def test_default_times_are_lot_time_whatever_the_computers_zone(qtbot, open_editor, lot, monkeypatch,
                                                                machine_zone):
    import time

    from studio_booker.domain.timeutil import now_instant, to_local
    from studio_booker.ui.editor_fields import next_hour

    monkeypatch.setenv("TZ", machine_zone)
    time.tzset()
    try:
        before = now_instant()
        e = open_editor(resource_id=lot["s7"].id)
        after = now_instant()
    finally:
        monkeypatch.undo()
        time.tzset()
    start = to_local(e.start_edit.instant(), e.tz)
    assert start.minute == 0
    assert e.start_edit.instant() in {next_hour(e.tz, before), next_hour(e.tz, after)}
    assert e.start_edit.instant() - after < 3600 and e.end_edit.instant() - e.start_edit.instant() == 36000
    lot_hour_now = to_local(after, e.tz).hour
    assert start.hour == (lot_hour_now + 1) % 24  # lot time (Asia/Shanghai), not the machine's


def test_the_live_check_never_blocks_the_window_on_a_slow_database(qtbot, open_editor, lot, engine,
                                                                    make_booking):
    import time

    from PySide6.QtCore import QElapsedTimer, QTimer
    from sqlalchemy import event

    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))

    def slow(*_args):
        time.sleep(0.3)  # a database across a slow network

    event.listen(engine, "before_cursor_execute", slow)
    gaps, clock, ticker = [], QElapsedTimer(), QTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    ticker.timeout.connect(tick)
    ticker.start(10)
    try:
        e.status_combo.set_value("confirmed")
        e.refresh_check()
        assert e.verdict.text() == "Checking…"
        qtbot.keyClicks(e.ref_edit, "R-1")  # typing goes on meanwhile
        assert e.ref_edit.text() == "R-1"
        settled(qtbot, e)
    finally:
        ticker.stop()
        event.remove(engine, "before_cursor_execute", slow)
    assert e.verdict.text().startswith("Refused: cannot be confirmed on Stage 7")
    assert gaps and max(gaps) < 250, max(gaps)  # each query waits 300 ms; the window never did


def test_the_dialog_gives_back_the_room_of_the_suggestions(qtbot, open_editor, lot, make_booking):
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    small = e.height()
    e.status_combo.set_value("confirmed")
    check_now(qtbot, e)
    assert e.suggestions_box.isVisible()
    qtbot.waitUntil(lambda: e.height() > small)
    e.status_combo.set_value("hold")
    check_now(qtbot, e)
    qtbot.waitUntil(lambda: e.height() <= small + 4)
    e.resize(e.width(), small + 300)  # a coordinator makes it taller: the room goes below the form
    qtbot.waitUntil(lambda: e.height() >= small + 300)
    production_bottom = e.production_combo.geometry().bottom()
    start_top = e.start_edit.parentWidget().geometry().top()
    assert start_top - production_bottom < 20


def test_the_suggestions_list_shows_eight_free_resources_without_scrolling(qtbot, open_editor, lot,
                                                                           make_stage, make_booking):
    for n in range(10, 18):
        make_stage(f"Stage {n}", area_m2=1200 + n)
    make_booking("Stage 7", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00")
    e = open_editor(resource_id=lot["s7"].id, start=t("2026-12-03 10:00"), end=t("2026-12-03 16:00"))
    e.status_combo.set_value("confirmed")
    check_now(qtbot, e)
    count = e.alternatives.count()
    assert count >= 8
    shown = e.alternatives.viewport().height() // e.alternatives.sizeHintForRow(0)
    assert shown >= 8
