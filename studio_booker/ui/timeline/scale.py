"""The timeline's time scale: instants to x and back, snapping, day and month spans, and the
boxes bars and their labels are cut to. Plain Python: no Qt, unit-tested on its own.

x here is the *content* x (0 at the scale's origin, the lot-time midnight that starts the
scrollable stretch); the view subtracts its horizontal scroll value to get viewport pixels.
Every function that takes `scroll` does that subtraction itself, in the same order of float
operations as the view, so that a bar lands on the same pixels whichever path placed it.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, timedelta, tzinfo
from math import floor

from ...domain.timeutil import to_instant, to_local
from ..zooms import ZOOM_ORDER, ZOOMS

HOUR = 3600
DAY = 86400
SNAP: dict[str, int] = {"day": 15 * 60, "week": HOUR, "month": DAY, "quarter": DAY}
EXTENT_DAYS = 400  # the scrollable stretch reaches this far either side of any instant gone to
EDGE_EPS = 1e-6
"""Added to a bar's right edge, x + width, before it is cut to a pixel: x and width come from
float arithmetic, and x + (x1 - x0) can land an ulp below a whole x1 at one scroll position
and on it at another. A scroll moves the painted pixels: a bar must not gain or lose a column
with the scroll position."""
CUT = 4  # a bar reaching past a viewport edge is cut this many pixels beyond it
MIN_BAR_W = 2.0  # a bar is at least this wide, however short
MIN_LABEL_W = 30  # narrower, a label would show a letter or two and an ellipsis: none is drawn


def _width_classes(first: int, last: int, factor: float) -> list[int]:
    out = [first]
    while out[-1] < last:
        out.append(max(out[-1] + 1, int(out[-1] * factor)))
    return out


LABEL_WIDTHS = _width_classes(MIN_LABEL_W, 8192, 1.125)
"""A bar's label is elided to the widest of these that fits (at most 12 % narrower than the
room): the same few layouts serve every zoom level, scroll position and row."""


def bar_edges(x: float, w: float, vw: int) -> tuple[int, int, int]:
    """A bar's pixel columns in a viewport `vw` wide, from its float x and width: (left, right,
    x1), the first column, one past the last as drawn (cut CUT px beyond the edges), and one
    past its true last column (maybe off-screen). At least one column is drawn."""
    x1 = floor(x + w + EDGE_EPS)
    left = floor(x)  # not int(): -0.5 must give -1, as 40.5 gives 40 (scrolled bars keep their pixels)
    if left < -CUT:
        left = -CUT
    right = x1 if x1 < vw + CUT else vw + CUT
    if right <= left:
        right = left + 1
    return left, right, x1


def label_box(left: int, right: int, vw: int, conflict: str) -> tuple[int, int] | None:
    """Where a bar's label starts and the width class it is elided to, from the bar's pixels
    `left` (cut at -CUT) and `right` in a viewport `vw` wide; None: no room for one. The label
    is kept in view when the bar starts off the left edge, and fits what shows of the bar
    (less the conflict badge's corner)."""
    text_x = left if left > 0 else 0
    room = (right if right < vw else vw) - text_x - 4 - (12 if conflict else 4)
    if room < MIN_LABEL_W:
        return None
    return text_x, LABEL_WIDTHS[bisect_right(LABEL_WIDTHS, room) - 1]


class TimeScale:
    """Time to content x at one zoom level, from an origin; lot-time days and months."""

    def __init__(self, tz: tzinfo, zoom: str = "week") -> None:
        if zoom not in ZOOMS:
            raise ValueError(f"zoom {zoom!r}: use one of {', '.join(ZOOM_ORDER)}")
        self.tz = tz
        self.zoom = zoom
        self.origin = 0  # the instant at content x 0 (a lot-time midnight once an extent is set)
        self.span_end = 0  # the last instant that can be scrolled to (0: no extent yet)
        self._instants: dict[tuple[date, int], int] = {}

    # ---- the mapping -----------------------------------------------------------------------

    @property
    def pph(self) -> float:
        """Pixels per hour at this zoom."""
        return ZOOMS[self.zoom]

    def set_zoom(self, zoom: str) -> None:
        if zoom not in ZOOMS:
            raise ValueError(f"zoom {zoom!r}: use one of {', '.join(ZOOM_ORDER)}")
        self.zoom = zoom

    def set_tz(self, tz: tzinfo) -> None:
        """The lot time zone changed (or may have): lot-time instants are worked out again."""
        self.tz = tz
        self._instants.clear()

    def x(self, instant: int, scroll: float = 0) -> float:
        return (instant - self.origin) * ZOOMS[self.zoom] / HOUR - scroll

    def time_at(self, x: float, scroll: float = 0) -> int:
        return self.origin + int((x + scroll) * HOUR / ZOOMS[self.zoom])

    def content_width(self) -> int:
        return int((self.span_end - self.origin) * ZOOMS[self.zoom] / HOUR)

    def scroll_for(self, instant: int, x: float) -> int:
        """The scroll value that puts `instant` at viewport x."""
        return int(round((instant - self.origin) * ZOOMS[self.zoom] / HOUR - x))

    def bar_x(self, start: int, end: int, scroll: float) -> tuple[float, float]:
        """A bar's viewport x and width (at least MIN_BAR_W)."""
        pph, origin = ZOOMS[self.zoom], self.origin
        x0 = (start - origin) * pph / HOUR - scroll
        w = (end - origin) * pph / HOUR - scroll - x0
        return x0, w if w >= MIN_BAR_W else MIN_BAR_W

    # ---- the scrollable stretch --------------------------------------------------------------

    def extend_to(self, instant: int, bounds: tuple[int, int] | None) -> bool:
        """Make the scrollable stretch reach EXTENT_DAYS either side of `instant` (and cover
        `bounds`, all bookings, the first time); True if it changed."""
        if self.span_end:
            lo, hi = self.origin, self.span_end
        else:
            lo, hi = bounds or (instant, instant)
        lo = min(lo, instant - EXTENT_DAYS * DAY)
        hi = max(hi, instant + EXTENT_DAYS * DAY)
        if self.span_end and lo >= self.origin and hi <= self.span_end:
            return False
        self.origin = to_instant(to_local(lo, self.tz).date(), self.tz)
        self.span_end = hi
        return True

    # ---- snapping, days and months -----------------------------------------------------------

    def snap(self, instant: int) -> int:
        """The nearest snap point (15 min / 1 h / lot midnight, depending on zoom)."""
        step = SNAP[self.zoom]
        if step < DAY:
            return int(round(instant / step)) * step
        local = to_local(instant, self.tz)
        day = local.date() + (timedelta(days=1) if local.hour >= 12 else timedelta())
        return to_instant(day, self.tz)

    def snap_step(self) -> int:
        return SNAP[self.zoom]

    def local_instant(self, day: date, hour: int = 0) -> int:
        """The instant of that lot-time hour of that day, cached (the grid and the axis ask for
        every midnight in view on each paint)."""
        key = (day, hour)
        at = self._instants.get(key)
        if at is None:
            if len(self._instants) > 20_000:
                self._instants.clear()
            at = self._instants[key] = to_instant(datetime(day.year, day.month, day.day, hour), self.tz)
        return at

    def day_spans(self, t0: int, t1: int, scroll: float = 0) -> list[tuple[date, float, float]]:
        """The lot-time days touching [t0, t1]: (day, x of its midnight, x of the next)."""
        day = to_local(t0, self.tz).date()
        end = to_local(t1, self.tz).date()
        out = []
        x0 = self.x(self.local_instant(day), scroll)
        while day <= end:
            nxt = day + timedelta(days=1)
            x1 = self.x(self.local_instant(nxt), scroll)
            out.append((day, x0, x1))
            day, x0 = nxt, x1
        return out

    def month_spans(self, t0: int, t1: int, scroll: float = 0) -> list[tuple[date, float, float]]:
        """The lot-time months touching [t0, t1]: (first day, x of its start, x of the next's)."""
        tz = self.tz
        first = to_local(t0, tz).date().replace(day=1)
        end = to_local(t1, tz).date()
        out = []
        while first <= end:
            nxt = (first + timedelta(days=32)).replace(day=1)
            out.append((first, self.x(to_instant(first, tz), scroll), self.x(to_instant(nxt, tz), scroll)))
            first = nxt
        return out

    def upper_spans(self, t0: int, t1: int, scroll: float = 0) -> list[tuple[date, float, float]]:
        """What the axis's upper band labels at this zoom: days (day, week) or months."""
        return self.day_spans(t0, t1, scroll) if self.zoom in ("day", "week") else \
            self.month_spans(t0, t1, scroll)
