"""A consistent copy of a live SQLite database (SQLite's online backup API).

The copy is one read transaction on the source: it sees the last committed
state (WAL content included) while other connections keep writing, and is
written to a temporary file beside the destination, then renamed over it
(atomic), so a half-written backup never carries the destination's name.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import URL, Engine, make_url

from ..errors import DatabaseProblem, InputError
from ..storage.live_files import refuse_live


def require_sqlite(target: Engine | URL | str) -> Path:
    """The database file behind an engine or URL; other databases are backed up with their own tools."""
    url = target.url if isinstance(target, Engine) else make_url(target)
    backend = url.get_backend_name()
    if backend != "sqlite":
        tool = "pg_dump" if backend.startswith("postgres") else "its own backup tool"
        raise DatabaseProblem(
            f"backup copies SQLite database files; this database is on a {backend} server: "
            f"use the server's own tool ({tool})"
        )
    if not url.database or url.database == ":memory:":
        raise DatabaseProblem("an in-memory database has no file to back up")
    return Path(url.database).expanduser().absolute()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def backup_database(engine: Engine, dest: Path) -> Path:
    """Copy the live database to `dest` (a file, or a folder to put a dated file in)."""
    source = require_sqlite(engine)
    if not source.exists():
        raise InputError(f"no database at {source}; nothing to back up")
    dest = Path(dest).expanduser().absolute()
    if dest.is_dir():
        from datetime import datetime

        dest = dest / f"{source.stem}-{datetime.now():%Y%m%d-%H%M%S}{source.suffix or '.sqlite3'}"
    live = {source, Path(f"{source}-wal"), Path(f"{source}-shm"), Path(f"{source}-journal")}
    if dest in live or _same_file(dest, source):
        raise InputError(f"{dest} is the live database itself; give the backup another file name")
    refuse_live(dest, "write the backup to")  # another database open in this process
    if not dest.parent.is_dir():
        raise InputError(f"cannot write {dest}: the folder {dest.parent} does not exist")

    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        raw = engine.raw_connection()  # the engine's own connection: busy timeout already set
        try:
            src = raw.driver_connection
            assert isinstance(src, sqlite3.Connection)
            target = sqlite3.connect(tmp)
            try:
                src.backup(target)  # all pages in one step: one consistent snapshot
                # a self-contained single file (the source runs in WAL mode)
                target.execute("PRAGMA journal_mode = DELETE")
                ok = target.execute("PRAGMA quick_check").fetchone()
                if not ok or ok[0] != "ok":
                    raise DatabaseProblem(f"the backup failed its integrity check: {ok}")
            finally:
                target.close()
        finally:
            raw.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except sqlite3.Error as exc:
        raise DatabaseProblem(f"backup of {source} failed: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return dest
