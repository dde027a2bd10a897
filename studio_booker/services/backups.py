"""Automatic daily backups of SQLite databases, their listing, and restoring one as a new file.

Backups live in `backups/` beside the user data (`backups_dir()`), one file each:

    <db stem>-<key>-YYYYMMDD-HHMMSSZ.sqlite3     e.g. lot-3f9a0c1e-20261203-080512Z.sqlite3

`<key>` is the first 8 hex digits of the SHA-1 of the database's absolute path
(`database_key`), so the backups of two databases with the same file name never mix
or rotate each other away; the time is when the backup was taken, in UTC (`Z`).

Every copy goes through `backup.backup_database` (SQLite's online backup API, a
temporary file renamed into place, quick_check). A database file is only ever
opened through SQLite: closing any other descriptor on it would drop this
process's SQLite locks (SQLite, "How To Corrupt An SQLite Database File", 2.2).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from ..errors import BookerError, DatabaseProblem, InputError
from ..storage.engine import default_db_path
from .backup import backup_database, require_sqlite

SUFFIX = ".sqlite3"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<key>[0-9a-f]{8})-(?P<stamp>\d{8}-\d{6})Z" + re.escape(SUFFIX) + "$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as read through SQLite (read-only)."""

    path: Path
    taken_utc: int  # when it was taken (from its name), seconds since the epoch
    size: int  # bytes
    db_stem: str  # the file name (without suffix) of the database it is a backup of
    db_key: str  # database_key() of that database
    bookings: int | None = None  # every booking in it, cancelled ones included
    active: int | None = None  # bookings not cancelled
    error: str | None = None  # why it cannot be read (then the counts are None)

    @property
    def readable(self) -> bool:
        return self.error is None

    @property
    def taken_at(self) -> datetime:
        return datetime.fromtimestamp(self.taken_utc, UTC)


def backups_dir() -> Path:
    """`backups/` in the user data folder (the default database's folder)."""
    return default_db_path().parent / "backups"


