"""TimelineView: the resource timeline's widget. Its signals, its public API and its events; the
work is delegated to the parts of this package (see its __init__)."""

from __future__ import annotations

from datetime import date, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from ...domain.timeutil import now_instant
from .. import perf
from ..timeline_source import TimelineSource, TimelineWindow
from ..zooms import ZOOM_ORDER
from .bands import BandScheduler
from .drag import DragController
from .interaction import Interaction
from .jobs import PaintGate
from .layouts import LABEL, SMALL, LabelPainter, TextLayouts
from .legend import Legend
from .loader import WindowLoader
from .margins import AXIS_H, NAME_W, Corner, NameColumn, TimeAxis
from .navigation import Navigator
from .painter import BarItem, BarPainter
from .probe import PaintLog
from .rows import KIND_TITLES, ROW_H, Row, RowLayout
from .scale import TimeScale
from .scrolling import ScrollRepaint
from .texts import read_tooltip

CJK_FONT = "WenQuanYi Micro Hei"


class TimelineView(QAbstractScrollArea):
    """The resource timeline (see docs/architecture.md)."""

    bookingActivated = Signal(int)
    # instants travel as Python ints (object): a 32-bit C++ int would overflow after 2038-01-19
    createRequested = Signal(int, object, object)
    moveRequested = Signal(int, int, object, object, int)
    contextMenuRequested = Signal(int, QPoint)
    selectionChanged = Signal(list)
    statusMessage = Signal(str)
    readFailed = Signal(object)  # the exception of a read of bookings that failed
    visibleRangeChanged = Signal(object, object)
    showCancelledChanged = Signal(bool)

    def __init__(self, source: TimelineSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.scale = TimeScale(source.tz)
        self.row_layout = RowLayout()
        self._selected: list[int] = []
        self._show_cancelled = False
        self._read_only = False  # no creating, moving or resizing by drag
        self._ready = False  # no read while the constructor runs (the viewport has no size yet)
        self._painted = False  # until the first paint, reads run here (a complete first frame)
        self._paints = 0
        self.paint_log: PaintLog | None = None
        font = self.font()
        font.setFamilies([font.family(), CJK_FONT])
        self.setFont(font)
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.75, 6.0))
        self._layouts = TextLayouts()
        self._layouts.set_font(LABEL, font)
        self._layouts.set_font(SMALL, small, bound_with=LABEL)  # one bound for bar labels, as before
        self.bands = BandScheduler(self)
        self.gate = PaintGate(self, busy=self.bands.is_painting)
        self.loader = WindowLoader(self, source)
        self.painter = BarPainter(self, LabelPainter(self, self._layouts))
        self.drag = DragController(self)
        self.scroller = ScrollRepaint(self)
        self.nav = Navigator(self)
        self.input = Interaction(self)
        self.hbar, self.vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setViewportMargins(NAME_W, AXIS_H, 0, 0)
        self._names = NameColumn(self)
        self._axis = TimeAxis(self)
        self._corner = Corner(self)
        self._legend: Legend | None = None
        self.vbar.valueChanged.connect(self._names.update)
        self.row_layout.set_resources(self.source.resources())
        self.rows_changed()
        self.nav.set_extent(now_instant())
        self.nav.update_scrollbars()
        self.go_to_today()
        self._ready = True

    # ---- zoom and what is shown --------------------------------------------------------------

    def set_zoom(self, name: str, anchor_x: float | None = None) -> None:
        self.nav.set_zoom(name, anchor_x)

    def zoom(self) -> str:
        return self.scale.zoom

    def pixels_per_hour(self) -> float:
        return self.scale.pph

    def zoom_in(self, anchor_x: float | None = None) -> None:
        i = ZOOM_ORDER.index(self.scale.zoom)
        if i > 0:
            self.set_zoom(ZOOM_ORDER[i - 1], anchor_x)

    def zoom_out(self, anchor_x: float | None = None) -> None:
        i = ZOOM_ORDER.index(self.scale.zoom)
        if i < len(ZOOM_ORDER) - 1:
            self.set_zoom(ZOOM_ORDER[i + 1], anchor_x)

    def set_read_only(self, read_only: bool) -> None:
        """Bookings can still be selected and opened, but not created, moved or resized by drag."""
        self._read_only = read_only
        if read_only:
            self.drag.cancel()

    def is_read_only(self) -> bool:
        return self._read_only

    def set_kinds(self, kinds: set[str]) -> None:
        self.row_layout.set_kinds(set(kinds) & set(KIND_TITLES))
        self.rows_changed()

    def kinds(self) -> set[str]:
        return set(self.row_layout.kinds)

    def set_show_cancelled(self, show: bool) -> None:
        """Show cancelled bookings too (faded, in lanes of their own), or hide them (the default)."""
        changed = show != self._show_cancelled
        self._show_cancelled = show
        self.painter.forget_lanes()
        self.viewport().update()
        if changed:
            self.showCancelledChanged.emit(show)

    def show_cancelled(self) -> bool:
        return self._show_cancelled

    def show_cancelled_action(self, parent: QWidget | None = None) -> QAction:
        """A checkable "Show cancelled bookings" action that follows and sets this view's switch."""
        action = QAction("Show &cancelled bookings", parent or self, checkable=True)
        action.setChecked(self._show_cancelled)
        action.toggled.connect(self.set_show_cancelled)
        self.showCancelledChanged.connect(action.setChecked)
        return action

    def collapsed_groups(self) -> list[str]:
        """The ids of the collapsed groups (see rows.group_id)."""
        return sorted(self.row_layout.collapsed)

    def set_collapsed_groups(self, groups: list[str]) -> None:
        """Collapse these groups (ids; older preferences' titles are read as their groups)."""
        self.row_layout.set_collapsed(groups)
        self.rows_changed()

    def toggle_group(self, gid: str) -> None:
        self.row_layout.toggle(gid)
        self.rows_changed()

    def go_to(self, instant: int) -> None:
        """Scroll so the instant is near the left edge."""
        self.nav.go_to(instant)

    def go_to_today(self) -> None:
        self.nav.go_to_today()

    def reveal(self, resource_id: int, start: int, end: int) -> bool:
        """Scroll to show that stretch of that row (expanding its group). False if the row is hidden."""
        return self.nav.reveal(resource_id, start, end)

    def select_bookings(self, ids: list[int]) -> None:
        new = list(dict.fromkeys(int(i) for i in ids))
        if new != self._selected:
            self._selected = new
            self.viewport().update()
            self.selectionChanged.emit(list(new))

    def selected_bookings(self) -> list[int]:
        return list(self._selected)

    # ---- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the resources, the lot's time zone and the bars around the visible window again
        (after any change), on the worker. The bars shown stay (a dropped bar at its dropped
        place) until the new ones arrive; `is_fetching()` is True meanwhile, and a click or drag
        on the bars waits for them (it acts on the data as the database has it)."""
        self.loader.reload()

    def wait_for_reload(self, timeout_s: float = 30.0) -> None:
        """Block until an outstanding reload is read and apply it. For tests and tools only: the
        view itself never waits for the database."""
        self.loader.wait_for_reload(timeout_s)

    def is_fetching(self) -> bool:
        """True while bookings (a scroll, a reload, or the conflict flags of the first frame) are read."""
        return self.loader.is_fetching()

    def is_painting(self) -> bool:
        """True while a costly frame is still being painted band by band."""
        return self.bands.is_painting()

    def labels_pending(self) -> bool:
        """True while bar labels drawn clipped wait to be laid out and painted again."""
        return self.painter.labels.pending()

    def input_pending(self) -> bool:
        """True while input on the bars waits for a reload to land."""
        return self.input.pending()

    def loaded_window(self) -> TimelineWindow | None:
        """The window of bars shown (what the last read that landed gave)."""
        return self.loader.window

    def fetched_range(self) -> tuple[int, int] | None:
        w = self.loader.window
        return (w.start, w.end) if w else None

    def has_painted(self) -> bool:
        """True once the first frame is painted."""
        return self._painted

    def snap_back(self, reason: str) -> None:
        """After a refused drop: the bar returns to where it was, the reason goes to the status bar."""
        self.drag.snap_back()
        self.statusMessage.emit(reason)

    def drag_ghost(self) -> dict[str, Any] | None:
        """The bar being dragged: where it would land and what the rules say (ok None = not known yet)."""
        return self.drag.ghost()

    # ---- rows and geometry -------------------------------------------------------------------

    def rows(self) -> list[Row]:
        return self.row_layout.rows

    def group_size(self, gid: str) -> int:
        return self.row_layout.sizes.get(gid, 0)

    def x_of(self, instant: int) -> float:
        return self.scale.x(instant, self.hbar.value())

    def time_at(self, x: float) -> int:
        return self.scale.time_at(x, self.hbar.value())

    def now(self) -> int:
        return now_instant()

    def visible_range(self) -> tuple[int, int]:
        return self.time_at(0), self.time_at(self.viewport().width())

    def row_y(self, index: int) -> int:
        return index * ROW_H - self.vbar.value()

    def row_at(self, y: int) -> int | None:
        return self.row_layout.row_at(y + self.vbar.value())

    def row_of_resource(self, resource_id: int) -> int | None:
        return self.row_layout.row_of.get(resource_id)

    def visible_row_span(self) -> tuple[int, int]:
        return self.row_layout.span(self.vbar.value(), self.viewport().height())

    def snap(self, instant: int) -> int:
        """The nearest snap point (15 min / 1 h / lot midnight, depending on zoom)."""
        return self.scale.snap(instant)

    def day_spans(self, t0: int, t1: int) -> list[tuple[date, float, float]]:
        return self.scale.day_spans(t0, t1, self.hbar.value())

    def month_spans(self, t0: int, t1: int) -> list[tuple[date, float, float]]:
        return self.scale.month_spans(t0, t1, self.hbar.value())

    # ---- the parts (tests, tools, the main window) -------------------------------------------

    def name_column(self) -> NameColumn:
        return self._names

    def time_axis(self) -> TimeAxis:
        return self._axis

    def corner(self) -> Corner:
        return self._corner

    def text_layouts(self) -> TextLayouts:
        return self._layouts

    def legend(self, parent: QWidget | None = None) -> Legend:
        """A new legend widget (what the bars' looks and marks mean)."""
        return Legend(self, parent)

    def show_legend(self, anchor: QWidget | None = None) -> Legend:
        """The legend as a popup, under `anchor` (default: the corner)."""
        if self._legend is None:
            self._legend = Legend(self, self)
        at = anchor or self._corner
        self._legend.popup(at.mapToGlobal(QPoint(0, at.height())))
        return self._legend

    def count_paint(self) -> None:
        self._paints += 1

    def paints(self) -> int:
        """How many paint events the view and its margins have had."""
        return self._paints

    def record_paints(self) -> PaintLog:
        """Record what the viewport's paints do from now on (a new log each call)."""
        log = self.paint_log = PaintLog(self)
        return log

    def stop_recording(self) -> None:
        self.paint_log = None

    # ---- what is painted ---------------------------------------------------------------------

    def visible_bars(self, wait: bool = True) -> list[BarItem]:
        """Every bar the viewport paints, with its rectangle and flags.

        `wait`: first wait for an outstanding reload (the bars as the database has them: tests
        and tools); False: exactly what is painted now (the previous bars while a reload is read)."""
        if wait:
            self.wait_for_reload()
        if self.loader.window is None:
            self.ensure_window(force_sync=True)
        return self.painter.visible_items()

    def bar_at(self, pos: QPointF) -> tuple[BarItem, str] | None:
        """The bar under a viewport point and the part hit: "body", "left" or "right"; from the
        bars shown (it never waits for a read). A stacked card over another is hit first."""
        items = sorted(self.visible_bars(wait=False), key=lambda i: i.layer)
        return self.input.hit(items, pos)

    def tooltip_text(self, booking_id: int) -> str:
        """A bar's tooltip text, read now. For tests and tools: it waits for the database (the
        view itself asks for it on the thread pool, see interaction.Interaction.tooltip)."""
        self.wait_for_reload()
        window = self.loader.window
        return read_tooltip(self.source, booking_id, window.bar(booking_id) if window else None)

    # ---- internals ---------------------------------------------------------------------------

    def rows_changed(self) -> None:
        """The rows shown changed (resources, kinds, collapsed groups)."""
        self.nav.update_scrollbars()
        self.viewport().update()
        self._names.update()
        if self._painted:
            QTimer.singleShot(0, self._names, self._names.lay_out_ahead)

    def ensure_window(self, force_sync: bool = False) -> None:
        if self._ready:
            self.loader.ensure(self.visible_range(), self.scale.zoom, self._painted, force_sync)

    def is_ready(self) -> bool:
        """False while the constructor runs (no read before the viewport has a size)."""
        return self._ready

    def time_zone_changed(self, tz: tzinfo) -> None:
        self.scale.set_tz(tz)
        self._corner.retitle()
        self._axis.update()

    # ---- events ------------------------------------------------------------------------------

    def paintEvent(self, e: QPaintEvent) -> None:
        self.gate.painting()
        self._paints += 1
        with perf.collector_paused:
            self.painter.paint_event(e)
        if not self._painted:
            self._painted = True
            perf.freeze_startup_objects()
            QTimer.singleShot(0, self, self.ensure_window)  # the flagged window with its margin
            QTimer.singleShot(0, self._names, self._names.lay_out_ahead)
        if self.loader.has_queued():
            QTimer.singleShot(0, self.loader, self.loader.start_queued)  # after the margins too

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        vg = self.viewport().geometry()
        self._names.setGeometry(vg.left() - NAME_W, vg.top(), NAME_W, vg.height())
        self._axis.setGeometry(vg.left(), vg.top() - AXIS_H, vg.width(), AXIS_H)
        self._corner.setGeometry(vg.left() - NAME_W, vg.top() - AXIS_H, NAME_W, AXIS_H)
        self.nav.resized()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.nav.scrolled(dx, dy)

    def wheelEvent(self, e: QWheelEvent) -> None:
        self.input.wheel(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if not self.input.key(e):
            super().keyPressEvent(e)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self.input.press(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        self.input.move(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        self.input.release(e)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        self.input.double_click(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        self.input.context_menu(e)

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            self.input.tooltip(e)
            return True
        if e.type() == QEvent.Type.Leave:
            self.input.left()
        return super().viewportEvent(e)
