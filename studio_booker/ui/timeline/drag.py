"""The drag controller: creating, moving and resizing bookings with the mouse.

A drag snaps to the zoom's step, shows a ghost where it would land and asks the rules whether
the drop would be saved. That question reads the database, so it runs on the thread pool
(jobs.ask), once the pointer has rested CHECK_DELAY_MS at a position; the answer is cached per
position, and the ghost's colour and the status line follow when it comes (grey until then).
The drop itself is a request (moveRequested); the bar is drawn at its dropped place until the
save is read back (or snap_back).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen

from ..timeline_source import Bar
from .jobs import ask
from .painter import BarItem
from .rows import BAR_PAD, ROW_H
from .styles import CONFLICT_RED, CREATE_FILL, GHOST_OK, GHOST_UNKNOWN, SELECT_BLUE
from .texts import drop_status

if TYPE_CHECKING:
    from .view import TimelineView

DRAG_START_PX = 4
CHECK_DELAY_MS = 120  # the drop check waits until the pointer rests this long
GHOST_OPACITY = 0.85
Key = tuple[int, int, int, int]  # (booking id, resource id, start, end)


@dataclass
class Drag:
    mode: str  # "create" | "move" | "left" | "right"
    press: QPointF
    press_time: int
    resource_id: int
    bar: Bar | None = None
    active: bool = False  # moved further than DRAG_START_PX
    start: int = 0
    end: int = 0

    def key(self) -> Key:
        return (self.bar.id if self.bar else -1, self.resource_id, self.start, self.end)


class DragController(QObject):
    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self.current: Drag | None = None
        self._drop: Key | None = None  # a dropped bar awaiting its save
        self._checks: dict[Key, str | None] = {}  # the rules' answers, by position
        self._asked: set[Key] = set()  # questions on their way
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self._check)

    # ---- read-outs ---------------------------------------------------------------------------

    def dragging(self) -> bool:
        return self.current is not None

    def dragged_bar_id(self) -> int:
        """The id of the bar being dragged (moved past DRAG_START_PX), or -1."""
        d = self.current
        return d.bar.id if d is not None and d.bar is not None and d.active else -1

    def dropped(self) -> Key | None:
        return self._drop

    def is_checking(self) -> bool:
        """True while a drop check is on its way or waits for the pointer to rest."""
        return bool(self._asked) or self._timer.isActive()

    def ghost(self) -> dict[str, Any] | None:
        """The bar being dragged: where it would land and what the rules say (ok None: not
        known yet)."""
        d = self.current
        if d is None or not d.active:
            return None
        key = d.key()
        ok: bool | None = True
        reason = None
        if d.bar is not None:
            if key in self._checks:
                reason = self._checks[key]
                ok = reason is None
            else:
                ok = None
        return {"mode": d.mode, "booking_id": key[0], "resource_id": d.resource_id,
                "start": d.start, "end": d.end, "ok": ok, "reason": reason}

    def dropped_item(self, first: int, last: int, sel: set[int]) -> BarItem | None:
        """A dropped bar, drawn where it was dropped until the save lands (or snap_back)."""
        if self._drop is None:
            return None
        v = self.view
        bid, rid, start, end = self._drop
        window = v.loader.window
        bar = None if window is None else window.bar(bid)
        at = v.row_layout.row_of.get(rid)
        if bar is None or at is None or not first <= at < last:
            return None
        moved = bar._replace(resource_id=rid, start=start, end=end)
        return v.painter.item(moved, v.row_y(at), 0, 1, bid in sel, True)

    # ---- the drag ------------------------------------------------------------------------------

    def begin(self, mode: str, pos: QPointF, when: int, resource_id: int, bar: Bar | None = None) -> None:
        self.current = Drag(mode, pos, when, resource_id, bar,
                            start=bar.start if bar else 0, end=bar.end if bar else 0)

    def cancel(self) -> bool:
        """Escape: the drag ends without a request; True if there was one."""
        if self.current is None:
            return False
        self.current = None
        self._timer.stop()
        self.view.viewport().update()
        return True

    def move(self, pos: QPointF) -> bool:
        """The pointer moved with a drag under way (False: none is)."""
        d = self.current
        if d is None:
            return False
        if not d.active:
            if (pos - d.press).manhattanLength() < DRAG_START_PX:
                return True
            d.active = True
        v = self.view
        t = v.time_at(pos.x())
        step = v.scale.snap_step()
        snap = v.scale.snap
        if d.mode == "create":
            a, b = snap(d.press_time), snap(t)
            if a == b:
                b = a + step if t >= d.press_time else a - step
            d.start, d.end = min(a, b), max(a, b)
        elif d.bar is not None:
            bar = d.bar
            if d.mode == "move":
                d.start = snap(bar.start + (t - d.press_time))
                d.end = d.start + (bar.end - bar.start)
                i = v.row_at(int(pos.y()))
                res = v.row_layout.rows[i].resource if i is not None else None
                if res is not None and res.kind == v.row_layout.kind_of(bar.resource_id):
                    d.resource_id = res.id
            elif d.mode == "left":
                d.start = min(snap(t), bar.end - step)
                d.end = bar.end
            else:
                d.start = bar.start
                d.end = max(snap(t), bar.start + step)
            self._schedule()
        v.viewport().update()
        return True

    def release(self, left_button: bool, ctrl: bool) -> None:
        """The button came up: a create or move request, or a click that clears the selection."""
        d = self.current
        self.current = None
        self._timer.stop()
        v = self.view
        if d is None or not left_button:
            return
        v.viewport().update()
        if not d.active:
            if d.mode == "create" and not ctrl:
                v.select_bookings([])
            return
        if d.mode == "create":
            v.createRequested.emit(d.resource_id, d.start, d.end)
            return
        bar = d.bar
        if bar is None or (d.resource_id, d.start, d.end) == (bar.resource_id, bar.start, bar.end):
            return
        reason = self._checks.get(d.key())
        if reason:
            v.statusMessage.emit(reason)
        self._drop = d.key()
        v.moveRequested.emit(bar.id, d.resource_id, d.start, d.end, bar.version)

    def snap_back(self) -> None:
        self._drop = None
        self.current = None
        self.view.viewport().update()

    def data_changed(self) -> None:
        """A reload was asked for: answers given before may no longer hold."""
        self._checks.clear()

    def saved(self) -> None:
        """The reload after a drop landed: the bar is where the database has it."""
        self._drop = None

    # ---- the drop check ------------------------------------------------------------------------

    def _schedule(self) -> None:
        d = self.current
        if d is None or d.bar is None:
            return
        if d.key() in self._checks:
            self._report(d.key())
        else:
            self._timer.start()

    def _check(self) -> None:
        d = self.current
        if d is None or d.bar is None or not d.active:
            return
        key = d.key()
        if key in self._checks:
            self._report(key)
            return
        if key in self._asked:
            return
        self._asked.add(key)
        v = self.view
        ask(v, v.gate.flag, v.source.check_drop, *key,
            done=partial(self._answered, key), failed=partial(self._failed, key))

    def _answered(self, key: Key, reason: object) -> None:
        self._asked.discard(key)
        self._checks[key] = None if reason is None else str(reason)
        d = self.current
        if d is not None and d.active and d.key() == key:
            self._report(key)
            self.view.viewport().update()

    def _failed(self, key: Key, exc: BaseException) -> None:
        self._asked.discard(key)
        self.view.statusMessage.emit(f"could not check the drop: {exc}")
        self.view.readFailed.emit(exc)

    def _report(self, key: Key) -> None:
        self.view.statusMessage.emit(drop_status(self._checks[key], key[2], key[3], self.view.source.tz))

    # ---- painting ------------------------------------------------------------------------------

    def paint_ghost(self, p: QPainter) -> None:
        g, d = self.ghost(), self.current
        if g is None or d is None:
            return
        v = self.view
        i = v.row_layout.row_of.get(d.resource_id)
        if i is None:
            return
        y = v.row_y(i)
        if d.bar is None:  # creating: a plain outline
            rect = QRectF(v.x_of(d.start), y + BAR_PAD, v.x_of(d.end) - v.x_of(d.start), ROW_H - 2 * BAR_PAD)
            p.fillRect(rect, CREATE_FILL)
            p.setPen(QPen(SELECT_BLUE, 1.5, Qt.PenStyle.DashLine))
            p.drawRect(rect)
            return
        bar = d.bar._replace(resource_id=d.resource_id, start=d.start, end=d.end)
        item = v.painter.item(bar, y, 0, 1, False, True)
        ok = g["ok"]
        colour = QColor(GHOST_UNKNOWN if ok is None else GHOST_OK if ok else CONFLICT_RED)
        p.setOpacity(GHOST_OPACITY)
        v.painter.paint_bars(p, [item], outline=colour)
        p.setOpacity(1.0)
