"""Engine and session set-up: SQLite pragmas, write transactions, migrations on open."""

from __future__ import annotations

import os
import sqlite3
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from ..errors import DatabaseProblem, NotADatabase
from . import live_files

ENV_VAR = "STUDIO_BOOKER_DB"
BUSY_TIMEOUT_S = 60


def default_db_path() -> Path:
    """A database file in the user's data folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "studio-booker" / "studio-booker.sqlite3"


def resolve_target(target: str | os.PathLike[str] | None) -> str:
    """`--db` value, else $STUDIO_BOOKER_DB, else the default file; as an SQLAlchemy URL."""
    if target is None or str(target) == "":
        target = os.environ.get(ENV_VAR) or default_db_path()
    text_target = str(target)
    if "://" in text_target:
        return text_target
    return "sqlite:///" + str(Path(text_target).expanduser().absolute())


def sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///") :])
    return None


def short_name(target: str) -> str:
    """How a window title names a database: the file's name for SQLite, `database @ host` for a
    server (never the password)."""
    path = sqlite_path(resolve_target(target))
    if path is not None:
        return path.name
    url = make_url(resolve_target(target))
    return f"{url.database or ''} @ {url.host or 'localhost'}"


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before the engine uses it.

    The file is read through SQLite, never with open(): this process may already hold
    connections to it, and closing any other descriptor on it would drop their locks
    (see storage/live_files.py).
    """
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a database file")
    if path.exists() and path.stat().st_size > 0:
        try:
            probe = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                probe.execute("PRAGMA schema_version").fetchone()
            finally:
                probe.close()
        except sqlite3.DatabaseError as exc:
            if "not a database" not in str(exc):
                raise DatabaseProblem(f"cannot open database {path}: {exc}") from exc
            raise NotADatabase(
                f"{path} is not a Studio Booker database (not an SQLite file); "
                "give --db a new file name or an existing database"
            ) from exc
    elif not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # take BEGIN over from the driver (SQLAlchemy pysqlite docs, "Serializable isolation")
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_events(engine)
        if path is not None:
            live_files.register(engine, path)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def open_database(target: str | os.PathLike[str] | None = None, migrate: bool = True) -> Engine:
    """Open (creating or migrating forward as needed) the database named by `target`."""
    url = resolve_target(target)
    try:
        engine = make_engine(url)
        if migrate:
            from .migrate import ensure_current

            ensure_current(engine)
    except DatabaseProblem:
        raise
    except (DatabaseError, OperationalError) as exc:
        raise DatabaseProblem(f"cannot open database {url}: {exc.orig}") from exc
    except Exception as exc:
        if type(exc).__name__ in {"ArgumentError", "NoSuchModuleError"}:
            raise DatabaseProblem(f"cannot open database {url!r}: {exc}") from exc
        raise
    return engine


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session, session.begin():
        yield session


_stopped: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def stop_writes(engine: Engine, reason: str) -> None:
    """From now on every write through `engine` is refused with `reason` (reads still work).

    The window does this when the database fails under it (storage/live_files.py says how
    that can happen), so nothing more is written until the file has been checked."""
    _stopped[engine] = reason


def writes_stopped(engine: Engine) -> str | None:
    """Why writes through `engine` are stopped, or None."""
    return _stopped.get(engine)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction nobody can interleave with.

    SQLite: BEGIN IMMEDIATE takes the write lock before the first read, so a
    check-then-write cannot race; a second writer waits (busy timeout).
    PostgreSQL: the services lock the resource row (SELECT ... FOR UPDATE).
    """
    reason = _stopped.get(engine)
    if reason is not None:
        raise DatabaseProblem(f"nothing was saved: writes to this database are stopped ({reason})")
    bound = engine.execution_options(sqlite_begin="IMMEDIATE")
    with Session(bound, expire_on_commit=False) as session, session.begin():
        yield session
