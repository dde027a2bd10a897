"""Where the view looks: zoom, the scrollable stretch of time, the scroll bars, going to a
date or a booking, and what follows any move (a repaint, the window it needs, the signal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...domain.timeutil import now_instant, to_instant, to_local
from ..zooms import ZOOMS
from .rows import ROW_H, group_id

if TYPE_CHECKING:
    from .view import TimelineView


class Navigator:
    def __init__(self, view: TimelineView) -> None:
        self.view = view
        self._last_range: tuple[int, int] | None = None
        self._adjusting = False  # scroll bars being given new ranges

    def set_zoom(self, name: str, anchor_x: float | None = None) -> None:
        """Zoom around the instant at viewport x `anchor_x` (default: the middle)."""
        v = self.view
        if name not in ZOOMS:
            raise ValueError(f"zoom {name!r}: use one of {', '.join(ZOOMS)}")
        if name == v.scale.zoom:
            return
        x = v.viewport().width() / 2 if anchor_x is None else anchor_x
        t = v.time_at(x)
        v.scale.set_zoom(name)
        v.loader.rescaled()
        self.update_scrollbars()
        self.scroll_time_to(t, x)
        v.statusMessage.emit(f"zoom: {name}")
        self.changed(names=False)

    def go_to(self, instant: int) -> None:
        """Scroll so the instant is near the left edge."""
        self.set_extent(instant)
        self.scroll_time_to(instant, self.view.viewport().width() * 0.05)

    def go_to_today(self) -> None:
        tz = self.view.source.tz
        self.go_to(to_instant(to_local(now_instant(), tz).date(), tz))

    def reveal(self, resource_id: int, start: int, end: int) -> bool:
        """Scroll to show that stretch of that row (expanding its group). False if the row is hidden."""
        v = self.view
        layout = v.row_layout
        res = next((r for r in layout.resources if r.id == resource_id), None)
        if res is None or res.kind not in layout.kinds:
            return False
        if layout.expand(group_id(res)):
            v.rows_changed()
        i = layout.row_of[resource_id]
        top, height = i * ROW_H, v.viewport().height()
        if top < v.vbar.value() or top + ROW_H > v.vbar.value() + height:
            v.vbar.setValue(max(0, top - height // 3))
        t0, t1 = v.visible_range()
        if not (t0 <= start and end <= t1):
            if end - start > t1 - t0:
                self.go_to(start)
            else:
                self.set_extent(start)
                self.scroll_time_to(start - (t1 - t0 - (end - start)) // 2, 0)
        return True

    # ---- the scrollable stretch and the scroll bars ------------------------------------------

    def set_extent(self, instant: int) -> None:
        """The scrollable stretch of time: all bookings and a margin either side of `instant`."""
        v = self.view
        had = bool(v.scale.span_end)
        t_left = v.time_at(0) if had else instant
        if v.scale.extend_to(instant, None if had else v.source.bounds()):
            self.update_scrollbars()
            self.scroll_time_to(t_left, 0)

    def update_scrollbars(self) -> None:
        """New ranges (a zoom, an extent, rows, a resize). A value cut to a shorter range is not
        a scroll: the caller scrolls to where the view is meant to be next (a zoom's cut value
        would have read a window of the wrong stretch of time)."""
        v = self.view
        vw, vh = v.viewport().width(), v.viewport().height()
        top = v.vbar.value()
        self._adjusting = True
        try:
            h = v.hbar
            h.setRange(0, max(0, v.scale.content_width() - vw))
            h.setPageStep(max(1, vw))
            h.setSingleStep(max(1, vw // 10))
            b = v.vbar
            b.setRange(0, max(0, v.row_layout.height() - vh))
            b.setPageStep(max(1, vh))
            b.setSingleStep(ROW_H)
        finally:
            self._adjusting = False
        if v.vbar.value() != top:
            v.viewport().update()
            v.name_column().update()

    def scroll_time_to(self, instant: int, x: float, moved: bool = True) -> None:
        v = self.view
        v.hbar.setValue(v.scale.scroll_for(instant, x))
        self.changed(names=False, moved=moved)

    def resized(self) -> None:
        """The viewport changed size: the same instant stays at the left edge."""
        t_left = self.view.time_at(0)
        self.update_scrollbars()
        self.scroll_time_to(t_left, 0, moved=False)  # (a window being resized keeps its bars)

    def scrolled(self, dx: int, dy: int) -> None:
        """The scroll bars moved the content by (dx, dy)."""
        if self._adjusting:
            return  # a range cut the value (see update_scrollbars)
        if self.view.scroller.scrolled(dx, dy):
            self.changed(axis=False, names=bool(dy), bars=False)  # only what moved is painted again
        else:
            self.changed(axis=bool(dx), names=bool(dy))

    def changed(self, axis: bool = True, names: bool = True, bars: bool = True, moved: bool = True) -> None:
        """The view moved, zoomed or changed size (`moved` False: what is painted stays where it
        is, as after a resize): paint it again and read the window it needs."""
        v = self.view
        v.gate.hold_for_input()
        if bars:
            v.bands.update_bars(moved=moved)
        if axis:
            v.time_axis().update()
        if names:
            v.name_column().update()
        v.ensure_window()
        rng = v.visible_range()
        if rng != self._last_range:
            self._last_range = rng
            v.visibleRangeChanged.emit(*rng)
