"""What the window does when the database fails under it: stop writing, check, tell the truth.

A database error (disk I/O, "database disk image is malformed", a lost file) in any
read or write of the window comes here first (`MainWindow.report_error`, the
exception hook, the timeline's failed reads). Then:

1. every write through the window's engine is refused from now on
   (storage.engine.stop_writes) and the window turns read-only, with a banner;
2. `PRAGMA quick_check` runs off the GUI thread on a connection of its own;
3. if it passes, the coordinator is told so and the database is reopened in a new
   window; if it fails, the window stays read-only and says where the last good
   backup is. Nothing claims the data is safe unless the check said so.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from ..domain.timeutil import short_local
from ..services.health import HealthReport, check_database, is_database_failure
from ..storage.engine import stop_writes
from .errors import summary
from .workers import Worker

if TYPE_CHECKING:
    from .main_window import MainWindow

OK, CHECKING, REOPENED, DAMAGED = "ok", "checking", "reopened", "damaged"


def damaged_text(report: HealthReport, tz: tzinfo) -> str:
    """What to tell the coordinator when the check fails: the finding and the last good backup."""
    from ..services.backups import backups_dir, last_good_backup

    where = str(report.path) if report.path is not None else "The database"
    text = (f"{where} failed its check (PRAGMA quick_check: {report.details}). "
            "This window has stopped writing to it, so nothing more is changed.")
    backup = last_good_backup(report.path) if report.path is not None else None
    if backup is None:
        return text + f"\n\nNo backup of this database was found in {backups_dir()}."
    when = short_local(backup.taken_utc, tz)
    return (text + f"\n\nThe last good backup is {backup.path} (taken {when} lot time, "
            f"{backup.bookings} bookings). File ▸ Restore backup… restores it as a new file, "
            "which you can then open.")


class DatabaseHealth(QObject):
    """One per window. `state`: ok, checking, reopened (after a passed check) or damaged."""

    checked = Signal(object)  # the HealthReport

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.state = OK
        self.report: HealthReport | None = None
        self.cause: BaseException | None = None
        self.box: QMessageBox | None = None

    def handle(self, exc: BaseException) -> bool:
        """Take `exc` if it is a failure of the database itself; True if taken."""
        if not is_database_failure(exc):
            return False
        if self.state != OK:
            return True  # already stopped and checking (or checked)
        self.state, self.cause = CHECKING, exc
        stop_writes(self.window.engine, f"a database error: {summary(exc)}")
        self.window.set_read_only("Writes stopped after a database error; checking the database file…")
        worker = Worker(check_database, str(self.window.engine.url), owner=self.window)
        worker.finished.connect(self._checked)
        worker.failed.connect(lambda err: self._checked(HealthReport(False, summary(err), None)))
        worker.start()
        return True

    def _checked(self, report: HealthReport) -> None:
        self.report = report
        w = self.window
        if report.ok:
            self.state = REOPENED
            text = (f"A database error stopped this window's writes ({summary(self.cause or Exception())}). "
                    f"The database then passed its check (PRAGMA quick_check: {report.details}) and was "
                    "reopened. The change you were making when the error came may not have been saved: "
                    "please check it.")
            self.checked.emit(report)
            reopened = w.open_database_file(w.db_label) if w.db_label else None
            if reopened is not None:
                self.box = reopened.show_notice("Database checked and reopened", text,
                                                headline="The database passed its check and was reopened.")
            else:
                w.set_read_only("Writes stopped: the database could not be reopened")
                self.box = w.show_notice("Database checked", text)
            return
        self.state = DAMAGED
        text = damaged_text(report, w.tz)
        w.set_read_only("Writes stopped: the database file failed its check (see the message)")
        self.checked.emit(report)
        self.box = w.show_notice("The database is damaged", text, QMessageBox.Icon.Critical,
                                 headline="The database file is damaged. Nothing more is written to it.")
