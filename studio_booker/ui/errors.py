"""Errors in the window: the service's own words for expected ones, a dialog and a log for the rest."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from ..errors import BookerError, ConflictRefused, InputError, StaleEdit
from ..storage.engine import default_db_path

TITLES: tuple[tuple[type[BaseException], str], ...] = (
    (ConflictRefused, "Refused by the booking rules"),
    (StaleEdit, "Changed by someone else"),
    (InputError, "Please check the input"),
    (BookerError, "Studio Booker"),
)


def default_log_path() -> Path:
    """studio-booker.log beside the default database, in the user's data folder."""
    return default_db_path().parent / "studio-booker.log"


def title_for(exc: BaseException) -> str:
    for kind, title in TITLES:
        if isinstance(exc, kind):
            return title
    return "Unexpected error"


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A non-blocking dialog with the service's message (BookerError) for the user."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title_for(exc))
    box.setText(str(exc))
    box.setObjectName("errorDialog")
    box.open()
    return box


def summary(exc: BaseException) -> str:
    """One line: the exception's type and the first line of its message."""
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


class ExceptionHook:
    """sys.excepthook for the window: log the traceback, show a dialog, keep running.

    Expected errors (BookerError) get the plain message; anything else gets a
    one-line summary with the traceback under "Show Details…". Each of `handlers`
    (`exc -> bool`) may take an exception first: the window's DatabaseHealth takes
    failures of the database itself, which it checks before saying anything about
    the data. Nothing here claims the data is safe: that is known only after a check.
    """

    def __init__(self, log_path: Path | None = None, parent: QWidget | None = None) -> None:
        self.log_path = log_path or default_log_path()
        self.parent = parent
        self.handlers: list[Callable[[BaseException], bool]] = []
        self.last_dialog: QMessageBox | None = None
        self._previous = sys.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if isinstance(exc, KeyboardInterrupt):
            self._previous(kind, exc, tb)
            return
        if isinstance(exc, BookerError):
            self.last_dialog = show_error(self.parent, exc)
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        self.log(text)
        for handler in self.handlers:
            if handler(exc):
                return
        self.last_dialog = self._dialog(exc, text)

    def log(self, text: str) -> None:
        stamp = datetime.now().isoformat(timespec="seconds")
        print(text, file=sys.stderr, end="")
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with self.log_path.open("a", encoding="utf-8") as f:
                f.write(f"--- {stamp}\n{text}")
        except OSError as err:  # the dialog still shows; say why nothing was logged
            print(f"could not write the log file {self.log_path}: {err}", file=sys.stderr)

    def _dialog(self, exc: BaseException, text: str) -> QMessageBox:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Unexpected error")
        box.setText(f"Something went wrong: {summary(exc)}")
        box.setInformativeText(
            f"The window keeps working. Details were written to {self.log_path}."
        )
        box.setDetailedText(text)
        box.setObjectName("unexpectedErrorDialog")
        box.open()
        return box
