"""The whole main window at scale (issue 3, part 8): what a coordinator sees, not just the timeline.

Opens the main window offscreen on a copy of the 200,000-booking lot, with the Lists dock
on the Bookings tab (it follows the timeline's period) and the conflicts panel, then
scrolls a month at month zoom, a step every 16 ms, while a 1 ms probe timer measures how
long the event loop could not react. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time

FRAME_S = 0.016


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["STUDIO_BOOKER_NO_DEMO_PROMPT"] = "1"
    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.common import START, scale_db

    folder = tempfile.mkdtemp()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)  # not the user's
    db = os.path.join(folder, "lot.sqlite3")
    shutil.copy(scale_db(200_000), db)  # the window may write (settings, a demo prompt): a copy
    app = QApplication([])

    from studio_booker.domain.timeutil import to_instant
    from studio_booker.storage.engine import open_database
    from studio_booker.ui.main_window import MainWindow
    from studio_booker.ui.perf import tune_interpreter
    from studio_booker.ui.prefs import Preferences
    from studio_booker.ui.workers import wait_for_workers

    tune_interpreter()
    engine = open_database(db)
    window = MainWindow(engine, db, Preferences(), user="benchmark")
    window.resize(1600, 1000)
    window.show()
    window.set_zoom("month")
    window.lists_dock.raise_()
    window.management.setCurrentWidget(window.management.bookings)
    window.timeline.go_to(to_instant(START, window.tz))
    page, timeline = window.management.bookings, window.timeline
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline and (
            timeline.is_fetching() or page.is_loading() or window.conflicts.is_refreshing()):
        app.processEvents()

    gaps: list[tuple[float, float]] = []  # (when the gap ended, from the start; its length)
    last = [time.perf_counter()]
    began = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - began[0], now - last[0]))
        last[0] = now

    probe = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=1)
    probe.timeout.connect(tick)
    hbar = timeline.horizontalScrollBar()
    steps = int(30 * 24 * timeline.pixels_per_hour()) // 30
    loop = QEventLoop()
    timers = []
    for i in range(steps):
        timer = QTimer(singleShot=True, timerType=Qt.TimerType.PreciseTimer, interval=i * 16)
        timer.timeout.connect(lambda: hbar.setValue(hbar.value() + 30))
        timer.start()
        timers.append(timer)
    QTimer.singleShot(steps * 16 + 1500, loop.quit)  # the list's read after the last step
    last[0] = began[0] = time.perf_counter()
    probe.start()
    loop.exec()
    probe.stop()
    print(f"database: {scale_db(200_000).name}, a copy; 1600x1000 offscreen")
    print(f"scrolling a month at month zoom ({steps} steps of 30 px, one per 16 ms), the bookings list "
          "and the conflicts panel shown:")
    scrolling_until = steps * 0.016 + 0.03  # the last step and its frame
    during = [g for at, g in gaps if at <= scrolling_until]
    after = [g for at, g in gaps if at > scrolling_until]
    for label, part in (("while scrolling", during), ("after (the list's read and refresh)", after),
                        ("the whole run", during + after)):
        ordered = sorted(part)
        p99 = ordered[int(0.99 * (len(ordered) - 1))]
        late = sum(1 for g in ordered if g > FRAME_S)
        print(f"  {label}: longest stall {ordered[-1] * 1000:.1f} ms, 99th percentile {p99 * 1000:.1f} ms, "
              f"{late} of {len(ordered)} ticks late (goal: none over {FRAME_S * 1000:.0f} ms)")
    print(f"  bookings listed at the end: {page.model.rowCount()} ({page.note.text()[:60]}…)")
    window.close()
    wait_for_workers()
    engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
