"""The window loader: which window of bars the view has, which it asks for, and when it lands.

Windows are read by generation: each read the view asks for gets the next number; a result
older than the window shown, or read before the data last changed (a reload), is dropped.
One read runs at a time: when it lands the view asks again for the window it needs then, so
a fast scroll never queues reads behind one another. A read asked for during a paint starts
once the frame is painted (the worker would compete with that paint for the GIL). The first
frame is read here, on the GUI thread (one quick query without conflict flags), so that it
comes complete; the flagged window with its margin follows on the worker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer

from ...services.timeline_data import END, ID, START
from ..timeline_source import TimelineSource, TimelineWindow
from .jobs import DisposeJob, Fetched, FetchJob, FetchSignals, Outcome
from .scale import HOUR

if TYPE_CHECKING:
    from .view import TimelineView

QUEUED_START_MS = 50  # a read asked for starts after the next paint, or after this at the latest


def in_view(window: TimelineWindow | None, resource_ids: list[int], t0: int, t1: int) -> list[object] | None:
    """What `window` gives the rows of `resource_ids` between t0 and t1 to paint, to compare: a
    window read for a scroll or a zoom mostly shows just what the one before showed, and then a
    dense view's costliest frame is not painted twice. None: not comparable (no flags yet)."""
    if window is None or not window.flagged:
        return None
    out: list[object] = []
    for rid in resource_ids:
        lone, others = window.parts(rid)
        out.append(lone.rows[bisect_right(lone.ends, t0):bisect_left(lone.starts, t1)])
        out += [(r, window.lanes.get(r[ID])) for r in others if r[START] < t1 and r[END] > t0]
    return out


def wanted_range(t0: int, t1: int, zoom: str) -> tuple[int, int]:
    """The window to read for the visible range [t0, t1): one margin either side, whole hours."""
    w = max(t1 - t0, HOUR)
    margin = w if zoom in ("day", "week") else w // 2
    return (t0 - margin) // HOUR * HOUR, -(-(t1 + margin) // HOUR) * HOUR


