"""The legend: what a bar's look and marks mean, drawn with the same code as the bars.

Shown as a popup from the corner's Legend button (TimelineView.show_legend), or embedded
anywhere (TimelineView.legend() returns a new widget).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from .batch import Batch, Rects
from .rows import BAR_PAD, CARD_H, ROW_H
from .styles import BACKGROUND, CANCELLED_OPACITY, NAMES_LINE, NAMES_TEXT, NOW_PEN, PALETTE, Styles

if TYPE_CHECKING:
    from .view import TimelineView

SAMPLE_W = 64
ENTRY_H = ROW_H
PAD = 10
TEXT_X = PAD + SAMPLE_W + 12
RED_SILK = "#c0392b"  # a red production: the conflict marks must show on it too


class Entry(NamedTuple):
    key: str  # what it shows (tests)
    text: str
    color: str  # the sample's colour ("" maintenance grey)
    hold: bool = False
    conflict: str = ""
    selected: bool = False
    cancelled: bool = False


ENTRIES = (
    Entry("confirmed", "Confirmed booking, in its production's colour", PALETTE[2]),
    Entry("hold", "Hold (pencilled): tinted, hatched, dashed border", PALETTE[2], hold=True),
    Entry("ranked", "A hold ranked behind an earlier one says so: “2nd hold”", PALETTE[1], hold=True),
    Entry("maintenance", "Maintenance", ""),
    Entry("error", "Conflict: red frame and corner badge (edged in white)", RED_SILK, conflict="error"),
    Entry("warning", "Warning (e.g. short turnaround): thin red frame and badge", PALETTE[4],
          conflict="warning"),
    Entry("cancelled", "Cancelled: faded (shown with View ▸ Show cancelled)", PALETTE[2], cancelled=True),
    Entry("selected", "Selected: blue outline", PALETTE[2], selected=True),
    Entry("stacked", "Three or more at once on one resource: stacked like cards, the latest on top",
          PALETTE[5]),
    Entry("now", "Now (lot time)", ""),
)


class Legend(QWidget):
    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._styles = Styles()
        self._rects = Rects()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setToolTip("The timeline's marks")

    def entries(self) -> tuple[Entry, ...]:
        return ENTRIES

    def sample_rect(self, key: str) -> QRect:
        """Where the sample of an entry is drawn (tests)."""
        i = next(k for k, e in enumerate(ENTRIES) if e.key == key)
        return QRect(PAD, PAD + i * ENTRY_H + BAR_PAD, SAMPLE_W, ENTRY_H - 2 * BAR_PAD)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        width = TEXT_X + max(fm.horizontalAdvance(e.text) for e in ENTRIES) + PAD
        return QSize(width, 2 * PAD + len(ENTRIES) * ENTRY_H)

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), BACKGROUND)
        p.setPen(NAMES_LINE)
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        fm = self.fontMetrics()
        self._rects.reset()
        labels = self.view.painter.labels
        for i, e in enumerate(ENTRIES):
            y = PAD + i * ENTRY_H
            if e.key == "now":
                p.setPen(NOW_PEN)
                x = PAD + SAMPLE_W // 2
                p.drawLine(x, y + 2, x, y + ENTRY_H - 2)
            elif e.key == "stacked":
                self._stacked(p, y)
            else:
                r = self.sample_rect(e.key)
                st = self._styles.get(e.color, None if not e.color else 1, not e.color)
                batch = Batch(self.width(), fm.height(), self._rects)
                batch.add(r.x(), r.y(), r.width(), r.height(), st, e.hold, e.conflict, e.selected, "")
                p.setOpacity(CANCELLED_OPACITY if e.cancelled else 1.0)
                batch.draw(p, labels, 0, 0)
                p.setOpacity(1.0)
            p.setPen(QPen(QColor(NAMES_TEXT)))
            p.drawText(QRect(TEXT_X, y, self.width() - TEXT_X - PAD, ENTRY_H),
                       Qt.AlignmentFlag.AlignVCenter, e.text)
        p.end()

    def _stacked(self, p: QPainter, y: int) -> None:
        """Three overlapping bars as the timeline stacks them (rows.lane_box)."""
        from .rows import lane_box

        batch = Batch(self.width(), self.fontMetrics().height(), self._rects)
        for lane, colour in enumerate((PALETTE[5], PALETTE[2], PALETTE[1])):
            dy, h = lane_box(lane, 3)
            x = PAD + lane * 12
            batch.lane(lane).add(x, y + dy, SAMPLE_W - 24, h, self._styles.get(colour, lane + 1, False),
                                 False, "error", False, "")
        assert h == CARD_H
        batch.draw(p, self.view.painter.labels, 0, 0)

    def popup(self, at: QPoint) -> None:
        """Show as a popup at a global position (it closes on the next click outside)."""
        self.setWindowFlags(Qt.WindowType.Popup)
        self.resize(self.sizeHint())
        self.move(at)
        self.show()
