"""The paint primitives of many bars, gathered layer by layer, then drawn in a few calls.

A QPainter call costs microseconds of Python each: a dense view shows over a thousand bars,
and a handful of calls per bar did not fit in a frame. Bars of one lane do not overlap, so
drawing layer by layer (fills, hatches, frames, markers, labels) looks the same as bar by
bar. Stacked cards (rows.CARD_H) overlap: each card lane is a Batch of its own, drawn over
the one before. Rectangles are integers clipped to the viewport: the raster engine's fast
path, and no dash pattern laid along the off-screen length of a long booking.
"""

from __future__ import annotations

from math import floor

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF, QTransform

from .layouts import Label, LabelPainter
from .scale import bar_edges, label_box
from .styles import CONFLICT_RED, EDGE_PEN, ERROR_PEN, MARKER_EDGE, SELECT_PEN, WARNING_PEN, Style

PLAIN_W = 5  # a solid bar this narrow or narrower is one fill (a 1 px border would leave 3 px of colour)
MIN_LABEL_H = 10  # a bar lower than this has no label
MARKER_MAX = 9  # the conflict badge's side, at most
RING_MIN = 8  # a conflict frame's white ring needs a bar wider and higher than this


class Rects:
    """QRect objects reused from paint to paint: making one costs more in PySide than setting
    one, and a dense view paints thousands. drawRects copies them, so a rectangle can take new
    values once its batch is drawn; `reset` at the start of each paint."""

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


Group = tuple[Style, list[QRect], list[QRect], list[QRect]]  # style, solid bars, holds, insides


class Batch:
    """One paint's bars (or one card lane's), drawn by `draw`. `outline`: a frame round each
    bar in that colour (the ghost of a drag)."""

    def __init__(self, vw: int, font_h: int, rects: Rects, outline: QColor | None = None) -> None:
        self.vw, self.font_h, self.rects, self.outline = vw, font_h, rects, outline
        self.by_style: dict[int, Group] = {}  # by Style.seq
        self.errors: list[QRect] = []
        self.warnings: list[QRect] = []
        self.edges: list[QRect] = []  # the white line inside each conflict frame
        self.markers: list[tuple[QPolygonF, QPolygonF]] = []  # (white edge, red badge)
        self.around: list[QRect] = []  # selected (or outlined) bars
        self.labels: list[Label] = []
        self._above: list[Batch] = []  # card lanes 1, 2, ...: drawn after this one, in order

    def lane(self, k: int) -> Batch:
        """The batch of card lane k (0: this one)."""
        if k == 0:
            return self
        while len(self._above) < k:
            self._above.append(Batch(self.vw, self.font_h, self.rects, self.outline))
        return self._above[k - 1]

    def add(self, x: float, y: float, w: float, h: float, st: Style, hold: bool, conflict: str,
            selected: bool, label: str) -> None:
        """One bar, from its float rectangle (viewport pixels)."""
        vw = self.vw
        left, right, x1 = bar_edges(x, w, vw)
        top, width = int(y), right - left
        height = int(h)
        if height < 2:
            height = 2
        group = self.group(st)
        rect = self.rects.make
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
            if width > 2:  # a frame inside the bar (none in a 2 px bar: the badge says it)
                error = conflict == "error"
                frames = self.errors if error else self.warnings
                frames.append(rect(left + 1, top + 1, width - 2, height - 2))
                # a white ring just inside the red frame (2 px for an error, 1 px for a warning),
                # if the bar has room for it: its whole width, not what the edges leave of it
                ring = width - 5 if error else width - 4
                if x1 - floor(x) > RING_MIN and height > RING_MIN and ring > 0:
                    self.edges.append(rect(left + 2, top + 2, ring, height - (5 if error else 4)))
            if x1 <= vw + 4:
                side = min(MARKER_MAX, height - 2, max(int(w) - 2, 4))
                edge = side + 2
                self.markers.append((
                    QPolygonF([QPointF(x1 - edge, top), QPointF(x1, top), QPointF(x1, top + edge)]),
                    QPolygonF([QPointF(x1 - side, top), QPointF(x1, top), QPointF(x1, top + side)])))
        if selected or self.outline is not None:
            self.around.append(rect(left - 1, top - 1, width + 2, height + 2))
        if label and height >= MIN_LABEL_H:
            box = label_box(left, x1, vw, conflict)
            if box is not None:
                self.labels.append(Label(height < self.font_h + 2, st.hold_text if hold else st.text,
                                         box[0] + 4, top, height, label, box[1]))

    def group(self, st: Style) -> Group:
        """The rectangles of one style: (style, solid bars, holds, insides of the solid bars)."""
        group = self.by_style.get(st.seq)
        if group is None:
            group = self.by_style[st.seq] = (st, [], [], [])
        return group

    def draw(self, p: QPainter, labels: LabelPainter, scroll_x: int, scroll_y: int) -> None:
        # a pen's texture ignores the brush origin: the dashes get it as a transform, so they are
        # laid from the same origin as the hatching (the content's)
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
        frames = [(ERROR_PEN, self.errors), (WARNING_PEN, self.warnings), (EDGE_PEN, self.edges)]
        frames.append((QPen(self.outline, 3) if self.outline is not None else SELECT_PEN, self.around))
        for pen, rects in frames:
            if rects:
                p.setPen(pen)
                p.drawRects(rects)
        if self.markers:
            p.setPen(Qt.PenStyle.NoPen)
            for colour, k in ((MARKER_EDGE, 0), (CONFLICT_RED, 1)):
                p.setBrush(colour)
                for pair in self.markers:
                    p.drawPolygon(pair[k])
            p.setBrush(Qt.BrushStyle.NoBrush)
        labels.paint(p, self.labels, scroll_x, scroll_y)
        for above in self._above:
            above.draw(p, labels, scroll_x, scroll_y)
