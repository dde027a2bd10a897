"""The booking editor: every field of a booking, with what the rules say about it, live.

While the user edits, a short debounce timer asks services.bookings.check_booking
what a save would meet (refusal, warnings, input problems), on the thread pool:
the verdict says "checking…" until the answer comes, and an answer for a form
that has changed since is dropped. When a save would be refused it also shows
services.bookings.suggest_alternatives. Save is disabled while the booking
cannot be saved, with the reason in view; a save waits for the check of what
is in the form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from ..domain.records import ACTIVITIES, STATUSES, default_activity
from ..domain.timeutil import short_local
from ..errors import BookerError, StaleEdit
from ..i18n import arg, translate
from ..i18n.labels import activity_label, choices, severity_label, status_label
from ..services import bookings, catalog
from ..services.bookings import BookingDraft
from ..services.settings import get_settings
from ..services.views import BookingCheck, BookingView, ResourceView, Suggestions
from .editor_fields import (
    LotTimeEdit,
    ValueCombo,
    colour,
    next_hour,
    resource_label,
    resource_tip,
    searchable_combo,
)
from .errors import show_error, summary
from .table_models import SEVERITY_COLOURS, severity_icon
from .workers import Worker

NO_PRODUCTION = "— none (maintenance) —"
DEBOUNCE_MS = 150
SUGGESTION_ROWS = 8  # rows the list of free resources shows before it scrolls
CHECKING_STYLE = "color: #555555; font-style: italic;"
OK_STYLE = "color: #1e7e34; font-weight: bold;"
BAD_STYLE = "color: #c0392b; font-weight: bold;"
WARN_STYLE = "color: #b9770e; font-weight: bold;"


class BookingEditor(QDialog):
    """New booking (pre-filled from a drag) or edit of an existing one."""

    checked = Signal(object)  # BookingCheck, after every live check
    saved = Signal(object)  # BookingView

    def __init__(self, engine: Engine, user: str, parent: QWidget | None = None, *,
                 booking: BookingView | None = None, resource_id: int | None = None,
                 start: int | None = None, end: int | None = None,
                 production_id: int | None = None) -> None:
        super().__init__(parent)
        self.engine, self.user, self.booking = engine, user, booking
        self.tz = get_settings(engine).tz
        self.result_view: BookingView | None = None
        self.last_check: BookingCheck | None = None
        self.last_suggestions: Suggestions | None = None
        self._asked = 0  # generation of the last check asked for; older answers are dropped
        self._answered = 0
        self._save_when_checked = False
        self._activity_touched = booking is not None
        self.setWindowTitle(arg(translate("Editor", "Edit booking #%1"), booking.id) if booking
                            else translate("Editor", "New booking"))
        self.setMinimumWidth(560)
        self._build()
        self._fill(booking, resource_id, start, end, production_id)
        self._length = self.end_edit.instant() - self.start_edit.instant()
        self._connect()
        self.refresh_check()

    # ---- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.resource_combo = searchable_combo(self)
        self.production_combo = searchable_combo(self)
        self.start_edit, self.end_edit = LotTimeEdit(self.tz, self), LotTimeEdit(self.tz, self)
        self.status_combo = ValueCombo(choices(status_label, STATUSES), self)
        self.activity_combo = ValueCombo(choices(activity_label, ACTIVITIES), self)
        self.ref_edit = QLineEdit(self)
        self.ref_edit.setPlaceholderText(translate("Editor", "optional external booking number"))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(60)
        form = QFormLayout()
        form.addRow(translate("Editor", "&Resource"), self.resource_combo)
        form.addRow(translate("Editor", "&Production"), self.production_combo)
        zone = getattr(self.tz, "key", str(self.tz))
        form.addRow(translate("Editor", "&Start"),
                    self._with_hint(self.start_edit, arg(translate("Editor", "lot time (%1)"), zone)))
        form.addRow(translate("Editor", "&End"), self.end_edit)
        form.addRow(translate("Editor", "S&tatus"), self.status_combo)
        form.addRow(translate("Editor", "&Activity"), self.activity_combo)
        form.addRow(translate("Editor", "Re&f"), self.ref_edit)
        form.addRow(translate("Editor", "&Notes"), self.notes_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._build_check_box())
        layout.addWidget(self._build_suggestions())
        layout.addStretch(1)  # room the dialog gains goes below, never between the rows
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(translate("Editor", "Save (Ctrl+Enter)"))
        layout.addWidget(self.buttons)

    def _with_hint(self, widget: QWidget, hint: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget, 1)
        row.addWidget(QLabel(hint, box))
        return box

    def _build_check_box(self) -> QGroupBox:
        box = QGroupBox(translate("Editor", "What the booking rules say"), self)
        col = QVBoxLayout(box)
        self.verdict = QLabel(box)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issues = QListWidget(box)
        self.issues.setObjectName("issues")
        self.issues.setWordWrap(True)
        self.issues.setMaximumHeight(90)
        col.addWidget(self.verdict)
        col.addWidget(self.issues)
        return box

    def _build_suggestions(self) -> QGroupBox:
        self.suggestions_box = QGroupBox(translate("Editor", "Suggestions"), self)
        col = QVBoxLayout(self.suggestions_box)
        col.addWidget(QLabel(translate("Editor", "Free for the whole period (click to use):"),
                             self.suggestions_box))
        self.alternatives = QListWidget(self.suggestions_box)
        self.alternatives.setObjectName("alternatives")
        self.earliest_button = QPushButton(self.suggestions_box)
        self.earliest_button.setObjectName("earliestButton")
        self.suggestion_notes = QLabel(self.suggestions_box)
        self.suggestion_notes.setWordWrap(True)
        col.addWidget(self.alternatives)
        col.addWidget(self.earliest_button)
        col.addWidget(self.suggestion_notes)
        self.suggestions_box.hide()
        return self.suggestions_box

    # ---- contents --------------------------------------------------------------------
    def _fill(self, b: BookingView | None, resource_id: int | None, start: int | None,
              end: int | None, production_id: int | None = None) -> None:
        own = b.resource_id if b else resource_id
        self._resources = {r.id: r for r in catalog.list_resources(self.engine)
                           if r.active or r.id == own}
        for r in self._resources.values():
            self.resource_combo.addItem(r.name, r.id)
            self.resource_combo.setItemData(self.resource_combo.count() - 1, resource_tip(r),
                                            Qt.ItemDataRole.ToolTipRole)
        self.production_combo.addItem(NO_PRODUCTION, None)
        for p in catalog.list_productions(self.engine):
            self.production_combo.addItem(p.name, p.id)
        self._select_data(self.resource_combo, own)
        if b is None:
            chosen = self.production_combo.findData(production_id) if production_id is not None else -1
            self.production_combo.setCurrentIndex(
                chosen if chosen >= 0 else 1 if self.production_combo.count() > 1 else 0)
            self.start_edit.set_instant(start if start is not None else next_hour(self.tz))
            self.end_edit.set_instant(end if end is not None else self.start_edit.instant() + 3600 * 10)
            self._default_activity()
            return
        self._select_data(self.production_combo, b.production_id)
        self.start_edit.set_instant(b.start)
        self.end_edit.set_instant(b.end)
        self.status_combo.set_value(b.status)
        self.activity_combo.set_value(b.activity)
        self.ref_edit.setText(b.ref or "")
        self.notes_edit.setPlainText(b.notes)

    @staticmethod
    def _select_data(combo: QComboBox, value: Any) -> None:
        i = combo.findData(value)
        combo.setCurrentIndex(i)
        if i < 0:
            combo.setEditText("")

    def _connect(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_check)
        for signal in (self.resource_combo.currentTextChanged, self.production_combo.currentTextChanged,
                       self.start_edit.dateTimeChanged, self.end_edit.dateTimeChanged,
                       self.status_combo.currentIndexChanged, self.activity_combo.currentIndexChanged,
                       self.ref_edit.textChanged, self.notes_edit.textChanged):
            signal.connect(self._schedule_check)
        self.resource_combo.currentTextChanged.connect(self._default_activity)
        self.start_edit.dateTimeChanged.connect(self._start_moved)
        self.end_edit.dateTimeChanged.connect(self._end_moved)
        self.activity_combo.activated.connect(self._touch_activity)
        self.alternatives.itemClicked.connect(self._use_alternative)
        self.earliest_button.clicked.connect(self.apply_earliest_start)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        """Ctrl+Enter saves from any field (also when the window is not the active one)."""
        ctrl = e.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(e)

    def _schedule_check(self, *_: object) -> None:
        self._timer.start()

    def _start_moved(self, *_: object) -> None:
        """A new start keeps the booking's length: the end moves with it."""
        end = self.start_edit.instant() + self._length
        if self._length > 0 and end != self.end_edit.instant():
            self.end_edit.blockSignals(True)
            self.end_edit.set_instant(end)
            self.end_edit.blockSignals(False)

    def _end_moved(self, *_: object) -> None:
        self._length = self.end_edit.instant() - self.start_edit.instant()

    def _touch_activity(self, *_: object) -> None:
        self._activity_touched = True

    def _default_activity(self, *_: object) -> None:
        r = self.resource()
        if r is not None and not self._activity_touched:
            self.activity_combo.set_value(default_activity(r.kind).value)

    # ---- reading the form ------------------------------------------------------------
    def resource(self) -> ResourceView | None:
        i = self.resource_combo.findText(self.resource_combo.currentText().strip(),
                                         Qt.MatchFlag.MatchFixedString)
        return self._resources.get(self.resource_combo.itemData(i)) if i >= 0 else None

    def _resource_key(self) -> str | int:
        r = self.resource()
        return r.id if r is not None else self.resource_combo.currentText().strip()

    def _production_key(self) -> str | int | None:
        text = self.production_combo.currentText().strip()
        if text in ("", NO_PRODUCTION):
            return None
        i = self.production_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.production_combo.itemData(i) if i >= 0 else text

    def draft(self) -> BookingDraft:
        return BookingDraft(
            resource=self._resource_key(), production=self._production_key(),
            start=self.start_edit.instant(), end=self.end_edit.instant(),
            status=self.status_combo.value(), activity=self.activity_combo.value(),
            ref=self.ref_edit.text().strip() or None, notes=self.notes_edit.toPlainText(),
        )

    # ---- the live check --------------------------------------------------------------
    def refresh_check(self) -> None:
        """Ask the rules about the current form now (the timer calls this after typing stops);
        the answer comes on the thread pool and arrives as `checked`."""
        self._timer.stop()
        self._asked += 1
        asked, draft = self._asked, self.draft()
        if draft.resource == "":
            missing = translate("Editor", "resource: choose or type a resource")
            self._answer(asked, (BookingCheck(problems=(missing,)), None))
            return
        self._verdict(translate("Editor", "Checking…"), CHECKING_STYLE)
        worker = Worker(check_and_suggest, self.engine, draft, self.booking.id if self.booking else None,
                        owner=self)
        worker.finished.connect(lambda answer, n=asked: self._answer(n, answer))
        worker.failed.connect(lambda exc, n=asked: self._check_failed(n, exc))
        worker.start()

    def is_checking(self) -> bool:
        return self._answered < self._asked or self._timer.isActive()

    def _answer(self, asked: int, answer: tuple[BookingCheck, Suggestions | None]) -> None:
        if asked != self._asked:
            return  # the form changed since: a newer check is on its way
        self._answered = asked
        check, suggestions = answer
        self._show_check(check)
        self._show_suggestions(suggestions)
        self.last_check, self.last_suggestions = check, suggestions
        self.checked.emit(check)
        if self._save_when_checked:
            self._save_when_checked = False
            if check.can_save:
                self._write()

    def _check_failed(self, asked: int, exc: BaseException) -> None:
        if asked == self._asked:
            self._answered = asked
            self._save_when_checked = False
            self._verdict(arg(translate("Editor", "Could not check: %1"), summary(exc)), BAD_STYLE)

    def _show_check(self, check: BookingCheck) -> None:
        self.save_button.setEnabled(check.can_save)
        if check.problems:
            problems = "; ".join(check.problems)
            self._verdict(arg(translate("Editor", "Cannot be saved: %1"), problems), WARN_STYLE)
        elif check.refusal:
            self._verdict(check.refusal[:1].upper() + check.refusal[1:], BAD_STYLE)  # "Refused: ..."
        elif check.conflicts:
            self._verdict(translate("Editor", "Can be saved, with the warnings below."), WARN_STYLE)
        else:
            self._verdict(translate("Editor", "Can be saved: no conflicts."), OK_STYLE)
        self.save_button.setToolTip(self.verdict.text() if not check.can_save
                                    else translate("Editor", "Save (Ctrl+Enter)"))
        self.issues.clear()
        for c in check.conflicts:
            item = QListWidgetItem(severity_icon(c.severity), f"{severity_label(c.severity)}: {c.message}")
            item.setForeground(colour(SEVERITY_COLOURS[c.severity]))
            self.issues.addItem(item)
        self.issues.setVisible(bool(check.conflicts))

    def _verdict(self, text: str, style: str) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet(style)

    def _show_suggestions(self, s: Suggestions | None) -> None:
        was_shown = self.suggestions_box.isVisible()
        self.suggestions_box.setVisible(s is not None)
        self.alternatives.clear()
        if s is None:
            if was_shown:
                QTimer.singleShot(0, self.fit_to_contents)  # give back the room the suggestions took
            return
        for r in s.resources:
            item = QListWidgetItem(resource_label(r))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(resource_tip(r))
            self.alternatives.addItem(item)
        if not s.resources:
            self.alternatives.addItem(
                translate("Editor", "(no other resource of this kind and size is free then)"))
        chosen = self.resource()
        if s.earliest_start is not None:
            name = chosen.name if chosen else translate("Editor", "this resource")
            self.earliest_button.setText(
                arg(translate("Editor", "Start at %1 instead (earliest free on %2)"),
                    short_local(s.earliest_start, self.tz), name))
        self.earliest_button.setVisible(s.earliest_start is not None)
        self.suggestion_notes.setText("\n".join(s.notes))
        self.suggestion_notes.setVisible(bool(s.notes))
        rows = min(max(self.alternatives.count(), 1), SUGGESTION_ROWS)
        frame = 2 * self.alternatives.frameWidth()
        self.alternatives.setFixedHeight(rows * max(self.alternatives.sizeHintForRow(0), 1) + frame + 2)

    def fit_to_contents(self) -> None:
        """As small as the fields and messages need (after the suggestions or a pop-up left)."""
        self.resize(self.width(), self.sizeHint().height())

    # ---- applying a suggestion -------------------------------------------------------
    def _use_alternative(self, item: QListWidgetItem) -> None:
        rid = item.data(Qt.ItemDataRole.UserRole)
        if rid is None:
            return
        if rid not in self._resources:
            self._resources[rid] = catalog.get_resource(self.engine, rid)
            self.resource_combo.addItem(self._resources[rid].name, rid)
        self.use_resource(rid)

    def use_resource(self, resource_id: int) -> None:
        self._select_data(self.resource_combo, resource_id)
        self.refresh_check()

    def apply_earliest_start(self) -> None:
        s = self.last_suggestions
        if s is None or s.earliest_start is None:
            return
        self.start_edit.set_instant(s.earliest_start)  # the end follows: the length is kept
        self.refresh_check()

    # ---- saving ----------------------------------------------------------------------
    def save(self) -> None:
        """Check what is in the form, then write it if the rules allow (Save, Ctrl+Enter)."""
        self._save_when_checked = True
        self.refresh_check()

    def _write(self) -> None:
        d = self.draft()
        try:
            if self.booking is None:
                self.result_view = bookings.create_booking(self.engine, d, self.user)
            else:
                self.result_view = bookings.update_booking(
                    self.engine, self.booking.id, self.user, expected_version=self.booking.version,
                    resource=d.resource, production=d.production, start=d.start, end=d.end,
                    status=d.status, activity=d.activity or "", ref=d.ref, notes=d.notes)
        except StaleEdit as exc:
            self._verdict(str(exc), BAD_STYLE)
            self.save_button.setEnabled(False)
            self.error_box = show_error(self, exc)
            return
        except BookerError as exc:
            self._verdict(str(exc), BAD_STYLE)
            self.error_box = show_error(self, exc)
            return
        self.saved.emit(self.result_view)
        self.accept()




def check_and_suggest(engine: Engine, draft: BookingDraft,
                      booking_id: int | None) -> tuple[BookingCheck, Suggestions | None]:
    """On the thread pool: what a save would meet, and free alternatives when it would be refused."""
    check = bookings.check_booking(engine, draft, booking_id=booking_id)
    suggestions = None
    if check.refusal is not None:
        suggestions = bookings.suggest_alternatives(engine, draft, booking_id=booking_id)
    return check, suggestions
