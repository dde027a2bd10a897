"""Long work (reports, imports, the demo lot) off the GUI thread, with progress signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

ProgressFn = Callable[[int, int, str], None]


class Worker(QObject):
    """Runs `fn(*args, progress=..., **kwargs)` (or without `progress`) on the thread pool.

    Signals arrive on the GUI thread (the worker lives there): `progress(done, total, text)`
    (total 0 = unknown), then `finished(result)` or `failed(exception)`, then `done()`.
    """

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    done = Signal()
    # emitted on the pool thread; queued to the slots below, which run on the GUI thread
    _progress_from_thread = Signal(int, int, str)
    _result_from_thread = Signal(bool, object)

    _alive: set[Worker] = set()  # keep running workers from being collected

    def __init__(self, fn: Callable[..., Any], *args: Any, wants_progress: bool = False,
                 owner: QObject | None = None, **kwargs: Any) -> None:
        """`owner`: the widget the results are for; when it is gone by then, they are dropped."""
        super().__init__()
        self._owner = owner
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._wants_progress = wants_progress
        self.running = False
        self._progress_from_thread.connect(self._relay_progress)
        self._result_from_thread.connect(self._deliver)

    def start(self) -> Worker:
        self.running = True
        Worker._alive.add(self)
        QThreadPool.globalInstance().start(_Job(self))
        return self

    def _run(self) -> None:  # on a pool thread
        kwargs = dict(self._kwargs)
        if self._wants_progress:
            kwargs["progress"] = self._progress_from_thread.emit
        try:
            result = self._fn(*self._args, **kwargs)
        except Exception as exc:  # handed to the GUI thread, shown there
            self._result_from_thread.emit(False, exc)
        else:
            self._result_from_thread.emit(True, result)

    @Slot(int, int, str)
    def _relay_progress(self, done: int, total: int, text: str) -> None:
        self.progress.emit(done, total, text)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        self.running = False
        Worker._alive.discard(self)
        if self._owner is not None and not shiboken6.isValid(self._owner):
            return  # the window closed meanwhile: nobody to tell
        if ok:
            self.finished.emit(value)
        else:
            self.failed.emit(value)
        self.done.emit()


class _Job(QRunnable):
    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self._worker = worker

    def run(self) -> None:
        self._worker._run()


def wait_for_workers(msecs: int = 30000) -> bool:
    """Block until the pool is idle (used when closing the window)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
