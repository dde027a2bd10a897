"""Is the database still sound? Told apart from an ordinary refusal, then checked for real.

The window uses this when a read or a write fails with a database error: it stops
writing (storage.engine.stop_writes), checks the file on a fresh connection, and
tells the coordinator what the check found, never more.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..storage.engine import BUSY_TIMEOUT_S, make_engine, sqlite_path

QUICK_CHECK_LINES = 5  # of quick_check's answer, kept for the message


def is_database_failure(exc: BaseException) -> bool:
    """A failure of the database itself (disk I/O, "malformed", not a database, a lost
    file), as opposed to a refusal or bad input, which the services raise as BookerError.
    An integrity error is a refused row, not a failure."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, IntegrityError | sqlite3.IntegrityError):
            return False
        if isinstance(current, DBAPIError | sqlite3.DatabaseError):
            return True
        if "database disk image is malformed" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False


@dataclass(frozen=True)
class HealthReport:
    ok: bool
    details: str  # quick_check's own answer, or the error that stopped it
    path: Path | None  # the SQLite file checked (None for a server database)


def check_database(url: str) -> HealthReport:
    """`PRAGMA quick_check` on a connection of its own (SQLite), or a round trip (a server).

    Opened through SQLite only, so this process's other connections keep their locks."""
    path = sqlite_path(url)
    if path is None:
        try:
            engine = make_engine(url)
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
            finally:
                engine.dispose()
        except Exception as exc:  # what the server said is the answer
            return HealthReport(False, str(exc).splitlines()[0], None)
        return HealthReport(True, "the server answers", None)
    if not path.exists():
        return HealthReport(False, f"the file {path} is gone", path)
    try:
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchmany(QUICK_CHECK_LINES)]
        finally:
            con.close()
    except sqlite3.Error as exc:
        return HealthReport(False, str(exc), path)
    return HealthReport(rows == ["ok"], "; ".join(str(r) for r in rows), path)
