"""The Restore backup dialog on real backup files, offscreen: listing off the GUI thread, restoring
one as a new file through the shared file dialog, refusals shown in the service's words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from studio_booker.services.backups import backup_name, backups_dir, take_daily_backup
from studio_booker.ui.restore_dialog import BackupTableModel, RestoreBackupDialog
from studio_booker.ui.workers import wait_for_workers
from tests.services.test_backups import bookings_in

DAY0 = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 09:00 in Qingdao


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return home


@pytest.fixture
def three_backups(engine, db_path, make_stage, make_production, make_booking) -> list[Path]:
    """Backups on three days holding 1, 2 and 3 bookings (the second one cancelled from day 3)."""
    make_stage("Stage 7")
    make_production("The Red Silk")
    made = []
    for n in range(3):
        make_booking("Stage 7", "The Red Silk", f"2027-01-0{n + 1} 08:00", f"2027-01-0{n + 1} 18:00",
                     ref=f"R{n + 1}", status="cancelled" if n == 2 else "confirmed")
        path = take_daily_backup(engine, now=DAY0 + timedelta(days=n))
        assert path is not None
        made.append(path)
    return made[::-1]  # newest first


def open_dialog(qtbot, tz, db_path) -> RestoreBackupDialog:
    dialog = RestoreBackupDialog(tz, db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def listed(qtbot, dialog: RestoreBackupDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy())


def file_dialog(qtbot, dialog: RestoreBackupDialog) -> QFileDialog:
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog) is not None)
    chooser = dialog.findChild(QFileDialog)
    assert isinstance(chooser, QFileDialog)
    return chooser


def test_lists_the_backups_newest_first_with_their_counts(qtbot, tz, db_path, three_backups):
    dialog = open_dialog(qtbot, tz, db_path)
    assert dialog.windowTitle() == "Restore backup"
    with qtbot.waitSignal(dialog.listed) as signal:
        pass
    assert signal.args == [3]
    assert dialog.pages.currentWidget() is dialog.table
    model = dialog.model
    assert [b.path for b in model.rows()] == three_backups
    cell = lambda row, col: model.index(row, col).data()  # noqa: E731
    assert [cell(r, BackupTableModel.BOOKINGS) for r in range(3)] == ["2 / 3", "2 / 2", "1 / 1"]
    assert cell(2, BackupTableModel.TAKEN).startswith("2026-12-03 09:00")
    assert cell(0, BackupTableModel.FILE) == three_backups[0].name
    assert dialog.selected() == model.row_object(0) and dialog.restore_button.isEnabled()


def test_an_empty_folder_says_how_backups_come(qtbot, tz, db_path, engine):
    dialog = open_dialog(qtbot, tz, db_path)
    assert dialog.placeholder.text() == "reading backups…"
    listed(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.placeholder
    assert dialog.placeholder.text() == (
        "No backups yet: one is taken each day the window opens this database.")
    assert not dialog.restore_button.isEnabled()


def test_restores_the_selected_backup_as_a_new_file(qtbot, tz, db_path, tmp_path, three_backups):
    dialog = open_dialog(qtbot, tz, db_path)
    listed(qtbot, dialog)
    dialog.table.selectRow(1)  # the backup of day 2: two bookings
    dialog.restore_button.click()
    chooser = file_dialog(qtbot, dialog)
    assert chooser.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert chooser.selectedFiles()[0].endswith("lot-restored-20261204-0900.sqlite3")
    dest = tmp_path / "day two.sqlite3"
    chooser.selectFile(str(dest))
    with qtbot.waitSignal(dialog.restored, timeout=10000) as signal:
        chooser.accept()
    assert signal.args == [dest]
    assert bookings_in(dest) == [("R1", "confirmed"), ("R2", "confirmed")]
    assert "Restored the backup of 2026-12-04 09:00" in dialog.message.text()
    assert str(dest) in dialog.message.text()
    wait_for_workers()


def test_return_restores_and_a_double_click_too_escape_closes(qtbot, tz, db_path, tmp_path,
                                                                three_backups):
    dialog = open_dialog(qtbot, tz, db_path)
    listed(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    chooser = file_dialog(qtbot, dialog)
    assert len(dialog.findChildren(QFileDialog)) == 1  # one press, one question
    chooser.reject()
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog) is None)  # deleted once closed
    index = dialog.model.index(2, BackupTableModel.FILE)
    where = dialog.table.visualRect(index).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    chooser = file_dialog(qtbot, dialog)
    chooser.selectFile(str(tmp_path / "oldest.sqlite3"))
    with qtbot.waitSignal(dialog.restored, timeout=10000):
        chooser.accept()
    assert bookings_in(tmp_path / "oldest.sqlite3") == [("R1", "confirmed")]
    wait_for_workers()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_an_existing_file_is_refused_and_left_alone(qtbot, tz, db_path, tmp_path, three_backups):
    taken = tmp_path / "taken.sqlite3"
    taken.write_bytes(b"someone else's file")
    dialog = open_dialog(qtbot, tz, db_path)
    listed(qtbot, dialog)
    dialog.restore_to(dialog.selected(), taken)  # what the file dialog hands over
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert "already exists; a restore never overwrites a file" in dialog.message.text()
    assert taken.read_bytes() == b"someone else's file"
    assert dialog.restore_button.isEnabled()


def test_a_damaged_backup_shows_its_error_and_cannot_be_restored(qtbot, tz, db_path, three_backups):
    damaged = backups_dir() / backup_name(db_path, int((DAY0 + timedelta(days=9)).timestamp()))
    damaged.write_bytes(b"\x00garbage" * 300)  # a backup file, not a live database
    dialog = open_dialog(qtbot, tz, db_path)
    listed(qtbot, dialog)
    model = dialog.model
    assert model.row_object(0).path == damaged
    assert "damaged: file is not a database" == model.index(
        0, BackupTableModel.BOOKINGS).data()
    assert dialog.selected() == model.row_object(1)  # the newest readable one is preselected
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()
    dialog.restore_selected()
    assert dialog.findChild(QFileDialog) is None
    assert dialog.findChild(QLabel, "restoreMessage").text() == ""
