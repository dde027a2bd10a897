"""Band scheduling: a costly whole repaint is painted a band of rows per turn of the event loop.

A whole-viewport repaint (a zoom, a new window) predicted to cost more than BAND_S, from the
last whole paint at that zoom, is painted in bands of rows, top first, one per turn of the
event loop: input and timers get their turn between bands instead of waiting for one long
paint, and the worker waits for the last band (see jobs.PaintGate). After a zoom or a jump
(`moved`) what is shown is at the wrong place or scale, so the first paint clears the whole
viewport and draws the first band's bars; the others fill in over the next turns. Otherwise
(a new window of bars) the rows below show what they showed until their band is painted.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QRegion

from .rows import ROW_H

if TYPE_CHECKING:
    from .view import TimelineView

BAND_S = 0.004  # a whole repaint predicted to cost more than this is painted in bands
MAX_BANDS = 4


class BandScheduler(QObject):
    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self._cost: dict[str, float] = {}  # s a whole-viewport paint took, by zoom (the last one)
        self._bands: list[tuple[int, int]] = []  # rows still to paint, content y from..to
        self._queued = False
        self._bars_above: int | None = None  # the next paint draws bars above this content y only

    def is_painting(self) -> bool:
        """True while a costly frame is still being painted band by band."""
        return bool(self._bands)

    def predicted_cost(self) -> float:
        """What a whole repaint at this zoom is expected to cost (s), from the last one."""
        return self._cost.get(self.view.zoom(), max(self._cost.values(), default=0.0))

    def update_bars(self, moved: bool) -> None:
        """Paint the whole viewport again, in bands if it is predicted to be costly."""
        vp = self.view.viewport()
        n = min(MAX_BANDS, ceil(self.predicted_cost() / BAND_S))
        self._bands.clear()
        self._bars_above = None
        if n <= 1:
            vp.update()
            return
        top, height = self.view.verticalScrollBar().value(), vp.height()
        step = ceil((height // ROW_H + 2) / n) * ROW_H  # whole rows a band (the top one may be cut)
        y = top // ROW_H * ROW_H
        while y < top + height:
            self._bands.append((y, y + step))
            y += step
        if moved:
            self._bars_above = self._bands.pop(0)[1]
            vp.update()
        else:
            self._next()

    def bars_end(self, last: int) -> int:
        """The row past the last whose bars this paint draws (`last`, or the first band's end)."""
        if self._bars_above is None:
            return last
        return min(last, self._bars_above // ROW_H)

    def painted(self, region: QRegion, areas: list[QRect], seconds: float) -> None:
        """A paint of the viewport ended: learn what a whole frame costs, drop the bands it
        covered and ask for the next one in the next turn."""
        limited = self._bars_above is not None  # the bars of one band only: no measure of a frame
        if not limited:
            self._note_cost(areas, seconds)
        self._bars_above = None
        if not self._bands:
            return
        shown = self.view.viewport().rect()
        if not limited:
            self._bands = [b for b in self._bands
                           if not QRegion(self._rect(b).intersected(shown)).subtracted(region).isEmpty()]
        if self._bands and not self._queued:
            self._queued = True
            QTimer.singleShot(0, self, self._next)

    def _next(self) -> None:
        """Ask for the next band's paint (the paint of the one before asks for this)."""
        self._queued = False
        if self._bands:
            self.view.viewport().update(self._rect(self._bands[0]))

    def _rect(self, band: tuple[int, int]) -> QRect:
        y0, y1 = band
        return QRect(0, y0 - self.view.verticalScrollBar().value(), self.view.viewport().width(), y1 - y0)

    def _note_cost(self, areas: list[QRect], seconds: float) -> None:
        """What a whole frame at this zoom costs, from a paint of a band or more of it (with all
        its bars: a zoom's first frame may show only the part the last window covers)."""
        v = self.view
        vp = v.viewport()
        whole = vp.width() * vp.height()
        painted = sum(a.width() * a.height() for a in areas)
        window = v.loader.window
        if painted * (MAX_BANDS + 1) >= whole and window is not None and window.covers(*v.visible_range()):
            self._cost[v.zoom()] = seconds * whole / painted
