"""SQL helpers; `overlapping` is the SQL twin of domain.intervals.overlaps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, and_


def overlapping(start_col: Any, end_col: Any, start: int, end: int, longest: int) -> ColumnElement[bool]:
    """Rows whose `[start_col, end_col)` shares an instant with `[start, end)`.

    The lower bound on start (no booking is longer than `longest`) turns the
    test into a range scan of an index on start_col.
    """
    return and_(start_col < end, end_col > start, start_col >= start - longest)


def raw_rows(session: Any, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Run `sql` (`:name` parameters) on the session's plain DBAPI cursor and fetch every row.

    For the few reads that move many rows: no per-row Result objects. Works for
    sqlite3 (named style) and psycopg (pyformat).
    """
    return list(iter_raw_rows(session, sql, params))


def iter_raw_rows(session: Any, sql: str, params: dict[str, Any] | None = None,
                  batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    """`raw_rows`, streamed `batch` rows at a time.

    The whole-lot conflicts report reads every booking (200,000 rows: ~65 MiB of tuples
    if fetched at once, on every refresh of the conflicts panel). Freed, that memory stays
    with the Python allocator's arenas (the GUI soak's RSS grew with each such peak);
    streamed, only a batch is alive at a time, plus what the caller keeps."""
    for rows in iter_raw_batches(session, sql, params, batch):
        yield from rows


def iter_raw_batches(session: Any, sql: str, params: dict[str, Any] | None = None,
                     batch: int = 2000) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of `sql` in lists of at most `batch` (the cursor's fetchmany), for a reader
    that does something between batches (the timeline's worker lets a paint go first)."""
    cursor = session.connection().connection.driver_connection.cursor()
    try:
        if session.get_bind().dialect.paramstyle in ("pyformat", "format"):
            sql = re.sub(r":(\w+)", r"%(\1)s", sql)
        cursor.execute(sql, params or {})
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        cursor.close()
