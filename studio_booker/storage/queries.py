"""SQL helpers; `overlapping` is the SQL twin of domain.intervals.overlaps."""

from __future__ import annotations

import re
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

    For the few reads that move a season of rows (the conflicts report): no per-row
    Result objects. Works for sqlite3 (named style) and psycopg (pyformat).
    """
    cursor = session.connection().connection.driver_connection.cursor()
    try:
        if session.get_bind().dialect.paramstyle in ("pyformat", "format"):
            sql = re.sub(r":(\w+)", r"%(\1)s", sql)
        cursor.execute(sql, params or {})
        return list(cursor.fetchall())
    finally:
        cursor.close()
