"""Item models for every list of the window: a QAbstractTableModel each, behind a TextFilterProxy.

Each model has column constants, a sort role (typed values, so dates and
numbers sort as such) a row role (the view object of the row) and a search role
(casefolded text of names, refs and notes, for filters in any script).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from functools import lru_cache
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from ..domain.records import SEVERITY_ORDER
from ..domain.timeutil import short_local
from ..services.views import BookingView, ConflictView, ProductionView, ResourceView

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#b9770e", "info": "#2e6da4"}
RETIRED_GREY = QColor("#8a8a8a")
_ROLES = frozenset({  # the roles any model here answers: the others are None at once (a paint
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,  # asks for about seven per cell)
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
    ROW_ROLE, SORT_ROLE, SEARCH_ROLE,
})

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
RELEASE_STEP = 1000  # rows of a replaced list freed per turn of the event loop


def release_in_steps(items: list[Any]) -> None:
    """Empty a replaced list RELEASE_STEP items per turn of the event loop. Freeing a month's
    bookings list (10,000 rows) at once took 4-6 ms of the frame that showed the next one."""
    def step() -> None:
        del items[-RELEASE_STEP:]
        if items:
            QTimer.singleShot(0, step)

    if len(items) > RELEASE_STEP:
        QTimer.singleShot(0, step)


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    display: Callable[[R], str]
    sort: Callable[[R], Any] | None = None  # default: the display text, casefolded

    def key(self, obj: R) -> Any:
        """What the column sorts by."""
        return self.sort(obj) if self.sort else self.display(obj).casefold()


@lru_cache(maxsize=8)
def severity_icon(severity: str) -> QIcon:
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return QApplication.style().standardIcon(pixmap)


@lru_cache(maxsize=256)
def colour_swatch(colour: str) -> QIcon:
    """A 14 px square of the colour (made once: a list's paint asks for one per visible row)."""
    pix = QPixmap(14, 14)
    pix.fill(QColor(colour))
    return QIcon(pix)


class RowTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of view objects; subclasses declare COLUMNS and the search text."""

    COLUMNS: Sequence[Column[Any]] = ()

    def __init__(self, rows: Sequence[R] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._given: list[R] = list(rows)  # in the services' order
        self._rows: list[R] = list(rows)  # as shown: sorted by _order
        self._order: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # -- contents
    def set_rows(self, rows: Sequence[R]) -> None:
        old = self._given
        self.beginResetModel()
        self._given = list(rows)
        self._rows = self._sorted(self._given)
        self.endResetModel()
        release_in_steps(old)  # (the old _rows held the same rows: freeing that list is quick)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's sort key (-1: the services' order), with Python's sort: Qt's proxy
        sorting called back into Python for each comparison, and 3,600 conflict items took 0.8 s."""
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._given)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[R]) -> list[R]:
        column, order = self._order
        if not 0 <= column < len(self.COLUMNS):
            return list(rows)
        key = self.COLUMNS[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        try:
            return sorted(rows, key=key, reverse=descending)
        except TypeError:  # keys of mixed types (a number and None): as text
            return sorted(rows, key=lambda obj: str(key(obj)), reverse=descending)

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_object(self, row: int) -> R:
        return self._rows[row]

    def search_text(self, obj: R) -> str:
        raise NotImplementedError

    # -- Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        obj = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return col.display(obj)
        if role == SORT_ROLE:
            return col.key(obj)
        if role == ROW_ROLE:
            return obj
        if role == SEARCH_ROLE:
            return self.search_text(obj)
        return self.extra_data(obj, index.column(), role)

    def extra_data(self, obj: R, column: int, role: int) -> Any:
        return None


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


class ResourceTableModel(RowTableModel[ResourceView]):
    NAME, KIND, CAPACITY, AREA, DEPARTMENT, ROLE, FEATURES, STATUS, NOTES = range(9)
    COLUMNS = (
        Column[ResourceView]("Name", lambda r: r.name),
        Column[ResourceView]("Kind", lambda r: r.kind),
        Column[ResourceView]("Capacity", lambda r: str(r.capacity), lambda r: r.capacity),
        Column[ResourceView]("Area m²", lambda r: _number(r.area_m2), lambda r: r.area_m2 or 0.0),
        Column[ResourceView]("Department", lambda r: r.department),
        Column[ResourceView]("Role", lambda r: r.role),
        Column[ResourceView]("Features", lambda r: ", ".join(r.features)),
        Column[ResourceView]("Status", lambda r: "active" if r.active else "retired"),
        Column[ResourceView]("Notes", lambda r: r.notes),
    )

    def search_text(self, r: ResourceView) -> str:
        return " ".join((r.name, r.kind, r.department, r.role, *r.features, r.notes)).casefold()

    def extra_data(self, r: ResourceView, column: int, role: int) -> Any:
        if r.active:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(RETIRED_GREY)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class ProductionTableModel(RowTableModel[ProductionView]):
    NAME, COMPANY, CONTACT, EMAIL, PHONE, COLOUR, NOTES = range(7)
    COLUMNS = (
        Column[ProductionView]("Name", lambda p: p.name),
        Column[ProductionView]("Company", lambda p: p.company),
        Column[ProductionView]("Contact", lambda p: p.contact_name),
        Column[ProductionView]("E-mail", lambda p: p.contact_email),
        Column[ProductionView]("Phone", lambda p: p.contact_phone),
        Column[ProductionView]("Colour", lambda p: p.color),
        Column[ProductionView]("Notes", lambda p: p.notes),
    )

    def search_text(self, p: ProductionView) -> str:
        return " ".join((p.name, p.company, p.contact_name, p.notes)).casefold()

    def extra_data(self, p: ProductionView, column: int, role: int) -> Any:
        if column == self.COLOUR and role == Qt.ItemDataRole.DecorationRole and p.color:
            return colour_swatch(p.color)
        return None


class BookingTableModel(RowTableModel[BookingView]):
    ID, REF, RESOURCE, PRODUCTION, STATUS, ACTIVITY, START, END, NOTES = range(9)

    def __init__(self, tz: tzinfo, rows: Sequence[BookingView] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(rows, parent)
        self.tz = tz
        self.COLUMNS = (
            Column[BookingView]("#", lambda b: str(b.id), lambda b: b.id),
            Column[BookingView]("Ref", lambda b: b.ref or ""),
            Column[BookingView]("Resource", lambda b: b.resource),
            Column[BookingView]("Production", lambda b: b.production or "(maintenance)"),
            Column[BookingView]("Status", lambda b: b.status),
            Column[BookingView]("Activity", lambda b: b.activity),
            Column[BookingView]("Start", lambda b: short_local(b.start, self.tz), lambda b: b.start),
            Column[BookingView]("End", lambda b: short_local(b.end, self.tz), lambda b: b.end),
            Column[BookingView]("Notes", lambda b: b.notes),
        )

    def search_text(self, b: BookingView) -> str:
        return " ".join(
            (str(b.id), b.ref or "", b.resource, b.production or "", b.status, b.activity, b.notes)
        ).casefold()

    def extra_data(self, b: BookingView, column: int, role: int) -> Any:
        if b.status == "cancelled" and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(RETIRED_GREY)
        if column == self.PRODUCTION and role == Qt.ItemDataRole.DecorationRole and b.production_color:
            return colour_swatch(b.production_color)
        return None


class ConflictTableModel(RowTableModel[ConflictView]):
    SEVERITY, RULE, RESOURCE, START, END, MESSAGE = range(6)

    def __init__(self, tz: tzinfo, rows: Sequence[ConflictView] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(rows, parent)
        self.tz = tz
        self.COLUMNS = (
            Column[ConflictView]("Severity", lambda c: c.severity,
                                 lambda c: (SEVERITY_ORDER[c.severity], c.start)),
            Column[ConflictView]("Rule", lambda c: c.rule.replace("_", " ")),
            Column[ConflictView]("Resource", lambda c: c.resource),
            Column[ConflictView]("Start", lambda c: short_local(c.start, self.tz), lambda c: c.start),
            Column[ConflictView]("End", lambda c: short_local(c.end, self.tz), lambda c: c.end),
            Column[ConflictView]("Message", lambda c: c.message),
        )

    def search_text(self, c: ConflictView) -> str:
        parts = [c.rule, c.severity, c.resource, c.message]
        for b in c.bookings:
            parts += [b.production or "", b.ref or "", b.notes]
        return " ".join(parts).casefold()

    def extra_data(self, c: ConflictView, column: int, role: int) -> Any:
        if column == self.SEVERITY and role == Qt.ItemDataRole.DecorationRole:
            return severity_icon(c.severity)
        if column == self.SEVERITY and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(SEVERITY_COLOURS[c.severity]))
        return None

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for c in self._rows:
            out[c.severity] += 1
        return out


def counts_text(counts: dict[str, int]) -> str:
    """`2 errors, 5 warnings, 3 info` (the status bar's conflict summary)."""
    e, w, i = counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0)
    return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}, {i} info"


class TextFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose search text holds every word typed (casefolded); sorting is passed on
    to the source model (RowTableModel.sort: Python's sort, not a callback per comparison)."""

    def __init__(self, source: RowTableModel[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self._words: list[str] = []

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        assert isinstance(source, RowTableModel)
        source.sort(column, order)

    def set_text(self, text: str) -> None:
        """Every word must be in the row's search text, in any order. Qt's own filter (a pattern
        of look-aheads) rather than a Python filterAcceptsRow: that was called for every row of
        every new list, 10,000 calls for a month of bookings, even with no text typed."""
        self._words = text.casefold().split()
        pattern = "".join(f"(?=.*{QRegularExpression.escape(w)})" for w in self._words)
        self.setFilterRegularExpression(QRegularExpression(
            f"^{pattern}" if pattern else "", QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.DotMatchesEverythingOption))

    def text(self) -> str:
        return " ".join(self._words)

    def row_object(self, proxy_row: int) -> Any:
        return self.index(proxy_row, 0).data(ROW_ROLE)
