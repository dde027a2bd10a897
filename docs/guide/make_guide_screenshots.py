# ruff: noqa: E402  (Qt settings must be pointed at a temporary folder before the app imports)
"""The user guide's pictures, in each language: the window, the booking editor, the conflicts
panel and the preferences.

    .venv/bin/python docs/guide/make_guide_screenshots.py

Runs offscreen on a fresh demo lot in a temporary folder (settings included); writes
docs/guide/<lang>/images/{window,editor,conflicts,preferences}.png.
"""

import os
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["STUDIO_BOOKER_NO_DEMO_PROMPT"] = "1"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

d = tempfile.mkdtemp()
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, d)
app = QApplication([])
from studio_booker.domain.timeutil import now_instant
from studio_booker.services import bookings
from studio_booker.services.bookings import BookingFilter
from studio_booker.services.demo import load_demo
from studio_booker.storage.engine import open_database
from studio_booker.ui.editor import BookingEditor
from studio_booker.ui.language import apply_language
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.preferences_dialog import PreferencesDialog
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers


def settle(n: int = 40) -> None:
    for _ in range(n):
        app.processEvents()
    wait_for_workers()
    for _ in range(n):
        app.processEvents()


GUIDE = Path(__file__).resolve().parent
eng = open_database(d + "/demo.sqlite3")
load_demo(eng, "coordinator")
soon = [b for b in bookings.find_bookings(eng, BookingFilter(kinds=("stage",), status="confirmed"))
        if b.production and b.start > now_instant()]
for lang in ("zh_CN", "ru", "en"):
    apply_language(lang)
    out = GUIDE / lang / "images"
    out.mkdir(parents=True, exist_ok=True)
    w = MainWindow(eng, d + "/demo.sqlite3", Preferences(), user="coordinator")
    w.resize(1600, 1000)
    w.show()
    w.set_zoom("week")
    w.timeline.go_to(soon[0].start)
    settle()
    w.timeline.wait_for_reload()
    settle()
    w.grab().save(str(out / "window.png"))
    w.conflicts.grab().save(str(out / "conflicts.png"))
    b = soon[0]
    ed = BookingEditor(eng, "coordinator", w, resource_id=b.resource_id, start=b.start + 4 * 3600,
                       end=b.start + 4 * 3600 + 2 * 86400)
    ed.show()
    settle()
    ed.grab().save(str(out / "editor.png"))
    ed.close()
    p = PreferencesDialog(w.prefs, w)
    p.show()
    settle()
    p.grab().save(str(out / "preferences.png"))
    p.close()
    w.close()
    settle()
print("written to", GUIDE)
