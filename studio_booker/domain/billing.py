"""How many days a booking is billed for (sheets and quotes: days x the resource's day rate)."""

from __future__ import annotations

from datetime import tzinfo

from .records import Kind
from .timeutil import to_local

DAY_S = 86400


def lot_days(start: int, end: int, tz: tzinfo) -> int:
    """How many lot-time calendar days [start, end) touches (ending at midnight touches no more)."""
    first = to_local(start, tz).date()
    last = to_local(max(start, end - 1), tz).date()
    return (last - first).days + 1


def billed_days(kind: str, start: int, end: int, tz: tzinfo) -> int:
    """The days a booking of a resource of `kind` is billed for.

    A stage or workshop is billed for every lot-time calendar day the booking touches
    (it is taken that day). A crew member is billed by the day's work: one day for each
    started 24 hours of the booking, so a night shift 22:00-06:00 is one day, not the two
    calendar days it touches."""
    if kind == Kind.CREW:
        return max(1, -(-(end - start) // DAY_S))
    return lot_days(start, end, tz)
