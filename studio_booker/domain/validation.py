"""What is wrong with a booking's own fields, in one wording for every caller.

The services (a save, the editor's live check, a list's filter) and the CSV import
check the same things with these functions; each caller says where (a field name,
or a file's line and column) and shows values its own way (`shown`: `repr` in the
services, the cell as typed in the import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from .records import ACTIVITIES, STATUSES, Activity
from .timeutil import short_local
from .wording import one_of

NEEDS_PRODUCTION = "a booking needs a production unless its activity is maintenance"


@dataclass(frozen=True)
class FieldProblem:
    """One bad field: `field` is the column it is in; `named`: the text says which fields
    it is about (a reversed booking names its start and end), so it needs no label."""

    field: str
    text: str
    named: bool = False

    def __str__(self) -> str:
        return self.text if self.named else f"{self.field}: {self.text}"


def time_order_problem(start: int, end: int, tz: tzinfo) -> FieldProblem | None:
    """SPEC 2: `start < end` always; a zero-length or reversed booking is refused clearly."""
    if start < end:
        return None
    word = "ends when it starts" if start == end else "ends before it starts"
    return FieldProblem("end", f"the booking {word} (start {short_local(start, tz)}, end "
                               f"{short_local(end, tz)}); the end must be after the start", named=True)


def status_problem(status: str, shown: Callable[[str], str] = repr) -> FieldProblem | None:
    if status in STATUSES:
        return None
    return FieldProblem("status", f"{shown(status)} is not a status; use {one_of(STATUSES)}")


def activity_problem(activity: str, shown: Callable[[str], str] = repr) -> FieldProblem | None:
    if activity in ACTIVITIES:
        return None
    return FieldProblem("activity", f"{shown(activity)} is not an activity; use {', '.join(ACTIVITIES)}")


def retired_problem(name: str, shown: Callable[[str], str] = repr) -> FieldProblem:
    """A retired resource keeps its history but takes no new bookings."""
    return FieldProblem("resource", f"{shown(name)} is retired; bring it back before booking it")


def booking_problems(start: int | None, end: int | None, status: str, activity: str | None,
                     has_production: bool, tz: tzinfo,
                     shown: Callable[[str], str] = repr) -> list[FieldProblem]:
    """Every problem of a booking's own fields, in field order. `start`/`end` None: unreadable
    (the caller reported that); `activity` None: the default of its resource's kind (never
    maintenance)."""
    found = [
        time_order_problem(start, end, tz) if start is not None and end is not None else None,
        status_problem(status, shown),
        activity_problem(activity, shown) if activity is not None else None,
    ]
    if not has_production and activity != Activity.MAINTENANCE:
        found.append(FieldProblem("production", NEEDS_PRODUCTION))
    return [p for p in found if p is not None]
