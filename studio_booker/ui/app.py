"""`run_gui`: the desktop application's entry point (called by `studio-booker` / `studio-booker gui`)."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from ..errors import BookerError
from ..paths import resources_dir
from ..storage.engine import ENV_VAR, open_database, resolve_target, sqlite_path
from .errors import ExceptionHook
from .language import apply_language, chosen_language
from .perf import tune_interpreter  # interpreter tuning lives in ui/perf.py
from .prefs import APPLICATION, ORGANISATION, Preferences


def choose_target(db: str | None, prefs: Preferences) -> str | None:
    """--db, else $STUDIO_BOOKER_DB, else the last database opened, else None (the default file)."""
    if db:
        return db
    if os.environ.get(ENV_VAR):
        return None  # open_database reads it
    return prefs.get(Preferences.LAST_DATABASE) or None


def database_label(target: str | None) -> str:
    url = resolve_target(target)
    path = sqlite_path(url)
    return str(path) if path is not None else url


def load_style(app: QApplication) -> None:
    qss = resources_dir() / "style.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def _follow(hook: ExceptionHook, window: object) -> None:
    """After File ▸ Open (or a reopen), errors go to the new window and its database check."""
    from .main_window import MainWindow

    assert isinstance(window, MainWindow)
    hook.parent = window
    hook.handlers[:] = [window.health.handle]
    window.databaseOpened.connect(lambda new: _follow(hook, new))


def run_gui(db: str | None, argv: list[str]) -> int:
    """Create the QApplication, open the database, show the main window; returns the exit status."""
    tune_interpreter()
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    load_style(app)
    hook = ExceptionHook()
    hook.install()
    prefs = Preferences()
    apply_language(chosen_language(prefs))  # before any window or message is made
    target = choose_target(db, prefs)
    try:
        engine = open_database(target)
    except BookerError as exc:
        if db is None and target is not None:  # the remembered database is gone: use the default
            print(f"studio-booker: {exc}; opening the default database", file=sys.stderr)
            target = None
            engine = open_database(None)
        else:
            QMessageBox.critical(None, "Studio Booker", str(exc))
            return exc.exit_code
    from .main_window import MainWindow, show_later

    window = MainWindow(engine, database_label(target), prefs)
    hook.parent = window
    hook.handlers.append(window.health.handle)
    window.databaseOpened.connect(lambda new: _follow(hook, new))
    show_later(window)
    try:
        return app.exec()
    finally:
        hook.uninstall()
        engine.dispose()
