"""Every file dialog of the window lists the database's folder without dropping SQLite's locks.

`tests/storage/test_sqlite_locks.py` shows the hazard with single processes; here it
is the real window, offscreen, with every file dialog it has: each is opened with the
database's folder showing and left until every file there is listed with its type
(which is when Qt's own dialog reads them), then closed. Afterwards a command-line
process writes and exits, the window writes, and a third process must see both.
"""

from __future__ import annotations

import ast
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QFileSystemModel

from studio_booker.storage.engine import open_database
from studio_booker.ui import file_dialogs, print_actions
from studio_booker.ui.main_window import MainWindow
from studio_booker.ui.prefs import Preferences
from studio_booker.ui.workers import wait_for_workers
from tests.storage.test_sqlite_locks import make_lot_db, seen_by_another_process

PACKAGE = Path(__file__).resolve().parents[2] / "studio_booker"
QT_FILE_READERS = {"QFileDialog", "QFileSystemModel", "QMimeDatabase", "QFileIconProvider"}


def test_no_file_dialog_is_made_outside_the_helper():
    """A new dialog cannot forget the rule: only ui/file_dialogs.py names Qt's file dialog
    and the classes that read files to type them."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "file_dialogs.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) \
                else None
            if isinstance(node, ast.alias):
                name = node.name
            if name in QT_FILE_READERS:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert offenders == []


class DialogSpy(QObject):
    """Every QFileDialog shown while it is installed, ours or not."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[QFileDialog] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QFileDialog) and obj not in self.shown:
            self.shown.append(obj)
        return False


@pytest.fixture
def spy(qapp):
    s = DialogSpy()
    qapp.installEventFilter(s)
    yield s
    qapp.removeEventFilter(s)


@pytest.fixture
def shared_db(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return make_lot_db(tmp_path)


def cli(db: Path, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "studio_booker", "--db", str(db), *args],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def count_resources(db: Path) -> int:
    con = sqlite3.connect(db)  # through SQLite: safe beside the engine's connections
    try:
        return int(con.execute("SELECT count(*) FROM resource").fetchone()[0])
    finally:
        con.close()


def alive(widget: QObject) -> bool:
    return shiboken6.isValid(widget)


def list_and_close(qtbot, spy: DialogSpy, folder: Path) -> bool:
    """Wait for the dialog just opened, show `folder` in it until every file there has its
    type (the listing is done), then cancel it. True if ui/file_dialogs.py made it."""
    qtbot.waitUntil(lambda: any(alive(d) and d.isVisible() for d in spy.shown))
    dialog = next(d for d in spy.shown if alive(d) and d.isVisible())
    dialog.setDirectory(str(folder))
    dialog.setNameFilter("*")  # every file shown, so the test can see each one listed
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, False)
    if dialog.fileMode() == QFileDialog.FileMode.Directory:
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)  # a folder chooser lists files too, but hides them
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    model = dialog.findChild(QFileSystemModel)
    names = {p.name for p in folder.iterdir()}

    def listed() -> bool:
        dialog.grab()  # the view asks for every shown file's icon and type
        root = model.index(str(folder))
        typed = {model.index(r, 0, root).data() for r in range(model.rowCount(root))
                 if model.type(model.index(r, 0, root))}
        return names <= typed

    qtbot.waitUntil(listed, timeout=20000)
    ours = file_dialogs.made_here(dialog)
    dialog.reject()
    qtbot.waitUntil(lambda: not alive(dialog) or not dialog.isVisible())
    return ours


def test_every_file_dialog_of_the_window_keeps_the_windows_writes(qtbot, spy, shared_db):
    folder = shared_db.parent
    first = int(cli(shared_db, "book", "--resource", "Stage 7", "--production", "The Red Silk",
                    "--start", "2026-12-01 08:00", "--end", "2026-12-01 18:00"))
    engine = open_database(shared_db)
    window = MainWindow(engine, str(shared_db), Preferences(), user="tester")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.conflicts.is_refreshing())

    def export(text: str) -> Callable[[], None]:
        action = next(a for a in window.export_menu.actions() if a.text() == text)
        return action.trigger

    def from_booking_menu(text: str) -> Callable[[], None]:
        menu = window.build_context_menu(first)
        return next(a for a in menu.actions() if a.text() == text).trigger

    backup = window.start_daily_backup()  # so that Restore backup… has one to restore
    assert backup is not None
    with qtbot.waitSignal(backup.done, timeout=20000):
        pass

    def restore_backup() -> None:
        dialog = window.restore_backup_dialog()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
        dialog.table.selectRow(0)
        qtbot.waitUntil(dialog.restore_button.isEnabled)
        dialog.restore_button.click()

    def print_preview_print() -> None:
        req = print_actions.SheetRequest(print_actions.PRODUCTION, "The Red Silk")
        preview = print_actions.preview_dialog(window, req)
        preview.open()
        print_actions.preview_print_action(preview).trigger()

    openers: dict[str, Callable[[], object]] = {
        "open database": window.open_action.trigger,
        "new database": window.new_db_action.trigger,
        "backup": window.backup_action.trigger,
        **{f"import {k}": a.trigger for k, a in window.import_actions.items()},
        "bookings CSV": export("Bookings CSV…"),
        "bookings Excel": export("Bookings Excel…"),
        "all calendars": export("All calendars to folder…"),
        "production calendar": from_booking_menu("Export production calendar"),
        "sheet PDF": lambda: print_actions.export_sheet_pdf(
            window, print_actions.SheetRequest(print_actions.PRODUCTION, "The Red Silk")),
        "print preview's Print": print_preview_print,
        "restore backup": restore_backup,
    }
    for name, opener in openers.items():
        before = len(spy.shown)
        opener()
        ours = list_and_close(qtbot, spy, folder)
        assert len(spy.shown) == before + 1, name
        assert ours, f"{name}: a file dialog not made by ui/file_dialogs.py"

    other = int(cli(shared_db, "book", "--resource", "Stage 7", "--production", "The Red Silk",
                    "--start", "2026-12-02 08:00", "--end", "2026-12-02 18:00"))
    window.duplicate(first)  # the window writes, through its own undo command
    mine = window.undo_stack.command(window.undo_stack.count() - 1).after.id
    ids, check = seen_by_another_process(shared_db)
    assert {first, other, mine} <= set(ids)
    assert check == "ok"
    wait_for_workers()
    window.close()
    engine.dispose()
    assert {first, other, mine} <= set(seen_by_another_process(shared_db)[0])


def test_a_database_file_is_refused_as_an_import_or_an_export_target(qtbot, shared_db, tmp_path):
    from studio_booker.errors import InputError
    from studio_booker.exports.tables import write_csv
    from studio_booker.services.bookings import BookingFilter
    from studio_booker.services.importer import import_csv

    engine = open_database(shared_db)
    try:
        before = count_resources(shared_db)
        with pytest.raises(InputError, match="it is the database that Studio Booker has open"):
            import_csv(engine, "bookings", shared_db, "tester")
        with pytest.raises(InputError, match="part of the database lot.db"):
            write_csv(engine, BookingFilter(), Path(f"{shared_db}-wal"))
        with pytest.raises(InputError, match="it is the database"):
            write_csv(engine, BookingFilter(), shared_db)
        assert count_resources(shared_db) == before == 1
    finally:
        engine.dispose()
