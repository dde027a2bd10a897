"""When Python's full garbage collections run: while the timeline is still, not during a scroll.

A full collection scans every object the cycle collector tracks, with the GIL held, on
whichever thread happens to allocate at that moment: with the main window's lists and the
conflicts report alive, that is longer than a frame (benchmarks/bench_window.py). Python
starts one whenever enough younger collections have run.

While a main window is open, an IdleCollector turns Python's automatic full collections off
(`perf.hold_full_collections`). It runs them itself, once they are due (as many
middle-generation collections as Python waits for) and the timeline has been still for IDLE_S.
In long continuous use, MAX_WAIT_S after the last one a shorter pause will do (SHORT_IDLE_S: a
coordinator's hand leaves the wheel that long all the time), and LAST_RESORT_S after it, it
runs whatever the timeline does, so garbage cycles never pile up.
Young and middle collections are unchanged: they are short, and the timeline already keeps
them out of its frames (see ui/perf.py).

Where ui/perf.py does not tune the collector (a Python whose collector was not measured),
the IdleCollector does nothing: Python runs its full collections itself, as by default.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from . import perf
from .perf import NO_AUTOMATIC

__all__ = ["IdleCollector", "NO_AUTOMATIC"]

IDLE_S = 2.0  # the timeline still this long: a full collection, if due, runs now
MAX_WAIT_S = 60.0  # this long after the last one: a shorter pause will do
SHORT_IDLE_S = 0.3
LAST_RESORT_S = 300.0  # this long after the last one: it runs, scrolling or not
CHECK_MS = 500


class IdleCollector(QObject):
    """Runs due full collections while the timeline is still. Call `activity()` on each scroll
    or zoom, and `close()` when the window closes."""

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        # middle collections between two full ones, as Python has it; None: Python runs them
        self._due_after = perf.hold_full_collections()
        self._closed = False
        self._last_activity = self._last_full = clock()
        self.collections = 0  # how many this collector ran (tests, benchmarks)
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)
        if self._due_after is not None:
            self._timer.start()

    def is_active(self) -> bool:
        """True while this collector, not Python, runs the full collections."""
        return self._due_after is not None and not self._closed

    def activity(self, *_args: object) -> None:
        self._last_activity = self._clock()

    def last_activity(self) -> float:
        """When the timeline last scrolled or zoomed (the collector's clock)."""
        return self._last_activity

    def last_full_collection(self) -> float:
        """When this collector last ran a full collection (or was made)."""
        return self._last_full

    def check(self) -> bool:
        """Run the full collection if it is due and now is a good time; True if it ran."""
        if not self.is_active() or not perf.full_collection_due(self._due_after or 0):
            return False
        now = self._clock()
        still, waited = now - self._last_activity, now - self._last_full
        if not (still >= IDLE_S or (waited >= MAX_WAIT_S and still >= SHORT_IDLE_S)
                or waited >= LAST_RESORT_S):
            return False
        perf.collect_full()
        self._last_full = self._clock()
        self.collections += 1
        return True

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._timer.stop()
            if self._due_after is not None:
                perf.release_full_collections()
