"""Engine and session set-up: SQLite pragmas, write transactions, migrations on open."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from ..errors import DatabaseProblem, NotADatabase

ENV_VAR = "STUDIO_BOOKER_DB"
SQLITE_MAGIC = b"SQLite format 3\x00"
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


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before SQLite touches it."""
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a database file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        if head != SQLITE_MAGIC:
            raise NotADatabase(
                f"{path} is not a Studio Booker database (not an SQLite file); "
                "give --db a new file name or an existing database"
            )
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


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction nobody can interleave with.

    SQLite: BEGIN IMMEDIATE takes the write lock before the first read, so a
    check-then-write cannot race; a second writer waits (busy timeout).
    PostgreSQL: the services lock the resource row (SELECT ... FOR UPDATE).
    """
    bound = engine.execution_options(sqlite_begin="IMMEDIATE")
    with Session(bound, expire_on_commit=False) as session, session.begin():
        yield session


def ping(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
