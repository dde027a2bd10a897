"""Interpreter tuning for the window, in one place: each piece only on the Pythons it was measured on.

The pieces below were measured on CPython 3.11 (Debian 12's Python) with the benchmarks named
beside each. Python 3.14's incremental cycle collector changes what `gc.collect(1)` and the
collection thresholds mean, and a Python without the GIL has no switch interval, so on those
every function here does nothing and Python keeps its defaults. What a piece buys is measured,
not argued: run the benchmark named in its comment with and without it.
"""

from __future__ import annotations

import ctypes
import gc
import platform
import sys
import threading
from collections.abc import Callable

_PY = sys.version_info[:2]
MEASURED_ON = (3, 11)
GENERATIONAL_GC = _PY == MEASURED_ON  # only where it was measured; elsewhere Python's defaults
"""Three generations collected as in 3.11 (3.12 and 3.13 keep that collector); 3.14's is incremental."""
HAS_GIL = MEASURED_ON <= _PY and bool(getattr(sys, "_is_gil_enabled", lambda: True)())


# ---- the GIL switch interval -------------------------------------------------------------

SWITCH_INTERVAL_S = 0.001
# Buys: input events and paints wait less for the timeline's worker thread to hand over the GIL
# (Python's default interval is 5 ms); see benchmarks/bench_timeline.py, "Longest time the
# event loop could not react".


def tune_interpreter() -> None:
    """Set what this module tunes for the whole process (the window calls it once, at start)."""
    if HAS_GIL:
        sys.setswitchinterval(SWITCH_INTERVAL_S)


# ---- automatic collection held while the timeline paints or its worker reads -------------

class CollectorPause:
    """Automatic cycle collection off while any holder needs it off (a paint on the GUI thread,
    a job on the worker), on again when the last lets go. Two threads take and give back holds
    independently: a plain gc.disable()/gc.enable() pair on each would turn collection on again
    under the other. `active` False: entering and leaving do nothing."""

    def __init__(self, active: bool = GENERATIONAL_GC) -> None:
        self.active = active
        self._lock = threading.Lock()
        self._holds = 0
        self._was_enabled = True

    def __enter__(self) -> None:
        if not self.active:
            return
        with self._lock:
            if self._holds == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._holds += 1

    def __exit__(self, *_exc: object) -> None:
        if not self.active:
            return
        with self._lock:
            self._holds -= 1
            if self._holds == 0 and self._was_enabled:
                gc.enable()


collector_paused = CollectorPause()
# Buys: no young collection (which visits every new container, a cache miss each) lands in the
# middle of a frame or of a window read; see benchmarks/bench_timeline.py, the lag figures.


# ---- collections the worker runs itself, at its pauses ----------------------------------

def collect_young() -> None:
    """Between two chunks of a worker's job, once the view is not painting."""
    # Buys: the garbage of a chunk is collected while the GUI thread is idle, not in its next
    # frame; see benchmarks/bench_timeline.py, "zoom change ... worst".
    if GENERATIONAL_GC:
        gc.collect(0)


def collect_middle() -> None:
    """At the end of a worker's job, before the view hears of it."""
    # Buys: the young collections above move a window's containers into the middle generation;
    # collected here, the view's next automatic collection (right after a paint) has nothing of
    # them to scan; see benchmarks/bench_timeline.py, "zoom change ... worst".
    if GENERATIONAL_GC:
        gc.collect(1)


_frozen = False


def freeze_startup_objects() -> None:
    """Once per process, after the first frame: what is alive then (modules, Qt, the ORM, the
    catalogue) is left out of full collections. Objects stay freed by reference counting; only
    garbage cycles present at that moment would be kept."""
    global _frozen
    # Buys: a full collection triggered by a window read scans far fewer objects with the GIL
    # held; see benchmarks/bench_timeline.py, "zoom change ... worst".
    if GENERATIONAL_GC and not _frozen:
        _frozen = True
        gc.freeze()


# ---- the third generation's threshold: full collections run by the window, when still -----

NO_AUTOMATIC = 1_000_000
"""The third threshold while the window runs full collections itself: never reached."""
_holders = 0
_saved_threshold: tuple[int, int, int] | None = None


def hold_full_collections() -> int | None:
    """Turn Python's automatic full collections off (counted: the last `release_full_collections`
    turns them on again). Returns how many middle-generation collections Python waits for
    between two full ones, or None where this is not done (Python runs them as it always does)."""
    global _holders, _saved_threshold
    # Buys: a full collection (every tracked object, the GIL held) runs while the timeline is
    # still instead of in the middle of a scroll; see benchmarks/bench_window.py.
    if not GENERATIONAL_GC:
        return None
    if _holders == 0:
        _saved_threshold = gc.get_threshold()
        gc.set_threshold(_saved_threshold[0], _saved_threshold[1], NO_AUTOMATIC)
    _holders += 1
    assert _saved_threshold is not None
    return _saved_threshold[2]


def release_full_collections() -> None:
    """Give back one hold; Python's own thresholds again once the last is given back."""
    global _holders
    if not GENERATIONAL_GC or _holders == 0:
        return
    _holders -= 1
    if _holders == 0 and _saved_threshold is not None:
        gc.set_threshold(*_saved_threshold)


def full_collection_due(due_after: int) -> bool:
    """As many middle-generation collections have run since the last full one as Python waits for."""
    return GENERATIONAL_GC and gc.get_count()[2] >= due_after


def collect_full() -> None:
    gc.collect()


# ---- handing freed heap pages back -------------------------------------------------------

def _malloc_trim() -> Callable[[], object]:
    """glibc's malloc_trim where the C library is glibc; elsewhere (Windows, macOS, musl) nothing."""
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return lambda: None
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    return lambda: trim(0)


release_freed_memory = _malloc_trim()
# Buys: after a replaced window of bars is freed, glibc gives the heap pages back instead of
# keeping them fragmented; see benchmarks/soak_gui.py, "growth".
