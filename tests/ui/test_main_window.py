"""The main window on a real database file, offscreen: menus, drags on the timeline, settings, errors."""

from __future__ import annotations

import sys
import time

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from studio_booker.errors import InputError, NotFound
from studio_booker.services import bookings, catalog
from studio_booker.ui import app as gui_app
from studio_booker.ui.database_menu import NO_DEMO_PROMPT
from studio_booker.ui.errors import ExceptionHook
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.timeline import ROW_H
from studio_booker.ui.workers import wait_for_workers
from tests.conftest import t


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def lot(make_stage, make_crew, make_production):
    s3 = make_stage("Stage 3", area_m2=400)
    s7 = make_stage("Stage 7", area_m2=1000)
    s9 = make_stage("Stage 9", area_m2=1500)
    zw = make_crew("Zhang Wei")
    red = make_production("The Red Silk", color="#c0392b")
    wall = make_production("长城之夜", color="#8e44ad")
    return dict(s3=s3, s7=s7, s9=s9, zw=zw, red=red, wall=wall)


def open_window(qtbot, engine, db_path) -> MainWindow:
    w = MainWindow(engine, str(db_path), Preferences(), user="tester")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.conflicts.is_refreshing())
    return w


@pytest.fixture
def window(qtbot, engine, db_path, lot):
    w = open_window(qtbot, engine, db_path)
    w.resize(1400, 900)
    w.set_zoom("week")
    w.timeline.go_to(t("2026-12-01 00:00"))
    w.timeline.reload()
    yield w
    wait_for_workers()


def point(w: MainWindow, resource_id: int, when: str) -> QPoint:
    tl = w.timeline
    row = tl.row_of_resource(resource_id)
    assert row is not None
    return QPoint(int(round(tl.x_of(t(when)))), tl.row_y(row) + ROW_H // 2)


def drag(qtbot, w: MainWindow, *points: QPoint) -> None:
    vp = w.timeline.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(vp, p)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=points[-1])
    # input on the bars right after a reload waits for the bookings as the database has them
    qtbot.waitUntil(lambda: not w.timeline.input_pending())


def keys_of(action) -> set[str]:
    return {s.toString() for s in action.shortcuts()}


# ---- menus and shortcuts -----------------------------------------------------------------

