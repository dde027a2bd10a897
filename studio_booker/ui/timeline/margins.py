"""The scroll area's margins: the frozen name column, the time axis along the top, the corner.

Both strips are painted while the worker holds back (they are part of the frame, see
jobs.PaintGate), with their texts from the view's one text-layout cache.
"""

from __future__ import annotations

import html
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QToolTip, QWidget

from ...domain.timeutil import now_instant
from . import layouts
from .layouts import AXIS, GROUP, NAME
from .painter import AREA_PAD, paint_areas
from .rows import ROW_H
from .styles import (
    AXIS_BG,
    AXIS_RULE,
    AXIS_TEXT,
    AXIS_TICK,
    AXIS_TITLE,
    AXIS_WEEKEND,
    CORNER_BG,
    CORNER_TEXT,
    GROUP_BG,
    NAMES_BG,
    NAMES_GROUP,
    NAMES_LINE,
    NAMES_RETIRED,
    NAMES_TEXT,
    NOW_PEN,
)
from .texts import resource_label, resource_tooltip

if TYPE_CHECKING:
    from ...services.views import ResourceView
    from .view import TimelineView

NAME_W = 210
AXIS_H = 42
LABEL_STEP = 8  # axis label widths are rounded down to this: a label clipped at the edge reuses its layout
HOUR_LABELS = [f"{h:02d}:00" for h in range(24)]
NAME_INDENT, GROUP_INDENT = 18, 6


class _Strip(QWidget):
    """A painted strip beside the viewport; while it paints, the worker holds back."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view

    def paintEvent(self, e: QPaintEvent) -> None:
        self.view.gate.painting()
        self.view.count_paint()
        self._paint(e.rect())

    def _paint(self, area: QRect) -> None:
        raise NotImplementedError


class NameColumn(_Strip):
    """The frozen resource-name column (scrolls vertically with the rows). A click on a group's
    header collapses or expands it; a resource's tooltip says what it is."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.setMouseTracking(True)
        bold = QFont(self.font())
        bold.setBold(True)
        view.text_layouts().set_font(NAME, self.font())
        view.text_layouts().set_font(GROUP, bold)

    def _paint(self, _area: QRect) -> None:
        v = self.view
        texts = v.text_layouts()
        p = QPainter(self)
        w = self.width()
        p.fillRect(self.rect(), NAMES_BG)
        first, last = v.visible_row_span()
        text_y = (ROW_H - self.fontMetrics().height()) / 2
        rows = v.rows()
        for i in range(first, last):
            row = rows[i]
            y = v.row_y(i)
            if row.resource is None:
                p.fillRect(QRect(0, y, w, ROW_H), GROUP_BG)
                p.setPen(NAMES_GROUP)
                mark = "▸" if row.group in v.row_layout.collapsed else "▾"
                text = texts.get(GROUP, f"{mark} {row.title} ({v.group_size(row.group)})", w - 10)
                p.setFont(texts.font(GROUP))  # a static text is drawn in the painter's font
                p.drawStaticText(QPointF(GROUP_INDENT, y + text_y), text)  # type: ignore[arg-type]
                p.setFont(self.font())
            else:
                res = row.resource
                p.setPen(NAMES_TEXT if res.active else NAMES_RETIRED)
                text = texts.get(NAME, resource_label(res), w - 26)
                p.drawStaticText(QPointF(NAME_INDENT, y + text_y), text)  # type: ignore[arg-type]
            p.fillRect(QRect(0, y + ROW_H - 1, w, 1), NAMES_LINE)
        p.fillRect(QRect(w - 1, 0, 1, self.height()), AXIS_RULE)
        p.end()

    def label_of(self, res: ResourceView) -> str:
        """A resource's name as shown (a retired one says so)."""
        return resource_label(res)

    def lay_out_ahead(self, start: int = 0) -> None:
        """Lay out the names of all rows between events, LABEL_BUDGET_S at a time: a name in
        Chinese or Cyrillic is slow to lay out (font fallback), and a page of new rows scrolled
        into view would have cost a frame."""
        rows, width = self.view.rows(), self.width() - 26
        texts = self.view.text_layouts()
        deadline = time.perf_counter() + layouts.LABEL_BUDGET_S
        i = start
        while i < len(rows) and time.perf_counter() < deadline:
            res = rows[i].resource
            if res is not None:
                texts.get(NAME, resource_label(res), width)
            i += 1
        if i < len(rows):
            QTimer.singleShot(0, self, lambda: self.lay_out_ahead(i))

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


