# mypy: disable-error-code="misc"
# (the methods take `self: MainWindow`, the class they are mixed into; mypy asks that to be a
# supertype of the mixin, which a mixin's host never is)
"""The window's File menu for databases: open, new, recent, backup, the daily backup,
restore, and the demo lot offered on an empty database. A mixin of MainWindow."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from ..errors import BookerError
from ..services import catalog
from ..storage.engine import sqlite_path
from . import file_dialogs
from .prefs import Preferences
from .workers import Worker

if TYPE_CHECKING:
    from .main_window import MainWindow

NO_DEMO_PROMPT = "STUDIO_BOOKER_NO_DEMO_PROMPT"
_open_windows: list[QMainWindow] = []  # windows opened from File > Open stay alive


class DatabaseMenu:
    def backup_to(self: MainWindow, path: Path) -> None:
        from ..services.backup import backup_database

        try:
            written = backup_database(self.engine, path)
        except BookerError as exc:
            self.report_error(exc, "backup")
            return
        self.show_status(f"backup written to {written}")

    def backup_dialog(self: MainWindow) -> None:
        file_dialogs.save_file(self, "Backup to", "", "SQLite databases (*.sqlite3)", self.backup_to)

    def start_daily_backup(self: MainWindow) -> Worker | None:
        """The day's backup of a SQLite database, in the background (services/backups.py)."""
        from ..services.backups import take_daily_backup

        if sqlite_path(str(self.engine.url)) is None:
            return None

        def done(path: object) -> None:
            self.show_status(f"daily backup written to {path}" if path else "today's backup is already there")

        return self.run_in_background("taking the daily backup", take_daily_backup, self.engine,
                                      on_done=done)

    def restore_backup_dialog(self: MainWindow) -> QDialog:
        from .restore_dialog import RestoreBackupDialog

        dialog = RestoreBackupDialog(self.tz, sqlite_path(str(self.engine.url)), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self.offer_to_open)
        dialog.open()
        self.restore_dialog = dialog
        return dialog

    def offer_to_open(self: MainWindow, path: Path) -> QMessageBox:
        """After a restore: open the new file now (in a new window), or later from File ▸ Open."""
        box = QMessageBox(QMessageBox.Icon.Question, "Backup restored",
                          f"The backup was restored to {path}. Open it now? This window's database "
                          "stays as it is.", QMessageBox.StandardButton.NoButton, self)
        open_button = box.addButton("Open it", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: box.clickedButton() is open_button
                             and self.open_database_file(str(path)))
        box.setObjectName("openRestoredDialog")
        box.open()
        return box

    # ---- databases -------------------------------------------------------------------
    def open_database_file(self: MainWindow, path: str) -> MainWindow | None:
        """Open (or create) another database in a new window, which replaces this one."""
        from ..storage.engine import open_database

        try:
            engine = open_database(path)
        except BookerError as exc:
            self.report_error(exc, f"open {path}")
            return None
        self.close()  # saves this window's settings first
        self.prefs.remember_database(path)
        from .main_window import MainWindow

        window = MainWindow(engine, path, self.prefs, self.user)
        _open_windows.append(window)
        window.show()
        self.databaseOpened.emit(window)
        window.offer_demo_if_empty()
        window.start_daily_backup()
        return window

    def reopen(self: MainWindow) -> MainWindow:
        """This database in a new window that replaces this one (after a change of language)."""
        self.close()  # saves this window's settings first
        from .main_window import MainWindow

        window = MainWindow(self.engine, self.db_label, self.prefs, self.user)
        _open_windows.append(window)
        window.show()
        self.databaseOpened.emit(window)
        return window

    def preferences_dialog(self: MainWindow) -> QDialog:
        """Edit > Preferences (window-modal); a new language shows the window again in it."""
        from .language import switch_language
        from .preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.prefs, self)
        before = self.prefs.get(self.prefs.LANGUAGE)

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.chosen() != before:
                switch_language(self, dialog.chosen())

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def open_database_dialog(self: MainWindow) -> None:
        file_dialogs.open_file(self, "Open database", "SQLite databases (*.sqlite3 *.db);;All files (*)",
                               lambda path: self.open_database_file(str(path)))

    def new_database_dialog(self: MainWindow) -> None:
        file_dialogs.save_file(self, "New database", "lot.sqlite3", "SQLite databases (*.sqlite3)",
                               lambda path: self.open_database_file(str(path)))

    def _fill_recent_menu(self: MainWindow) -> None:
        self.recent_menu.clear()
        for path in self.prefs.get(Preferences.RECENT):
            self.recent_menu.addAction(path, partial(self.open_database_file, path))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # ---- first start -----------------------------------------------------------------
    def offer_demo_if_empty(self: MainWindow) -> QMessageBox | None:
        """On an empty database, offer the demo lot (not when STUDIO_BOOKER_NO_DEMO_PROMPT is set)."""
        if os.environ.get(NO_DEMO_PROMPT) or catalog.list_resources(self.engine):
            return None
        box = QMessageBox(QMessageBox.Icon.Question, "Welcome to Studio Booker",
                          "This database is empty. Load the demo lot (stages, workshops, crew, "
                          "productions and a season of bookings with a few conflicts) to look around, "
                          "or start empty?", QMessageBox.StandardButton.NoButton, self)
        self.demo_button = box.addButton("Load the demo lot", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Start empty", QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: self._demo_answer(box))
        self.demo_box = box
        box.open()
        return box

    def _demo_answer(self: MainWindow, box: QMessageBox) -> None:
        if box.clickedButton() is self.demo_button:
            self.load_demo()

    def load_demo(self: MainWindow) -> Worker:
        from ..services.demo import load_demo

        def done(summary: object) -> None:
            self.management.reload()
            self.after_change()
            self.timeline.go_to_today()
            self.show_status("demo lot loaded")

        return self.run_in_background("loading the demo lot", load_demo, self.engine, self.user,
                                      on_done=done)
