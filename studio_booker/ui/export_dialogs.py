"""What to export: the sheet dialog (which sheet, for whom, which day, which paper) and the calendar
dialog (whose calendar), both with a type-to-search name box and starting from the booking the
coordinator has selected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from ..domain.timeutil import now_instant, to_local
from ..exports import sheets
from ..services import catalog
from ..services.settings import get_settings
from .editor_fields import searchable_combo
from .prefs import make_settings


def lot_today(tz: tzinfo) -> dt.date:
    """Today on the lot (not on the computer's clock zone)."""
    return to_local(now_instant(), tz).date()


PAPER_KEY = "sheets/paper"
PRODUCTION, RESOURCE_WEEK, DAY = "production", "resource_week", "day"
SHEET_TITLES = {
    PRODUCTION: "Production sheet 剧组预订单",
    RESOURCE_WEEK: "Resource week 资源周表",
    DAY: "Daily lot sheet 片场日报",
}


@dataclass(frozen=True)
class SheetRequest:
    kind: str  # PRODUCTION, RESOURCE_WEEK or DAY
    name: str = ""  # production or resource
    day: dt.date | None = None
    paper: str = "A4"


def _settings() -> QSettings:
    return make_settings()  # the application's settings file


def remembered_paper() -> str:
    value = _settings().value(PAPER_KEY, "A4")
    return str(value) if str(value) in sheets.PAPER_NAMES else "A4"


def remember_paper(paper: str) -> None:
    _settings().setValue(PAPER_KEY, paper)



class SheetDialog(QDialog):
    """Which sheet, for which production / resource / date, on which paper."""

    def __init__(self, engine: Any, parent: QWidget | None = None,
                 initial: SheetRequest | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Booking sheet 预订单")
        self.engine = engine
        self.kind = QComboBox()
        for key, title in SHEET_TITLES.items():
            self.kind.addItem(title, key)
        self.name = searchable_combo(self)  # 170 productions and resources: type to find one
        today = lot_today(get_settings(engine).tz)
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.paper = QComboBox()
        self.paper.addItems(list(sheets.PAPER_NAMES))
        self.paper.setCurrentText(remembered_paper())
        form = QFormLayout(self)
        form.addRow("Sheet 类型", self.kind)
        form.addRow("Name 名称", self.name)
        form.addRow("Date 日期", self.date)
        form.addRow("Paper 纸张", self.paper)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if initial is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(initial.kind), 0))
            if initial.day:
                self.date.setDate(QDate(initial.day.year, initial.day.month, initial.day.day))
        self._kind_changed()
        if initial is not None and initial.name:
            self.name.setCurrentText(initial.name)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.name.clear()
        if kind == PRODUCTION:
            self.name.addItems([p.name for p in catalog.list_productions(self.engine)])
        elif kind == RESOURCE_WEEK:
            self.name.addItems([r.name for r in catalog.list_resources(self.engine)])
        self.name.setEnabled(kind != DAY)
        self.date.setEnabled(kind != PRODUCTION)

    def request(self) -> SheetRequest:
        d = self.date.date()
        return SheetRequest(str(self.kind.currentData()), self.name.currentText(),
                            dt.date(d.year(), d.month(), d.day()), self.paper.currentText())

    def accept(self) -> None:
        remember_paper(self.paper.currentText())
        super().accept()


class CalendarDialog(QDialog):
    """Whose calendar: every production and resource in one box to type into."""

    def __init__(self, engine: Any, parent: QWidget | None = None, initial: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Calendar 日历")
        self.setObjectName("calendarDialog")
        self.items = [("production", p.name) for p in catalog.list_productions(engine)]
        self.items += [("resource", r.name) for r in catalog.list_resources(engine)]
        self.name = searchable_combo(self)
        for kind, name in self.items:
            self.name.addItem(f"{'Production 剧组' if kind == 'production' else 'Resource 资源'}: {name}",
                              (kind, name))
        wanted = next((i for i, (_k, n) in enumerate(self.items) if n == initial), 0)
        self.name.setCurrentIndex(wanted)
        self.name.setMinimumWidth(360)
        form = QFormLayout(self)
        form.addRow(QLabel("Type part of a name to find it.", self))
        form.addRow("Calendar of 日历", self.name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def choice(self) -> tuple[str, str] | None:
        """(kind, name) of what is in the box, or None when it names nothing."""
        i = self.name.findText(self.name.currentText().strip())
        data = self.name.itemData(i) if i >= 0 else None
        return (str(data[0]), str(data[1])) if data else None

    def accept(self) -> None:
        if self.choice() is not None:
            super().accept()
