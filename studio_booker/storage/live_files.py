"""The SQLite database files this process has open, and the rule that keeps them safe.

SQLite's locks are POSIX advisory locks, which belong to the process: closing
*any* descriptor on a database file (or its `-shm`) drops every lock this
process holds on it, and the next process that finishes can then checkpoint
and delete the write-ahead log under our open connections (SQLite, "How To
Corrupt An SQLite Database File", section 2.2). SQLite itself is careful
(its own connections share one set of locks per file), so the rule is:
**in this process, only SQLite opens a database file.**

Every SQLite engine registers its file here (`storage.engine.make_engine`).
Code that reads or writes a file a person named (imports, exports, backups,
calendar folders) calls `refuse_live(path)` first, so the database, its
write-ahead log and its shared-memory file are never opened by anything else.
No Qt here: the window's file dialogs keep the rule their own way
(`ui/file_dialogs.py`).
"""

from __future__ import annotations

import os
import threading
import weakref
from pathlib import Path

from ..errors import InputError

COMPANIONS = ("", "-wal", "-shm", "-journal")

_lock = threading.Lock()
_live: dict[Path, int] = {}  # database file -> number of engines on it


def _key(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _forget(db: Path) -> None:
    with _lock:
        left = _live.get(db, 0) - 1
        if left > 0:
            _live[db] = left
        else:
            _live.pop(db, None)


def register(owner: object, db_file: Path) -> None:
    """`db_file` is open through SQLite for as long as `owner` (an engine) lives."""
    db = _key(db_file)
    with _lock:
        _live[db] = _live.get(db, 0) + 1
    weakref.finalize(owner, _forget, db)


def live_databases() -> list[Path]:
    with _lock:
        return list(_live)


def live_file_of(path: str | os.PathLike[str]) -> Path | None:
    """The open database that `path` is, or belongs to (its -wal, -shm or -journal); else None.

    Compares real paths, and for an existing file also the file itself (hard links), by
    `stat` only: nothing is opened here.
    """
    real = _key(Path(path))
    for db in live_databases():
        for suffix in COMPANIONS:
            companion = Path(f"{db}{suffix}")
            if real == companion:
                return db
            try:
                if os.path.samefile(real, companion):
                    return db
            except OSError:
                continue
    return None


def refuse_live(path: str | os.PathLike[str], doing: str) -> None:
    """InputError when `path` is an open database file: it must not be read or written
    by anything but SQLite (`doing`: what was asked, as in "cannot import ...")."""
    db = live_file_of(path)
    if db is not None:
        what = "the database" if _key(Path(path)) == db else f"part of the database {db.name}"
        raise InputError(
            f"cannot {doing} {path}: it is {what} that Studio Booker has open; "
            "choose another file (to copy the database, use Backup)"
        )
