"""The booking editor's fields: lot-time date-time edits, searchable combo boxes, resource labels."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QComboBox, QCompleter, QDateTimeEdit, QWidget

from ..domain.timeutil import now_instant, to_instant, to_local
from ..i18n import arg, translate
from ..i18n.labels import kind_label
from ..services.views import ResourceView


def searchable_combo(parent: QWidget) -> QComboBox:
    """An editable combo box with type-to-search (substring, any script, any case)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


class LotTimeEdit(QDateTimeEdit):
    """A date-time editor with a calendar pop-up showing lot time; reads and writes instants."""

    def __init__(self, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.setCalendarPopup(True)
        self.setTimeZone(QTimeZone.utc())  # fields hold naive lot time; no DST gaps of the machine
        self.setDisplayFormat("yyyy-MM-dd HH:mm")

    def set_instant(self, instant: int) -> None:
        d = to_local(instant, self.tz)
        self.setDateTime(QDateTime(QDate(d.year, d.month, d.day), QTime(d.hour, d.minute), QTimeZone.utc()))

    def instant(self) -> int:
        dt = self.dateTime()
        day, time = dt.date(), dt.time()
        naive = datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())
        return to_instant(naive, self.tz)


class ValueCombo(QComboBox):
    """A combo box that shows translated labels and gives back stored values (`confirmed`)."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for label, value in choices:
            self.addItem(label, value)

    def value(self) -> str:
        return str(self.currentData())

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        if index >= 0:
            self.setCurrentIndex(index)


def colour(hex_colour: str) -> Any:
    from PySide6.QtGui import QColor

    return QColor(hex_colour)


def resource_label(r: ResourceView) -> str:
    extra = [f"{r.area_m2:g} m²"] if r.area_m2 else []
    if r.capacity > 1:
        extra.append(arg(translate("Editor", "capacity %1"), r.capacity))
    if r.department:
        extra.append(r.department)
    return f"{r.name} ({', '.join(extra)})" if extra else r.name


def resource_tip(r: ResourceView) -> str:
    parts = [kind_label(r.kind), *([f"{r.area_m2:g} m²"] if r.area_m2 else []), *r.features]
    return f"{r.name}: " + ", ".join(parts)


def next_hour(tz: tzinfo, now: int | None = None) -> int:
    """The next full hour of lot time (not of the computer's clock zone)."""
    local = to_local(now if now is not None else now_instant(), tz)
    return to_instant(local.replace(minute=0, second=0, microsecond=0, tzinfo=None), tz) + 3600
