"""File ▸ Restore backup…: the automatic backups with their dates and booking counts; one is
restored as a new file (services.backups.restore_backup), never over a file that exists.

The listing and the restore run on the thread pool (`workers.Worker`): reading a dozen backups
through SQLite, or copying one, must not freeze the window.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.timeutil import now_instant, short_local
from ..errors import BookerError
from ..services.backups import BackupInfo, backups_dir, list_backups, restore_backup
from ..storage.engine import default_db_path
from . import file_dialogs
from .errors import summary
from .table_models import Column, RowTableModel
from .workers import Worker

ERROR_RED = "#c0392b"


class BackupTableModel(RowTableModel[BackupInfo]):
    """The backups, newest first: when taken (lot time), bookings (active / all), size, file."""

    TAKEN, BOOKINGS, SIZE, FILE = range(4)

    def __init__(self, tz: tzinfo, rows: Sequence[BackupInfo] = (),
                 parent: QObject | None = None, now: int | None = None) -> None:
        super().__init__(rows, parent)
        self.tz = tz
        self.now = now  # None: the clock (ages such as "yesterday" are relative to it)
        self.COLUMNS = (
            Column[BackupInfo](self.tr("Taken (lot time)"), self.taken_text, lambda b: b.taken_utc),
            Column[BackupInfo](self.tr("Bookings (active / all)"), self.bookings_text,
                               lambda b: (b.bookings is not None, b.bookings or 0, b.active or 0)),
            Column[BackupInfo](self.tr("Size"), self.size_text, lambda b: b.size),
            Column[BackupInfo](self.tr("File"), lambda b: b.path.name),
        )

    def taken_text(self, b: BackupInfo) -> str:
        when = short_local(b.taken_utc, self.tz)
        now = self.now if self.now is not None else now_instant()
        days = (datetime.fromtimestamp(now, self.tz).date()
                - datetime.fromtimestamp(b.taken_utc, self.tz).date()).days
        if days < 0:
            return when
        if days == 0:
            age = self.tr("today")
        elif days == 1:
            age = self.tr("yesterday")
        else:
            age = self.tr("%n days ago", "", days)
        return self.tr("{when} ({age})").format(when=when, age=age)

    def bookings_text(self, b: BackupInfo) -> str:
        if b.error is not None:
            return b.error  # the service's words (spans Bookings and Size: see _show)
        return self.tr("{active} / {total}").format(active=b.active, total=b.bookings)

    def size_text(self, b: BackupInfo) -> str:
        return QLocale().formattedDataSize(b.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)

    def search_text(self, b: BackupInfo) -> str:
        return b.path.name.casefold()

    def extra_data(self, b: BackupInfo, column: int, role: int) -> Any:
        if b.error is not None and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ERROR_RED))
        if (column in (self.BOOKINGS, self.SIZE) and b.error is None
                and role == Qt.ItemDataRole.TextAlignmentRole):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():  # not among the shared roles
            return self.extra_data(self.row_object(index.row()), index.column(), role)
        return super().data(index, role)


class RestoreBackupDialog(QDialog):
    """Lists the backups of `db_path` (every backup in `folder` when None) and restores one.

    `folder`: where the backups are (default `services.backups.backups_dir()`).
    Signals: `listed(int)` once the backups are read (how many), `restored(Path)` after a restore
    wrote its new file.
    """

    listed = Signal(int)
    restored = Signal(Path)

    def __init__(self, tz: tzinfo, db_path: Path | str | None = None, folder: Path | str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(self.tr("Restore backup"))
        self.db_path = Path(db_path) if db_path is not None else None
        self.folder = Path(folder) if folder is not None else backups_dir()
        self.model = BackupTableModel(tz, parent=self)
        self._reading: Worker | None = None
        self._restoring: Worker | None = None
        self._build()
        self.resize(780, 380)
        self.refresh()

    # -- layout
    def _build(self) -> None:
        col = QVBoxLayout(self)
        which = self.db_path.name if self.db_path is not None else self.tr("every database")
        self.intro = QLabel(self.tr(
            "Backups of {which} in {folder}. The one you pick is restored as a new file; "
            "the open database and the backup stay as they are."
        ).format(which=which, folder=self.folder), self)
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.intro)

        self.pages = QStackedWidget(self)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("backupsPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #666; padding: 24px;")
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a file name's date is at its end
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self.table)
        col.addWidget(self.pages, 1)

        self.message = QLabel(self)
        self.message.setObjectName("restoreMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.message)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("Restore as new file…"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)  # Return (Esc closes: QDialog.reject)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        col.addWidget(self.buttons)
        self._update_buttons()

    # -- listing
    def refresh(self) -> None:
        """Read the backups again, on the thread pool."""
        self.placeholder.setText(self.tr("reading backups…"))
        self.pages.setCurrentWidget(self.placeholder)
        self._reading = Worker(list_backups, self.folder, self.db_path, owner=self)
        self._reading.finished.connect(self._show)
        self._reading.failed.connect(self._listing_failed)
        self._reading.start()

    def is_busy(self) -> bool:
        return any(w is not None and w.running for w in (self._reading, self._restoring))

    def _show(self, rows: list[BackupInfo]) -> None:
        self.model.set_rows(rows)
        self.table.clearSpans()
        for row, backup in enumerate(self.model.rows()):
            if not backup.readable:  # room for the reason: there are no counts or size to show
                self.table.setSpan(row, BackupTableModel.BOOKINGS, 1, 2)
        if rows:
            self.pages.setCurrentWidget(self.table)
            first = next((n for n, b in enumerate(self.model.rows()) if b.readable), 0)
            self.table.selectRow(first)
            self.table.setFocus()
        else:
            self.placeholder.setText(self.tr(
                "No backups yet: one is taken each day the window opens this database."))
        self._update_buttons()
        self.listed.emit(len(rows))

    def _listing_failed(self, exc: BaseException) -> None:
        self.placeholder.setText(self.tr("Could not read the backups: {error}").format(error=_said(exc)))
        self._update_buttons()
        self.listed.emit(0)

    # -- restoring
    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected()
        busy = self._restoring is not None and self._restoring.running
        self.restore_button.setEnabled(chosen is not None and chosen.readable and not busy)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.restore_selected()

    def suggested_path(self, backup: BackupInfo) -> Path:
        """A file name beside the open database that no file has yet."""
        folder = self.db_path.parent if self.db_path is not None else default_db_path().parent
        stamp = datetime.fromtimestamp(backup.taken_utc, self.model.tz).strftime("%Y%m%d-%H%M")
        base = f"{backup.db_stem}-restored-{stamp}"
        candidate, n = folder / f"{base}.sqlite3", 2
        while os.path.lexists(candidate):  # (a name check: nothing is opened)
            candidate, n = folder / f"{base}-{n}.sqlite3", n + 1
        return candidate

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or not self.restore_button.isEnabled():
            return
        chooser = file_dialogs.save_file(
            self, self.tr("Restore backup as new file"), self.suggested_path(backup),
            self.tr("Studio Booker databases (*.sqlite3 *.db);;All files (*)"),
            functools.partial(self.restore_to, backup))
        chooser.setDefaultSuffix("sqlite3")

    def restore_to(self, backup: BackupInfo, dest: Path) -> None:
        """Copy `backup` to the new file `dest` on the thread pool; `restored(dest)` when done."""
        self._say(self.tr("Restoring {name} to {dest}…").format(name=backup.path.name, dest=dest))
        self._restoring = Worker(restore_backup, backup.path, dest, owner=self)
        self._restoring.finished.connect(lambda path, b=backup: self._restored(b, Path(path)))
        self._restoring.failed.connect(lambda exc: self._say(_said(exc), error=True))
        self._restoring.done.connect(self._update_buttons)
        self._restoring.start()
        self._update_buttons()

    def _restored(self, backup: BackupInfo, path: Path) -> None:
        self._say(self.tr(
            "Restored the backup of {taken} (bookings: {active} active / {total}) as {path}."
        ).format(taken=short_local(backup.taken_utc, self.model.tz), active=backup.active,
                 total=backup.bookings, path=path))
        self.restored.emit(path)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {ERROR_RED};" if error else "")
        self.message.setText(text)


def _said(exc: BaseException) -> str:
    """The service's own words for expected errors; a one-line summary for the others."""
    return str(exc) if isinstance(exc, BookerError) else summary(exc)
