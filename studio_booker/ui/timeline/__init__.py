"""The resource timeline: one row per resource, bookings as bars, fast on a 200,000-booking lot.

The view paints only the rows and bars it shows, from the bars of the visible time window and
a margin, read on a worker thread and read again as the view nears the edge of what it has.
Rows are arithmetic (index x ROW_H); there is no item or widget per booking. The parts, after
KDE's KGantt (a grid that maps time to x, a row controller, item delegates that paint, a view
that takes input and delegates):

    scale.py      time <-> x, snapping, day and month spans, bar and label boxes (no Qt)
    rows.py       which rows, in which order; group ids and titles; a bar's place in its row
    loader.py     the window of bars: read generations, reload, apply
    jobs.py       the worker's jobs and the paint gate they wait at
    styles.py     colours, and the pens and brushes of each bar colour
    batch.py      a paint's bars gathered layer by layer and drawn in a few calls
    painter.py    the viewport's paint: the grid and the bars (fast path from the window's rows)
    layouts.py    the one cache of laid-out texts; bar labels within a time budget
    bands.py      a costly repaint painted a band of rows per turn of the event loop
    scrolling.py  a scroll step moves the pixels and paints what it uncovers
    drag.py       creating, moving and resizing by drag; the drop check
    interaction.py  clicks, hover, tooltips, wheel, keys; input kept while a reload is read
    navigation.py   zoom, the scrollable stretch, scroll bars, go to a date or a booking
    margins.py    the name column, the time axis, the corner
    legend.py     what the bars' looks mean
    texts.py      labels, tooltips and status texts
    probe.py      a record of what paints did (tests, benchmarks)
    view.py       TimelineView: signals, the public API, delegation
"""

from ..zooms import ZOOM_ORDER, ZOOMS
from .legend import Legend
from .margins import AXIS_H, NAME_W
from .painter import BarItem
from .rows import KIND_TITLES, ROW_H, Row, group_id, group_title
from .scale import DAY, HOUR, SNAP, TimeScale, label_box
from .texts import ordinal, resource_tooltip
from .view import TimelineView

__all__ = ["AXIS_H", "DAY", "HOUR", "KIND_TITLES", "NAME_W", "ROW_H", "SNAP", "ZOOMS", "ZOOM_ORDER",
           "BarItem", "Legend", "Row", "TimeScale", "TimelineView", "group_id", "group_title", "label_box",
           "ordinal", "resource_tooltip"]