class TimeAxis(_Strip):
    """The time axis along the top: dates in the lot time zone, two bands. Painted on every
    horizontal scroll step: its texts come laid out from the cache, its ticks' instants from
    the scale's cache."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        view.text_layouts().set_font(AXIS, self.font())
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # all painted: scroll() can move it

    def paintEvent(self, e: QPaintEvent) -> None:
        self.view.gate.painting()
        self.view.count_paint()
        for area in paint_areas(e):  # after a scroll step: the strip it uncovered, the label kept at the left
            self._paint(area)

    def _paint(self, area: QRect) -> None:
        """The stretch of time under `area`."""
        v = self.view
        scale, scroll = v.scale, v.horizontalScrollBar().value()
        p = QPainter(self)
        p.setClipRect(area)
        p.fillRect(area, AXIS_BG)
        half = AXIS_H // 2
        t0, t1 = v.time_at(area.left() - AREA_PAD), v.time_at(area.right() + 1 + AREA_PAD)
        zoom = scale.zoom
        days = scale.day_spans(t0, t1, scroll)
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
                    ticks.append((scale.x(scale.local_instant(day, h), scroll), 0 if h == 0 else 10,
                                  HOUR_LABELS[h]))
        else:
            fmt = "%B %Y" if zoom == "month" else "%b %Y"
            for first, x0, x1 in scale.month_spans(t0, t1, scroll):
                self._label(p, x0, x1, half, first.strftime(fmt))
            ticks = [(x0, 8, str(day.day)) for day, x0, _x1 in days if zoom == "month" or day.weekday() == 0]
        for x, top, _text in ticks:
            p.fillRect(QRect(int(x), half + top, 1, half - top), AXIS_TICK)
        p.setPen(AXIS_TEXT)
        y_text = half + (half - self.fontMetrics().height()) / 2
        texts = v.text_layouts()
        for x, _top, text in ticks:
            p.drawStaticText(QPointF(x + 3, y_text), texts.get(AXIS, text, 60))  # type: ignore[arg-type]
        p.fillRect(QRect(0, half, self.width(), 1), AXIS_RULE)
        p.fillRect(QRect(0, AXIS_H - 1, self.width(), 1), AXIS_RULE)
        now_x = v.x_of(now_instant())
        if 0 <= now_x <= self.width():
            p.setPen(NOW_PEN)
            p.drawLine(int(now_x), half, int(now_x), AXIS_H)
        p.end()

    def sticky_labels(self, dx: int) -> QRect:
        """After a scroll by dx, the upper band under the day or month that starts off-screen, now
        or before: its label is kept at the left edge (the rest of the axis just moves)."""
        v = self.view
        t0, t1 = v.time_at(min(0, dx)), v.time_at(max(0, dx) + 1)
        spans = v.scale.upper_spans(t0, t1, v.horizontalScrollBar().value())
        right = max((x1 for _d, x0, x1 in spans if x0 < max(0, dx)), default=0.0)
        return QRect(0, 0, min(int(right) + 2, self.width()), AXIS_H // 2)

    def _label(self, p: QPainter, x0: float, x1: float, h: int, text: str) -> None:
        """A day's or month's label in the upper band, kept readable when its start is off-screen."""
        p.fillRect(QRect(int(x0), 0, 1, h), AXIS_RULE)
        left = max(x0, 0.0) + 4
        width = int(x1 - left - 4) // LABEL_STEP * LABEL_STEP
        if width > 40:
            p.setPen(AXIS_TITLE)
            p.drawStaticText(QPointF(left, (h - self.fontMetrics().height()) / 2),
                             self.view.text_layouts().get(AXIS, text, width))  # type: ignore[arg-type]


class Corner(QWidget):
    """Above the name column: what the rows are, the lot's time zone, and the legend's button."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self.setAutoFillBackground(False)
        box = QHBoxLayout(self)
        box.setContentsMargins(8, 0, 4, 1)
        self.title = QLabel(self)
        self.title.setMinimumWidth(0)
        self.title.setStyleSheet(f"color: {CORNER_TEXT.name()}; background: transparent")
        self.legend_button = QToolButton(self)
        self.legend_button.setText("Legend")
        self.legend_button.setAutoRaise(True)
        self.legend_button.setToolTip("What the bars' looks and marks mean")
        self.legend_button.clicked.connect(lambda: view.show_legend(self.legend_button))
        box.addWidget(self.title, 1)
        box.addWidget(self.legend_button)
        self.retitle()

    def retitle(self) -> None:
        """"Resource", and under it the lot's time zone (cut to the room the Legend button leaves)."""
        tz = self.view.source.tz
        zone = str(getattr(tz, "key", tz))
        room = self.width() - 8 - 4 - 6 - self.legend_button.sizeHint().width()
        small = QFont(self.title.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 6.0))
        shown = QFontMetrics(small).elidedText(zone, Qt.TextElideMode.ElideRight, max(room, 40))
        self.title.setText(f"Resource<br><span style='font-size:small'>{html.escape(shown)}</span>")
        self.title.setToolTip(f"Times are lot time: {zone}")

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.retitle()

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), CORNER_BG)
        p.setPen(AXIS_RULE)
        p.drawLine(0, AXIS_H - 1, self.width(), AXIS_H - 1)
        p.drawLine(self.width() - 1, 0, self.width() - 1, AXIS_H)
        p.end()
