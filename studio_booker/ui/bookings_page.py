"""The Bookings page of the Lists dock: the timeline's period, or a search of all dates."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from ..domain.timeutil import short_local
from ..services import bookings
from ..services.bookings import BookingFilter
from .table_models import BookingTableModel
from .table_page import TablePage
from .workers import Worker

PERIOD_SETTLE_MS = 250  # the bookings list is read once the timeline's period stays put this long
SEARCH_SETTLE_MS = 350  # ... and a search of all dates once typing has paused this long
SEARCH_LIMIT = 2000  # rows a search of all dates lists at most


class BookingsPage(TablePage):
    """The bookings of the timeline's visible period (a season is too many rows for a table),
    or, while something is typed in the search box, the bookings of all dates that match it
    (ref, resource, production or notes).

    The timeline reports its period on every scroll step; the list is read on the thread pool
    once the period has stayed put for PERIOD_SETTLE_MS, and a search once typing has paused
    for SEARCH_SETTLE_MS (reading on the GUI thread at each step froze the window)."""

    opens_when_read_only = True  # a booking opens through the window, which knows it is read-only
    bookingActivated = Signal(int)
    bookingSelected = Signal(object)  # the BookingView of the row made current
    contextMenuRequested = Signal(int, QPoint)  # booking id, global position

    def __init__(self, engine: Engine, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(BookingTableModel(tz), "Search all dates: ref, resource, production, notes…",
                         parent)
        self.engine, self.tz = engine, tz
        self.period: tuple[int, int] | None = None
        self.search = ""  # the text whose matches over all dates are listed ("" = the period)
        self._asked = 0  # reads asked for so far
        self._reading: Worker | None = None
        self._read_note = ""
        self._settle = QTimer(self, singleShot=True, interval=PERIOD_SETTLE_MS)
        self._settle.timeout.connect(self.reload)
        self._typing = QTimer(self, singleShot=True, interval=SEARCH_SETTLE_MS)
        self._typing.timeout.connect(self._search_typed)
        self.filter_edit.textChanged.connect(lambda _t: self._typing.start())
        self.note.show()
        self.add_button("Open…", lambda: self.activate(self.current()))
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._count_shown)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

    def _search_typed(self) -> None:
        text = self.filter_edit.text().strip()
        if text != self.search:
            self.search = text
            self.reload()

    def selected_ids(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.proxy.row_object(r).id for r in sorted(rows)]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.bookingSelected.emit(self.proxy.row_object(current.row()))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
            booking = self.proxy.row_object(index.row())
            self.contextMenuRequested.emit(booking.id, self.table.viewport().mapToGlobal(pos))

    def _count_shown(self, *_: object) -> None:
        shown, read = self.proxy.rowCount(), self.model.rowCount()
        typed = self.filter_edit.text().strip()
        if self._read_note and typed and shown != read:
            self.note.setText(f"{shown} of {self._read_note}")
        elif self._read_note:
            self.note.setText(self._read_note[0].upper() + self._read_note[1:])

    def set_period(self, start: int, end: int) -> None:
        self.period = (start, end)
        if self.isVisible():
            self._settle.start()  # (again: the timeline is still moving)

    def reload(self) -> None:
        """Read the period's bookings on the thread pool: one read at a time, and the list shows
        only a read that started after the last request (a later period, or a change saved)."""
        self._asked += 1
        if (self.period is None and not self.search) or (self._reading is not None and self._reading.running):
            return  # a read is on its way: when it lands, it sees it is out of date and reads again
        period, asked, search = self.period, self._asked, self.search
        if search:
            self.note.setText(f"Searching all dates for “{search}”…")
            wanted = BookingFilter(text=search)
        else:
            assert period is not None
            self.note.setText("Reading the bookings of the period shown on the timeline…")
            wanted = BookingFilter(start=period[0], end=period[1])
        self._reading = Worker(bookings.find_bookings, self.engine, wanted, owner=self)
        self._reading.finished.connect(lambda rows: self._show(period, search, asked, rows))
        self._reading.failed.connect(lambda exc: self.note.setText(f"Could not read the bookings: {exc}"))
        self._reading.start()

    def is_loading(self) -> bool:
        return self._settle.isActive() or (self._reading is not None and self._reading.running)

    def _show(self, period: tuple[int, int] | None, search: str, asked: int, rows: list[Any]) -> None:
        if asked != self._asked:
            self.reload()  # asked for again while this was read
            return
        if search:
            kept = rows[:SEARCH_LIMIT]
            more = f" (the first {SEARCH_LIMIT} are listed)" if len(rows) > SEARCH_LIMIT else ""
            self._read_note = (f"{len(rows)} booking(s) of all dates match “{search}”{more}; "
                               "clear the search to list the period shown on the timeline.")
            rows = kept
        else:
            assert period is not None
            start, end = period
            self._read_note = (f"{len(rows)} booking(s) from {short_local(start, self.tz)} to "
                               f"{short_local(end, self.tz)}, the period shown on the timeline; "
                               "scroll the timeline, or search, to see others.")
        self.model.set_rows(rows)
        self._fit_id_column(rows)
        self._count_shown()

    def _fit_id_column(self, rows: list[Any]) -> None:
        """The # column as wide as the longest id (it is not sized from the rows of a big list)."""
        longest = max((len(str(b.id)) for b in rows), default=1)
        width = self.table.fontMetrics().horizontalAdvance("9" * (longest + 1)) + 16
        self.table.setColumnWidth(BookingTableModel.ID, max(width, self.table.columnWidth(0)))

    def showEvent(self, e: Any) -> None:
        self.reload()
        super().showEvent(e)

    def activate(self, b: Any) -> None:
        if b is not None:
            self.bookingActivated.emit(b.id)
