"""The resource timeline: one row per resource, bookings as bars, fast on a 200,000-booking lot.

A QAbstractScrollArea whose viewport paints only the rows and bars it shows, from
the bars of the visible time window plus a margin (one indexed query through
TimelineSource.fetch, run on a worker thread once the first window is there, and
refetched only when the view nears the cached edge). Rows are arithmetic
(index x ROW_H); there is no item or widget per booking. The frozen name column and
the time axis are two small widgets in the scroll area's margins. A scroll step moves
the pixels already painted and paints only the strip it uncovers (scrollContentsBy).
"""

from __future__ import annotations

import ctypes
import gc
import sys
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import compress
from math import ceil, floor
from operator import itemgetter, sub
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QRegion,
    QResizeEvent,
    QStaticText,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from ..domain.timeutil import now_instant, short_local, to_instant, to_local
from ..services.timeline_data import (
    ACTIVITY,
    COLOR,
    END,
    ID,
    PRODUCTION,
    PRODUCTION_ID,
    RANK,
    SEVERITY,
    START,
    STATUS,
    Lanes,
    Lone,
    assign_lanes,
)
from ..services.views import ResourceView
from .timeline_source import Bar, TimelineSource, TimelineWindow

HOUR = 3600
DAY = 86400
ZOOMS: dict[str, float] = {"day": 60.0, "week": 8.0, "month": 1.5, "quarter": 0.5}  # pixels per hour
ZOOM_ORDER = ("day", "week", "month", "quarter")  # zoom_in goes left
SNAP: dict[str, int] = {"day": 15 * 60, "week": HOUR, "month": DAY, "quarter": DAY}
ROW_H = 32
NAME_W = 210
AXIS_H = 42
EDGE_PX = 5  # grab zone of a bar's ends
DRAG_START_PX = 4
CHECK_DELAY_MS = 120  # the drop check waits until the pointer rests this long
KIND_TITLES = {"stage": "Stages", "workshop": "Workshops", "crew": "Crew"}
MAINTENANCE_GREY = QColor("#9e9e9e")
CONFLICT_RED = QColor("#d50000")
SELECT_BLUE = QColor("#0d47a1")
WEEKEND = QColor(241, 241, 241)  # opaque (a blend is ~10x slower to fill on the raster engine)
GROUP_BG = QColor("#eceff1")
DAY_LINE = QColor("#eeeeee")
ROW_LINE = QColor("#f0f0f0")
NAMES_BG = QColor("#fafafa")
NAMES_TEXT = QColor("#212121")
NAMES_RETIRED = QColor("#9e9e9e")
NAMES_GROUP = QColor("#263238")
NAMES_LINE = QColor("#e0e0e0")
AXIS_BG = QColor("#f5f5f5")
AXIS_WEEKEND = QColor(226, 226, 226)  # opaque: cheaper to fill than a blend
AXIS_TICK = QColor("#bdbdbd")
AXIS_RULE = QColor("#b0bec5")
AXIS_TEXT = QColor("#616161")
AXIS_TITLE = QColor("#263238")
HOUR_LABELS = [f"{h:02d}:00" for h in range(24)]
_LOOK = itemgetter(COLOR, PRODUCTION_ID, ACTIVITY, STATUS)  # what a lone bar's look depends on
EDGE_EPS = 1e-6
"""Added to a bar's right edge, x + width, before it is cut to a pixel: x and width come from
float arithmetic, and x + (x1 - x0) can land an ulp below a whole x1 at one scroll position
and on it at another. A scroll moves the painted pixels (scrollContentsBy): a bar must not
gain or lose a column with the scroll position."""
PLAIN_W = 5  # a solid bar this narrow or narrower is one fill (a 1 px border would leave 3 px of colour)
MIN_LABEL_W = 30  # narrower, a label would show a letter or two and an ellipsis: none is drawn
LABEL_STEP = 8  # axis label widths are rounded down to this: a label clipped at the edge reuses its layout


def _width_classes(first: int, last: int, factor: float) -> list[int]:
    out = [first]
    while out[-1] < last:
        out.append(max(out[-1] + 1, int(out[-1] * factor)))
    return out


LABEL_WIDTHS = _width_classes(MIN_LABEL_W, 8192, 1.125)
"""A bar's label is elided to the widest of these that fits (at most 12 % narrower than the
room): the same few layouts serve every zoom level, scroll position and row."""
MAX_LABELS = 4000
LABEL_BUDGET_S = 0.002  # new label layouts per paint, at most (see TimelineView._paint_labels)
MAX_AREAS = 24  # a paint region of more rectangles is painted as its bounding rectangle
AREA_PAD = 4  # px: bars just outside a rectangle that may still reach into it
INPUT_HOLD_MS = 40  # the worker holds back at most this long for the frame of a scroll or zoom
QUEUED_START_MS = 50  # a read asked for starts after the next paint, or after this at the latest
PAINT_WAIT_S = 0.05  # a read on the worker waits at most this long for a paint to finish
BAND_S = 0.004
"""A whole-viewport repaint (a zoom, a new window) predicted to cost more than this is painted
in bands of rows, one per turn of the event loop (TimelineView._update_bars): the densest view
costs 7-12 ms to paint, twice that in a slow minute of this virtual machine, more than a frame."""
MAX_BANDS = 4
PALETTE = ("#c0392b", "#8e44ad", "#2980b9", "#16a085", "#27ae60", "#d35400", "#f39c12", "#34495e",
           "#e84393", "#b8860b", "#6d4c41", "#00838f")
CJK_FONT = "WenQuanYi Micro Hei"


_frozen = False


def _malloc_trim() -> Callable[[], object]:
    """glibc keeps freed heap pages; malloc_trim hands them back. Elsewhere: nothing to do."""
    if sys.platform.startswith("linux"):
        try:
            trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            return lambda: None
        return lambda: trim(0)
    return lambda: None


release_freed_memory = _malloc_trim()
"""Called after a replaced window of bars is freed. Without it the soak test's memory grew
by 11-36 % in 3-4 minutes of scrolling and zooming: glibc heap fragmentation."""


def _freeze_startup_objects() -> None:
    """Once per process, after the first frame: what is alive then (modules, Qt, the ORM, the
    catalogue: most of the process) is left out of the cycle collector's full collections.

    A full collection scans every tracked object with the GIL held, whichever thread triggers
    it: ~50 ms at 200,000 bookings, a stall of the window while a fetch allocates. Objects
    stay freed by reference counting; only garbage cycles already present would be kept."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


class _CollectorPause:
    """Automatic cycle collection off while any holder needs it off (a paint on the GUI thread,
    a job on the worker), on again when the last lets go. The two threads take and give back
    holds independently: a plain gc.disable()/gc.enable() pair on each would turn collection
    on again under the other."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holds = 0
        self._was_enabled = True

    def __enter__(self) -> None:
        with self._lock:
            if self._holds == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._holds += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._holds -= 1
            if self._holds == 0 and self._was_enabled:
                gc.enable()


_collector_paused = _CollectorPause()
"""Held while the timeline paints and while its worker reads or frees a window. A young
collection visits every item of each new container, a cache miss each: one that fell in a
paint (its QRect wrappers are containers) or anywhere in a window read held the GIL for 2-8
ms in the middle of a frame. The worker collects at its pauses instead (_GatedJob._pause);
what a paint allocates is freed by reference counting when it ends."""


def paint_areas(e: QPaintEvent) -> list[QRect]:
    """The rectangles of the event's region, each painted with just what lies under it; a region
    of many is painted as its bounding rectangle."""
    region = e.region()
    return list(region) if region.rectCount() <= MAX_AREAS else [e.rect()]  # type: ignore[call-overload]


def label_box(left: int, right: int, vw: int, conflict: str) -> tuple[int, int] | None:
    """Where a bar's label starts and the width class it is elided to, from the bar's pixels
    `left` (cut at -4) and `right` in a viewport `vw` wide; None: no room for one. The label
    is kept in view when the bar starts off the left edge, and fits what shows of the bar."""
    text_x = left if left > 0 else 0
    room = (right if right < vw else vw) - text_x - 4 - (12 if conflict else 4)
    if room < MIN_LABEL_W:
        return None
    return text_x, LABEL_WIDTHS[bisect_right(LABEL_WIDTHS, room) - 1]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def static_text(text: str, font: QFont, width: int = -1) -> QStaticText:
    """`text` elided to `width` pixels (-1: whole), laid out once for `font`: drawStaticText
    is about three times cheaper than drawText, and the timeline draws hundreds a frame."""
    if width >= 0:
        text = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
    out = QStaticText(text)
    out.setTextFormat(Qt.TextFormat.PlainText)
    out.prepare(QTransform(), font)
    return out


class Row(NamedTuple):
    group: str
    resource: ResourceView | None  # None: the group's header row


class BarItem(NamedTuple):
    """One bar as painted: what the tests read to know what is on screen."""

    bar: Bar
    x: float  # its rectangle in viewport pixels (x may lie off-screen for a long booking)
    y: float
    w: float
    h: float
    label: str
    hold: bool
    cancelled: bool
    conflict: str  # "error" | "warning" | ""
    rank: int
    selected: bool
    ghost: bool  # drawn at a dropped position waiting for the save (or snap_back)

    @property
    def rect(self) -> QRectF:
        return QRectF(self.x, self.y, self.w, self.h)


class _Label(NamedTuple):
    """One bar label waiting to be painted (see TimelineView._paint_labels)."""

    small: bool
    color: QColor
    x: int
    top: int
    height: int
    text: str
    width: int

    def is_small(self) -> bool:
        return self.small


@dataclass
class _Drag:
    mode: str  # "create" | "move" | "left" | "right"
    press: QPointF
    press_time: int
    resource_id: int
    bar: Bar | None = None
    active: bool = False  # moved further than DRAG_START_PX
    start: int = 0
    end: int = 0


def group_of(r: ResourceView) -> str:
    if r.kind == "crew":
        return f"Crew · {r.department}" if r.department else "Crew"
    return KIND_TITLES.get(r.kind, r.kind.title())


class _Style(NamedTuple):
    """Pens and brushes of one bar colour, made once (a paint makes hundreds of bars)."""

    fill: QColor
    border: QColor
    text: QColor
    hold_fill: QColor
    hatch: QBrush
    dashes: QBrush  # a hold's border: see dash_texture
    hold_text: QColor
    seq: int  # the order styles are drawn in

    @classmethod
    def of(cls, base: QColor, seq: int) -> _Style:
        light = QColor(base)
        light.setAlpha(70)
        text = QColor("#ffffff") if base.lightnessF() < 0.6 else QColor("#000000")
        return cls(QColor(base), base.darker(140), text, light,
                   QBrush(QColor(base.red(), base.green(), base.blue(), 110), Qt.BrushStyle.BDiagPattern),
                   QBrush(dash_texture(base.darker(130))), base.darker(220), seq)