def test_menus_hold_every_action_with_standard_shortcuts(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    assert keys_of(window.new_db_action) == {"Ctrl+N"}
    assert keys_of(window.open_action) == {"Ctrl+O"}
    assert keys_of(window.quit_action) == {"Ctrl+Q"}
    assert keys_of(window.undo_action) == {"Ctrl+Z"}
    assert keys_of(window.redo_action) == {"Ctrl+Shift+Z", "Ctrl+Y"}
    assert keys_of(window.new_booking_action) == {"Ctrl+B", "Ins"}
    assert keys_of(window.cancel_action) == {"Del"}
    assert [keys_of(window.zoom_actions[z]) for z in ("day", "week", "month", "quarter")] == [
        {"Ctrl+1"}, {"Ctrl+2"}, {"Ctrl+3"}, {"Ctrl+4"}]
    assert keys_of(window.today_action) == {"Ctrl+T"}
    assert keys_of(window.go_to_date_action) == {"Ctrl+G"}
    file_items = [a.text() for a in window.file_menu.actions()]
    for text in ("&Recent databases", "&Backup…", "&Import CSV", "&Export", "&Quit"):
        assert text in file_items
    assert isinstance(window.export_menu, QMenu)


def test_keyboard_shortcuts_dialog_lists_every_shortcut(window):
    box = window.show_shortcuts()
    text = box.text()
    for action in (window.new_db_action, window.undo_action, window.redo_action, window.new_booking_action,
                   window.confirm_action, window.cancel_action, window.today_action,
                   window.go_to_date_action, *window.zoom_actions.values()):
        for seq in action.shortcuts():
            assert seq.toString(QKeySequence.SequenceFormat.NativeText) in text
    box.close()


def test_zoom_shortcut_changes_the_timeline_zoom(qtbot, window):
    window.activateWindow()
    window.zoom_actions["month"].trigger()
    assert window.timeline.zoom() == "month"
    assert window.zoom_actions["month"].isChecked()


# ---- the timeline: create, move, resize, refused drop ------------------------------------

def test_create_a_booking_by_dragging_on_the_timeline_and_saving_the_editor(qtbot, window, lot):
    s7 = lot["s7"].id
    drag(qtbot, window, point(window, s7, "2026-12-02 08:00"), point(window, s7, "2026-12-02 12:00"),
         point(window, s7, "2026-12-02 18:00"))
    editor = window.editor
    assert editor is not None and editor.isVisible()
    assert editor.resource().name == "Stage 7"
    assert editor.start_edit.instant() == t("2026-12-02 08:00")
    assert editor.end_edit.instant() == t("2026-12-02 18:00")
    editor.production_combo.setCurrentText("长城之夜")
    with qtbot.waitSignal(window.conflicts.refreshed):
        editor.save()
    assert window.editor is None  # closed
    [made] = bookings.find_bookings(engine_of(window))
    assert (made.resource, made.production, made.start, made.end) == (
        "Stage 7", "长城之夜", t("2026-12-02 08:00"), t("2026-12-02 18:00"))
    assert window.undo_stack.count() == 1
    assert made.id in [i.bar.id for i in window.timeline.visible_bars()]


def engine_of(w: MainWindow):
    return w.engine


def test_move_a_bar_by_dragging_it_to_another_day_and_resource(qtbot, window, lot, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00")
    window.timeline.reload()
    s7, s9 = lot["s7"].id, lot["s9"].id
    drag(qtbot, window, point(window, s7, "2026-12-02 13:00"), point(window, s7, "2026-12-02 20:00"),
         point(window, s9, "2026-12-03 13:00"))
    moved = bookings.get_booking(window.engine, b.id)
    assert (moved.resource, moved.start, moved.end) == ("Stage 9", t("2026-12-03 08:00"),
                                                       t("2026-12-03 18:00"))
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == f"Move booking #{b.id}"


def test_resize_a_bar_by_dragging_its_end(qtbot, window, lot, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00")
    window.timeline.reload()
    s7 = lot["s7"].id
    grab = point(window, s7, "2026-12-02 18:00") - QPoint(2, 0)
    drag(qtbot, window, grab, point(window, s7, "2026-12-02 20:00"), point(window, s7, "2026-12-02 22:00"))
    resized = bookings.get_booking(window.engine, b.id)
    assert (resized.start, resized.end) == (t("2026-12-02 08:00"), t("2026-12-02 22:00"))
    assert window.undo_stack.undoText() == f"Resize booking #{b.id}"


def test_a_refused_drop_snaps_back_with_the_reason_in_the_status_bar(qtbot, window, lot, make_booking):
    make_booking("Stage 9", "长城之夜", "2026-12-02 08:00", "2026-12-02 18:00")
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00")
    window.timeline.reload()
    drag(qtbot, window, point(window, lot["s7"].id, "2026-12-02 13:00"),
         point(window, lot["s9"].id, "2026-12-02 13:00"))
    after = bookings.get_booking(window.engine, b.id)
    assert (after.resource, after.start, after.end) == ("Stage 7", t("2026-12-02 08:00"),
                                                       t("2026-12-02 18:00"))
    message = window.statusBar().currentMessage()
    assert "refused" in message and "Stage 9" in message and "长城之夜" in message
    assert window.undo_stack.count() == 0
    item = next(i for i in window.timeline.visible_bars() if i.bar.id == b.id)
    assert item.bar.resource_id == lot["s7"].id and not item.ghost


def test_double_click_opens_the_editor_on_the_booking(qtbot, window, lot, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00", ref="R-1")
    window.timeline.reload()
    qtbot.mouseDClick(window.timeline.viewport(), Qt.MouseButton.LeftButton,
                      pos=point(window, lot["s7"].id, "2026-12-02 12:00"))
    qtbot.waitUntil(lambda: window.editor is not None)  # once the reload is read
    assert window.editor.booking.id == b.id
    assert window.editor.ref_edit.text() == "R-1"
    window.editor.reject()


def test_context_menu_offers_confirm_cancel_duplicate_and_the_hooks(qtbot, window, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00", status="hold")
    seen = []
    window.booking_context_hooks.append(lambda menu, view: seen.append(view.id if view else None))
    menu = window.build_context_menu(b.id)
    texts = {a.text(): a for a in menu.actions()}
    assert {"Edit…", "Confirm", "Cancel booking", "Duplicate as hold"} <= set(texts)
    assert seen == [b.id]
    assert window.timeline.selected_bookings() == [b.id]
    with qtbot.waitSignal(window.conflicts.refreshed):
        texts["Confirm"].trigger()
    assert bookings.get_booking(window.engine, b.id).status == "confirmed"
    with qtbot.waitSignal(window.conflicts.refreshed):
        window.build_context_menu(b.id).actions()[4].trigger()  # duplicate
    copies = [v for v in bookings.find_bookings(window.engine) if v.id != b.id]
    assert [(c.start, c.status) for c in copies] == [(t("2026-12-02 18:00"), "hold")]
    window.build_context_menu(-1)
    assert seen[-1] is None


def test_the_export_menu_holds_the_calendar_and_spreadsheet_exports(qtbot, engine, db_path, lot):
    w = open_window(qtbot, engine, db_path)
    assert [a.text() for a in w.export_menu.actions()] == [
        "Calendar (iCalendar)…", "All calendars to folder…", "Bookings CSV…", "Bookings Excel…"]
    assert w.export_menu.isEnabled()


# ---- settings --------------------------------------------------------------------------

def test_settings_are_restored_on_restart(qtbot, engine, db_path, lot):
    first = open_window(qtbot, engine, db_path)
    first.resize(700, 500)  # inside the offscreen screen (800x800)
    first.set_zoom("month")
    first.kind_actions["crew"].setChecked(False)
    first.apply_kinds()
    first.timeline.set_collapsed_groups(["stage"])  # group ids (a title, as older settings hold, works too)
    first.lists_dock.raise_()
    first.close()
    second = open_window(qtbot, engine, db_path)
    assert (second.width(), second.height()) == (700, 500)
    assert second.timeline.zoom() == "month" and second.zoom_actions["month"].isChecked()
    assert second.timeline.kinds() == {"stage", "workshop"}
    assert not second.kind_actions["crew"].isChecked()
    assert second.timeline.collapsed_groups() == ["stage"]
    assert Preferences().get(Preferences.LAST_DATABASE) == str(db_path)


def test_the_last_database_is_chosen_when_none_is_given(tmp_path, monkeypatch):
    monkeypatch.delenv("STUDIO_BOOKER_DB", raising=False)
    prefs = Preferences()
    assert gui_app.choose_target(None, prefs) is None  # nothing remembered: the default file
    prefs.remember_database(str(tmp_path / "last.sqlite3"))
    assert gui_app.choose_target(None, prefs) == str(tmp_path / "last.sqlite3")
    assert gui_app.choose_target("given.sqlite3", prefs) == "given.sqlite3"
    monkeypatch.setenv("STUDIO_BOOKER_DB", str(tmp_path / "env.sqlite3"))
    assert gui_app.choose_target(None, prefs) is None  # open_database reads the variable


def test_opening_another_database_replaces_the_window_and_is_remembered(qtbot, window, tmp_path):
    other = tmp_path / "other.sqlite3"
    new = window.open_database_file(str(other))
    assert new is not None
    qtbot.addWidget(new)
    qtbot.waitUntil(lambda: not new.conflicts.is_refreshing())
    assert not window.isVisible() and new.isVisible()
    assert other.exists() and catalog.list_resources(new.engine) == []
    assert Preferences().get(Preferences.RECENT)[0] == str(other)
    new.engine.dispose()


# ---- first start ----------------------------------------------------------------------

def test_first_start_on_an_empty_database_offers_the_demo_lot(qtbot, engine, db_path, monkeypatch):
    w = open_window(qtbot, engine, db_path)
    assert w.offer_demo_if_empty() is None  # the test environment sets STUDIO_BOOKER_NO_DEMO_PROMPT
    monkeypatch.delenv(NO_DEMO_PROMPT)
    box = w.offer_demo_if_empty()
    assert box is not None and box.isVisible() and "empty" in box.text()
    with qtbot.waitSignal(w.conflicts.refreshed, timeout=60000):
        w.demo_button.click()
    assert len(catalog.list_resources(engine)) > 100
    assert w.conflict_counts.text().startswith(tuple("123456789"))  # the demo has conflicts on purpose
    assert w.offer_demo_if_empty() is None  # not empty any more


def test_first_start_offer_can_be_declined(qtbot, engine, db_path, monkeypatch):
    monkeypatch.delenv(NO_DEMO_PROMPT)
    w = open_window(qtbot, engine, db_path)
    box = w.offer_demo_if_empty()
    start_empty = next(b for b in box.buttons() if b.text() == "Start empty")
    start_empty.click()
    assert not box.isVisible()
    assert catalog.list_resources(engine) == [] and not w.workers


# ---- errors ---------------------------------------------------------------------------

def test_an_unexpected_exception_shows_a_dialog_is_logged_and_the_window_keeps_working(
        qtbot, window, tmp_path, lot):
    log = tmp_path / "logs" / "studio-booker.log"
    hook = ExceptionHook(log, window)
    try:
        {}["missing"]
    except KeyError as exc:
        hook(type(exc), exc, exc.__traceback__)
    box = hook.last_dialog
    assert box is not None and box.isVisible()
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text() == "Something went wrong: KeyError: 'missing'"
    assert "Traceback" in box.detailedText() and "test_main_window.py" in box.detailedText()
    assert "KeyError: 'missing'" in log.read_text(encoding="utf-8")
    box.close()
    window.set_zoom("day")  # still usable
    assert window.timeline.zoom() == "day"
    editor = window.new_booking()
    assert editor.isVisible()
    editor.reject()


def test_a_service_error_is_shown_in_the_services_words(qtbot, window, tmp_path):
    hook = ExceptionHook(tmp_path / "log.txt", window)
    exc = InputError("capacity: 0 is not a whole number >= 1")
    hook(type(exc), exc, None)
    assert hook.last_dialog.text() == "capacity: 0 is not a whole number >= 1"
    assert not (tmp_path / "log.txt").exists()  # expected errors are not logged as crashes
    assert not window.go_to_text("3rd of Smarch")
    assert "cannot read '3rd of Smarch'" in window.last_error_box.text()
    assert window.go_to_text("2027-03-01")
    t0, t1 = window.timeline.visible_range()
    assert t0 <= t("2027-03-01") < t1


def test_editing_a_missing_booking_reports_it(window):
    assert window.edit_booking(999) is None
    assert "no booking with id or ref '999'" in window.last_error_box.text()
    with pytest.raises(NotFound):
        bookings.get_booking(window.engine, 999)


# ---- import and backup off the GUI thread ----------------------------------------------

def test_import_csv_runs_off_the_gui_thread_with_progress_and_updates_the_lists(qtbot, window, tmp_path):
    csv = tmp_path / "resources.csv"
    csv.write_text("name,kind,area_m2\n水下摄影棚,stage,2000\nКрасная студия,stage,600\n", encoding="utf-8")
    worker = window.import_file("resources", csv)
    assert window.progress.isVisibleTo(window)
    with qtbot.waitSignal(worker.done, timeout=20000):
        pass
    assert not window.progress.isVisibleTo(window)
    names = [r.name for r in window.management.resources.model.rows()]
    assert "水下摄影棚" in names and "Красная студия" in names
    assert "imported 2 resources" in window.statusBar().currentMessage()


def test_a_rejected_import_lists_every_bad_line_in_a_dialog(qtbot, window, tmp_path):
    csv = tmp_path / "bookings.csv"
    csv.write_text("resource,start,end,production\nStage 77,2026-12-03 08:00,2026-12-03 18:00,The Red Silk\n"
                   "Stage 7,2026-12-03 08:00,soon,The Red Silk\n", encoding="utf-8")
    worker = window.import_file("bookings", csv)
    with qtbot.waitSignal(worker.done, timeout=20000):
        pass
    text = window.last_error_box.text()
    assert "bookings.csv line 2" in text and "bookings.csv line 3" in text
    assert bookings.find_bookings(window.engine) == []


def test_backup_writes_a_copy_of_the_live_database(window, tmp_path, make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00")
    dest = tmp_path / "copy.sqlite3"
    window.backup_to(dest)
    assert dest.read_bytes()[:16] == b"SQLite format 3\x00"
    assert str(dest) in window.statusBar().currentMessage()
    window.backup_to(tmp_path / "no-such-folder" / "x.sqlite3")
    assert "does not exist" in window.last_error_box.text()


# ---- management views ------------------------------------------------------------------

def test_resource_dialog_shows_the_services_validation_message(qtbot, window):
    page = window.management.resources
    dialog = page.new()
    dialog.edits["name"].setText("Stage 7")
    dialog.try_save()
    assert dialog.isVisible()
    assert dialog.message.text() == "name: a resource called 'Stage 7' already exists"
    dialog.edits["name"].setText("1号摄影棚")
    dialog.edits["capacity"].setText("zero")
    dialog.try_save()
    assert "capacity: 'zero' is not a whole number >= 1" in dialog.message.text()
    dialog.edits["capacity"].setText("1")
    dialog.edits["area_m2"].setText("10000")
    with qtbot.waitSignal(window.conflicts.refreshed):
        dialog.try_save()
    assert not dialog.isVisible()
    assert catalog.get_resource(window.engine, "1号摄影棚").area_m2 == 10000
    window.timeline.wait_for_reload()  # the timeline reads the new resource in the background
    assert window.timeline.row_of_resource(catalog.get_resource(window.engine, "1号摄影棚").id) is not None


def test_retiring_a_resource_keeps_its_history_and_greys_it(qtbot, window, lot, make_booking):
    b = make_booking("Stage 3", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00")
    page = window.management.resources
    row = next(i for i in range(page.proxy.rowCount()) if page.proxy.row_object(i).name == "Stage 3")
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    page.toggle_active()
    retired = catalog.get_resource(window.engine, "Stage 3")
    assert not retired.active
    assert bookings.get_booking(window.engine, b.id).resource == "Stage 3"
    row = next(i for i in range(page.proxy.rowCount()) if page.proxy.row_object(i).name == "Stage 3")
    assert page.proxy.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#8a8a8a"


def test_production_dialog_validates_the_colour(window):
    dialog = window.management.productions.new()
    dialog.edits["name"].setText("Степной ветер")
    dialog.edits["color"].setText("red")
    dialog.try_save()
    assert "color: 'red' is not a colour" in dialog.message.text()
    dialog.edits["color"].setText("#2980b9")
    dialog.try_save()
    assert catalog.get_production(window.engine, "Степной ветер").color == "#2980b9"


def test_bookings_tab_lists_the_visible_period_only_and_says_so(qtbot, window, make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00", ref="IN")
    make_booking("Stage 7", "The Red Silk", "2027-06-02 08:00", "2027-06-02 18:00", ref="OUT")
    window.lists_dock.raise_()
    window.management.setCurrentWidget(window.management.bookings)
    page = window.management.bookings
    page.set_period(*window.timeline.visible_range())
    qtbot.waitUntil(lambda: not page.is_loading())
    assert [b.ref for b in page.model.rows()] == ["IN"]
    assert "the period shown on the timeline" in page.note.text()
    page.activate(page.model.rows()[0])
    assert window.editor is not None and window.editor.booking.ref == "IN"
    window.editor.reject()


# ---- the entry point -------------------------------------------------------------------

def test_run_gui_opens_the_database_shows_the_window_and_remembers_it(qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    db = tmp_path / "gui.sqlite3"
    seen: list[MainWindow] = []

    def close_the_window() -> None:
        seen.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        for w in seen:
            w.close()
            w.deleteLater()
        QApplication.exit(0)  # at once: a posted quit would also end the next test's event loop

    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)
    QTimer.singleShot(0, close_the_window)
    before = sys.excepthook
    try:
        assert gui_app.run_gui(str(db), []) == 0
    finally:
        app.setQuitOnLastWindowClosed(True)
    assert len(seen) == 1 and seen[0].db_label == str(db)
    assert db.exists()
    assert Preferences().get(Preferences.LAST_DATABASE) == str(db)
    assert sys.excepthook is before  # the window's hook is removed on exit


def test_the_bookings_list_follows_the_timeline_off_the_gui_thread(qtbot, window, make_booking, monkeypatch):
    """The timeline reports its period on every scroll step; reading a quarter of a season's
    bookings takes 0.4 s. The list reads once the period settles, on the thread pool."""
    import threading

    from studio_booker.ui import bookings_page

    make_booking("Stage 7", "The Red Silk", "2026-12-02 08:00", "2026-12-02 18:00", ref="DEC")
    make_booking("Stage 7", "The Red Silk", "2027-01-13 08:00", "2027-01-13 18:00", ref="JAN")
    window.lists_dock.raise_()
    window.management.setCurrentWidget(window.management.bookings)
    page = window.management.bookings
    qtbot.waitUntil(lambda: not page.is_loading())
    reads: list[tuple[int, bool]] = []
    real = bookings_page.bookings.find_bookings

    def find(engine, f):
        reads.append((f.start, threading.current_thread() is threading.main_thread()))
        return real(engine, f)

    monkeypatch.setattr(bookings_page.bookings, "find_bookings", find)
    hbar = window.timeline.horizontalScrollBar()
    periods = []
    for _ in range(12):  # a scroll of six weeks, a step at a time (no event loop turns: no timer fires)
        hbar.setValue(hbar.value() + int(24 * 3.5 * window.timeline.pixels_per_hour()))
        periods.append(page.period)
        assert page.is_loading()  # the list waits for the period to settle
    assert len(set(periods)) == 12  # each step told the list its new period
    assert reads == []  # nothing read while the timeline moves
    qtbot.waitUntil(lambda: not page.is_loading() and bool(reads))
    assert len(reads) == 1 and reads[0] == (page.period[0], False)  # once, its last period, on the pool
    assert [b.ref for b in page.model.rows()] == ["JAN"]


def test_the_window_runs_full_collections_only_while_its_timeline_is_still(qtbot, window):
    """Python's automatic full collections are off while the window is open (one took 15-19 ms
    with a month's bookings listed, in the middle of a scroll); the window runs them itself."""
    import gc

    from studio_booker.ui import collector

    assert gc.get_threshold()[2] == collector.NO_AUTOMATIC
    still_since = window.collector.last_activity()
    qtbot.waitUntil(lambda: time.monotonic() > still_since)  # the clock has moved on
    bar = window.timeline.horizontalScrollBar()
    bar.setValue(bar.value() + 200)
    assert window.collector.last_activity() > still_since  # a scroll is activity
    window.close()
    assert gc.get_threshold()[2] != collector.NO_AUTOMATIC  # Python's own again
