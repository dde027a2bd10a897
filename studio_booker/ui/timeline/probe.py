"""A record of what the viewport's paints did: for tests and benchmarks (view.record_paints())."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect

if TYPE_CHECKING:
    from .view import TimelineView


class PaintLog:
    def __init__(self, view: TimelineView) -> None:
        self.view = view
        self.mark: Callable[[], int] = lambda: 0  # noted with each paint event (a test's clock)
        self.events: list[QRect] = []  # each paint event's bounding rectangle
        self.marks: list[int] = []  # `mark()` at each
        self.rows_by_event: list[list[tuple[int, int]]] = []  # the rows whose bars each drew
        self.areas: list[tuple[QRect, bool, bool]] = []  # (rectangle, collector on, worker let go)
        self.bar_rows: list[tuple[int, int]] = []  # rows [first, last) whose bars a paint drew
        self.seconds: list[float] = []  # what each paint event took

    def event(self, rect: QRect) -> None:
        self.events.append(QRect(rect))
        self.marks.append(self.mark())
        self.rows_by_event.append([])

    def area(self, rect: QRect) -> None:
        self.areas.append((QRect(rect), gc.isenabled(), self.view.gate.is_open()))

    def rows(self, first: int, last: int) -> None:
        self.bar_rows.append((first, last))
        if self.rows_by_event:
            self.rows_by_event[-1].append((first, last))

    def took(self, seconds: float) -> None:
        self.seconds.append(seconds)

    def clear(self) -> None:
        for part in (self.events, self.marks, self.rows_by_event, self.areas, self.bar_rows, self.seconds):
            part.clear()