def dash_texture(colour: QColor) -> QImage:
    """A hold's dashed border, as the texture of a solid 1 px pen: 4 px drawn, 2 not, along a
    line in either direction ((x + y) mod 6 < 4). Laid from the content's origin (the paint sets
    the brush's transform), the dashes move with a scroll like the rest of the bar, wherever an
    edge cuts it: a dashed QPen lays its pattern from where the line is clipped."""
    image = QImage(6, 6, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    for y in range(6):
        for x in range(6):
            if (x + y) % 6 < 4:
                image.setPixelColor(x, y, colour)
    return image


_ERROR_PEN = QPen(CONFLICT_RED, 2)
_WARNING_PEN = QPen(CONFLICT_RED, 1)
_SELECT_PEN = QPen(SELECT_BLUE, 2)


class _Rects:
    """QRect objects reused from paint to paint: making one costs 1.4 us in PySide, setting one
    0.7, and a dense view paints a few thousand. drawRects copies them, so a rectangle can take
    new values once its batch is drawn; `reset` at the start of each paint."""

    def __init__(self) -> None:
        self._all: list[QRect] = []
        self._n = 0

    def reset(self) -> None:
        self._n = 0

    def make(self, x: int, y: int, w: int, h: int) -> QRect:
        n = self._n
        self._n = n + 1
        if n < len(self._all):
            r = self._all[n]
            r.setRect(x, y, w, h)
            return r
        r = QRect(x, y, w, h)
        self._all.append(r)
        return r


class _Batch:
    """The paint primitives of many bars, gathered layer by layer, then drawn in a few calls
    (fills, hatches, frames, markers, labels).

    A QPainter call costs microseconds of Python each: a quarter view shows hundreds of
    bars, and a handful of calls per bar did not fit in a frame. Bars of one row do not
    overlap (lanes), so layer by layer looks the same as bar by bar. Rectangles are
    integers clipped to the viewport: the raster engine's fast path, and no dash pattern
    laid along the off-screen length of a long booking."""

    def __init__(self, view: TimelineView, outline: QColor | None = None) -> None:
        self.view, self.outline = view, outline
        self.vw, self.font_h = view._viewport_w, view._font_h
        # per style: solid bars (border fill, then inside fill), holds (tinted, hatched, dashed border)
        self.by_style: dict[int, tuple[_Style, list[QRect], list[QRect], list[QRect]]] = {}  # by seq
        self.errors: list[QRect] = []
        self.warnings: list[QRect] = []
        self.markers: list[QPolygonF] = []
        self.around: list[QRect] = []  # selected (or outlined) bars
        self.labels: list[_Label] = []

    def add(self, x: float, y: float, w: float, h: float, st: _Style, hold: bool, conflict: str,
            selected: bool, label: str) -> None:
        # called for every bar in view (over a thousand at quarter zoom): conditional
        # expressions rather than min()/max() calls, which cost a function call each
        vw = self.vw
        x1 = floor(x + w + EDGE_EPS)  # the true right edge (maybe off-screen)
        left = floor(x)  # not int(): -0.5 must give -1, as 40.5 gives 40 (scrolled bars keep their pixels)
        if left < -4:
            left = -4
        right = x1 if x1 < vw + 4 else vw + 4
        if right <= left:
            right = left + 1
        top, width = int(y), right - left
        height = int(h)
        if height < 2:
            height = 2
        group = self.group(st)
        rect = self.view._rects.make
        # drawn with a 1 px border: the rectangle is one pixel smaller than the bar
        if hold:  # tinted and hatched, a dashed border: one pixel smaller (the pen adds one)
            group[2].append(rect(left, top, width - 1, height - 1))
        elif x1 - int(x) > PLAIN_W and height > 2:  # (its whole width: not cut short by an edge)
            # its border colour, then its fill inside (two pen-less fills)
            group[1].append(rect(left, top, width, height))
            group[3].append(rect(left + 1, top + 1, width - 2, height - 2))
        else:  # too narrow for a border and a fill to show: its fill colour
            group[3].append(rect(left, top, width, height))
        if conflict:
            if width > 2:  # a frame inside the bar (none in a 2 px bar: the marker says it)
                (self.errors if conflict == "error" else self.warnings).append(
                    QRect(left + 1, top + 1, width - 2, height - 2))
            if x1 <= vw + 4:
                side = min(9, height - 2, max(int(w) - 2, 4))
                self.markers.append(QPolygonF([QPointF(x1 - side, top), QPointF(x1, top),
                                               QPointF(x1, top + side)]))
        if selected or self.outline is not None:
            self.around.append(QRect(left - 1, top - 1, width + 2, height + 2))
        if label and height >= 10:
            box = label_box(left, x1, vw, conflict)
            if box is not None:
                self.labels.append(_Label(height < self.font_h + 2, st.hold_text if hold else st.text,
                                          box[0] + 4, top, height, label, box[1]))

    def group(self, st: _Style) -> tuple[_Style, list[QRect], list[QRect], list[QRect]]:
        """The rectangles of one style: (style, solid bars, holds, insides of the solid bars)."""
        group = self.by_style.get(st.seq)
        if group is None:
            group = self.by_style[st.seq] = (st, [], [], [])
        return group

    def draw(self, p: QPainter, fm: QFontMetrics) -> None:
        # a pen's texture ignores the brush origin: the dashes get it as a transform, so they are
        # laid from the same origin as the hatching (the content's, see _paint_area)
        origin = p.brushOrigin()
        content = QTransform.fromTranslate(origin.x(), origin.y())
        # styles in a fixed order, however the bars came: bars a few pixels apart can touch
        # (the narrowest are widened to 2 px), and the picture must not depend on the order
        for _seq, (st, solid, holds, inner) in sorted(self.by_style.items()):
            p.setPen(Qt.PenStyle.NoPen)
            if solid:
                p.setBrush(st.border)
                p.drawRects(solid)
            if inner:  # the insides of those, and the bars too narrow for a border
                p.setBrush(st.fill)
                p.drawRects(inner)
            if holds:
                st.dashes.setTransform(content)
                p.setPen(QPen(st.dashes, 1))
                p.setBrush(st.hold_fill)
                p.drawRects(holds)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(st.hatch)
                p.drawRects(holds)
        p.setBrush(Qt.BrushStyle.NoBrush)
        frames = [(_ERROR_PEN, self.errors), (_WARNING_PEN, self.warnings)]
        frames.append((QPen(self.outline, 3) if self.outline is not None else _SELECT_PEN, self.around))
        for pen, rects in frames:
            if rects:
                p.setPen(pen)
                p.drawRects(rects)
        if self.markers:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(CONFLICT_RED)
            for tri in self.markers:
                p.drawPolygon(tri)
            p.setBrush(Qt.BrushStyle.NoBrush)
        self.view._paint_labels(p, self.labels, fm)


class _FetchSignals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)  # generation, the exception


class _Outcome:
    """What one fetch job produced, readable from the GUI thread once `finished` is set."""

    def __init__(self, gen: int) -> None:
        self.gen = gen
        self.result: _Fetched | None = None
        self.error: str | None = None
        self.exception: BaseException | None = None
        self.finished = threading.Event()


class _GatedJob(QRunnable):
    """A job of the timeline's worker that holds back while the view paints (see `_painting`)."""

    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate

    def _pause(self) -> None:
        """Between chunks of the work: wait while the timeline paints (no GIL contention), then
        collect the young objects of the last chunk (see `run`)."""
        self.gate.wait(PAINT_WAIT_S)
        gc.collect(0)

    def _collect_older(self) -> None:
        """At the end of the work, before the view hears of it: collect the older generations
        here. The young collections at the pauses move a window's lists and records into the
        middle generation, and the first automatic collection after that (on whichever thread
        allocates next: mostly the view, right after a paint) would scan it: 1.5-3.6 ms added
        to a frame. (Not the full collection: Python runs that only when the old generation
        has grown by a quarter, and forcing it more often cost 6-19 ms a time.)"""
        self.gate.wait(PAINT_WAIT_S)
        gc.collect(1)

    def run(self) -> None:
        """The job, with the cycle collector run only at its pauses (see _collector_paused):
        a window read makes tens of thousands of tuples, and `_pause` collects a chunk's worth
        at a time, once the view is not painting. It starts the same way: after the paint."""
        self.gate.wait(PAINT_WAIT_S)
        with _collector_paused:
            self.work()

    def work(self) -> None:
        raise NotImplementedError


class _FetchJob(_GatedJob):
    """Reads one window on the worker thread; with `resources`, the resource list too (a reload).

    The outcome is also kept in `outcome`, so the GUI thread can wait for an outstanding
    reload when it must act on current data (a click on a bar)."""

    def __init__(self, source: TimelineSource, gen: int, start: int, end: int,
                 base: TimelineWindow | None, signals: _FetchSignals, gate: threading.Event,
                 resources: bool = False) -> None:
        super().__init__(gate)
        self.source, self.gen, self.start, self.end, self.signals = source, gen, start, end, signals
        self.base = base  # immutable: safe to read on the worker
        self.resources = resources
        self.outcome = _Outcome(gen)

    def work(self) -> None:
        out = self.outcome
        try:
            res = self.source.resources() if self.resources else None
            window = self.source.fetch(self.start, self.end, base=self.base, pause=self._pause)
        except Exception as exc:  # reported in the status bar; the view keeps what it has
            out.error = f"could not read bookings: {exc}"
            out.exception = exc
            out.finished.set()
            self._tell(self.signals.failed, exc)
            return
        finally:
            self.base = None  # not kept alive by this job: the view frees it when replaced
        out.result = _Fetched(window, res)
        self._collect_older()
        out.finished.set()
        self._tell(self.signals.done, out.result)

    def _tell(self, signal: Any, value: object) -> None:
        try:
            signal.emit(self.gen, value)
        except RuntimeError:  # the view was closed while this was read: nobody to tell
            pass


class _DisposeJob(_GatedJob):
    """Frees a replaced window on the worker thread, a chunk at a time, then trims the heap."""

    def __init__(self, window: TimelineWindow, gate: threading.Event) -> None:
        super().__init__(gate)
        self.window: TimelineWindow | None = window

    def work(self) -> None:
        window, self.window = self.window, None
        if window is None:
            return
        pause = self._pause
        window.parts_of.clear()  # first: then by_resource holds the last references to the bars
        rows = window.by_resource
        while rows:
            for _ in range(min(8, len(rows))):  # a few hundred bars freed at a time
                rows.popitem()
            pause()
        window.lanes.clear()
        del window
        self._collect_older()
        release_freed_memory()


class _Fetched(NamedTuple):
    window: TimelineWindow
    resources: list[ResourceView] | None  # a reload also reads the resources again


class _Band(QWidget):
    """A painted strip beside the viewport; while it paints, the fetch worker holds back."""

    view: TimelineView

    def paintEvent(self, e: QPaintEvent) -> None:
        self.view._painting()
        self._paint(e.rect())

    def _paint(self, area: QRect) -> None:
        raise NotImplementedError


