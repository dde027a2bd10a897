# ruff: noqa: E402  (Qt settings must be pointed at a temporary folder before the app imports)
"""Screenshots of what keeps bookings safe: a file dialog on the database's folder, the window
after the database failed its check (read-only, with the last good backup named), and
File ▸ Restore backup….

    .venv/bin/python docs/screenshots/make_safety_screenshots.py docs/screenshots

Runs offscreen on a fresh demo lot in a temporary folder (settings and backups included).
"""

import os
import subprocess
import sys
import tempfile
from zoneinfo import ZoneInfo

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["STUDIO_BOOKER_NO_DEMO_PROMPT"] = "1"
d = tempfile.mkdtemp()
os.environ["XDG_DATA_HOME"] = d + "/data"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, d)
app = QApplication([])
from studio_booker.domain.timeutil import parse_instant
from studio_booker.services.backups import take_daily_backup
from studio_booker.services.demo import load_demo
from studio_booker.storage.engine import open_database
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers


def settle(n: int = 40) -> None:
    for _ in range(n):
        app.processEvents()
    wait_for_workers()
    for _ in range(n):
        app.processEvents()


out = sys.argv[1]
db = d + "/lot.sqlite3"
eng = open_database(db)
load_demo(eng, "coordinator")
for day in ("2026-11-28", "2026-11-30", "2026-12-01"):  # a few days of backups, as the window takes them
    take_daily_backup(eng, now=parse_instant(f"{day} 09:10", ZoneInfo("Asia/Shanghai")))
w = MainWindow(eng, db, Preferences(), user="coordinator")
w.resize(1400, 860)
w.show()
w.set_zoom("week")
settle()

# a file dialog of the window on the database's own folder: File ▸ Open…
w.open_action.trigger()
settle()
dialog = next(x for x in w.findChildren(QFileDialog) if x.isVisible())
dialog.setDirectory(d)
dialog.setViewMode(QFileDialog.ViewMode.Detail)
dialog.resize(820, 460)
for _ in range(20):
    dialog.grab()
    settle(5)
dialog.grab().save(f"{out}/file_dialog.png")
dialog.reject()
settle()

# Restore backup…
restore = w.restore_backup_dialog()
settle()
restore.grab().save(f"{out}/restore_backup.png")
restore.reject()
settle()

# the database file damaged under the window (by another process), then F5
w.engine.dispose()
subprocess.run([sys.executable, "-c", "import sqlite3, sys; sqlite3.connect(sys.argv[1])"
                ".execute('PRAGMA wal_checkpoint(TRUNCATE)')", db], check=True)
subprocess.run([sys.executable, "-c", "import sys; f = open(sys.argv[1], 'r+b'); f.seek(8192); "
                "f.write(bytes(range(256)) * 64); f.close()", db], check=True)
w.after_change()
for _ in range(100):
    settle(5)
    if w.health.box is not None:
        break
box = w.health.box
assert box is not None, "the check never answered"
box.grab().save(f"{out}/database_damaged.png")
w.grab().save(f"{out}/read_only_window.png")
print("ok:", w.health.state, "|", w.read_only_reason)