def database_key(db_path: Path | str) -> str:
    """8 hex digits naming one database file (its absolute path) in backup names."""
    absolute = str(Path(db_path).expanduser().resolve())
    return hashlib.sha1(absolute.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


def backup_name(db_path: Path | str, taken_utc: int) -> str:
    stamp = datetime.fromtimestamp(taken_utc, UTC).strftime(_STAMP)
    return f"{Path(db_path).stem}-{database_key(db_path)}-{stamp}Z{SUFFIX}"


def _entries(folder: Path | None, db_path: Path | str | None) -> list[BackupInfo]:
    """The backup files in `folder` (of `db_path` only, when given) by name alone, newest first."""
    folder = backups_dir() if folder is None else Path(folder)
    key = stem = None
    if db_path is not None:
        key, stem = database_key(db_path), Path(db_path).stem
    found: list[BackupInfo] = []
    try:
        names = [entry for entry in os.scandir(folder) if entry.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in names:
        m = _NAME.match(entry.name)
        if not m or (key is not None and (m["key"] != key or m["stem"] != stem)):
            continue
        try:
            taken = datetime.strptime(m["stamp"], _STAMP).replace(tzinfo=UTC)
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue  # not a real date: not one of ours; or gone meanwhile
        found.append(BackupInfo(Path(entry.path), int(taken.timestamp()), size, m["stem"], m["key"]))
    found.sort(key=lambda b: (b.taken_utc, b.path.name), reverse=True)
    return found


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=5)


def _read(info: BackupInfo, check: bool) -> BackupInfo:
    """`info` with its booking counts, or with the reason it cannot be read."""
    con: sqlite3.Connection | None = None
    try:
        con = _read_only(info.path)
        if check:
            verdict = con.execute("PRAGMA quick_check").fetchone()
            if not verdict or verdict[0] != "ok":
                said = verdict[0] if verdict else "no answer from the integrity check"
                return _damaged(info, f"damaged: {said}")
        total, active = con.execute(
            "SELECT count(*), coalesce(sum(status <> 'cancelled'), 0) FROM booking"
        ).fetchone()
    except sqlite3.Error as exc:
        reason = str(exc)
        if "no such table" in reason:
            return _damaged(info, "not a Studio Booker database (no bookings table)")
        return _damaged(info, f"damaged: {reason}")
    finally:
        if con is not None:
            con.close()
    return BackupInfo(info.path, info.taken_utc, info.size, info.db_stem, info.db_key,
                      int(total), int(active), None)


def _damaged(info: BackupInfo, error: str) -> BackupInfo:
    return BackupInfo(info.path, info.taken_utc, info.size, info.db_stem, info.db_key, error=error)


def list_backups(folder: Path | None = None, db_path: Path | str | None = None,
                 check: bool = False) -> list[BackupInfo]:
    """The backups in `folder` (default `backups_dir()`), of `db_path` only when given, newest
    first, each with its booking counts or its `error`. `check` also runs SQLite's quick_check."""
    return [_read(info, check) for info in _entries(folder, db_path)]


def last_good_backup(db_path: Path | str, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup of `db_path` that reads fine and passes quick_check; None if there is none."""
    for info in _entries(folder, db_path):
        read = _read(info, check=True)
        if read.readable:
            return read
    return None


def _instant(now: datetime | int | None) -> int:
    if now is None:
        return int(datetime.now(UTC).timestamp())
    if isinstance(now, datetime):
        if now.tzinfo is None:
            raise ValueError("now must be an aware datetime")
        return int(now.timestamp())
    return int(now)


def _lot_zone(engine: Engine) -> tzinfo:
    from .settings import get_settings

    try:
        return get_settings(engine).tz
    except (BookerError, SQLAlchemyError):
        return UTC


def take_daily_backup(engine: Engine, folder: Path | None = None, every_days: int | None = None,
                      keep: int | None = None, now: datetime | int | None = None) -> Path | None:
    """Back up the engine's SQLite database into `folder` unless a backup of it was taken fewer than
    `every_days` calendar days ago (lot time); keep its `keep` newest backups and delete the rest.

    `every_days`/`keep` default to the lot settings `backup_every_days`/`backup_keep`;
    `every_days=0` turns it off. Returns the new file, or None (not due, off, not SQLite).
    Deletes nothing but this database's own backup files in `folder`.
    """
    try:
        db_path = require_sqlite(engine)
    except DatabaseProblem:
        return None  # a server database, or in memory: backed up by other means
    if every_days is None or keep is None:
        from .settings import get_settings

        lot = get_settings(engine)
        every_days = lot.backup_every_days if every_days is None else every_days
        keep = lot.backup_keep if keep is None else keep
    if every_days < 0 or keep < 1:
        raise InputError(f"every_days must be >= 0 and keep >= 1, not {every_days} and {keep}")
    if every_days == 0:
        return None
    folder = backups_dir() if folder is None else Path(folder)
    instant = _instant(now)
    zone = _lot_zone(engine)
    today = datetime.fromtimestamp(instant, zone).date()
    existing = _entries(folder, db_path)
    # a backup dated in the future (the clock was wrong once) does not stop today's
    past = [b for b in existing if b.taken_utc <= instant]
    if past and (today - datetime.fromtimestamp(past[0].taken_utc, zone).date()).days < every_days:
        return None
    dest = folder / backup_name(db_path, instant)
    if dest.exists():
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseProblem(f"cannot make the backups folder {folder}: {exc}") from exc
    made = backup_database(engine, dest)
    older = [b for b in existing if b.path != made]
    for stale in older[keep - 1:]:
        try:
            stale.path.unlink()
        except OSError:
            pass  # someone has it open or took it away: the next backup tries again
    return made


def restore_backup(backup: Path | str, dest: Path | str) -> Path:
    """Copy `backup` to the new file `dest` through SQLite's backup API; never overwrites a file."""
    backup = Path(backup).expanduser().absolute()
    dest = Path(dest).expanduser().absolute()
    if not backup.is_file():
        raise InputError(f"no backup file at {backup}")
    if dest == backup:
        raise InputError(f"{dest} is the backup itself; restore it as a new file with another name")
    for existing in (dest, Path(f"{dest}-wal"), Path(f"{dest}-journal")):
        if os.path.lexists(existing):
            raise InputError(
                f"{existing} already exists; a restore never overwrites a file: choose a new file name"
            )
    if not dest.parent.is_dir():
        raise InputError(f"cannot write {dest}: the folder {dest.parent} does not exist")

    # read-only connections (nothing is written to the backup, not even a WAL switch); the URL only
    # names the file for backup_database's checks
    source = create_engine(URL.create("sqlite", database=str(backup)),
                           creator=lambda: _read_only(backup), poolclass=NullPool)
    tmp = dest.parent / f".{dest.name}.{secrets.token_hex(4)}.restoring"
    try:
        backup_database(source, tmp)
        _place(tmp, dest)
    except SQLAlchemyError as exc:
        raise DatabaseProblem(f"cannot read the backup {backup}: {getattr(exc, 'orig', exc)}") from exc
    except DatabaseProblem as exc:
        raise DatabaseProblem(f"cannot restore {backup}: {exc.__cause__ or exc}") from exc
    finally:
        source.dispose()
        tmp.unlink(missing_ok=True)
    return dest


def _place(tmp: Path, dest: Path) -> None:
    """Give the finished copy its name, unless a file took that name meanwhile."""
    try:
        os.link(tmp, dest)  # fails if dest exists: no window for an overwrite
    except FileExistsError as exc:
        raise InputError(
            f"{dest} already exists; a restore never overwrites a file: choose a new file name"
        ) from exc
    except OSError:  # a file system without hard links
        if os.path.lexists(dest):
            raise InputError(
                f"{dest} already exists; a restore never overwrites a file: choose a new file name"
            ) from None
        os.replace(tmp, dest)