class WindowLoader(QObject):
    """Reads windows for the view and shows them when they land; `apply` swaps one in and frees
    the one it replaces on the worker."""

    def __init__(self, view: TimelineView, source: TimelineSource) -> None:
        super().__init__(view)
        self.view = view
        self.source = source
        self.gate = view.gate
        self.window: TimelineWindow | None = None
        self._req = 0  # last generation asked for
        self._applied = 0  # generation of the window shown
        self._pending: tuple[int, int] | None = None  # the range being read
        self._queued: tuple[int, int, int] | None = None  # (generation, start, end) of a read to start
        self._rescaled = False  # the zoom changed since the last read started
        self._reload_gen = 0  # generation of the last reload: older results are of stale data
        self._reload_job: Outcome | None = None  # the reload being read, until it is applied
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = FetchSignals()  # no parent: a job may outlive the view
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)

    # ---- state -------------------------------------------------------------------------------

    def is_fetching(self) -> bool:
        """True while bookings (a scroll, a reload, or the flags of the first frame) are read."""
        return (self._pending is not None or self._reload_job is not None
                or (self.window is not None and not self.window.flagged))

    def reload_pending(self) -> bool:
        """True from reload() until its window is applied: what is shown may be out of date."""
        return self._reload_job is not None

    def has_queued(self) -> bool:
        return self._queued is not None

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (closing, benchmarks)."""
        return self._pool.waitForDone(msecs)

    # ---- asking ------------------------------------------------------------------------------

    def ensure(self, visible: tuple[int, int], zoom: str, painted: bool, force_sync: bool = False) -> None:
        """Make sure a window covering the visible range (and its margin) is there or on its way."""
        t0, t1 = visible
        if not painted and not force_sync:
            # the first frame: the visible stretch only, bars without conflict flags (one quick
            # query); the flagged window with its margin follows off this thread
            if self.window is None or not self.window.covers(t0, t1):
                self._req += 1
                self.apply(self._req, self.source.fetch(t0, t1, flags=False))
            return
        if self._reload_job is not None and not force_sync:
            return  # the window shown is stale: what to read next is decided when the reload lands
        near = max(t1 - t0, HOUR) // 2
        if not force_sync:
            have = self.window
            if have is not None and have.flagged and have.covers(t0 - near, t1 + near):
                return
            if self._pending is not None:
                return  # one read at a time: when it lands, the view asks again
        lo, hi = wanted_range(t0, t1, zoom)
        self._req += 1
        if force_sync or self.window is None:
            self._reload_job = None
            self._reload_gen = self._req
            self.apply(self._req, self.source.fetch(lo, hi))
            self._pending = None
            return
        self._pending = (lo, hi)
        self._queued = (self._req, lo, hi)
        # started once the frame that asked for it is painted (the view calls start_queued after
        # its paint); the timer is for a view that is not painted (hidden)
        QTimer.singleShot(QUEUED_START_MS, self.start_queued)

    def start_queued(self) -> None:
        """Start the read `ensure` asked for (once: after the paint, or from the timer)."""
        queued, self._queued = self._queued, None
        if queued is None or queued[0] != self._req:
            return  # superseded meanwhile (a reload or a read on this thread)
        gen, lo, hi = queued
        base, self._rescaled = (None if self._rescaled else self.window), False
        self._pool.start(FetchJob(self.source, gen, lo, hi, base, self._signals, self.gate.flag))

    def rescaled(self) -> None:
        """The zoom changed: the next read is read whole, not around the window shown (a window
        at another zoom shares little with it, and a window made of two windows' tuples keeps
        the older one's pools half full: benchmarks/soak_gui.py, memory at the end)."""
        self._rescaled = True

    def reload(self) -> None:
        """Read the resources, the time zone and the window around the view again, on the worker;
        the window shown stays until the new one lands. Before the view has a window, here."""
        v = self.view
        self.source.forget()
        v.drag.data_changed()
        if self.window is None or not v.is_ready():
            self.source.refresh_settings()  # nothing shown yet: read here, as for the first frame
            v.scale.set_tz(self.source.tz)
            v.row_layout.set_resources(self.source.resources())
            v.rows_changed()
            v.drag.saved()
            self.window = None
            v.ensure_window(force_sync=True)
            v.viewport().update()
            return
        lo, hi = wanted_range(*v.visible_range(), v.scale.zoom)
        self._req += 1
        self._reload_gen = self._req
        self._pending = (lo, hi)
        job = FetchJob(self.source, self._req, lo, hi, None, self._signals, self.gate.flag, resources=True)
        self._reload_job = job.outcome
        self._pool.start(job)

    def wait_for_reload(self, timeout_s: float = 30.0) -> None:
        """Block until an outstanding reload is read and apply it (no-op when there is none).
        For tests and tools: the view itself never waits for the database."""
        job = self._reload_job
        if job is None or not job.finished.wait(timeout_s):
            return
        if job.result is not None:
            self._on_done(job.gen, job.result)
        elif self._reload_job is job:
            self._on_failed(job.gen, job.exception)

    def deliver(self, window: TimelineWindow) -> None:
        """Hand over a window read elsewhere, as a read of the worker would land (tests, tools)."""
        self._req += 1
        self._on_done(self._req, Fetched(window, None))

    # ---- landing -----------------------------------------------------------------------------

    def apply(self, gen: int, window: TimelineWindow) -> None:
        """Show `window`; the one it replaces is freed on the worker, after any read that still
        uses it as its base (freeing tens of thousands of tuples here would hold the GUI thread)."""
        self._applied = gen
        old, self.window = self.window, window
        if old is not None:
            self._pool.start(DisposeJob(old, self.gate.flag))

    def _on_done(self, gen: int, result: object) -> None:
        if gen == self._req:
            self._pending = None
        if gen <= self._applied or gen < self._reload_gen or not isinstance(result, Fetched):
            return  # superseded, or read before the data changed
        reload = gen == self._reload_gen
        if reload:
            self._reload_job = None
        self._land(gen, result, reload)

    def _land(self, gen: int, result: Fetched, reload: bool) -> None:
        """Show what was read; repaint only if it changes what is in view."""
        v = self.view
        if reload:
            v.drag.saved()  # a dropped bar is now where the database has it
            if result.tz is not None and result.tz != self.source.tz:
                self.source.use_tz(result.tz)
                v.time_zone_changed(result.tz)
            if result.resources is not None:
                v.row_layout.set_resources(result.resources)
                v.rows_changed()
        t0, t1 = v.visible_range()
        first, last = v.visible_row_span()
        ids = [r.resource.id for r in v.row_layout.rows[first:last] if r.resource is not None]
        before = None if reload or v.show_cancelled() else in_view(self.window, ids, t0, t1)
        self.apply(gen, result.window)
        if before is None or before != in_view(result.window, ids, t0, t1):
            v.bands.update_bars(moved=False)
        v.ensure_window()  # the view may have moved on while this was read
        if reload:
            v.input.replay()

    def _on_failed(self, gen: int, exc: object) -> None:
        if gen == self._req:
            self._pending = None
        if gen == self._reload_gen:
            if self._reload_job is None:
                return  # already reported (wait_for_reload)
            self._reload_job = None
        v = self.view
        v.statusMessage.emit(f"could not read bookings: {exc}")
        if isinstance(exc, BaseException):
            v.readFailed.emit(exc)
        v.input.replay()  # on what is shown
