"""Scroll repaint: a scroll step moves the painted pixels and paints only what it uncovers.

A dense view costs a whole frame to paint, a strip a fraction of it. QWidget.scroll moves the
viewport's pixels (and the axis's); Qt asks for a paint of the strip uncovered. The bars whose
look depends on where the viewport ends are painted again too (`edge_bars`): those with a
label kept in view at the left edge or elided to what shows, and those whose conflict badge
sits near the right edge. (A hold's dashes and the hatching are laid from the content's
origin, not from the edge: they just move.) A test compares the screen after scroll steps
with a full paint, pixel for pixel.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from math import floor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect

from ...services.timeline_data import END, ID, SEVERITY, START
from .batch import MIN_LABEL_H
from .layouts import LABEL, SMALL
from .painter import MAX_AREAS
from .rows import ROW_H
from .scale import EDGE_EPS, MIN_LABEL_W, label_box

if TYPE_CHECKING:
    from .view import TimelineView

COLUMN_JOIN_PX = 32  # edge strips closer than this are repainted as one column


class ScrollRepaint:
    def __init__(self, view: TimelineView) -> None:
        self.view = view

    def scrolled(self, dx: int, dy: int) -> bool:
        """Move what is painted by (dx, dy) and ask for the paint of what changed; False when a
        whole repaint is needed instead (a diagonal or page-sized step, a drag, no window yet,
        cancelled bars shown)."""
        v = self.view
        vp = v.viewport()
        if (dx and dy) or abs(dx) >= vp.width() or abs(dy) >= vp.height() or v.drag.dragging() \
                or v.show_cancelled() or v.loader.window is None:
            return False
        vp.scroll(dx, dy)
        if dx:
            edges = self.edge_bars(dx)
            if len(edges) > MAX_AREAS // 2:
                # as whole-height columns: dozens of rectangles would be painted as their
                # bounding rectangle, the whole viewport
                columns: list[list[int]] = []
                for rect in sorted(edges, key=QRect.left):
                    if columns and rect.left() <= columns[-1][1] + COLUMN_JOIN_PX:
                        columns[-1][1] = max(columns[-1][1], rect.right() + 1)
                    else:
                        columns.append([rect.left(), rect.right() + 1])
                edges = [QRect(left, 0, right - left, vp.height()) for left, right in columns]
            for rect in edges:
                vp.update(rect)
            axis = v.time_axis()
            axis.scroll(dx, 0)
            axis.update(axis.sticky_labels(dx))
        return True

    def edge_bars(self, dx: int) -> list[QRect]:
        """After a horizontal scroll by dx, the rows' strips of the bars that look different, not
        just moved: those across an edge of the viewport, now or before, that have a label, or a
        conflict badge near the right edge."""
        v = self.view
        window = v.loader.window
        if window is None:
            return []
        w = v.viewport().width()
        edges = (0, w, dx, w + dx)  # now and before
        times = sorted(v.time_at(x) for x in edges)
        first_t, last_t = times[0], times[-1]
        first, last = v.visible_row_span()
        rows = v.row_layout.rows
        out = []
        for i in range(first, last):
            res = rows[i].resource
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
            y = v.row_y(i)
            for r in found.values():
                for a, b in self._spans(r, dx, w):
                    left, right = max(int(a), 0), min(int(b) + 1, w)
                    if right > left:
                        out.append(QRect(left, y, right - left, ROW_H))
        return out

    def _spans(self, r: Sequence[Any], dx: int, w: int) -> list[tuple[float, float]]:
        """The x-spans of bar `r` that look different after a scroll by dx (see edge_bars)."""
        v = self.view
        x0, x1 = v.x_of(r[START]), v.x_of(r[END])
        then_now = (0, dx)  # shifts to its place now and to its place before
        spans = []
        if r[SEVERITY] and any(x0 - d < w < x1 - d for d in then_now):
            spans.append((x1 - 14, x1 + 2))  # its badge at the right end, drawn or not
        if x1 - x0 > MIN_LABEL_W:
            window = v.loader.window
            lane, lanes = window.lanes.get(r[ID], (0, 1)) if window is not None else (0, 1)
            height = int(v.painter.place(r, 0, lane, lanes)[3])
            if height < MIN_LABEL_H:
                return spans  # no label (as Batch.add)
            small = height < v.fontMetrics().height() + 2
            natural = v.text_layouts().natural(SMALL if small else LABEL, v.painter.texts.of(r))

            def label(d: int) -> tuple[int, int] | None:
                """Where the label starts (in the viewport's pixels now) and how wide it is drawn,
                with the bar where it was before a shift of d: as Batch.add places it."""
                box = label_box(max(floor(x0 - d), -4), floor(x1 - d + EDGE_EPS), w, r[SEVERITY])
                return None if box is None else (box[0] + d, min(natural, box[1]))

            now, then = label(0), label(dx)
            if now != then:  # kept at the left edge, or elided to what shows of the bar
                starts = [lb[0] for lb in (now, then) if lb is not None]
                ends = [lb[0] + lb[1] for lb in (now, then) if lb is not None]
                spans.append((min(starts) - 2, max(ends) + 12))
        return spans
