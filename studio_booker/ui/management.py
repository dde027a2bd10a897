"""Management views: resources, productions and bookings as filterable tables, edited through dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from ..domain.timeutil import short_local
from ..errors import InputError
from ..services import bookings, catalog
from ..services.bookings import BookingFilter
from ..services.views import ProductionView, ResourceView
from .table_models import (
    BookingTableModel,
    ProductionTableModel,
    ResourceTableModel,
    RowTableModel,
    TextFilterProxy,
)
from .workers import Worker

PERIOD_SETTLE_MS = 250  # the bookings list is read once the timeline's period stays put this long
SEARCH_SETTLE_MS = 350  # ... and a search of all dates once typing has paused this long
SEARCH_LIMIT = 2000  # rows a search of all dates lists at most


class RecordDialog(QDialog):
    """A form of text fields; Save calls `save(values)`, whose InputError is shown in the dialog."""

    FIELDS: tuple[tuple[str, str], ...] = ()  # (key, label)

    def __init__(self, title: str, save: Callable[[dict[str, Any]], Any], values: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.result_value: Any = None
        self.edits: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        form = QFormLayout()
        for key, label in self.FIELDS:
            edit = self.make_edit(key)
            self.set_value(edit, values.get(key))
            self.edits[key] = edit
            form.addRow(label, edit)
        self.message = QLabel(self)
        self.message.setObjectName("validationMessage")
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(self.message)
        col.addWidget(buttons)

    def make_edit(self, key: str) -> QLineEdit | QPlainTextEdit | QComboBox:
        if key == "notes":
            edit = QPlainTextEdit(self)
            edit.setFixedHeight(60)
            return edit
        return QLineEdit(self)

    @staticmethod
    def set_value(edit: QLineEdit | QPlainTextEdit | QComboBox, value: Any) -> None:
        text = "" if value is None else (", ".join(value) if isinstance(value, tuple) else str(value))
        if isinstance(edit, QPlainTextEdit):
            edit.setPlainText(text)
        elif isinstance(edit, QComboBox):
            edit.setCurrentText(text)
        else:
            edit.setText(text)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, edit in self.edits.items():
            if isinstance(edit, QPlainTextEdit):
                out[key] = edit.toPlainText()
            elif isinstance(edit, QComboBox):
                out[key] = edit.currentText()
            else:
                out[key] = edit.text()
        return out

    def try_save(self) -> None:
        try:
            self.result_value = self._save(self.clean(self.values()))
        except InputError as exc:
            self.message.setText(str(exc))
            return
        self.accept()

    def clean(self, values: dict[str, Any]) -> dict[str, Any]:
        return values


class ResourceDialog(RecordDialog):
    FIELDS = (("name", "&Name"), ("kind", "&Kind"), ("capacity", "&Capacity"), ("area_m2", "&Area m²"),
              ("features", "&Features (; separated)"), ("department", "&Department"),
              ("role", "&Role"), ("day_rate", "Day &rate (CNY)"), ("notes", "N&otes"))

    def make_edit(self, key: str) -> QLineEdit | QPlainTextEdit | QComboBox:
        if key == "kind":
            combo = QComboBox(self)
            combo.addItems(["stage", "workshop", "crew"])
            return combo
        return super().make_edit(key)

    def clean(self, values: dict[str, Any]) -> dict[str, Any]:
        values["features"] = values["features"].replace(",", ";")
        for key in ("capacity", "area_m2", "day_rate"):
            values[key] = values[key].strip() or None
        return values


class ProductionDialog(RecordDialog):
    FIELDS = (("name", "&Name"), ("company", "&Company"), ("contact_name", "C&ontact"),
              ("contact_email", "&E-mail"), ("contact_phone", "&Phone"), ("color", "Co&lour (#rrggbb)"),
              ("notes", "N&otes"))


class TablePage(QWidget):
    """A filter box, a row of buttons and a sortable table over one model."""

    def __init__(self, model: RowTableModel[Any], placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = TextFilterProxy(model, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the services' order until a click
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        model.modelReset.connect(self._fit_columns)
        self.setObjectName(type(self).__name__)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activated)
        self.buttons = QHBoxLayout()
        self.read_only = False
        self.note = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addLayout(self.buttons)
        col = QVBoxLayout(self)
        col.setContentsMargins(4, 4, 4, 4)
        col.addLayout(top)
        col.addWidget(self.note)
        col.addWidget(self.table)
        self.note.hide()

    def _fit_columns(self) -> None:
        if self.model.rowCount() <= 2000:  # sizing reads every row; big lists keep their widths
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))

    def add_button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def set_read_only(self, read_only: bool) -> None:
        """The buttons (new, edit, retire) are off; the list can still be read and filtered."""
        for i in range(self.buttons.count()):
            item = self.buttons.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setEnabled(not read_only)
        self.read_only = read_only

    def current(self) -> Any:
        index = self.table.currentIndex()
        return self.proxy.row_object(index.row()) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        if not self.read_only or isinstance(self, BookingsPage):  # a booking opens through the window
            self.activate(self.proxy.row_object(index.row()))

    def activate(self, obj: Any) -> object:
        return None


class ResourcesPage(TablePage):
    changed = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(ResourceTableModel(), "Filter resources (name, department, features, notes)…",
                         parent)
        self.engine = engine
        self.add_button("New…", self.new)
        self.add_button("Edit…", lambda: self.activate(self.current()))
        self.retire_button = self.add_button("Retire / bring back", self.toggle_active)

    def reload(self) -> None:
        self.model.set_rows(catalog.list_resources(self.engine))

    def new(self) -> ResourceDialog:
        return self._open(ResourceDialog("New resource", lambda v: catalog.create_resource(self.engine, **v),
                                         {"kind": "stage", "capacity": 1}, self))

    def activate(self, r: ResourceView | None) -> ResourceDialog | None:
        if r is None:
            return None
        values = {k: getattr(r, k) for k, _ in ResourceDialog.FIELDS}
        values["features"] = "; ".join(r.features)
        return self._open(ResourceDialog(
            f"Edit resource {r.name}", lambda v: catalog.update_resource(self.engine, r.id, **v),
            values, self))

    def _open(self, dialog: ResourceDialog) -> ResourceDialog:
        dialog.accepted.connect(self._after_change)
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        r = self.current()
        if r is not None:
            catalog.set_resource_active(self.engine, r.id, not r.active)
            self._after_change()

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()


class ProductionsPage(TablePage):
    changed = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(ProductionTableModel(), "Filter productions (name, company, contact, notes)…",
                         parent)
        self.engine = engine
        self.add_button("New…", self.new)
        self.add_button("Edit…", lambda: self.activate(self.current()))

    def reload(self) -> None:
        self.model.set_rows(catalog.list_productions(self.engine))

    def new(self) -> ProductionDialog:
        return self._open(ProductionDialog(
            "New production", lambda v: catalog.create_production(self.engine, **v), {}, self))

    def activate(self, p: ProductionView | None) -> ProductionDialog | None:
        if p is None:
            return None
        values = {k: getattr(p, k) for k, _ in ProductionDialog.FIELDS}
        return self._open(ProductionDialog(
            f"Edit production {p.name}", lambda v: catalog.update_production(self.engine, p.id, **v),
            values, self))

    def _open(self, dialog: ProductionDialog) -> ProductionDialog:
        dialog.accepted.connect(self._after_change)
        dialog.open()
        return dialog

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()


class BookingsPage(TablePage):
    """The bookings of the timeline's visible period (a season is too many rows for a table),
    or, while something is typed in the search box, the bookings of all dates that match it
    (ref, resource, production or notes).

    The timeline reports its period on every scroll step; the list is read on the thread pool
    once the period has stayed put for PERIOD_SETTLE_MS, and a search once typing has paused
    for SEARCH_SETTLE_MS (reading on the GUI thread at each step froze the window)."""

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


class ManagementTabs(QTabWidget):
    """Resources, productions and bookings; `changed` fires after an edit of a resource or production."""

    changed = Signal()

    def __init__(self, engine: Engine, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resources = ResourcesPage(engine, self)
        self.productions = ProductionsPage(engine, self)
        self.bookings = BookingsPage(engine, tz, self)
        self.addTab(self.resources, "Resources")
        self.addTab(self.productions, "Productions")
        self.addTab(self.bookings, "Bookings")
        self.resources.changed.connect(self.changed)
        self.productions.changed.connect(self.changed)

    def reload(self) -> None:
        self.resources.reload()
        self.productions.reload()
        self.bookings.reload()

    def set_read_only(self, read_only: bool) -> None:
        for page in (self.resources, self.productions, self.bookings):
            page.set_read_only(read_only)
