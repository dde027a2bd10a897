# ruff: noqa: E402  (Qt settings must be pointed at a temporary folder before the app imports)
"""Take the README's screenshots of the window, the editor, the conflicts panel and the
timeline at quarter zoom over the crew rows.

    .venv/bin/python docs/screenshots/make_screenshots.py docs/screenshots

Runs offscreen on a fresh demo lot in a temporary folder (settings included).
"""

import os
import sys
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["STUDIO_BOOKER_NO_DEMO_PROMPT"] = "1"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

d = tempfile.mkdtemp()
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, d)
app = QApplication([])
from studio_booker.services import bookings, catalog
from studio_booker.services.bookings import BookingFilter
from studio_booker.services.demo import load_demo
from studio_booker.storage.engine import open_database
from studio_booker.ui.conflicts_panel import ConflictsPanel
from studio_booker.ui.editor import BookingEditor
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers


def settle(n=40):
    for _ in range(n):
        app.processEvents()
    wait_for_workers()
    for _ in range(n):
        app.processEvents()

out = sys.argv[1]
eng = open_database(d + "/demo.sqlite3")
load_demo(eng, "coordinator")
w = MainWindow(eng, d + "/demo.sqlite3", Preferences(), user="coordinator")
w.resize(1600, 1000)
w.show()
w.set_zoom("week")
settle()
# pick the first error item in the next weeks and jump to it from the panel
items = w.conflicts.model.rows()
from studio_booker.domain.timeutil import now_instant

pick = next((i for i, c in enumerate(items) if c.severity == "error" and c.start > now_instant()), 0)
src_row = pick
proxy_row = w.conflicts.proxy.mapFromSource(w.conflicts.model.index(src_row, 0)).row()
w.conflicts.select_row(proxy_row)
settle()
w.timeline.reload()
settle()
w.timeline.wait_for_reload()
settle()
w.grab().save(f"{out}/main_window.png")

# the editor: a confirmed booking on top of a confirmed one
c = items[pick]
stage_bookings = [b for b in bookings.find_bookings(eng, BookingFilter(kinds=("stage",), status="confirmed"))
                  if b.production]
target = None
for b in stage_bookings:
    r = catalog.get_resource(eng, b.resource_id)
    if r.area_m2 and 1000 <= r.area_m2 <= 3000 and b.start > now_instant():
        target = b
        break
target = target or stage_bookings[0]
ed = BookingEditor(eng, "coordinator", w, resource_id=target.resource_id, start=target.start + 4 * 3600,
                   end=target.start + 4 * 3600 + 3 * 86400)
prods = [p.name for p in catalog.list_productions(eng) if p.name != target.production]
ed.production_combo.setCurrentText(prods[0])
ed.status_combo.set_value("confirmed")
ed.refresh_check()
ed.resize(640, ed.sizeHint().height())
ed.show()
settle()
ed.grab().save(f"{out}/editor_refusal.png")
ed.reject()

p = ConflictsPanel(eng, w.tz)
p.resize(1400, 460)
p.show()
p.refresh()
settle()
p.grab().save(f"{out}/conflicts_panel.png")
# the timeline at quarter zoom over the crew rows: a shift a day, bars of a few pixels
tl = w.timeline
tl.set_zoom("quarter")
tl.verticalScrollBar().setValue(tl.verticalScrollBar().maximum())
settle()
while tl.is_fetching():  # the quarter's window is read in the background
    settle(5)
settle()
tl.grab().save(f"{out}/timeline_quarter.png")
print("ok", w.conflict_counts.text())
