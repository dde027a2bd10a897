"""The one half-open overlap test (its SQL twin is storage.queries.overlapping)."""

from __future__ import annotations


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """`[a_start, a_end)` and `[b_start, b_end)` share at least one instant."""
    return a_start < b_end and b_start < a_end
