"""A database error in the window: writes stop, the file is checked, and the window says what the
check found (reopened when it passed; the last good backup when it failed)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from sqlalchemy.exc import OperationalError

from studio_booker.errors import DatabaseProblem
from studio_booker.services import bookings
from studio_booker.services.bookings import BookingDraft
from studio_booker.ui.errors import ExceptionHook
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers
from tests.conftest import t

CORRUPT = """
import sys
path, page = sys.argv[1], 4096
with open(path, "r+b") as f:  # another process: its descriptors are not the window's locks
    f.seek(page)
    f.write(bytes((i * 37 + 11) % 256 for i in range(page * 8)))
"""


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot, engine, db_path, make_stage, make_production, make_booking):
    make_stage("Stage 7")
    make_production("The Red Silk")
    for day in range(1, 29):
        make_booking("Stage 7", "The Red Silk", f"2026-12-{day:02d} 08:00", f"2026-12-{day:02d} 18:00",
                     status="hold", notes="x" * 400)
    w = MainWindow(engine, str(db_path), Preferences(), user="tester")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.conflicts.is_refreshing())
    yield w
    wait_for_workers()


def a_draft() -> BookingDraft:
    return BookingDraft("Stage 7", "The Red Silk", t("2027-01-05 08:00"), t("2027-01-05 18:00"),
                        "hold", None, None, "")


def notice_of(w: MainWindow) -> QMessageBox | None:
    return w.health.box


def test_an_error_on_a_sound_file_stops_writes_checks_and_reopens(qtbot, window, db_path):
    error = OperationalError("INSERT INTO booking ...", {}, sqlite3.OperationalError("disk I/O error"))
    old_engine = window.engine
    with qtbot.waitSignal(window.databaseOpened, timeout=20000) as opened:
        window.report_error(error, "saving")
        assert window.read_only_reason is not None  # at once, before the check has answered
        assert not window.new_booking_action.isEnabled()
        assert window.timeline.is_read_only()
    with pytest.raises(DatabaseProblem, match="writes to this database are stopped"):
        bookings.create_booking(old_engine, a_draft(), "tester")  # the old window's engine writes nothing
    new = opened.args[0]
    qtbot.addWidget(new)
    assert window.health.report.ok and window.health.report.details == "ok"
    box = notice_of(window)
    assert box is not None and box.parent() is new
    assert "passed its check (PRAGMA quick_check: ok) and was reopened" in box.informativeText()
    assert "safe" not in box.text() + box.informativeText()
    assert new.read_only_reason is None and new.new_booking_action.isEnabled()
    made = bookings.create_booking(new.engine, a_draft(), "tester")  # the reopened database takes writes
    assert made.id > 0
    wait_for_workers()
    new.close()


def test_a_damaged_file_keeps_the_window_read_only_and_names_the_last_good_backup(
        qtbot, window, db_path):
    worker = window.start_daily_backup()
    assert worker is not None
    with qtbot.waitSignal(worker.done, timeout=20000):
        pass
    from studio_booker.services.backups import list_backups

    backups = list_backups(db_path=db_path)
    assert len(backups) == 1 and backups[0].bookings == 28
    window.engine.dispose()  # its connections' page caches go: the next read reads the file
    subprocess.run([sys.executable, "-c", "import sqlite3, sys; sqlite3.connect(sys.argv[1])"
                    ".execute('PRAGMA wal_checkpoint(TRUNCATE)')", str(db_path)], check=True)
    subprocess.run([sys.executable, "-c", CORRUPT, str(db_path)], check=True)

    with qtbot.waitSignal(window.health.checked, timeout=20000) as checked:
        window.after_change()  # F5: the timeline and the conflicts panel read the damaged file
    report = checked.args[0]
    assert not report.ok and report.details != "ok"
    assert window.health.state == "damaged"
    assert window.read_only_reason and "failed its check" in window.read_only_reason
    assert window.read_only_banner.isVisible()
    assert not any(a.isEnabled() for a in window.write_actions())
    text = notice_of(window).text() + "\n" + notice_of(window).informativeText()
    assert "failed its check (PRAGMA quick_check:" in text
    assert f"The last good backup is {backups[0].path}" in text and "28 bookings" in text
    assert "safe" not in text
    with pytest.raises(DatabaseProblem, match="stopped"):
        bookings.create_booking(window.engine, a_draft(), "tester")


def test_the_exception_hook_hands_database_failures_to_the_window_and_claims_nothing(
        qtbot, window, tmp_path):
    hook = ExceptionHook(log_path=tmp_path / "log.txt", parent=window)
    hook.handlers.append(window.health.handle)
    plain = RuntimeError("a bug")
    hook(RuntimeError, plain, None)
    assert hook.last_dialog is not None
    assert "safe" not in hook.last_dialog.informativeText()
    assert "The window keeps working" in hook.last_dialog.informativeText()
    hook.last_dialog = None
    failure = OperationalError("SELECT ...", {}, sqlite3.DatabaseError("database disk image is malformed"))
    with qtbot.waitSignal(window.databaseOpened, timeout=20000) as opened:
        hook(OperationalError, failure, None)
        assert hook.last_dialog is None  # the window's check answers, not a generic dialog
        assert window.health.state == "checking"
    assert window.health.state == "reopened"
    qtbot.addWidget(opened.args[0])
    wait_for_workers()
