"""SQL helpers; `overlapping` is the SQL twin of domain.intervals.overlaps."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_


def overlapping(start_col: Any, end_col: Any, start: int, end: int, longest: int) -> ColumnElement[bool]:
    """Rows whose `[start_col, end_col)` shares an instant with `[start, end)`.

    The lower bound on start (no booking is longer than `longest`) turns the
    test into a range scan of an index on start_col.
    """
    return and_(start_col < end, end_col > start, start_col >= start - longest)
