"""Input: clicks, drags, double-clicks, the context menu, hover, tooltips, the wheel and keys.

Everything here answers from the bars shown; nothing waits for the database. Two cases need
the database's answer, and get it without blocking:
- right after a reload (a save, another coordinator's change) the bars shown may be out of
  date, and a click must act on the bookings as they are: input on the bars is kept, in order,
  until the reload lands, then handled (Escape drops it);
- a tooltip reads the booking and its conflicts: it says CHECKING at once, and its text when
  the worker has it, if the pointer has not left the bar meanwhile.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QToolTip

from .jobs import ask
from .painter import BarItem
from .rows import ROW_H
from .texts import CHECKING, hover_status, read_tooltip

if TYPE_CHECKING:
    from .view import TimelineView

EDGE_PX = 5  # grab zone of a bar's ends
MAX_KEPT = 500  # input kept while a reload is read, at most (moves beyond are dropped)


class Input(NamedTuple):
    kind: str  # "press" | "move" | "release" | "double" | "context"
    pos: QPointF
    button: Qt.MouseButton
    ctrl: bool
    global_pos: QPoint


class Interaction(QObject):
    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self._kept: list[Input] = []  # input waiting for a reload to land
        self._hover_id = -1
        self._tip: tuple[int, QPoint] | None = None  # (booking id, where) of the tooltip asked for

    # ---- hit test ----------------------------------------------------------------------------

    @staticmethod
    def hit(items: list[BarItem], pos: QPointF) -> tuple[BarItem, str] | None:
        """The last of `items` under `pos` (items painted later lie on top) and the part hit."""
        for item in reversed(items):
            rect = item.rect
            if rect.adjusted(-2, 0, 2, 0).contains(pos):
                if rect.width() >= 3 * EDGE_PX:
                    if pos.x() <= rect.left() + EDGE_PX:
                        return item, "left"
                    if pos.x() >= rect.right() - EDGE_PX:
                        return item, "right"
                return item, "body"
        return None

    # ---- input kept while a reload is read ---------------------------------------------------

    def pending(self) -> bool:
        return bool(self._kept)

    def drop_pending(self) -> None:
        self._kept.clear()

    def _keep(self, kind: str, pos: QPointF, button: Qt.MouseButton = Qt.MouseButton.NoButton,
              ctrl: bool = False, global_pos: QPoint | None = None) -> bool:
        """Keep this input for later if a reload is being read (or input is kept already)."""
        if not self._kept and not self.view.loader.reload_pending():
            return False
        if kind == "move" and (not self._kept or len(self._kept) >= MAX_KEPT):
            return bool(self._kept)  # hovering meanwhile: nothing to keep
        self._kept.append(Input(kind, QPointF(pos), button, ctrl, QPoint(global_pos or QPoint())))
        return True

    def replay(self) -> None:
        """The reload landed (or failed): handle the input kept meanwhile, in order, until the
        next reload is asked for (a drop's save asks for one)."""
        while self._kept and not self.view.loader.reload_pending():
            i = self._kept.pop(0)
            if i.kind == "press":
                self._press(i.pos, i.button, i.ctrl)
            elif i.kind == "move":
                self._move(i.pos)
            elif i.kind == "release":
                self._release(i.button, i.ctrl)
            elif i.kind == "double":
                self._double(i.pos, i.button)
            else:
                self._context(i.pos, i.global_pos)

    # ---- events ------------------------------------------------------------------------------

    def press(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self.view.setFocus()
        ctrl = bool(e.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if not self._keep("press", e.position(), e.button(), ctrl):
            self._press(e.position(), e.button(), ctrl)

    def move(self, e: QMouseEvent) -> None:
        if not self._keep("move", e.position()):
            self._move(e.position())

    def release(self, e: QMouseEvent) -> None:
        ctrl = bool(e.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if not self._kept or not self._keep("release", e.position(), e.button(), ctrl):
            self._release(e.button(), ctrl)

    def double_click(self, e: QMouseEvent) -> None:
        if not self._keep("double", e.position(), e.button()):
            self._double(e.position(), e.button())

    def context_menu(self, e: QContextMenuEvent) -> None:
        if not self._keep("context", QPointF(e.pos()), global_pos=e.globalPos()):
            self._context(QPointF(e.pos()), e.globalPos())

    def left(self) -> None:
        """The pointer left the viewport: a tooltip on its way is no longer wanted."""
        self._tip = None
        self._hover_id = -1

    def wheel(self, e: QWheelEvent) -> None:
        """Ctrl: zoom around the pointer; Shift (or a sideways wheel): scroll in time; else rows."""
        v = self.view
        delta = e.angleDelta().y() or e.angleDelta().x()
        mods = e.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            if delta > 0:
                v.zoom_in(anchor_x=e.position().x())
            elif delta < 0:
                v.zoom_out(anchor_x=e.position().x())
        elif mods & Qt.KeyboardModifier.ShiftModifier or (e.angleDelta().y() == 0 and e.angleDelta().x()):
            v.hbar.setValue(v.hbar.value() - int(delta / 120 * v.hbar.singleStep()))
        else:
            v.vbar.setValue(v.vbar.value() - int(delta / 120 * 3 * ROW_H))
        e.accept()

    def key(self, e: QKeyEvent) -> bool:
        """Escape (ends a drag), arrows, pages, +/- (zoom), Home (today); False: not ours."""
        v = self.view
        k = e.key()
        h, b = v.hbar, v.vbar
        if k == Qt.Key.Key_Escape and (v.drag.dragging() or self.pending()):
            self.drop_pending()
            v.drag.cancel()
            v.statusMessage.emit("drag cancelled")
        elif k in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            h.setValue(h.value() + (h.singleStep() if k == Qt.Key.Key_Right else -h.singleStep()))
        elif k in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            b.setValue(b.value() + (ROW_H if k == Qt.Key.Key_Down else -ROW_H))
        elif k in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            b.setValue(b.value() + (b.pageStep() if k == Qt.Key.Key_PageDown else -b.pageStep()))
        elif k in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            v.zoom_in()
        elif k in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            v.zoom_out()
        elif k == Qt.Key.Key_Home:
            v.go_to_today()
        else:
            return False
        return True

    # ---- what they do ------------------------------------------------------------------------

    def _press(self, pos: QPointF, button: Qt.MouseButton, ctrl: bool) -> None:
        v = self.view
        if button != Qt.MouseButton.LeftButton:
            if button == Qt.MouseButton.RightButton:
                hit = v.bar_at(pos)
                if hit is not None and hit[0].bar.id not in v.selected_bookings():
                    v.select_bookings([hit[0].bar.id])
            return
        i = v.row_at(int(pos.y()))
        if i is None:
            return
        row = v.rows()[i]
        if row.resource is None:
            v.toggle_group(row.group)
            return
        hit = v.bar_at(pos)
        t = v.time_at(pos.x())
        if hit is None:
            if v.is_read_only():
                v.select_bookings([])
                return
            v.drag.begin("create", pos, t, row.resource.id)
            return
        item, part = hit
        bid = item.bar.id
        selected = v.selected_bookings()
        if ctrl:
            v.select_bookings([x for x in selected if x != bid] if bid in selected else selected + [bid])
            return
        if bid not in selected:
            v.select_bookings([bid])
        if item.ghost or v.is_read_only():
            return  # waiting for its save, or nothing may change
        mode = {"body": "move", "left": "left", "right": "right"}[part]
        v.drag.begin(mode, pos, t, item.bar.resource_id, item.bar)

    def _move(self, pos: QPointF) -> None:
        if not self.view.drag.move(pos):
            self._hover(pos)

    def _release(self, button: Qt.MouseButton, ctrl: bool) -> None:
        self.view.drag.release(button == Qt.MouseButton.LeftButton, ctrl)

    def _double(self, pos: QPointF, button: Qt.MouseButton) -> None:
        hit = self.view.bar_at(pos)
        if hit is not None and button == Qt.MouseButton.LeftButton:
            self.view.drag.current = None
            self.view.bookingActivated.emit(hit[0].bar.id)

    def _context(self, pos: QPointF, global_pos: QPoint) -> None:
        hit = self.view.bar_at(pos)
        self.view.contextMenuRequested.emit(hit[0].bar.id if hit else -1, global_pos)

    def _hover(self, pos: QPointF) -> None:
        v = self.view
        hit = v.bar_at(pos)
        vp = v.viewport()
        if hit is None:
            vp.unsetCursor()
            bid = -1
        else:
            vp.setCursor(Qt.CursorShape.SizeHorCursor if hit[1] != "body" else Qt.CursorShape.OpenHandCursor)
            bid = hit[0].bar.id
        if bid != self._hover_id:
            self._hover_id = bid
            if self._tip is not None and self._tip[0] != bid:
                self._tip = None  # moved off the bar: its tooltip is not wanted any more
            if hit is not None:
                v.statusMessage.emit(hover_status(hit[0].bar, v.source.tz))

    # ---- tooltips ----------------------------------------------------------------------------

    def tooltip(self, e: QHelpEvent) -> None:
        v = self.view
        hit = v.bar_at(QPointF(e.pos()))
        if hit is None:
            self._tip = None
            QToolTip.hideText()
            return
        bar = hit[0].bar
        where = QPoint(e.globalPos())
        self._tip = (bar.id, where)
        self._hover_id = bar.id
        QToolTip.showText(where, CHECKING, v.viewport())
        ask(v, v.gate.flag, read_tooltip, v.source, bar.id, bar,
            done=partial(self._tooltip_read, bar.id, where),
            failed=partial(self._tooltip_failed, bar.id))

    def _tooltip_read(self, booking_id: int, where: QPoint, text: object) -> None:
        if self._tip is not None and self._tip[0] == booking_id:
            QToolTip.showText(where, str(text), self.view.viewport())

    def _tooltip_failed(self, booking_id: int, exc: BaseException) -> None:
        if self._tip is not None and self._tip[0] == booking_id:
            QToolTip.showText(self._tip[1], f"could not read booking #{booking_id}: {exc}",
                              self.view.viewport())
        self.view.readFailed.emit(exc)
