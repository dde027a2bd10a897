"""Half-open intervals: the one overlap test (its SQL twins are in storage.queries) and the
one interval index, used by the rules, the import's check and the demo's planner."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from .records import END, ID, START

Row = TypeVar("Row", bound=Sequence[Any])


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """`[a_start, a_end)` and `[b_start, b_end)` share at least one instant."""
    return a_start < b_end and b_start < a_end


def slot_key(b: Sequence[Any]) -> tuple[int, int, int]:
    """(start, end, id) of a Slot or of a tuple in Slot's field order: the rules' order."""
    return (b[START], b[END], b[ID])


class IntervalIndex(Generic[Row]):
    """Bookings (Slots, or plain tuples in Slot's field order) sorted by (start, end, id),
    answering "which of them overlap [s, e)".

    A booking starting at or before `s - longest` ends at or before `s`, so the scan starts
    there: a look-up stays close to the size of its answer. Up to SMALL bookings (most of a
    season's clusters are two or three) are simply scanned, with no sorted starts to keep.
    """

    SMALL = 8
    __slots__ = ("_rows", "_starts", "_longest")

    def __init__(self, rows: Iterable[Row] = (), presorted: bool = False) -> None:
        self._rows: list[Row] = list(rows) if presorted else sorted(rows, key=slot_key)
        self._starts: list[int] | None = None
        self._longest = 0
        if len(self._rows) > self.SMALL:
            self._index()

    def _index(self) -> None:
        self._starts = [r[START] for r in self._rows]
        self._longest = max([r[END] - r[START] for r in self._rows], default=0)

    def __len__(self) -> int:
        return len(self._rows)

    def overlapping(self, start: int, end: int) -> list[Row]:
        """The bookings that share an instant with [start, end), in (start, end, id) order."""
        if self._starts is None:
            return [r for r in self._rows if r[START] < end and r[END] > start]
        lo = bisect_right(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return [r for r in self._rows[lo:hi] if r[END] > start]

    def add(self, row: Row) -> None:
        """Insert one booking in its place."""
        i = bisect_right(self._rows, slot_key(row), key=slot_key)
        self._rows.insert(i, row)
        if self._starts is not None:
            self._starts.insert(i, row[START])
            self._longest = max(self._longest, row[END] - row[START])
        elif len(self._rows) > self.SMALL:
            self._index()
