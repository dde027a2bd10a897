"""One page of the Lists dock: a filter box, a row of buttons and a sortable table over one model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .table_models import RowTableModel, TextFilterProxy


class TablePage(QWidget):
    """A filter box, a row of buttons and a sortable table over one model."""

    opens_when_read_only = False  # a double-click opens its row even in a read-only window

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
        if not self.read_only or self.opens_when_read_only:
            self.activate(self.proxy.row_object(index.row()))

    def activate(self, obj: Any) -> object:
        return None
