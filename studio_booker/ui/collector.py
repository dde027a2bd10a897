"""When Python's full garbage collections run: while the timeline is still, not during a scroll.

A full collection scans every object the cycle collector tracks, with the GIL held. The main
window keeps tens of thousands of them (a month's bookings list, the conflicts report and the
bookings in it): one full collection took 15-19 ms on the 200,000-booking lot, on whichever
thread happened to allocate at that moment, often in the middle of a scroll. That is more
than a frame. Python starts one whenever enough younger collections have run.

While a main window is open, an IdleCollector turns Python's automatic full collections off.
It runs them itself, once they are due (as many middle-generation collections as Python waits
for) and the timeline has been still for IDLE_S. In long continuous use, MAX_WAIT_S after the
last one a shorter pause will do (SHORT_IDLE_S: a coordinator's hand leaves the wheel that long
all the time), and LAST_RESORT_S after it, it runs whatever the timeline does, so garbage
cycles never pile up.
Young and middle collections are unchanged: they are short, and the timeline already keeps
them out of its frames (see timeline.py).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

IDLE_S = 2.0  # the timeline still this long: a full collection, if due, runs now
MAX_WAIT_S = 60.0  # this long after the last one: a shorter pause will do
SHORT_IDLE_S = 0.3
LAST_RESORT_S = 300.0  # this long after the last one: it runs, scrolling or not
CHECK_MS = 500
NO_AUTOMATIC = 1_000_000  # the third threshold while a collector is installed: never reached

_installed = 0
_saved_threshold: tuple[int, int, int] | None = None


def _take_over() -> int:
    """Turn automatic full collections off (the first collector); returns Python's threshold."""
    global _installed, _saved_threshold
    if _installed == 0:
        _saved_threshold = gc.get_threshold()
        gc.set_threshold(_saved_threshold[0], _saved_threshold[1], NO_AUTOMATIC)
    _installed += 1
    assert _saved_threshold is not None
    return _saved_threshold[2]


def _hand_back() -> None:
    """Python's own thresholds again, once the last collector is gone."""
    global _installed
    _installed -= 1
    if _installed == 0 and _saved_threshold is not None:
        gc.set_threshold(*_saved_threshold)


class IdleCollector(QObject):
    """Runs due full collections while the timeline is still. Call `activity()` on each scroll
    or zoom, and `close()` when the window closes."""

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._due_after = _take_over()  # middle collections between two full ones, as Python has it
        self._closed = False
        self._last_activity = self._last_full = clock()
        self.collections = 0  # how many this collector ran (tests, benchmarks)
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def activity(self, *_args: object) -> None:
        self._last_activity = self._clock()

    def check(self) -> bool:
        """Run the full collection if it is due and now is a good time; True if it ran."""
        if self._closed or gc.get_count()[2] < self._due_after:
            return False
        now = self._clock()
        still, waited = now - self._last_activity, now - self._last_full
        if not (still >= IDLE_S or (waited >= MAX_WAIT_S and still >= SHORT_IDLE_S)
                or waited >= LAST_RESORT_S):
            return False
        gc.collect()
        self._last_full = self._clock()
        self.collections += 1
        return True

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._timer.stop()
            _hand_back()
