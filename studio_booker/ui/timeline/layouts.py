"""Laid-out texts: ONE cache for every text the timeline draws (bar labels, resource names,
axis dates), and the painting of bar labels within a time budget per paint.

drawStaticText is about three times cheaper than drawText, and the timeline draws hundreds of
texts a frame; laying one out (eliding it, shaping it, falling back to a CJK font) is what
costs. So each text is laid out once per (font, width) and kept. A text that fits its width
is kept once whatever the width (a bar cut by the viewport's edge changes width each scroll
step: only a label that no longer fits is laid out again).

The cache has a slot per use (each with its font). Slots are bounded on their own, or a few
together (the two fonts of bar labels share one bound): the bar labels of a long session must
not push the resource names out.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QStaticText, QTransform

if TYPE_CHECKING:
    from .view import TimelineView

MAX_PER_SLOT = 4000
LABEL_BUDGET_S = 0.002  # new layouts per paint (bar labels) or per turn (names ahead), at most
LABEL, SMALL, NAME, GROUP, AXIS = "label", "small", "name", "group", "axis"  # the slots


def static_text(text: str, font: QFont, width: int = -1) -> QStaticText:
    """`text` elided to `width` pixels (-1: whole), laid out once for `font`."""
    if width >= 0:
        text = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
    out = QStaticText(text)
    out.setTextFormat(Qt.TextFormat.PlainText)
    out.prepare(QTransform(), font)
    return out


class TextLayouts:
    """Laid-out texts by slot, text and width (see the module docstring)."""

    def __init__(self) -> None:
        self._fonts: dict[str, QFont] = {}
        self._metrics: dict[str, QFontMetrics] = {}
        self._layouts: dict[str, dict[tuple[str, int], QStaticText]] = {}
        self._natural: dict[str, dict[str, int]] = {}
        self._bound: dict[str, list[str]] = {}  # slot -> the slots that share its bound

    def set_font(self, slot: str, font: QFont, bound_with: str | None = None) -> None:
        """Texts of `slot` are laid out in `font` (what was laid out before is dropped);
        `bound_with`: a slot whose bound of MAX_PER_SLOT layouts this one shares."""
        self._fonts[slot] = QFont(font)
        self._metrics[slot] = QFontMetrics(font)
        self._layouts[slot] = {}
        self._natural[slot] = {}
        group = self._bound.get(bound_with, [bound_with]) if bound_with is not None else []
        if slot not in group:
            group.append(slot)
        for member in group:
            self._bound[member] = group

    def font(self, slot: str) -> QFont:
        return self._fonts[slot]

    def metrics(self, slot: str) -> QFontMetrics:
        return self._metrics[slot]

    def natural(self, slot: str, text: str) -> int:
        """The text's whole width in the slot's font."""
        widths = self._natural[slot]
        w = widths.get(text)
        if w is None:
            w = widths[text] = self._metrics[slot].horizontalAdvance(text)
        return w

    def get(self, slot: str, text: str, width: int = -1, make: bool = True) -> QStaticText | None:
        """The text elided to `width` (-1: whole) and laid out; `make` False: None unless laid
        out already."""
        natural = self._natural[slot].get(text)
        if natural is None:
            natural = self.natural(slot, text)
        key = (text, -1 if natural <= width or width < 0 else width)
        layouts = self._layouts[slot]
        out = layouts.get(key)
        if out is None and make:
            group = self._bound[slot]
            if sum(len(self._layouts[s]) for s in group) >= MAX_PER_SLOT:
                for s in group:
                    self._layouts[s].clear()
                    self._natural[s].clear()
            out = layouts[key] = static_text(text, self._fonts[slot], key[1])
        return out

    def widths(self, slot: str, text: str) -> list[int]:
        """The widths the text is laid out at in the slot (-1: whole), sorted."""
        return sorted(w for t, w in self._layouts.get(slot, {}) if t == text)

    def texts(self, slot: str) -> set[str]:
        return {t for t, _w in self._layouts.get(slot, {})}

    def keys(self) -> set[tuple[str, str, int]]:
        """(slot, text, width) of every layout held."""
        return {(slot, t, w) for slot, part in self._layouts.items() for t, w in part}

    def count(self) -> int:
        return sum(len(d) for d in self._layouts.values())

    def clear(self) -> None:
        for slot in self._layouts:
            self._layouts[slot].clear()
            self._natural[slot].clear()


class Label(NamedTuple):
    """One bar label waiting to be painted."""

    small: bool
    color: QColor
    x: int
    top: int
    height: int
    text: str
    width: int

    def is_small(self) -> bool:
        return self.small


class LabelPainter(QObject):
    """Paints bar labels; past LABEL_BUDGET_S of new layouts in one paint, the rest are drawn
    whole and clipped to their bar (one layout per text, ever), laid out between events
    afterwards, and painted again where they are then."""

    def __init__(self, view: TimelineView, layouts: TextLayouts) -> None:
        super().__init__(view)
        self.view, self.layouts = view, layouts
        self.deadline = 0.0  # new label layouts stop here (one budget a paint)
        self._backlog: list[tuple[str, str, int]] = []  # (slot, text, width) to lay out
        self._boxes: list[QRect] = []  # where they are drawn clipped, in content pixels

    def begin(self, began: float) -> None:
        self.deadline = began + LABEL_BUDGET_S

    def pending(self) -> bool:
        """True while labels drawn clipped wait to be laid out and painted again."""
        return bool(self._backlog) or bool(self._boxes)

    def paint(self, p: QPainter, labels: list[Label], scroll_x: int, scroll_y: int) -> None:
        """The labels, normal font first, then the small one; the pen set only when its colour
        changes. At least one new layout a paint: the repaints that follow always end."""
        layouts = self.layouts
        big_font, small_font = layouts.font(LABEL), layouts.font(SMALL)
        big_h, small_h = layouts.metrics(LABEL).height(), layouts.metrics(SMALL).height()
        font_small, pen = False, None
        deadline = self.deadline
        deferred, made = False, 0
        queued = bool(self._backlog)  # a layout pass is already on its way
        get = layouts.get
        # TextLayouts.get(make=False), inlined: hundreds of labels a paint, nearly all laid out
        naturals = {False: layouts._natural[LABEL], True: layouts._natural[SMALL]}
        laid_out = {False: layouts._layouts[LABEL], True: layouts._layouts[SMALL]}
        for lb in sorted(labels, key=Label.is_small):
            small = lb.small
            if small != font_small:
                p.setFont(small_font if small else big_font)
                font_small = small
            if lb.color is not pen:
                p.setPen(lb.color)
                pen = lb.color
            slot = SMALL if small else LABEL
            at = QPointF(lb.x, lb.top + (lb.height - (small_h if small else big_h)) / 2)
            natural = naturals[small].get(lb.text)
            if natural is None:
                text = get(slot, lb.text, lb.width, make=False)
            else:
                text = laid_out[small].get((lb.text, -1 if natural <= lb.width else lb.width))
            if text is None and not deferred and (not made or time.perf_counter() < deadline):
                text = get(slot, lb.text, lb.width)
                made += 1
            if text is not None:
                p.drawStaticText(at, text)
                continue
            deferred = True
            self._backlog.append((slot, lb.text, lb.width))
            box = QRect(lb.x, lb.top, lb.width, lb.height)
            self._boxes.append(box.translated(scroll_x, scroll_y))  # in content pixels
            whole = get(slot, lb.text)
            assert whole is not None
            p.save()
            p.setClipRect(box, Qt.ClipOperation.IntersectClip)  # within the area being painted too
            p.drawStaticText(at, whole)
            p.restore()
        if font_small:
            p.setFont(big_font)
        if deferred and not queued:
            QTimer.singleShot(0, self, self._lay_out_backlog)

    def _lay_out_backlog(self) -> None:
        """Lay out the labels a paint left clipped, LABEL_BUDGET_S at a time, then repaint them
        where they are now (the view may have scrolled meanwhile)."""
        deadline = time.perf_counter() + LABEL_BUDGET_S
        while self._backlog:  # at least one a call: this always comes to an end
            self.layouts.get(*self._backlog.pop())
            if time.perf_counter() >= deadline:
                break
        if self._backlog:
            QTimer.singleShot(0, self, self._lay_out_backlog)
            return
        v = self.view
        vp, dx, dy = v.viewport(), -v.horizontalScrollBar().value(), -v.verticalScrollBar().value()
        for box in self._boxes:
            vp.update(box.translated(dx, dy))
        self._boxes.clear()
