"""SQL helpers: the overlap test (`overlapping`, and `overlap_sql` for raw statements, the
SQL twins of domain.intervals.overlaps), plain-cursor reads, and the resource row lock."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, select

from .models import Resource

SLOT_COLUMNS = "id, resource_id, production_id, start_utc, end_utc, status, activity, created_utc"
"""The booking columns in domain.records.Slot's field order: a raw read of them gives rule rows."""

LONGEST_SQL = "(SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'longest_booking_s')"
"""The longest booking's length (setting `longest_booking_s`), as an SQL expression."""


def overlapping(start_col: Any, end_col: Any, start: int, end: int, longest: int) -> ColumnElement[bool]:
    """Rows whose `[start_col, end_col)` shares an instant with `[start, end)`.

    The lower bound on start (no booking is longer than `longest`) turns the
    test into a range scan of an index on start_col.
    """
    return and_(start_col < end, end_col > start, start_col >= start - longest)


def overlap_sql(start: str = "start_utc", end: str = "end_utc", longest: str = ":longest") -> str:
    """`overlapping` as SQL text for a raw statement: `[start, end)` shares an instant with
    `[:lo, :hi)`; `longest` is a parameter (`:longest`, the default) or LONGEST_SQL."""
    return f"{start} < :hi AND {end} > :lo AND {start} >= :lo - {longest}"


Params = dict[str, Any] | Sequence[Any] | None


def raw_rows(session: Any, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
    """Run `sql` on the session's plain DBAPI cursor and fetch every row.

    For the few reads that move many rows: no per-row Result objects. Parameters are
    `:name` with a dict, or `?` with a sequence (binding a long IN list by position is
    several times faster than by name). Works for sqlite3 and psycopg (pyformat).
    """
    return [row for rows in iter_raw_batches(session, sql, params) for row in rows]


def iter_raw_batches(session: Any, sql: str, params: Params = None,
                     batch: int = 2000) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of `sql` in lists of at most `batch` (the cursor's fetchmany).

    The whole-lot conflicts report reads every booking (200,000 rows: ~65 MiB of tuples
    if fetched at once, on every refresh of the conflicts panel). Freed, that memory stays
    with the Python allocator's arenas (the GUI soak's RSS grew with each such peak);
    streamed, only a batch is alive at a time, plus what the caller keeps. A reader that
    does something between batches (the timeline's worker lets a paint go first) gets
    them as they come; `itertools.chain.from_iterable` makes rows of them, in C."""
    cursor = session.connection().connection.driver_connection.cursor()
    try:
        positional = params is not None and not isinstance(params, dict)
        if session.get_bind().dialect.paramstyle in ("pyformat", "format"):
            sql = sql.replace("?", "%s") if positional else re.sub(r":(\w+)", r"%(\1)s", sql)
        cursor.execute(sql, params if params is not None else {})
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        cursor.close()


def lock_resources(session: Any, resource_ids: Iterable[int]) -> None:
    """Serialise writers per resource where the database has row locks (SELECT ... FOR UPDATE,
    in id order so two writers never wait for each other crosswise). On SQLite the write
    transaction's BEGIN IMMEDIATE (storage.engine.write_session) already did."""
    if session.get_bind().dialect.name != "sqlite":
        ids = sorted(set(resource_ids))
        session.execute(select(Resource.id).where(Resource.id.in_(ids)).with_for_update())
