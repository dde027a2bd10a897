"""Every file dialog of the window, made here and nowhere else.

Why one home: SQLite's locks are POSIX advisory locks, which belong to the
process. Closing *any* descriptor on a database file drops all of them, and
then another process that finishes may checkpoint and delete the write-ahead
log under this one (SQLite, "How To Corrupt An SQLite Database File", 2.2).
Qt's own file dialog opens and closes every file it lists to guess its type
(QMimeDatabase, through the icon provider), and the platform's in-process
dialog (GTK's, through GIO) does the same. So the dialogs made here:

- are Qt's widget dialog, never the platform's in-process one (on Windows,
  where locks belong to a handle, the native dialog is safe and is used);
- list files with `NameOnlyIconProvider`, which gives icons and type names
  from the name alone and never opens a file;
- open window-modal with `open()`, not a nested event loop, and call back with
  the chosen path.

`tests/ui/test_file_dialogs.py` fails if a QFileDialog is made anywhere else.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget

Chosen = Callable[[Path], object]
MARK = "studioBookerFileDialog"  # a property on every dialog made here
NATIVE_IS_SAFE = sys.platform == "win32"


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from a file's name and kind (folder or file), never its contents."""

    def __init__(self) -> None:
        super().__init__()
        style = QApplication.style()
        self._folder = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._drive = style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)
        kinds, pixmaps = QAbstractFileIconProvider.IconType, QStyle.StandardPixmap
        self._places = {kinds.Computer: style.standardIcon(pixmaps.SP_ComputerIcon),
                        kinds.Desktop: style.standardIcon(pixmaps.SP_DesktopIcon),
                        kinds.Trashcan: style.standardIcon(pixmaps.SP_TrashIcon),
                        kinds.Network: style.standardIcon(pixmaps.SP_DriveNetIcon),
                        kinds.Drive: self._drive, kinds.Folder: self._folder}

    def icon(self, which: object) -> QIcon:  # type: ignore[override]
        if isinstance(which, QFileInfo):
            if which.isRoot():
                return self._drive
            return self._folder if which.isDir() else self._file
        if isinstance(which, QAbstractFileIconProvider.IconType):
            return self._places.get(which, self._file)
        return self._file

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QApplication.translate("FileDialogs", "Folder")
        suffix = info.suffix()
        if not suffix:
            return QApplication.translate("FileDialogs", "File")
        return QApplication.translate("FileDialogs", "%1 file").replace("%1", suffix.upper())


_provider: NameOnlyIconProvider | None = None
_last_folder = ""  # where the coordinator last chose a file: the next dialog starts there


def icon_provider() -> NameOnlyIconProvider:
    """One provider for every dialog (a dialog does not own the provider it is given)."""
    global _provider
    if _provider is None:
        _provider = NameOnlyIconProvider()
    return _provider


def make_dialog(parent: QWidget | None, title: str, folder: str | Path = "", filters: str = "",
                mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
                accept: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen) -> QFileDialog:
    """A file dialog that never reads the files it lists (not yet shown)."""
    dialog = QFileDialog(parent, title, str(folder) or _last_folder, filters)
    dialog.setObjectName("fileDialog")
    dialog.setProperty(MARK, True)
    if not NATIVE_IS_SAFE:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(icon_provider())
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog


def start_in(folder: str | Path) -> None:
    """Where the next dialog opens when none was used yet (the window: its database's folder)."""
    global _last_folder
    if not _last_folder:
        _last_folder = str(folder)


def made_here(widget: QWidget) -> bool:
    """True for a file dialog made by this module (tests look for any other)."""
    return bool(widget.property(MARK))


def _open(dialog: QFileDialog, on_chosen: Chosen) -> QFileDialog:
    def chosen(name: str) -> None:
        global _last_folder
        if name:
            path = Path(name)
            _last_folder = str(path if path.is_dir() else path.parent)
            on_chosen(path)

    dialog.fileSelected.connect(chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_file(parent: QWidget | None, title: str, filters: str, on_chosen: Chosen,
              folder: str | Path = "") -> QFileDialog:
    """Ask for an existing file; `on_chosen(path)` once the coordinator picks one."""
    return _open(make_dialog(parent, title, folder, filters), on_chosen)


def save_file(parent: QWidget | None, title: str, suggested: str | Path, filters: str,
              on_chosen: Chosen) -> QFileDialog:
    """Ask where to write a file (`suggested`: a name, or a path whose folder is shown)."""
    suggested = Path(suggested) if str(suggested) else Path()
    folder = suggested.parent if suggested.is_absolute() else Path()
    dialog = make_dialog(parent, title, folder if str(folder) != "." else "", filters,
                         QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave)
    if suggested.name:
        dialog.selectFile(suggested.name)
    return _open(dialog, on_chosen)


def choose_folder(parent: QWidget | None, title: str, on_chosen: Chosen,
                  folder: str | Path = "") -> QFileDialog:
    """Ask for a folder."""
    return _open(make_dialog(parent, title, folder, mode=QFileDialog.FileMode.Directory), on_chosen)
