"""The viewport's paint: the grid (weekends, days, group rows, row lines) and the bars.

Bars are painted straight from the window's rows: what TimelineView.visible_bars() describes,
without a Bar and a BarItem per bar. Most bars of a dense view are narrow and alone in their
row: each row's lone bars (RowParts.lone) are cut to the visible slice by bisection and placed
a list at a time (`_add_lone`, Batch.add's arithmetic on lists). The rest (bars in lanes,
flagged, selected, wide enough for a label) go through Batch.add one by one. `fast` False
paints from visible_bars() instead: the tests compare the two pictures pixel for pixel.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress
from math import floor
from operator import itemgetter, sub
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent

from ...services.timeline_data import (
    ACTIVITY,
    COLOR,
    END,
    ID,
    PRODUCTION_ID,
    SEVERITY,
    START,
    STATUS,
    Lanes,
    Lone,
    assign_lanes,
)
from ..timeline_source import Bar, TimelineWindow
from ..zooms import ZOOMS
from .batch import PLAIN_W, Batch, Rects
from .layouts import LabelPainter
from .rows import BAR_PAD, ROW_H, lane_box, stacked
from .scale import EDGE_EPS, HOUR, MIN_BAR_W, MIN_LABEL_W
from .styles import (
    BACKGROUND,
    CANCELLED_OPACITY,
    DAY_LINE,
    GROUP_BG,
    NOW_PEN,
    ROW_LINE,
    WEEKEND,
    Style,
    Styles,
)
from .texts import LabelTexts

if TYPE_CHECKING:
    from .view import TimelineView

AREA_PAD = 4  # px: bars just outside a rectangle that may still reach into it
MAX_AREAS = 24  # a paint region of more rectangles is painted as its bounding rectangle
_LOOK = itemgetter(COLOR, PRODUCTION_ID, ACTIVITY, STATUS)  # what a lone bar's look depends on
_ALONE = (0, 1)  # lane 0 of 1: a bar with no entry in the window's lanes
Targets = dict[tuple[Any, ...], tuple[bool, list[QRect], list[QRect]]]


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
    layer: int = 0  # a stacked card's lane (drawn over lower layers: rows.CARD_H), else 0

    @property
    def rect(self) -> QRectF:
        return QRectF(self.x, self.y, self.w, self.h)


def paint_areas(e: QPaintEvent) -> list[QRect]:
    """The rectangles of the event's region, each painted with just what lies under it; a region
    of many is painted as its bounding rectangle."""
    region = e.region()
    return list(region) if region.rectCount() <= MAX_AREAS else [e.rect()]  # type: ignore[call-overload]


class BarPainter:
    """Paints the viewport of `view` (see the module docstring)."""

    def __init__(self, view: TimelineView, labels: LabelPainter) -> None:
        self.view = view
        self.labels = labels
        self.styles = Styles()
        self.texts = LabelTexts()
        self.rects = Rects()
        self.fast = True
        self._lanes_all: dict[int, Lanes] = {}  # lanes of a row with its cancelled bars shown
        self._lanes_window: TimelineWindow | None = None  # the window those are of
        self.vw = 0  # the viewport's width and the font's height, set by each paint
        self.font_h = 0
        self._lanes: Lanes = {}  # the window's lanes, its zoom, origin and scroll: set by paint_rows
        self._pph, self._origin, self._scroll = 1.0, 0, 0

    # ---- one paint event ---------------------------------------------------------------------

    def paint_event(self, e: QPaintEvent) -> None:
        """Paint what the event asks for: the whole viewport, or after a scroll the strip it
        uncovered and the bars whose look depends on the edges, each rectangle of the region
        with just the rows and the stretch of time inside it."""
        v = self.view
        vp = v.viewport()
        began = time.perf_counter()
        log = v.paint_log
        if log is not None:
            log.event(e.rect())
        p = QPainter(vp)
        self.vw = vp.width()
        self.font_h = v.fontMetrics().height()
        self.labels.begin(began)
        self.rects.reset()
        areas = paint_areas(e)
        for area in areas:
            if len(areas) > 1:
                p.setClipRect(area)
            self.paint_area(p, area)
        v.bands.painted(e.region(), areas, time.perf_counter() - began)
        p.setClipping(False)  # the region of the event still clips
        v.drag.paint_ghost(p)
        now_x = v.x_of(v.now())
        if 0 <= now_x <= vp.width():
            p.setPen(NOW_PEN)
            p.drawLine(QPointF(now_x, 0), QPointF(now_x, vp.height()))
        p.end()
        if log is not None:
            log.took(time.perf_counter() - began)

    def paint_area(self, p: QPainter, area: QRect) -> None:
        """The background and the bars of one rectangle of the viewport."""
        v = self.view
        log = v.paint_log
        if log is not None:
            log.area(area)
        p.fillRect(area, BACKGROUND)
        # bars reach a few pixels past their times (2 px at least, frames): a margin either side
        t0, t1 = v.time_at(area.left() - AREA_PAD), v.time_at(area.right() + 1 + AREA_PAD)
        w, h = self.vw, v.viewport().height()
        scale, scroll, top = v.scale, v.horizontalScrollBar().value(), v.verticalScrollBar().value()
        # opaque pen-less fills, one call a colour (not one a rectangle): the raster engine's
        # cheapest path; lines are one-pixel rectangles
        days = scale.day_spans(t0, t1, scroll)
        weekly = scale.zoom == "quarter"  # 12 px a day: a line a week, as the axis labels them
        weekends = [QRect(int(x0), 0, int(x1) - int(x0), h) for day, x0, x1 in days if day.weekday() >= 5]
        day_lines = [QRect(int(x0), 0, 1, h) for day, x0, _x1 in days if not weekly or day.weekday() == 0]
        rows = v.row_layout.rows
        first = max(0, (top + area.top()) // ROW_H)
        last = min(len(rows), (top + area.bottom()) // ROW_H + 1)
        groups = [QRect(0, i * ROW_H - top, w, ROW_H) for i in range(first, last) if rows[i].resource is None]
        row_lines = [QRect(0, i * ROW_H - top + ROW_H - 1, w, 1) for i in range(first, last)]
        p.setPen(Qt.PenStyle.NoPen)
        for colour, rects in ((WEEKEND, weekends), (DAY_LINE, day_lines), (GROUP_BG, groups),
                              (ROW_LINE, row_lines)):
            if rects:
                p.setBrush(colour)
                p.drawRects(rects)
        p.setBrush(Qt.BrushStyle.NoBrush)
        # hatching drawn in step with the content, not the viewport: a scroll moves it whole
        p.setBrushOrigin(-scroll, -top)
        last = v.bands.bars_end(last)  # a zoom's first band: the bars of its rows only
        if log is not None:
            log.rows(first, last)
        if self.fast:
            self.paint_rows(p, t0, t1, first, last)
        else:
            self.paint_bars(p, v.visible_bars(wait=False))
        p.setBrushOrigin(0, 0)

    # ---- bars ----------------------------------------------------------------------------------

    def style(self, bar: Sequence[Any]) -> Style:
        """The style of a Bar or a window's bar row (the same fields at the same indexes)."""
        return self.styles.get(bar[COLOR], bar[PRODUCTION_ID], bar[ACTIVITY] == "maintenance")

    def place(self, r: Sequence[Any], y: int, lane: int, lanes: int,
              scroll: int | None = None) -> tuple[float, float, float, float]:
        """A bar's rectangle (x, top, width, height) in the row at `y`, in its lane: at least
        MIN_BAR_W wide. visible_bars(), the paint and the repaint after a scroll all place bars here."""
        v = self.view
        x, w = v.scale.bar_x(r[START], r[END], v.hbar.value() if scroll is None else scroll)
        if lanes == 1:
            return x, y + BAR_PAD, w, ROW_H - 2 * BAR_PAD
        dy, h = lane_box(lane, lanes)
        return x, y + dy, w, h

    def visible_items(self) -> list[BarItem]:
        """Every bar the viewport paints, as a BarItem (see TimelineView.visible_bars)."""
        v = self.view
        window = v.loader.window
        if window is None:
            return []
        t0, t1 = v.visible_range()
        first, last = v.visible_row_span()
        drop = v.drag.dropped()
        drop_id = drop[0] if drop else v.drag.dragged_bar_id()
        out: list[BarItem] = []
        sel = set(v.selected_bookings())
        hide_cancelled = not v.show_cancelled()
        make, item = Bar._make, self.item
        rows, scroll, top = v.row_layout.rows, v.hbar.value(), v.vbar.value()
        for i in range(first, last):
            res = rows[i].resource
            if res is None:
                continue
            bars = window.by_resource.get(res.id, ())
            lanes = window.lanes if hide_cancelled else self._lanes_with_cancelled(window, res.id, bars)
            y = i * ROW_H - top
            for r in bars:
                if r[START] >= t1:
                    break  # a row's bars are in start order
                if r[END] <= t0 or (hide_cancelled and r[STATUS] == "cancelled"):
                    continue
                if r[ID] == drop_id and drop is not None:
                    continue  # painted at its dropped place below
                lane, n = lanes.get(r[ID], (0, 1))
                out.append(item(make(r), y, lane, n, r[ID] in sel, False, scroll))
        dropped = v.drag.dropped_item(first, last, sel)
        if dropped is not None:
            out.append(dropped)
        return out

    def _lanes_with_cancelled(self, window: TimelineWindow, rid: int, bars: Sequence[Any]) -> Lanes:
        """Lanes of a row with its cancelled bars shown too (the window has them without)."""
        if self._lanes_window is not window:
            self._lanes_all.clear()
            self._lanes_window = window
        lanes = self._lanes_all.get(rid)
        if lanes is None:
            lanes = self._lanes_all[rid] = assign_lanes(bars)
        return lanes

    def forget_lanes(self) -> None:
        self._lanes_all.clear()

    def item(self, b: Bar, y: int, lane: int, lanes: int, selected: bool, ghost: bool,
             scroll: int | None = None) -> BarItem:
        """A bar as painted in the row at `y` (see BarItem)."""
        x, top, w, h = self.place(b, y, lane, lanes, scroll)
        return BarItem(b, x, top, w, h, self.texts.of(b), b.status == "hold", b.status == "cancelled",
                       b.severity, b.rank, selected, ghost, lane if stacked(lanes) else 0)

    def paint_bars(self, p: QPainter, items: list[BarItem], outline: QColor | None = None) -> None:
        """Painted BarItems. Cancelled bars (shown on request) come after the others, faded;
        `outline`: a frame round each bar (the ghost of a drag)."""
        batch = Batch(self.vw, self.font_h, self.rects, outline)
        cancelled: list[BarItem] = []
        for item in items:
            if item.cancelled and outline is None and p.opacity() == 1.0:
                cancelled.append(item)
                continue
            batch.lane(item.layer).add(item.x, item.y, item.w, item.h, self.style(item.bar), item.hold,
                                       item.conflict, item.selected, item.label)
        self._draw(p, batch)
        if cancelled:
            p.setOpacity(CANCELLED_OPACITY)
            self.paint_bars(p, cancelled)
            p.setOpacity(1.0)

    def _draw(self, p: QPainter, batch: Batch) -> None:
        v = self.view
        batch.draw(p, self.labels, v.horizontalScrollBar().value(), v.verticalScrollBar().value())

    def paint_rows(self, p: QPainter, t0: int, t1: int, first: int, last: int) -> None:
        """The bars of rows [first, last) between t0 and t1, from the window's rows."""
        v = self.view
        window = v.loader.window
        if window is None or v.show_cancelled():
            self.paint_bars(p, v.visible_bars(wait=False))
            return
        batch = Batch(self.vw, self.font_h, self.rects)
        self._lanes, self._pph = window.lanes, ZOOMS[v.scale.zoom]
        self._origin, self._scroll = v.scale.origin, v.hbar.value()
        drop = v.drag.dropped()
        skip = drop[0] if drop else -1  # a dropped bar is painted where it was dropped
        sel = set(v.selected_bookings())
        marked = sel | {skip} if skip != -1 else sel  # bars that need Batch.add
        add_bar = self._add_bar
        targets: Targets = {}
        rows, top = v.row_layout.rows, v.vbar.value()
        for i in range(first, last):
            res = rows[i].resource
            if res is None:
                continue
            y = i * ROW_H - top
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
        d = v.drag.dropped_item(first, last, sel)
        if d is not None:
            batch.add(d.x, d.y, d.w, d.h, self.style(d.bar), d.hold, d.conflict, d.selected, d.label)
        self._draw(p, batch)

    def _add_bar(self, batch: Batch, r: Sequence[Any], y: int, selected: bool) -> None:
        """One bar of the window (a bar row of the row at `y`) into the batch, in its lane: where
        `place` puts it, with place's arithmetic inlined (this runs for hundreds of bars a paint)."""
        lane, n = self._lanes.get(r[ID], _ALONE)
        pph, origin, scroll = self._pph, self._origin, self._scroll
        x = (r[START] - origin) * pph / HOUR - scroll  # scale.bar_x
        w = (r[END] - origin) * pph / HOUR - scroll - x
        if w < MIN_BAR_W:
            w = MIN_BAR_W
        top: float
        h: float
        if n == 1:
            top, h = y + BAR_PAD, ROW_H - 2 * BAR_PAD
            target = batch
        else:
            dy, h = lane_box(lane, n)
            top = y + dy
            target = batch.lane(lane) if stacked(n) else batch
        target.add(x, top, w, h, self.style(r), r[STATUS] == "hold", r[SEVERITY], selected,
                   self.texts.of(r) if w > MIN_LABEL_W else "")  # narrow: no label

    def _add_lone(self, batch: Batch, targets: Targets, lone: Lone, a: int, b: int, y: int) -> None:
        """Lone bars a to b of the row at `y` into the batch: Batch.add's arithmetic (scale.bar_edges),
        a list at a time (a call per bar cost a frame). Those wide enough for a label go through
        Batch.add. `targets`: a look's lists in the batch (one paint)."""
        pph, origin, scroll = self._pph, self._origin, self._scroll
        x0 = [(s - origin) * pph / HOUR - scroll for s in lone.starts[a:b]]
        x1 = [(e - origin) * pph / HOUR - scroll for e in lone.ends[a:b]]
        rows: Sequence[Any] = lone.rows[a:b]
        if max(map(sub, x1, x0)) > MIN_LABEL_W:
            fits = [q - u <= MIN_LABEL_W for u, q in zip(x0, x1, strict=True)]
            for r, keep in zip(rows, fits, strict=True):
                if not keep:
                    self._add_bar(batch, r, y, False)
            if not any(fits):
                return
            x0, x1, rows = list(compress(x0, fits)), list(compress(x1, fits)), list(compress(rows, fits))
        lefts = [floor(u) for u in x0]
        rights = [floor(u + (q - u if q - u >= MIN_BAR_W else MIN_BAR_W) + EDGE_EPS)
                  for u, q in zip(x0, x1, strict=True)]
        plain = [r - left <= PLAIN_W for left, r in zip(lefts, rights, strict=True)]  # before the cut
        # they do not overlap: only the first can begin off the left edge, the last end off the right
        lefts[0] = max(lefts[0], -4)
        rights[-1] = min(rights[-1], batch.vw + 4)
        for k in (0, -1):
            rights[k] = max(rights[k], lefts[k] + 1)
        top, inner_top = y + BAR_PAD, y + BAR_PAD + 1
        full, inner_h = ROW_H - 2 * BAR_PAD, ROW_H - 2 * BAR_PAD - 2
        rect = self.rects.make
        styles = self.styles
        for left, right, narrow, look in zip(lefts, rights, plain, map(_LOOK, rows), strict=True):
            target = targets.get(look)
            if target is None:
                _st, solid, holds, inner = batch.group(styles.get(look[0], look[1], look[2] == "maintenance"))
                hold = look[3] == "hold"
                target = targets[look] = (hold, holds if hold else solid, inner)
            hold, outer, inner = target
            if hold:
                outer.append(rect(left, top, right - left - 1, full - 1))
            elif not narrow:
                outer.append(rect(left, top, right - left, full))
                inner.append(rect(left + 1, inner_top, right - left - 2, inner_h))
            else:
                inner.append(rect(left, top, right - left, full))
