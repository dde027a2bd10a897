"""Management views: resources, productions and bookings as filterable tables, edited through dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from ..domain.records import KINDS
from ..errors import InputError
from ..services import catalog
from ..services.views import ProductionView, ResourceView
from .bookings_page import BookingsPage
from .table_models import (
    ProductionTableModel,
    ResourceTableModel,
)
from .table_page import TablePage


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
            combo.addItems(list(KINDS))
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
