"""The timeline's worker jobs and the paint gate they wait at.

The view reads windows of bars on a one-thread pool (FetchJob) and frees replaced windows
there (DisposeJob). Python runs one thread at a time: a worker that computes while the GUI
thread paints makes the paint wait for the GIL. So every job waits at the PaintGate before
its first chunk and between chunks, while the view paints a frame (and from a scroll or zoom
until its frame is painted). Short questions for the database (a drop check, a tooltip) go to
the application's thread pool through `ask`, and wait at the gate before they start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QRunnable, QTimer, Signal

from ...services.views import ResourceView
from .. import perf
from ..timeline_source import TimelineSource, TimelineWindow
from ..workers import Worker

INPUT_HOLD_MS = 40  # the worker holds back at most this long for the frame of a scroll or zoom
PAINT_WAIT_S = 0.05  # a job waits at most this long for a paint to finish


class PaintGate(QObject):
    """Open while the view is not painting: the workers' jobs wait at it (see the module note).

    Closed from the first paint event of a frame until the event loop has handled the whole
    frame (the viewport, the name column and the axis, with Qt's work between them); and from
    a scroll or zoom until its frame is painted, INPUT_HOLD_MS at most (for a view that is not
    painted at all). `busy`: whether more of the frame is still to come (bands of rows)."""

    def __init__(self, parent: QObject, busy: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self.flag = threading.Event()  # what the jobs wait on (set: open)
        self.flag.set()
        self._busy = busy
        self._await_paint = False
        self._release_queued = False
        self._hold = QTimer(self, singleShot=True, interval=INPUT_HOLD_MS)
        self._hold.timeout.connect(self._release)

    def is_open(self) -> bool:
        return self.flag.is_set()

    def painting(self) -> None:
        """A paint begins: closed until this paint cycle is over."""
        self._await_paint = False
        self.flag.clear()
        if not self._release_queued:
            self._release_queued = True
            QTimer.singleShot(0, self._cycle_over)  # runs once this paint cycle is over

    def hold_for_input(self) -> None:
        """A scroll or zoom: closed until its frame is painted (Qt paints after the events
        queued, and two threads taking turns with the GIL would slow the GUI thread meanwhile)."""
        self._await_paint = True
        self.flag.clear()
        self._hold.start()

    def _cycle_over(self) -> None:
        self._release_queued = False
        if not self._await_paint and not self._busy():
            self.flag.set()

    def _release(self) -> None:
        self._await_paint = False
        if not self._release_queued:
            self.flag.set()


class Fetched(NamedTuple):
    window: TimelineWindow
    resources: list[ResourceView] | None  # a reload also reads the resources again
    tz: Any = None  # and the lot time zone (a tzinfo)


class FetchSignals(QObject):
    done = Signal(int, object)  # generation, a Fetched
    failed = Signal(int, object)  # generation, the exception


class Outcome:
    """What one fetch job produced, readable from the GUI thread once `finished` is set."""

    def __init__(self, gen: int) -> None:
        self.gen = gen
        self.result: Fetched | None = None
        self.exception: BaseException | None = None
        self.finished = threading.Event()


class GatedJob(QRunnable):
    """A job of the timeline's worker that waits at the gate before it starts and between
    chunks, with the cycle collector run only at those pauses (perf.collector_paused)."""

    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate

    def pause(self) -> None:
        """Between chunks of the work: wait while the view paints, then collect the young
        objects of the last chunk."""
        self.gate.wait(PAINT_WAIT_S)
        perf.collect_young()

    def finish(self) -> None:
        """At the end of the work, before the view hears of it: the middle generation too."""
        self.gate.wait(PAINT_WAIT_S)
        perf.collect_middle()

    def run(self) -> None:
        self.gate.wait(PAINT_WAIT_S)
        with perf.collector_paused:
            self.work()

    def work(self) -> None:
        raise NotImplementedError


class FetchJob(GatedJob):
    """Reads one window; with `resources`, the resource list and the time zone too (a reload).

    The outcome is also kept in `outcome`, so that a test or a tool can wait for a reload."""

    def __init__(self, source: TimelineSource, gen: int, start: int, end: int,
                 base: TimelineWindow | None, signals: FetchSignals, gate: threading.Event,
                 resources: bool = False) -> None:
        super().__init__(gate)
        self.source, self.gen, self.start, self.end, self.signals = source, gen, start, end, signals
        self.base = base  # immutable: safe to read on the worker
        self.resources = resources
        self.outcome = Outcome(gen)

    def work(self) -> None:
        out = self.outcome
        try:
            tz = self.source.read_tz() if self.resources else None
            res = self.source.resources() if self.resources else None
            window = self.source.fetch(self.start, self.end, base=self.base, pause=self.pause)
        except Exception as exc:  # reported in the status bar; the view keeps what it has
            out.exception = exc
            out.finished.set()
            self._tell(self.signals.failed, exc)
            return
        finally:
            self.base = None  # not kept alive by this job: the view frees it when replaced
        out.result = Fetched(window, res, tz)
        self.finish()
        out.finished.set()
        self._tell(self.signals.done, out.result)

    def _tell(self, signal: Any, value: object) -> None:
        try:
            signal.emit(self.gen, value)
        except RuntimeError:  # the view was closed while this was read: nobody to tell
            pass


class DisposeJob(GatedJob):
    """Frees a replaced window a chunk at a time, then hands the freed heap back."""

    def __init__(self, window: TimelineWindow, gate: threading.Event) -> None:
        super().__init__(gate)
        self.window: TimelineWindow | None = window

    def work(self) -> None:
        window, self.window = self.window, None
        if window is None:
            return
        pause = self.pause
        window.parts_of.clear()  # first: then by_resource holds the last references to the bars
        rows = window.by_resource
        while rows:
            for _ in range(min(8, len(rows))):  # a few hundred bars freed at a time
                rows.popitem()
            pause()
        window.lanes.clear()
        del window
        self.finish()
        perf.release_freed_memory()


def ask(owner: QObject, gate: threading.Event, fn: Callable[..., Any], *args: Any,
        done: Callable[[Any], None], failed: Callable[[BaseException], None] | None = None) -> Worker:
    """Run fn(*args) on the application's thread pool once the view is not painting; `done`
    (or `failed`) gets its result on the GUI thread, unless `owner` is gone by then."""

    def gated() -> Any:
        gate.wait(PAINT_WAIT_S)
        return fn(*args)

    worker = Worker(gated, owner=owner)
    worker.finished.connect(done)
    if failed is not None:
        worker.failed.connect(failed)
    return worker.start()
