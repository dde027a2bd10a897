"""The compiled translation catalogues (.qm), one QTranslator per language, loaded once.

The .ts files in resources/i18n are the sources; `./run.sh` compiles them with
`pyside6-lrelease` into .qm files beside them (not committed). Where a .qm is missing or older
than its .ts (a checkout that was not set up again), it is compiled into the user's cache
folder on first use, so a fresh edit of a .ts is never silently ignored.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator

from ..paths import resources_dir

PREFIX = "studio_booker_"


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def ts_file(lang: str) -> Path:
    return i18n_dir() / f"{PREFIX}{lang}.ts"


def lrelease() -> str | None:
    """The pyside6-lrelease beside this Python (a venv's bin or Scripts folder), or on PATH."""
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (here / name).exists():
            return str(here / name)
    return shutil.which("pyside6-lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    tool = lrelease()
    if tool is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True)
    return done.returncode == 0 and qm.exists()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None)
    return Path(base or Path.home() / ".cache") / "studio-booker" / "i18n"


def qm_file(lang: str) -> Path | None:
    """The compiled catalogue of `lang`, compiling it when the shipped one is missing or stale."""
    ts = ts_file(lang)
    if not ts.exists():
        return None
    shipped = ts.with_suffix(".qm")
    if shipped.exists() and shipped.stat().st_mtime >= ts.stat().st_mtime:
        return shipped
    cached = _cache_dir() / shipped.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    try:
        return cached if compile_ts(ts, cached) else None
    except OSError:  # no writable cache folder: the English sources are shown
        return None


@cache
def translator(lang: str) -> QTranslator:
    """The program's own catalogue for `lang` (an empty translator for English without plural
    forms, or when nothing could be loaded: the English sources are then shown)."""
    t = QTranslator()
    qm = qm_file(lang)
    if qm is not None:
        t.load(str(qm))
    return t


@cache
def qt_translator(lang: str) -> QTranslator:
    """Qt's own catalogue (qtbase_*.qm): the standard dialogs' buttons and labels."""
    t = QTranslator()
    t.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return t