class _NameColumn(_Band):
    """The frozen resource-name column (scrolls vertically with the rows)."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)
        self._names: dict[tuple[str, int, bool], QStaticText] = {}  # elided and laid out once
        self._bold = QFont(self.font())
        self._bold.setBold(True)

    def _paint(self, _area: QRect) -> None:
        v = self.view
        p = QPainter(self)
        w = self.width()
        p.fillRect(self.rect(), NAMES_BG)
        first, last = v.visible_row_span()
        text_y = (ROW_H - self.fontMetrics().height()) / 2
        for i in range(first, last):
            row = v.rows()[i]
            y = v.row_y(i)
            if row.resource is None:
                p.fillRect(QRect(0, y, w, ROW_H), GROUP_BG)
                p.setPen(NAMES_GROUP)
                mark = "▸" if row.group in v._collapsed else "▾"
                text = self._name(f"{mark} {row.group} ({v.group_size(row.group)})", w - 10, bold=True)
                p.setFont(self._bold)  # a static text is drawn in the painter's font
                p.drawStaticText(QPointF(6, y + text_y), text)
                p.setFont(self.font())
            else:
                res = row.resource
                p.setPen(NAMES_TEXT if res.active else NAMES_RETIRED)
                p.drawStaticText(QPointF(18, y + text_y), self._name(self._label(res), w - 26))
            p.fillRect(QRect(0, y + ROW_H - 1, w, 1), NAMES_LINE)
        p.fillRect(QRect(w - 1, 0, 1, self.height()), AXIS_RULE)
        p.end()

    @staticmethod
    def _label(res: ResourceView) -> str:
        return res.name if res.active else res.name + "  (retired)"

    def lay_out_ahead(self, start: int = 0) -> None:
        """Lay out the names of all rows between events, LABEL_BUDGET_S at a time: a name in
        Chinese or Cyrillic costs ~0.3 ms to lay out (font fallback), and a page of new rows
        scrolled into view cost 7-8 ms in the frame that showed them."""
        rows, width = self.view.rows(), self.width() - 26
        deadline = time.perf_counter() + LABEL_BUDGET_S
        i = start
        while i < len(rows) and time.perf_counter() < deadline:
            res = rows[i].resource
            if res is not None:
                self._name(self._label(res), width)
            i += 1
        if i < len(rows):
            QTimer.singleShot(0, self, lambda: self.lay_out_ahead(i))

    def _name(self, text: str, width: int, bold: bool = False) -> QStaticText:
        """The text elided to `width` and laid out once (a name is painted on every vertical scroll)."""
        key = (text, width, bold)
        out = self._names.get(key)
        if out is None:
            if len(self._names) >= MAX_LABELS:
                self._names.clear()
            out = self._names[key] = static_text(text, self._bold if bold else self.font(), width)
        return out

    def mousePressEvent(self, e: QMouseEvent) -> None:
        i = self.view.row_at(int(e.position().y()))
        if i is not None and self.view.rows()[i].resource is None:
            self.view.toggle_group(self.view.rows()[i].group)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            i = self.view.row_at(e.pos().y())
            res = self.view.rows()[i].resource if i is not None else None
            if res is not None:
                QToolTip.showText(e.globalPos(), resource_tooltip(res), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)


class _TimeAxis(_Band):
    """The time axis along the top: dates in the lot time zone, two bands.

    Painted on every horizontal scroll step: its texts are laid out once (QStaticText)
    and the instants of its ticks are cached (see TimelineView._local_instant)."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self._texts: dict[tuple[str, int], QStaticText] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # all painted: scroll() can move it

    def paintEvent(self, e: QPaintEvent) -> None:
        self.view._painting()
        for area in paint_areas(e):  # after a scroll step: the strip it uncovered, the label kept at the left
            self._paint(area)

    def _paint(self, area: QRect) -> None:
        """The stretch of time under `area`."""
        v = self.view
        p = QPainter(self)
        p.setClipRect(area)
        p.fillRect(area, AXIS_BG)
        half = AXIS_H // 2
        t0, t1 = v.time_at(area.left() - AREA_PAD), v.time_at(area.right() + 1 + AREA_PAD)
        zoom = v.zoom()
        days = v.day_spans(t0, t1)
        for day, x0, x1 in days:
            if day.weekday() >= 5:
                p.fillRect(QRect(int(x0), half, int(x1) - int(x0), half), AXIS_WEEKEND)
        ticks: list[tuple[float, int, str]] = []  # (x, tick top, label) on the lower band
        if zoom in ("day", "week"):
            fmt = "%A %-d %B %Y" if zoom == "day" else "%a %-d %b"
            for day, x0, x1 in days:
                self._label(p, x0, x1, half, day.strftime(fmt))
            step = 1 if zoom == "day" else 6
            for day, _x0, _x1 in days:
                for h in range(0, 24, step):
                    ticks.append((v.x_of(v._local_instant(day, h)), 0 if h == 0 else 10, HOUR_LABELS[h]))
        else:
            fmt = "%B %Y" if zoom == "month" else "%b %Y"
            for first, x0, x1 in v.month_spans(t0, t1):
                self._label(p, x0, x1, half, first.strftime(fmt))
            ticks = [(x0, 8, str(day.day)) for day, x0, _x1 in days if zoom == "month" or day.weekday() == 0]
        for x, top, _text in ticks:
            p.fillRect(QRect(int(x), half + top, 1, half - top), AXIS_TICK)
        p.setPen(AXIS_TEXT)
        y_text = half + (half - self.fontMetrics().height()) / 2
        for x, _top, text in ticks:
            p.drawStaticText(QPointF(x + 3, y_text), self._text(text, 60))
        p.fillRect(QRect(0, half, self.width(), 1), AXIS_RULE)
        p.fillRect(QRect(0, AXIS_H - 1, self.width(), 1), AXIS_RULE)
        now_x = v.x_of(now_instant())
        if 0 <= now_x <= self.width():
            p.setPen(QPen(CONFLICT_RED, 2))
            p.drawLine(int(now_x), half, int(now_x), AXIS_H)
        p.end()

    def sticky_labels(self, dx: int) -> QRect:
        """After a scroll by dx, the upper band under the day or month that starts off-screen, now
        or before: its label is kept at the left edge (the rest of the axis just moves)."""
        v = self.view
        t0, t1 = v.time_at(min(0, dx)), v.time_at(max(0, dx) + 1)
        spans = v.day_spans(t0, t1) if v.zoom() in ("day", "week") else v.month_spans(t0, t1)
        right = max((x1 for _d, x0, x1 in spans if x0 < max(0, dx)), default=0.0)
        return QRect(0, 0, min(int(right) + 2, self.width()), AXIS_H // 2)

    def _label(self, p: QPainter, x0: float, x1: float, h: int, text: str) -> None:
        """A day's or month's label in the upper band, kept readable when its start is off-screen."""
        p.fillRect(QRect(int(x0), 0, 1, h), AXIS_RULE)
        left = max(x0, 0.0) + 4
        width = int(x1 - left - 4) // LABEL_STEP * LABEL_STEP
        if width > 40:
            p.setPen(AXIS_TITLE)
            p.drawStaticText(QPointF(left, (h - self.fontMetrics().height()) / 2), self._text(text, width))

    def _text(self, text: str, width: int) -> QStaticText:
        key = (text, width)
        out = self._texts.get(key)
        if out is None:
            if len(self._texts) >= MAX_LABELS:
                self._texts.clear()
            out = self._texts[key] = static_text(text, self.font(), width)
        return out


class _Corner(QWidget):
    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#eceff1"))
        p.setPen(QColor("#546e7a"))
        p.drawText(self.rect().adjusted(8, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter,
                   f"Resource   ({getattr(self.view.source.tz, 'key', self.view.source.tz)})")
        p.setPen(QColor("#b0bec5"))
        p.drawLine(0, AXIS_H - 1, self.width(), AXIS_H - 1)
        p.drawLine(self.width() - 1, 0, self.width() - 1, AXIS_H)
        p.end()


def resource_tooltip(r: ResourceView) -> str:
    lines = [f"{r.name} ({r.kind})", f"capacity {r.capacity}"]
    if r.area_m2:
        lines.append(f"{r.area_m2:g} m²")
    if r.department or r.role:
        lines.append(" · ".join(x for x in (r.department, r.role) if x))
    if r.features:
        lines.append(", ".join(r.features))
    if not r.active:
        lines.append("retired")
    return "\n".join(lines)


class TimelineView(QAbstractScrollArea):
    """The resource timeline (see docs/architecture.md and the API note in the module docstring)."""

    bookingActivated = Signal(int)
    # instants travel as Python ints (object): a 32-bit C++ int would overflow after 2038-01-19
    createRequested = Signal(int, object, object)
    moveRequested = Signal(int, int, object, object, int)
    contextMenuRequested = Signal(int, QPoint)
    selectionChanged = Signal(list)
    statusMessage = Signal(str)
    readFailed = Signal(object)  # the exception of a read of bookings that failed
    visibleRangeChanged = Signal(object, object)

    def __init__(self, source: TimelineSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._zoom = "week"
        self._kinds: set[str] = {"stage", "workshop", "crew"}
        self._collapsed: set[str] = set()
        self._show_cancelled = False
        self._selected: list[int] = []
        self._resources: list[ResourceView] = []
        self._rows: list[Row] = []
        self._group_sizes: dict[str, int] = {}
        self._row_of: dict[int, int] = {}
        self._window: TimelineWindow | None = None
        self._lanes_all: dict[int, Lanes] = {}  # lanes of a row with its cancelled bars shown
        self._midnights: dict[tuple[date, int], int] = {}
        self._texts: dict[tuple[str | None, str, int, str], str] = {}  # label texts by what they say
        self._backlog: list[tuple[QFontMetrics, QFont, bool, str, int]] = []  # labels to lay out
        self._backlog_boxes: list[QRect] = []  # where they are drawn clipped, in content pixels
        self._label_deadline = 0.0  # new label layouts stop here (one budget a paint)
        self._rects = _Rects()
        self._paint_cost: dict[str, float] = {}  # s a whole-viewport paint took, by zoom (the last one)
        self._bands: list[tuple[int, int]] = []  # rows still to paint, content y from..to (_update_bars)
        self._band_queued = False
        self._bars_above: int | None = None  # the next paint draws bars above this content y only
        self._colors: dict[str, QColor] = {}
        self._req = 0  # last fetch generation asked for
        self._applied = 0  # generation of the window shown
        self._pending: tuple[int, int] | None = None
        self._queued: tuple[int, int, int] | None = None  # (generation, start, end) of a read to start
        self._reload_gen = 0  # generation of the last reload: older results are of stale data
        self._reload_job: _Outcome | None = None  # the reload being read, until it is applied
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._not_painting = threading.Event()  # cleared while painting: the worker's reads wait
        self._not_painting.set()
        self._await_paint = False  # the worker holds back for a scroll or zoom until its frame is painted
        self._release_queued = False
        self._input_hold = QTimer(self, singleShot=True, interval=INPUT_HOLD_MS)
        self._input_hold.timeout.connect(self._release_worker)
        self._signals = _FetchSignals()  # no parent: a job may outlive the view
        self._signals.done.connect(self._on_fetched)
        self._signals.failed.connect(self._on_fetch_failed)
        self._drag: _Drag | None = None
        self._read_only = False  # no creating, moving or resizing by drag
        self._drop: tuple[int, int, int, int] | None = None  # (id, resource, start, end) awaiting save
        self._checks: dict[tuple[int, int, int, int], str | None] = {}
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.timeout.connect(self._run_check)
        self._hover_id = -1
        self._labels: dict[tuple[str, int, bool], QStaticText] = {}  # elided, laid out once
        self._label_widths: dict[tuple[str, bool], int] = {}  # natural width of a label
        self._styles: dict[tuple[str, int | None, bool], _Style] = {}
        self._last_range: tuple[int, int] | None = None
        self._ready = False  # no fetch while the constructor runs (the viewport has no size yet)
        self._painted = False  # until the first paint, fetches run here (a complete first frame)

        font = self.font()
        font.setFamilies([font.family(), CJK_FONT])
        self.setFont(font)
        self._small_font = QFont(font)
        self._small_font.setPointSizeF(max(font.pointSizeF() * 0.75, 6.0))
        self._small_metrics = QFontMetrics(self._small_font)
        self._viewport_w = 0  # set by each paint, read by _paint_bars
        self._font_h = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setViewportMargins(NAME_W, AXIS_H, 0, 0)
        self._hbar, self._vbar = self.horizontalScrollBar(), self.verticalScrollBar()  # read per bar
        self._names = _NameColumn(self)
        self._axis = _TimeAxis(self)
        self._corner = _Corner(self)
        self.verticalScrollBar().valueChanged.connect(self._names.update)
        self._origin = 0
        self._span_end = 0
        self._load_resources()
        self._set_extent(now_instant())
        self._update_scrollbars()
        self.go_to_today()
        self._ready = True

    # ---- public API --------------------------------------------------------------------

    def set_zoom(self, name: str, anchor_x: float | None = None) -> None:
        if name not in ZOOMS:
            raise ValueError(f"zoom {name!r}: use one of {', '.join(ZOOM_ORDER)}")
        if name == self._zoom:
            return
        x = self.viewport().width() / 2 if anchor_x is None else anchor_x
        t = self.time_at(x)
        self._zoom = name
        self._update_scrollbars()
        self._scroll_time_to(t, x)
        self.statusMessage.emit(f"zoom: {name}")
        self._changed_view(names=False)

    def zoom(self) -> str:
        return self._zoom

    def pixels_per_hour(self) -> float:
        return ZOOMS[self._zoom]

    def zoom_in(self) -> None:
        i = ZOOM_ORDER.index(self._zoom)
        if i > 0:
            self.set_zoom(ZOOM_ORDER[i - 1])

    def zoom_out(self) -> None:
        i = ZOOM_ORDER.index(self._zoom)
        if i < len(ZOOM_ORDER) - 1:
            self.set_zoom(ZOOM_ORDER[i + 1])

    def set_read_only(self, read_only: bool) -> None:
        """Bookings can still be selected and opened, but not created, moved or resized by drag."""
        self._read_only = read_only
        if read_only and self._drag is not None:
            self._drag = None
            self.viewport().update()

    def is_read_only(self) -> bool:
        return self._read_only

    def set_kinds(self, kinds: set[str]) -> None:
        self._kinds = set(kinds) & set(KIND_TITLES)
        self._build_rows()

    def kinds(self) -> set[str]:
        return set(self._kinds)

    def set_show_cancelled(self, show: bool) -> None:
        self._show_cancelled = show
        self._lanes_all.clear()
        self.viewport().update()

    def show_cancelled(self) -> bool:
        return self._show_cancelled

    def go_to(self, instant: int) -> None:
        """Scroll so the instant is near the left edge."""
        self._set_extent(instant)
        self._scroll_time_to(instant, self.viewport().width() * 0.05)

    def go_to_today(self) -> None:
        today = to_local(now_instant(), self.source.tz).date()
        self.go_to(to_instant(today, self.source.tz))

    def reveal(self, resource_id: int, start: int, end: int) -> bool:
        """Scroll to show that stretch of that row (expanding its group). False if the row is hidden."""
        res = next((r for r in self._resources if r.id == resource_id), None)
        if res is None or res.kind not in self._kinds:
            return False
        if group_of(res) in self._collapsed:
            self._collapsed.discard(group_of(res))
            self._build_rows()
        i = self._row_of[resource_id]
        vbar = self.verticalScrollBar()
        top, height = i * ROW_H, self.viewport().height()
        if top < vbar.value() or top + ROW_H > vbar.value() + height:
            vbar.setValue(max(0, top - height // 3))
        t0, t1 = self.visible_range()
        if not (t0 <= start and end <= t1):
            if end - start > t1 - t0:
                self.go_to(start)
            else:
                self._set_extent(start)
                self._scroll_time_to(start - (t1 - t0 - (end - start)) // 2, 0)
        return True

    def select_bookings(self, ids: list[int]) -> None:
        new = list(dict.fromkeys(int(i) for i in ids))
        if new != self._selected:
            self._selected = new
            self.viewport().update()
            self.selectionChanged.emit(list(new))

    def selected_bookings(self) -> list[int]:
        return list(self._selected)

    def reload(self) -> None:
        """Refetch the resources and the bars around the visible window (after any change).

        The read runs on the worker thread; the bars shown stay (and a dropped bar stays
        at its dropped place) until the new ones arrive and are swapped in. `is_fetching()`
        is True meanwhile. Anything that must act on current data (a click on a bar,
        `visible_bars()`) first waits for the outstanding reload."""
        self.source.refresh_settings()
        self._midnights.clear()  # the lot time zone may have changed
        self.source.forget()
        self._checks.clear()
        if self._window is None or not self._ready:
            self._load_resources()
            self._drop = None
            self._window = None
            self._ensure_window(force_sync=True)
            self.viewport().update()
            return
        lo, hi = self._wanted_range()
        self._req += 1
        self._reload_gen = self._req
        self._pending = (lo, hi)
        job = _FetchJob(self.source, self._req, lo, hi, None, self._signals, self._not_painting,
                        resources=True)
        self._reload_job = job.outcome
        self._pool.start(job)

    def wait_for_reload(self, timeout_s: float = 30.0) -> None:
        """Block until an outstanding reload is read and apply it (no-op when there is none)."""
        job = self._reload_job
        if job is None:
            return
        if not job.finished.wait(timeout_s):
            return
        if job.result is not None:
            self._on_fetched(job.gen, job.result)
        elif self._reload_job is job:
            self._on_fetch_failed(job.gen, job.exception)

    def snap_back(self, reason: str) -> None:
        """After a refused drop: the bar returns to where it was, the reason goes to the status bar."""
        self._drop = None
        self._drag = None
        self.viewport().update()
        self.statusMessage.emit(reason)

    def collapsed_groups(self) -> list[str]:
        return sorted(self._collapsed)

    def set_collapsed_groups(self, names: list[str]) -> None:
        self._collapsed = set(names)
        self._build_rows()

    def toggle_group(self, name: str) -> None:
        self._collapsed ^= {name}
        self._build_rows()

    # ---- extra read-outs (tests, main window) ------------------------------------------

    def rows(self) -> list[Row]:
        return self._rows

    def group_size(self, group: str) -> int:
        return self._group_sizes.get(group, 0)

    def is_fetching(self) -> bool:
        """True while bookings (a scroll, a reload, or the conflict flags of the first frame) are read."""
        return (self._pending is not None or self._reload_job is not None
                or (self._window is not None and not self._window.flagged))

    def fetched_range(self) -> tuple[int, int] | None:
        return (self._window.start, self._window.end) if self._window else None

    def drag_ghost(self) -> dict[str, Any] | None:
        """The bar being dragged: where it would land and what the rules say (ok None = not checked yet)."""
        d = self._drag
        if d is None or not d.active:
            return None
        key = (d.bar.id if d.bar else -1, d.resource_id, d.start, d.end)
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

    # ---- geometry ----------------------------------------------------------------------

    def x_of(self, instant: int) -> float:
        return (instant - self._origin) * ZOOMS[self._zoom] / HOUR - self._hbar.value()

    def time_at(self, x: float) -> int:
        return self._origin + int((x + self.horizontalScrollBar().value()) * HOUR / ZOOMS[self._zoom])

    def visible_range(self) -> tuple[int, int]:
        return self.time_at(0), self.time_at(self.viewport().width())

    def row_y(self, index: int) -> int:
        return index * ROW_H - self._vbar.value()

    def row_at(self, y: int) -> int | None:
        i = (y + self.verticalScrollBar().value()) // ROW_H
        return int(i) if 0 <= i < len(self._rows) else None

    def row_of_resource(self, resource_id: int) -> int | None:
        return self._row_of.get(resource_id)

    def visible_row_span(self) -> tuple[int, int]:
        v = self.verticalScrollBar().value()
        first = max(0, v // ROW_H)
        last = min(len(self._rows), (v + self.viewport().height()) // ROW_H + 1)
        return first, last

    def snap(self, instant: int) -> int:
        """The nearest snap point (15 min / 1 h / lot midnight, depending on zoom)."""
        step = SNAP[self._zoom]
        if step < DAY:
            return int(round(instant / step)) * step
        tz = self.source.tz
        local = to_local(instant, tz)
        day = local.date() + (timedelta(days=1) if local.hour >= 12 else timedelta())
        return to_instant(day, tz)

    def day_spans(self, t0: int, t1: int) -> list[tuple[date, float, float]]:
        tz = self.source.tz
        day = to_local(t0, tz).date()
        end = to_local(t1, tz).date()
        out = []
        x0 = self.x_of(self._local_instant(day))
        while day <= end:
            nxt = day + timedelta(days=1)
            x1 = self.x_of(self._local_instant(nxt))
            out.append((day, x0, x1))
            day, x0 = nxt, x1
        return out

    def _local_instant(self, day: date, hour: int = 0) -> int:
        """The instant of that lot-time hour of that day, cached (the grid and the axis use them:
        a quarter view paints ~130 midnights a frame)."""
        key = (day, hour)
        at = self._midnights.get(key)
        if at is None:
            if len(self._midnights) > 20_000:
                self._midnights.clear()
            local = datetime(day.year, day.month, day.day, hour)
            at = self._midnights[key] = to_instant(local, self.source.tz)
        return at

    def month_spans(self, t0: int, t1: int) -> list[tuple[date, float, float]]:
        tz = self.source.tz
        first = to_local(t0, tz).date().replace(day=1)
        end = to_local(t1, tz).date()
        out = []
        while first <= end:
            nxt = (first + timedelta(days=32)).replace(day=1)
            out.append((first, self.x_of(to_instant(first, tz)), self.x_of(to_instant(nxt, tz))))
            first = nxt
        return out

    # ---- what is painted ---------------------------------------------------------------

    def visible_bars(self, wait: bool = True) -> list[BarItem]:
        """Every bar the viewport paints, with its rectangle and flags.

        `wait`: first wait for an outstanding reload (the bars as the database has them);
        False: exactly what is painted now (the previous bars while a reload is read)."""
        if wait:
            self.wait_for_reload()
        if self._window is None:
            self._ensure_window(force_sync=True)
            if self._window is None:
                return []
        t0, t1 = self.visible_range()
        first, last = self.visible_row_span()
        drop_id = self._drop[0] if self._drop else (self._drag.bar.id if self._drag and self._drag.bar
                                                   and self._drag.active else -1)
        out: list[BarItem] = []
        sel = set(self._selected)
        hide_cancelled = not self._show_cancelled
        make = Bar._make
        scroll = self._hbar.value()
        for i in range(first, last):
            res = self._rows[i].resource
            if res is None:
                continue
            rows = self._window.by_resource.get(res.id, ())
            lanes = self._window.lanes if hide_cancelled else self._lanes_of(res.id, rows)
            y = self.row_y(i)
            for r in rows:
                if r[START] >= t1:
                    break  # a row's bars are in start order
                if r[END] <= t0 or (hide_cancelled and r[STATUS] == "cancelled"):
                    continue
                if r[ID] == drop_id and self._drop is not None:
                    continue  # painted at its dropped place below
                lane, n = lanes.get(r[ID], (0, 1))
                out.append(self._item(make(r), y, lane, n, r[ID] in sel, False, scroll))
        dropped = self._dropped_item(first, last, sel)
        if dropped is not None:
            out.append(dropped)
        return out

    def _dropped_item(self, first: int, last: int, sel: set[int]) -> BarItem | None:
        """A dropped bar, drawn where it was dropped until the save lands (or snap_back)."""
        if self._drop is None:
            return None
        bid, rid, start, end = self._drop
        bar = self._find_bar(bid)
        at = self._row_of.get(rid)
        if bar is None or at is None or not first <= at < last:
            return None
        moved = bar._replace(resource_id=rid, start=start, end=end)
        return self._item(moved, self.row_y(at), 0, 1, bid in sel, True)

    def bar_at(self, pos: QPointF, wait: bool = True) -> tuple[BarItem, str] | None:
        """The bar under a viewport point and the part hit: "body", "left" or "right".

        `wait`: on current data (waits for an outstanding reload); False: on what is painted."""
        for item in reversed(self.visible_bars(wait)):
            rect = item.rect
            if rect.adjusted(-2, 0, 2, 0).contains(pos):
                if rect.width() >= 3 * EDGE_PX:
                    if pos.x() <= rect.left() + EDGE_PX:
                        return item, "left"
                    if pos.x() >= rect.right() - EDGE_PX:
                        return item, "right"
                return item, "body"
        return None

    def tooltip_text(self, booking_id: int) -> str:
        self.wait_for_reload()
        bar = self._find_bar(booking_id)
        view = self.source.booking(booking_id)
        if view is None:
            return f"booking #{booking_id} no longer exists"
        tz = self.source.tz
        lines = [
            f"#{view.id}" + (f"  ref {view.ref}" if view.ref else ""),
            f"Resource: {view.resource} ({view.resource_kind})",
            f"Production: {view.production or '— (maintenance)'}",
            f"Activity: {view.activity}",
            f"Status: {view.status}" + (f" ({ordinal(bar.rank)} hold)" if bar and bar.rank else ""),
            f"From {short_local(view.start, tz)} to {short_local(view.end, tz)} (lot time)",
        ]
        if view.notes:
            lines.append(f"Notes: {view.notes}")
        if bar is not None and (bar.severity or bar.rank):
            lines.append("")
            lines += [f"⚠ {m}" for m in self.source.conflict_messages(bar)]
        return "\n".join(lines)

    # ---- internals: rows and extent ----------------------------------------------------

    def _load_resources(self) -> None:
        self._resources = self.source.resources()
        self._build_rows()

    def _build_rows(self) -> None:
        rows: list[Row] = []
        sizes: dict[str, int] = {}
        for r in self._resources:
            if r.kind not in self._kinds:
                continue
            g = group_of(r)
            if g not in sizes:
                sizes[g] = 0
                rows.append(Row(g, None))
            sizes[g] += 1
            if g not in self._collapsed:
                rows.append(Row(g, r))
        self._rows = rows
        self._group_sizes = sizes
        self._row_of = {row.resource.id: i for i, row in enumerate(rows) if row.resource is not None}
        self._update_scrollbars()
        self.viewport().update()
        self._names.update()
        if self._painted:
            QTimer.singleShot(0, self._names, self._names.lay_out_ahead)

    def _set_extent(self, instant: int) -> None:
        """The scrollable stretch of time: all bookings and 400 days either side of `instant`."""
        if self._span_end:
            lo, hi = self._origin, self._span_end
        else:
            lo, hi = self.source.bounds() or (instant, instant)
        lo = min(lo, instant - 400 * DAY)
        hi = max(hi, instant + 400 * DAY)
        if self._span_end and lo >= self._origin and hi <= self._span_end:
            return
        t_left = self.time_at(0) if self._span_end else instant
        tz = self.source.tz
        self._origin = to_instant(to_local(lo, tz).date(), tz)
        self._span_end = hi
        self._update_scrollbars()
        self._scroll_time_to(t_left, 0)

    def _update_scrollbars(self) -> None:
        vw, vh = self.viewport().width(), self.viewport().height()
        content_w = int((self._span_end - self._origin) * ZOOMS[self._zoom] / HOUR)
        h = self.horizontalScrollBar()
        h.setRange(0, max(0, content_w - vw))
        h.setPageStep(max(1, vw))
        h.setSingleStep(max(1, vw // 10))
        v = self.verticalScrollBar()
        v.setRange(0, max(0, len(self._rows) * ROW_H - vh))
        v.setPageStep(max(1, vh))
        v.setSingleStep(ROW_H)

    def _scroll_time_to(self, instant: int, x: float, moved: bool = True) -> None:
        value = (instant - self._origin) * ZOOMS[self._zoom] / HOUR - x
        self.horizontalScrollBar().setValue(int(round(value)))
        self._changed_view(names=False, moved=moved)

    def _changed_view(self, axis: bool = True, names: bool = True, bars: bool = True,
                      moved: bool = True) -> None:
        """The view moved, zoomed or changed size (`moved` False: what is painted stays where it
        is, as after a resize): paint it again and read the window it needs."""
        self._hold_worker()
        if bars:
            self._update_bars(moved=moved)
        if axis:
            self._axis.update()
        if names:
            self._names.update()
        self._ensure_window()
        rng = self.visible_range()
        if rng != self._last_range:
            self._last_range = rng
            self.visibleRangeChanged.emit(*rng)

    # ---- internals: fetching -----------------------------------------------------------

    def _wanted_range(self) -> tuple[int, int]:
        """The window to read for the visible range: one margin either side, whole hours."""
        t0, t1 = self.visible_range()
        w = max(t1 - t0, HOUR)
        margin = w if self._zoom in ("day", "week") else w // 2
        return (t0 - margin) // HOUR * HOUR, -(-(t1 + margin) // HOUR) * HOUR

    def _ensure_window(self, force_sync: bool = False) -> None:
        if not self._ready:
            return
        t0, t1 = self.visible_range()
        if not self._painted and not force_sync:
            # the first frame: the visible stretch only, bars without conflict flags (one
            # quick query); the flagged window with its margin follows off this thread
            if self._window is None or not self._window.covers(t0, t1):
                self._req += 1
                self._apply(self._req, self.source.fetch(t0, t1, flags=False))
            return
        if self._reload_job is not None and not force_sync:
            return  # the window shown is stale: what to read next is decided when the reload lands
        near = max(t1 - t0, HOUR) // 2
        if not force_sync:
            have = self._window
            if have is not None and have.flagged and have.covers(t0 - near, t1 + near):
                return
            if self._pending is not None:
                # one read at a time: when it lands, _on_fetched asks again for the view as it is
                # then (queued reads would pile up behind a fast scroll, each holding a window)
                return
        lo, hi = self._wanted_range()
        self._req += 1
        if force_sync or self._window is None:
            self._reload_job = None
            self._reload_gen = self._req
            self._apply(self._req, self.source.fetch(lo, hi))
            self._pending = None
            return
        self._pending = (lo, hi)
        self._queued = (self._req, lo, hi)
        # started once the frame that asked for it is painted (see paintEvent): started now, the
        # read would compete with that paint for the GIL (a zoom's frame is the costliest); the
        # timer is for a view that is not painted (hidden)
        QTimer.singleShot(QUEUED_START_MS, self._start_queued)

    def _start_queued(self) -> None:
        """Start the read _ensure_window asked for (once: from the paint or from the timer)."""
        queued, self._queued = self._queued, None
        if queued is None or queued[0] != self._req:
            return  # superseded meanwhile (a reload or a read on this thread)
        gen, lo, hi = queued
        self._pool.start(_FetchJob(self.source, gen, lo, hi, self._window, self._signals, self._not_painting))

    def _on_fetched(self, gen: int, result: object) -> None:
        if gen == self._req:
            self._pending = None
        if gen <= self._applied or gen < self._reload_gen or not isinstance(result, _Fetched):
            return  # superseded, or read before the data changed
        reload = gen == self._reload_gen
        if reload:
            self._reload_job = None
            self._drop = None  # the dropped bar is now where the database has it
            if result.resources is not None:
                self._resources = result.resources
                self._build_rows()
        before = None if reload or self._show_cancelled else self._in_view(self._window)
        self._apply(gen, result.window)
        if before is None or before != self._in_view(result.window):
            self._update_bars(moved=False)
        self._ensure_window()  # the view may have moved on while this was read

    def _in_view(self, window: TimelineWindow | None) -> list[object] | None:
        """What the window gives the viewport to paint, to compare: a window read for a scroll or
        a zoom mostly shows just what the one before it showed, and then the dense view's
        costliest frame is not painted twice. (Its bars' lanes and flags can still differ: a
        bar's neighbours beyond the old window's end, the first frame's unflagged window.)"""
        if window is None or not window.flagged:
            return None
        t0, t1 = self.visible_range()
        first, last = self.visible_row_span()
        out: list[object] = []
        for i in range(first, last):
            res = self._rows[i].resource
            if res is None:
                continue
            lone, others = window.parts(res.id)
            out.append(lone.rows[bisect_right(lone.ends, t0):bisect_left(lone.starts, t1)])
            out += [(r, window.lanes.get(r[ID])) for r in others if r[START] < t1 and r[END] > t0]
        return out

    def _on_fetch_failed(self, gen: int, exc: BaseException | None) -> None:
        if gen == self._req:
            self._pending = None
        if gen == self._reload_gen:
            if self._reload_job is None:
                return  # already reported (wait_for_reload)
            self._reload_job = None
        self.statusMessage.emit(f"could not read bookings: {exc}")
        if exc is not None:
            self.readFailed.emit(exc)

    def _apply(self, gen: int, window: TimelineWindow) -> None:
        self._applied = gen
        old, self._window = self._window, window
        self._lanes_all.clear()
        if old is not None:
            # freed on the worker, after any read that still uses it as its base: freeing
            # tens of thousands of tuples here would hold the GUI thread for tens of ms
            self._pool.start(_DisposeJob(old, self._not_painting))

    def _lanes_of(self, rid: int, rows: Any) -> Lanes:
        """Lanes of a row with its cancelled bars shown too (the window has them without)."""
        lanes = self._lanes_all.get(rid)
        if lanes is None:
            lanes = self._lanes_all[rid] = assign_lanes(rows)
        return lanes

    def _find_bar(self, booking_id: int) -> Bar | None:
        return None if self._window is None else self._window.bar(booking_id)

    # ---- internals: painting -----------------------------------------------------------

    # a Bar or a window's BarRow: the same fields at the same indexes

    def _style(self, bar: Sequence[Any]) -> _Style:
        return self._style_for(bar[COLOR], bar[PRODUCTION_ID], bar[ACTIVITY] == "maintenance")

    def _style_for(self, color: str, production_id: int | None, maintenance: bool) -> _Style:
        key = (color, production_id, maintenance)
        st = self._styles.get(key)
        if st is None:
            base = self._color(color, production_id, maintenance)
            st = self._styles[key] = _Style.of(base, len(self._styles))
        return st

    def _color(self, color: str, production_id: int | None, maintenance: bool) -> QColor:
        if maintenance or production_id is None:
            return MAINTENANCE_GREY
        key = color or PALETTE[production_id % len(PALETTE)]
        c = self._colors.get(key)
        if c is None:
            c = QColor(key)
            if not c.isValid():
                c = QColor(PALETTE[production_id % len(PALETTE)])
            self._colors[key] = c
        return c

    def _label_text(self, bar: Sequence[Any]) -> str:
        key = (bar[PRODUCTION], bar[ACTIVITY], bar[RANK], bar[STATUS])
        label = self._texts.get(key)
        if label is None:
            label = f"{bar[PRODUCTION]} · {bar[ACTIVITY]}" if bar[PRODUCTION] else "Maintenance"
            if bar[RANK]:
                label += f" · {ordinal(bar[RANK])} hold"
            elif bar[STATUS] == "hold":
                label += " · hold"
            if len(self._texts) >= MAX_LABELS:
                self._texts.clear()
            self._texts[key] = label
        return label

    def _item(self, b: Bar, y: int, lane: int, lanes: int, selected: bool, ghost: bool,
              scroll: int | None = None) -> BarItem:
        x, top, w, h = self._place(b, y, lane, lanes, scroll)
        return BarItem(b, x, top, w, h, self._label_text(b), b.status == "hold", b.status == "cancelled",
                       b.severity, b.rank, selected, ghost)

    def _place(self, r: Sequence[Any], y: int, lane: int, lanes: int,
               scroll: int | None = None) -> tuple[float, float, float, float]:
        """A bar's rectangle (x, top, width, height) in row `y`, in its lane: at least 2 px wide.
        visible_bars(), the paint and the repaint after a scroll all place bars here."""
        pph, origin = ZOOMS[self._zoom], self._origin
        if scroll is None:
            scroll = self._hbar.value()
        x0 = (r[START] - origin) * pph / HOUR - scroll  # x_of, inlined: hundreds of bars per paint
        x1 = (r[END] - origin) * pph / HOUR - scroll
        w = x1 - x0
        h = (ROW_H - 6) / lanes
        return x0, y + 3 + lane * h, w if w >= 2.0 else 2.0, h - (1 if lanes > 1 else 0)

    def paintEvent(self, e: QPaintEvent) -> None:
        self._painting()
        with _collector_paused:
            self._paint(e)
        if self._queued is not None:
            QTimer.singleShot(0, self._start_queued)  # after the name column and the axis too

    def _painting(self) -> None:
        """A paint begins: the worker holds back until the whole frame is painted (the viewport,
        the name column and the axis, with Qt's work between them), not just this widget."""
        self._await_paint = False
        self._not_painting.clear()
        if not self._release_queued:
            self._release_queued = True
            QTimer.singleShot(0, self._paint_cycle_over)  # runs once this paint cycle is over

    def _paint_cycle_over(self) -> None:
        self._release_queued = False
        if not self._await_paint and not self._bands:
            self._not_painting.set()

    def _update_bars(self, moved: bool) -> None:
        """Paint the whole viewport again. A frame predicted to cost more than BAND_S (from the
        last whole paint at this zoom) is painted in bands of rows, top first, one per turn of
        the event loop: input and timers get their turn between bands instead of waiting for one
        long paint. `moved` (a zoom, a jump): what is shown is at the wrong place or scale, so
        the first paint clears the whole viewport and draws the first band's bars; the others
        fill in over the next few milliseconds. Otherwise (a new window of bars) the rows below
        show what they showed until their band is painted."""
        vp = self.viewport()
        cost = self._paint_cost.get(self._zoom, max(self._paint_cost.values(), default=0.0))
        n = min(MAX_BANDS, ceil(cost / BAND_S))
        self._bands.clear()
        self._bars_above = None
        if n <= 1:
            vp.update()
            return
        top, height = self._vbar.value(), vp.height()
        step = ceil((height // ROW_H + 2) / n) * ROW_H  # whole rows a band (the top one may be cut)
        y = top // ROW_H * ROW_H
        while y < top + height:
            self._bands.append((y, y + step))
            y += step
        if moved:
            self._bars_above = self._bands.pop(0)[1]
            vp.update()
        else:
            self._next_band()

    def _next_band(self) -> None:
        """Ask for the next band's paint (the paint of the one before asks for this)."""
        self._band_queued = False
        if self._bands:
            self.viewport().update(self._band_rect(self._bands[0]))

    def _band_rect(self, band: tuple[int, int]) -> QRect:
        y0, y1 = band
        return QRect(0, y0 - self._vbar.value(), self.viewport().width(), y1 - y0)

    def _note_cost(self, areas: list[QRect], seconds: float) -> None:
        """What a whole frame at this zoom costs, from a paint of a band or more of it (with all
        its bars: a zoom's first frame may show only the part the last window covers)."""
        vp = self.viewport()
        whole = vp.width() * vp.height()
        painted = sum(a.width() * a.height() for a in areas)
        window = self._window
        if painted * (MAX_BANDS + 1) >= whole and window is not None and window.covers(*self.visible_range()):
            self._paint_cost[self._zoom] = seconds * whole / painted

    def _bands_painted(self, region: QRegion, limited: bool) -> None:
        """Drop the bands this paint covered (`limited`: it drew none of them whole); ask for
        the next one in the next turn."""
        shown = self.viewport().rect()
        if not limited:
            self._bands = [b for b in self._bands
                           if not QRegion(self._band_rect(b).intersected(shown)).subtracted(region).isEmpty()]
        if self._bands and not self._band_queued:
            self._band_queued = True
            QTimer.singleShot(0, self._next_band)

    def is_painting(self) -> bool:
        """True while a costly frame is still being painted band by band (see _update_bars)."""
        return bool(self._bands)

    def _hold_worker(self) -> None:
        """A scroll or zoom: the worker holds back until its frame is painted (Qt paints after
        the events queued, and the two threads taking turns with the GIL would halve the GUI
        thread's speed meanwhile); INPUT_HOLD_MS at most, for a view that is not painted."""
        self._await_paint = True
        self._not_painting.clear()
        self._input_hold.start()

    def _release_worker(self) -> None:
        self._await_paint = False
        if not self._release_queued:
            self._not_painting.set()

    def _paint(self, e: QPaintEvent) -> None:
        """Paint what the event asks for: the whole viewport, or after a scroll the strip it
        uncovered and the bars whose look depends on the edges (see scrollContentsBy), each
        rectangle of the region with just the rows and the stretch of time inside it."""
        vp = self.viewport()
        began = time.perf_counter()
        p = QPainter(vp)
        self._viewport_w = vp.width()
        fm = QFontMetrics(self.font())
        self._font_h = fm.height()
        self._label_deadline = began + LABEL_BUDGET_S
        self._rects.reset()
        areas = paint_areas(e)
        for area in areas:
            if len(areas) > 1:
                p.setClipRect(area)
            self._paint_area(p, area, fm)
        limited = self._bars_above is not None  # the bars of one band only: no measure of a frame
        if not limited:
            self._note_cost(areas, time.perf_counter() - began)
        self._bars_above = None
        if self._bands:
            self._bands_painted(e.region(), limited)
        p.setClipping(False)  # the region of the event still clips
        self._paint_drag(p, fm)
        now_x = self.x_of(now_instant())
        if 0 <= now_x <= vp.width():
            p.setPen(QPen(CONFLICT_RED, 2))
            p.drawLine(QPointF(now_x, 0), QPointF(now_x, vp.height()))
        p.end()
        if not self._painted:
            self._painted = True
            _freeze_startup_objects()
            QTimer.singleShot(0, self._ensure_window)  # the flagged window with its margin
            QTimer.singleShot(0, self._names, self._names.lay_out_ahead)

    def _paint_area(self, p: QPainter, area: QRect, fm: QFontMetrics) -> None:
        """The background and the bars of one rectangle of the viewport."""
        p.fillRect(area, QColor("#ffffff"))
        # bars reach a few pixels past their times (2 px at least, frames): a margin either side
        t0, t1 = self.time_at(area.left() - AREA_PAD), self.time_at(area.right() + 1 + AREA_PAD)
        w, h = self._viewport_w, self.viewport().height()
        # opaque pen-less fills, one call a colour (not one a rectangle): the raster engine's
        # cheapest path; lines are one-pixel rectangles
        days = self.day_spans(t0, t1)
        weekly = self._zoom == "quarter"  # 12 px a day: a line a week, as the axis labels them
        weekends = [QRect(int(x0), 0, int(x1) - int(x0), h) for day, x0, x1 in days if day.weekday() >= 5]
        day_lines = [QRect(int(x0), 0, 1, h) for day, x0, _x1 in days if not weekly or day.weekday() == 0]
        top = self._vbar.value()
        first = max(0, (top + area.top()) // ROW_H)
        last = min(len(self._rows), (top + area.bottom()) // ROW_H + 1)
        rows = self._rows
        groups = [QRect(0, self.row_y(i), w, ROW_H) for i in range(first, last) if rows[i].resource is None]
        row_lines = [QRect(0, self.row_y(i) + ROW_H - 1, w, 1) for i in range(first, last)]
        p.setPen(Qt.PenStyle.NoPen)
        for colour, rects in ((WEEKEND, weekends), (DAY_LINE, day_lines), (GROUP_BG, groups),
                              (ROW_LINE, row_lines)):
            if rects:
                p.setBrush(colour)
                p.drawRects(rects)
        p.setBrush(Qt.BrushStyle.NoBrush)
        # hatching drawn in step with the content, not the viewport: a scroll moves it whole
        p.setBrushOrigin(-self._hbar.value(), -top)
        if self._bars_above is not None:  # a zoom's first band (see _update_bars)
            last = min(last, self._bars_above // ROW_H)
        self._paint_rows(p, fm, t0, t1, first, last)
        p.setBrushOrigin(0, 0)

    def _label(self, fm: QFontMetrics, font: QFont, small: bool, text: str, width: int,
               make: bool = True) -> QStaticText | None:
        """The label elided to `width` and laid out once (drawStaticText is 3x cheaper than drawText).

        A label that fits is one layout for every width (a bar clipped at the edge while
        scrolling changes width each step: only a label that no longer fits is laid out again).
        `width` -1: the whole text, whatever it needs. `make` False: None unless laid out already."""
        natural = self._label_widths.get((text, small))
        if natural is None:
            natural = self._label_widths[(text, small)] = fm.horizontalAdvance(text)
        key = (text, -1 if natural <= width or width < 0 else width, small)
        out = self._labels.get(key)
        if out is None and make:
            if len(self._labels) >= MAX_LABELS:
                self._labels.clear()
                self._label_widths.clear()
            out = self._labels[key] = static_text(text, font, key[1])
        return out

    def _paint_bars(self, p: QPainter, items: list[BarItem], fm: QFontMetrics,
                    outline: QColor | None = None) -> None:
        """Painted BarItems (see _Batch). Cancelled bars (shown on request) come after the
        others, translucent; `outline`: a frame round each bar (the ghost of a drag)."""
        batch = _Batch(self, outline)
        cancelled: list[BarItem] = []
        for item in items:
            if item.cancelled and outline is None and p.opacity() == 1.0:
                cancelled.append(item)
                continue
            batch.add(item.x, item.y, item.w, item.h, self._style(item.bar), item.hold, item.conflict,
                      item.selected, item.label)
        batch.draw(p, fm)
        if cancelled:
            p.setOpacity(0.3)
            self._paint_bars(p, cancelled, fm)
            p.setOpacity(1.0)

    def _paint_rows(self, p: QPainter, fm: QFontMetrics, t0: int, t1: int, first: int, last: int) -> None:
        """The visible bars straight from the window's rows: what visible_bars() describes, without
        a Bar and a BarItem per bar (a quarter view of crew rows shows over a thousand bars).

        Most bars of a dense view are narrow and alone in their row: each row's lone bars
        (RowParts.lone) are cut to the visible slice by bisection and placed a list at a time
        (_add_lone). The rest (bars in lanes, flagged, selected, wide enough for a label) go
        through _Batch.add one by one."""
        window = self._window
        if window is None or self._show_cancelled:
            self._paint_bars(p, self.visible_bars(wait=False), fm)
            return
        batch = _Batch(self)
        skip = self._drop[0] if self._drop else -1  # a dropped bar is painted where it was dropped
        sel = set(self._selected)
        marked = sel | {skip} if skip != -1 else sel  # bars that need _Batch.add
        add_bar = self._add_bar
        targets: dict[tuple[Any, ...], tuple[bool, list[QRect], list[QRect]]] = {}
        for i in range(first, last):
            res = self._rows[i].resource
            if res is None:
                continue
            y = self.row_y(i)
            lone, others = window.parts(res.id)
            a = bisect_right(lone.ends, t0)  # the first that ends after t0 (ends are sorted too)
            b = bisect_left(lone.starts, t1, a)  # past the last that starts before t1
            if a < b:
                if marked and any(r[ID] in marked for r in lone.rows[a:b]):
                    for r in lone.rows[a:b]:
                        if r[ID] != skip:
                            add_bar(batch, r, y, r[ID] in sel)
                else:
                    self._add_lone(batch, targets, lone, a, b, y)
            for r in others:
                if r[START] >= t1:
                    break  # in start order
                if r[END] > t0 and r[ID] != skip:
                    add_bar(batch, r, y, r[ID] in sel)
        dropped = self._dropped_item(first, last, sel)
        if dropped is not None:
            d = dropped
            batch.add(d.x, d.y, d.w, d.h, self._style(d.bar), d.hold, d.conflict, d.selected, d.label)
        batch.draw(p, fm)

    def _add_bar(self, batch: _Batch, r: Sequence[Any], y: int, selected: bool) -> None:
        """One bar of the window (a BarRow of row `y`) into the batch, in its lane."""
        lane, n = self._window.lanes.get(r[ID], (0, 1)) if self._window is not None else (0, 1)
        x, top, w, h = self._place(r, y, lane, n)
        batch.add(x, top, w, h, self._style(r), r[STATUS] == "hold", r[SEVERITY], selected,
                  self._label_text(r) if w > MIN_LABEL_W else "")  # narrow: no label

    def _add_lone(self, batch: _Batch, targets: dict[tuple[Any, ...], tuple[bool, list[QRect], list[QRect]]],
                  lone: Lone, a: int, b: int, y: int) -> None:
        """Lone bars a to b of row `y` into the batch: _Batch.add's arithmetic, a list at a time
        (a call per bar cost a frame). Those wide enough for a label go through _Batch.add.
        `targets`: a look's lists in the batch (one paint)."""
        pph, origin, scroll = ZOOMS[self._zoom], self._origin, self._hbar.value()
        x0 = [(s - origin) * pph / HOUR - scroll for s in lone.starts[a:b]]
        x1 = [(e - origin) * pph / HOUR - scroll for e in lone.ends[a:b]]
        rows: Sequence[Any] = lone.rows[a:b]
        if max(map(sub, x1, x0)) > MIN_LABEL_W:
            fits = [v - u <= MIN_LABEL_W for u, v in zip(x0, x1, strict=True)]
            for r, keep in zip(rows, fits, strict=True):
                if not keep:
                    self._add_bar(batch, r, y, False)
            if not any(fits):
                return
            x0, x1, rows = list(compress(x0, fits)), list(compress(x1, fits)), list(compress(rows, fits))
        lefts = [floor(u) for u in x0]
        rights = [floor(u + (v - u if v - u >= 2.0 else 2.0) + EDGE_EPS) for u, v in zip(x0, x1, strict=True)]
        plain = [r - left <= PLAIN_W for left, r in zip(lefts, rights, strict=True)]  # before the cut
        # they do not overlap: only the first can begin off the left edge, the last end off the right
        lefts[0] = max(lefts[0], -4)
        rights[-1] = min(rights[-1], batch.vw + 4)
        for k in (0, -1):
            rights[k] = max(rights[k], lefts[k] + 1)
        top, inner_top = y + 3, y + 4
        rect = self._rects.make
        for left, right, narrow, look in zip(lefts, rights, plain, map(_LOOK, rows), strict=True):
            target = targets.get(look)
            if target is None:
                st = self._style_for(look[0], look[1], look[2] == "maintenance")
                _st, solid, holds, inner = batch.group(st)
                hold = look[3] == "hold"
                target = targets[look] = (hold, holds if hold else solid, inner)
            hold, outer, inner = target
            if hold:
                outer.append(rect(left, top, right - left - 1, ROW_H - 7))
            elif not narrow:
                outer.append(rect(left, top, right - left, ROW_H - 6))
                inner.append(rect(left + 1, inner_top, right - left - 2, ROW_H - 8))
            else:
                inner.append(rect(left, top, right - left, ROW_H - 6))

    def _paint_labels(self, p: QPainter, labels: list[_Label], fm: QFontMetrics) -> None:
        """The labels, normal font first, then the small one; the pen set only when its colour changes.

        Eliding and laying out a label costs ~50 us; a zoom change needs a new one for every
        bar that does not fit. Past LABEL_BUDGET_S of such work in one paint, the rest show
        their whole text clipped to the bar (one layout per text, ever); they are laid out
        between events afterwards, and the view repaints once they all are."""
        big_font, small_font, small_fm = self.font(), self._small_font, self._small_metrics
        font_small, pen = False, None
        deadline = self._label_deadline  # one budget for the whole paint
        deferred, made = False, 0
        queued = bool(self._backlog)  # a layout pass is already on its way
        for lb in sorted(labels, key=_Label.is_small):
            if lb.small != font_small:
                p.setFont(small_font if lb.small else big_font)
                font_small = lb.small
            if lb.color is not pen:
                p.setPen(lb.color)
                pen = lb.color
            metrics, font = (small_fm, small_font) if lb.small else (fm, big_font)
            at = QPointF(lb.x, lb.top + (lb.height - metrics.height()) / 2)
            text = self._label(metrics, font, lb.small, lb.text, lb.width, make=False)
            if text is None and not deferred and (not made or time.perf_counter() < deadline):
                text = self._label(metrics, font, lb.small, lb.text, lb.width)
                made += 1  # at least one a paint: the repaints below always come to an end
            if text is not None:
                p.drawStaticText(at, text)
                continue
            deferred = True
            self._backlog.append((metrics, font, lb.small, lb.text, lb.width))
            box = QRect(lb.x, lb.top, lb.width, lb.height)
            self._backlog_boxes.append(box.translated(self._hbar.value(), self._vbar.value()))  # in content
            whole = self._label(metrics, font, lb.small, lb.text, -1)
            assert whole is not None
            p.save()
            p.setClipRect(box, Qt.ClipOperation.IntersectClip)  # within the area being painted too
            p.drawStaticText(at, whole)
            p.restore()
        if font_small:
            p.setFont(big_font)
        if deferred and not queued:
            QTimer.singleShot(0, self._lay_out_backlog)

    def _lay_out_backlog(self) -> None:
        """Lay out labels a paint left clipped, LABEL_BUDGET_S at a time, then repaint them (where
        they are now: the view may have scrolled meanwhile; after a zoom all is painted anyway)."""
        deadline = time.perf_counter() + LABEL_BUDGET_S
        while self._backlog:  # at least one a call: this always comes to an end
            self._label(*self._backlog.pop())
            if time.perf_counter() >= deadline:
                break
        if self._backlog:
            QTimer.singleShot(0, self._lay_out_backlog)
            return
        vp, dx, dy = self.viewport(), -self._hbar.value(), -self._vbar.value()
        for box in self._backlog_boxes:
            vp.update(box.translated(dx, dy))
        self._backlog_boxes.clear()

    def _paint_drag(self, p: QPainter, fm: QFontMetrics) -> None:
        g = self.drag_ghost()
        d = self._drag
        if g is None or d is None:
            return
        i = self._row_of.get(d.resource_id)
        if i is None:
            return
        y = self.row_y(i)
        if d.bar is None:  # creating: a plain outline
            rect = QRectF(self.x_of(d.start), y + 3, self.x_of(d.end) - self.x_of(d.start), ROW_H - 6)
            p.fillRect(rect, QColor(13, 71, 161, 50))
            p.setPen(QPen(SELECT_BLUE, 1.5, Qt.PenStyle.DashLine))
            p.drawRect(rect)
            return
        bar = d.bar._replace(resource_id=d.resource_id, start=d.start, end=d.end)
        item = self._item(bar, y, 0, 1, False, True)
        colour = QColor("#9e9e9e") if g["ok"] is None else QColor("#2e7d32") if g["ok"] else CONFLICT_RED
        p.setOpacity(0.85)
        self._paint_bars(p, [item], fm, outline=colour)
        p.setOpacity(1.0)

    # ---- internals: events -------------------------------------------------------------

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        vg = self.viewport().geometry()
        self._names.setGeometry(vg.left() - NAME_W, vg.top(), NAME_W, vg.height())
        self._axis.setGeometry(vg.left(), vg.top() - AXIS_H, vg.width(), AXIS_H)
        self._corner.setGeometry(vg.left() - NAME_W, vg.top() - AXIS_H, NAME_W, AXIS_H)
        t_left = self.time_at(0)
        self._update_scrollbars()
        self._scroll_time_to(t_left, 0, moved=False)  # (a window being resized keeps its bars)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """A scroll step moves the painted pixels (QWidget.scroll) and paints only the strip it
        uncovers: a dense view costs a full frame to paint, a strip a fraction of it. Bars whose
        look depends on where the viewport ends are painted again too (_edge_bars)."""
        vp = self.viewport()
        if (dx and dy) or abs(dx) >= vp.width() or abs(dy) >= vp.height() or self._drag is not None \
                or self._show_cancelled or self._window is None:
            self._changed_view(axis=bool(dx), names=bool(dy))
            return
        vp.scroll(dx, dy)
        if dx:
            edges = self._edge_bars(dx)
            if len(edges) > MAX_AREAS // 2:
                # as whole-height columns: dozens of rectangles would be painted as their
                # bounding rectangle, the whole viewport
                columns: list[list[int]] = []
                for rect in sorted(edges, key=QRect.left):
                    if columns and rect.left() <= columns[-1][1] + 32:
                        columns[-1][1] = max(columns[-1][1], rect.right() + 1)
                    else:
                        columns.append([rect.left(), rect.right() + 1])
                edges = [QRect(left, 0, right - left, vp.height()) for left, right in columns]
            for rect in edges:
                vp.update(rect)
            self._axis.scroll(dx, 0)
            self._axis.update(self._axis.sticky_labels(dx))
        self._changed_view(axis=False, names=bool(dy), bars=False)  # only what moved is painted again

    def _edge_bars(self, dx: int) -> list[QRect]:
        """After a horizontal scroll by dx, the rows' strips of the bars that look different, not
        just moved: those across an edge of the viewport, now or before, that have a label (kept
        in view, elided to the visible part), or a conflict marker near the right edge. (A
        hold's dashes are laid from the content's origin, not from the edge: see dash_texture.)"""
        window = self._window
        if window is None:
            return []
        w = self.viewport().width()
        edges = (0, w, dx, w + dx)  # now and before
        times = sorted(self.time_at(x) for x in edges)
        first_t, last_t = times[0], times[-1]
        first, last = self.visible_row_span()
        out = []
        for i in range(first, last):
            res = self._rows[i].resource
            if res is None:
                continue
            lone, others = window.parts(res.id)
            found = {}  # by id: a bar across two of the edges is found twice
            for r in others:  # in start order
                if r[START] >= last_t:
                    break
                if r[END] > first_t and any(r[START] < t < r[END] for t in times):
                    found[r[ID]] = r
            for t in times:
                k = bisect_right(lone.ends, t)  # the first lone bar that ends after t
                if k < len(lone.starts) and lone.starts[k] < t:
                    found[lone.rows[k][ID]] = lone.rows[k]
            y = self.row_y(i)
            for r in found.values():
                for a, b in self._edge_spans(r, dx, w):
                    left, right = max(int(a), 0), min(int(b) + 1, w)
                    if right > left:
                        out.append(QRect(left, y, right - left, ROW_H))
        return out

    def _edge_spans(self, r: Sequence[Any], dx: int, w: int) -> list[tuple[float, float]]:
        """The x-spans of bar `r` that look different after a scroll by dx (see _edge_bars)."""
        x0, x1 = self.x_of(r[START]), self.x_of(r[END])
        then_now = (0, dx)  # shifts to its place now and to its place before
        spans = []
        if r[SEVERITY] and any(x0 - d < w < x1 - d for d in then_now):
            spans.append((x1 - 14, x1 + 2))  # its marker at the right end, drawn or not
        if x1 - x0 > MIN_LABEL_W:
            lane, lanes = self._window.lanes.get(r[ID], (0, 1)) if self._window is not None else (0, 1)
            height = int(self._place(r, 0, lane, lanes)[3])
            if height < 10:
                return spans  # no label (as _Batch.add)
            small = height < self._font_h + 2
            text = self._label_text(r)
            natural = self._label_widths.get((text, small))
            if natural is None:
                natural = (self._small_metrics if small else self.fontMetrics()).horizontalAdvance(text)

            def label(d: int) -> tuple[int, int] | None:
                """Where the label starts (in the viewport's pixels now) and how wide it is drawn,
                with the bar where it was before a shift of d: as _Batch.add places it."""
                box = label_box(max(floor(x0 - d), -4), floor(x1 - d + EDGE_EPS), w, r[SEVERITY])
                return None if box is None else (box[0] + d, min(natural, box[1]))

            now, then = label(0), label(dx)
            if now != then:  # kept at the left edge, or elided to what shows of the bar
                starts = [lb[0] for lb in (now, then) if lb is not None]
                ends = [lb[0] + lb[1] for lb in (now, then) if lb is not None]
                spans.append((min(starts) - 2, max(ends) + 12))
        return spans

    def wheelEvent(self, e: QWheelEvent) -> None:
        delta = e.angleDelta().y() or e.angleDelta().x()
        mods = e.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            if delta > 0:
                i = ZOOM_ORDER.index(self._zoom)
                if i > 0:
                    self.set_zoom(ZOOM_ORDER[i - 1], anchor_x=e.position().x())
            elif delta < 0:
                i = ZOOM_ORDER.index(self._zoom)
                if i < len(ZOOM_ORDER) - 1:
                    self.set_zoom(ZOOM_ORDER[i + 1], anchor_x=e.position().x())
        elif mods & Qt.KeyboardModifier.ShiftModifier or (e.angleDelta().y() == 0 and e.angleDelta().x()):
            h = self.horizontalScrollBar()
            h.setValue(h.value() - int(delta / 120 * h.singleStep()))
        else:
            v = self.verticalScrollBar()
            v.setValue(v.value() - int(delta / 120 * 3 * ROW_H))
        e.accept()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        k = e.key()
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        if k == Qt.Key.Key_Escape and self._drag is not None:
            self._drag = None
            self._check_timer.stop()
            self.viewport().update()
            self.statusMessage.emit("drag cancelled")
        elif k == Qt.Key.Key_Left:
            h.setValue(h.value() - h.singleStep())
        elif k == Qt.Key.Key_Right:
            h.setValue(h.value() + h.singleStep())
        elif k == Qt.Key.Key_Up:
            v.setValue(v.value() - ROW_H)
        elif k == Qt.Key.Key_Down:
            v.setValue(v.value() + ROW_H)
        elif k == Qt.Key.Key_PageUp:
            v.setValue(v.value() - v.pageStep())
        elif k == Qt.Key.Key_PageDown:
            v.setValue(v.value() + v.pageStep())
        elif k in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif k in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif k == Qt.Key.Key_Home:
            self.go_to_today()
        else:
            super().keyPressEvent(e)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        pos = e.position()
        if e.button() != Qt.MouseButton.LeftButton:
            if e.button() == Qt.MouseButton.RightButton:
                hit = self.bar_at(pos)
                if hit is not None and hit[0].bar.id not in self._selected:
                    self.select_bookings([hit[0].bar.id])
            return
        self.setFocus()
        i = self.row_at(int(pos.y()))
        if i is None:
            return
        row = self._rows[i]
        if row.resource is None:
            self.toggle_group(row.group)
            return
        hit = self.bar_at(pos)
        t = self.time_at(pos.x())
        if hit is None:
            if self._read_only:
                self.select_bookings([])
                return
            self._drag = _Drag("create", pos, t, row.resource.id)
            return
        item, part = hit
        bid = item.bar.id
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            sel = [x for x in self._selected if x != bid] if bid in self._selected else self._selected + [bid]
            self.select_bookings(sel)
            return
        if bid not in self._selected:
            self.select_bookings([bid])
        if item.ghost or self._read_only:
            return  # waiting for its save, or nothing may change
        mode = {"body": "move", "left": "left", "right": "right"}[part]
        bar = item.bar
        self._drag = _Drag(mode, pos, t, bar.resource_id, bar, start=bar.start, end=bar.end)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        pos = e.position()
        d = self._drag
        if d is None:
            self._hover(pos)
            return
        if not d.active:
            if (pos - d.press).manhattanLength() < DRAG_START_PX:
                return
            d.active = True
        t = self.time_at(pos.x())
        step = SNAP[self._zoom]
        if d.mode == "create":
            a, b = self.snap(d.press_time), self.snap(t)
            if a == b:
                b = a + step if t >= d.press_time else a - step
            d.start, d.end = min(a, b), max(a, b)
        elif d.bar is not None:
            bar = d.bar
            if d.mode == "move":
                d.start = self.snap(bar.start + (t - d.press_time))
                d.end = d.start + (bar.end - bar.start)
                i = self.row_at(int(pos.y()))
                res = self._rows[i].resource if i is not None else None
                if res is not None and res.kind == self._kind_of(bar.resource_id):
                    d.resource_id = res.id
            elif d.mode == "left":
                d.start = min(self.snap(t), bar.end - step)
                d.end = bar.end
            else:
                d.start = bar.start
                d.end = max(self.snap(t), bar.start + step)
            self._schedule_check()
        self.viewport().update()

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        d = self._drag
        self._drag = None
        self._check_timer.stop()
        if d is None or e.button() != Qt.MouseButton.LeftButton:
            return
        self.viewport().update()
        if not d.active:
            if d.mode == "create" and not (e.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self.select_bookings([])
            return
        if d.mode == "create":
            self.createRequested.emit(d.resource_id, d.start, d.end)
            return
        bar = d.bar
        if bar is None or (d.resource_id, d.start, d.end) == (bar.resource_id, bar.start, bar.end):
            return
        reason = self._checks.get((bar.id, d.resource_id, d.start, d.end))
        if reason:
            self.statusMessage.emit(reason)
        self._drop = (bar.id, d.resource_id, d.start, d.end)
        self.moveRequested.emit(bar.id, d.resource_id, d.start, d.end, bar.version)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        hit = self.bar_at(e.position())
        if hit is not None and e.button() == Qt.MouseButton.LeftButton:
            self._drag = None
            self.bookingActivated.emit(hit[0].bar.id)

    def contextMenuEvent(self, e: Any) -> None:
        hit = self.bar_at(QPointF(e.pos()))
        self.contextMenuRequested.emit(hit[0].bar.id if hit else -1, e.globalPos())

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            hit = self.bar_at(QPointF(e.pos()))
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), self.tooltip_text(hit[0].bar.id), self.viewport())
            return True
        return super().viewportEvent(e)

    def _hover(self, pos: QPointF) -> None:
        hit = self.bar_at(pos, wait=False)
        vp = self.viewport()
        if hit is None:
            vp.unsetCursor()
            bid = -1
        else:
            part = hit[1]
            vp.setCursor(Qt.CursorShape.SizeHorCursor if part != "body" else Qt.CursorShape.OpenHandCursor)
            bid = hit[0].bar.id
        if bid != self._hover_id:
            self._hover_id = bid
            if hit is not None:
                b = hit[0].bar
                self.statusMessage.emit(
                    f"#{b.id} {b.production or 'maintenance'}, {b.activity}, {b.status}, "
                    f"{short_local(b.start, self.source.tz)} – {short_local(b.end, self.source.tz)}"
                )

    def _kind_of(self, resource_id: int) -> str | None:
        i = self._row_of.get(resource_id)
        if i is not None and self._rows[i].resource is not None:
            return self._rows[i].resource.kind  # type: ignore[union-attr]
        return next((r.kind for r in self._resources if r.id == resource_id), None)

    # ---- internals: the drop check (throttled, cached per position) --------------------

    def _schedule_check(self) -> None:
        d = self._drag
        if d is None or d.bar is None:
            return
        key = (d.bar.id, d.resource_id, d.start, d.end)
        if key in self._checks:
            self._report_check(key)
        else:
            self._check_timer.start(CHECK_DELAY_MS)

    def _run_check(self) -> None:
        d = self._drag
        if d is None or d.bar is None or not d.active:
            return
        key = (d.bar.id, d.resource_id, d.start, d.end)
        if key not in self._checks:
            self._checks[key] = self.source.check_drop(*key)
        self._report_check(key)
        self.viewport().update()

    def _report_check(self, key: tuple[int, int, int, int]) -> None:
        reason = self._checks[key]
        tz = self.source.tz
        if reason:
            self.statusMessage.emit(reason)
        else:
            self.statusMessage.emit(f"drop here: {short_local(key[2], tz)} – {short_local(key[3], tz)}")

