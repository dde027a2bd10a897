"""The conflicts dock: every item of the conflicts report, sortable, filterable, jumping to the timeline."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from ..services.conflicts import conflict_report
from ..services.views import ConflictView
from .table_models import ConflictTableModel, TextFilterProxy, counts_text
from .workers import Worker


class ConflictsPanel(QDockWidget):
    """Lists services.conflicts.conflict_report; computed on a worker thread.

    `conflictSelected(ConflictView)` fires when the user selects an item; the window
    reveals it on the timeline. `refreshed(str)` carries the severity counts text.
    """

    conflictSelected = Signal(object)
    refreshed = Signal(str)
    failed = Signal(object)

    def __init__(self, engine: Engine, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__("Conflicts", parent)
        self.setObjectName("conflictsPanel")
        self.engine = engine
        self.model = ConflictTableModel(tz, parent=self)
        self.proxy = TextFilterProxy(self.model, self)
        self._generation = 0
        self._pending: Worker | None = None
        self._build()

    def _build(self) -> None:
        body = QWidget(self)
        col = QVBoxLayout(body)
        col.setContentsMargins(4, 4, 4, 4)
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setPlaceholderText("Filter conflicts (resource, rule, production, message)…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.summary = QLabel("…", body)
        self.table = QTableView(body)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ConflictTableModel.SEVERITY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 90), (1, 100), (2, 130), (3, 125), (4, 125)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        col.addWidget(self.filter_edit)
        col.addWidget(self.summary)
        col.addWidget(self.table)
        self.setWidget(body)

    # ---- contents --------------------------------------------------------------------
    def refresh(self) -> Worker:
        """Recompute the report off the GUI thread; `refreshed` fires when the table is updated."""
        self._generation += 1
        gen = self._generation
        worker = Worker(conflict_report, self.engine, owner=self)
        worker.finished.connect(lambda items, g=gen: self._apply(g, items))
        worker.failed.connect(self.failed.emit)
        self._pending = worker
        return worker.start()

    def is_refreshing(self) -> bool:
        return self._pending is not None and self._pending.running

    def _apply(self, gen: int, items: list[ConflictView]) -> None:
        if gen != self._generation:
            return  # a newer refresh is on its way
        self.set_items(items)

    def set_items(self, items: list[ConflictView]) -> None:
        self.model.set_rows(items)
        text = counts_text(self.model.counts())
        self.summary.setText(f"{len(items)} item{'s' if len(items) != 1 else ''}: {text}")
        self.refreshed.emit(text)

    def counts_text(self) -> str:
        return counts_text(self.model.counts())

    def select_row(self, proxy_row: int) -> None:
        self.table.selectRow(proxy_row)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if rows:
            self.conflictSelected.emit(self.proxy.row_object(min(rows)))
