"""Plain records the rules work on.

Instants are integers: seconds since the Unix epoch, UTC. That is how they are
stored, and integer comparison keeps the rules fast on a whole season.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Kind(enum.StrEnum):
    STAGE = "stage"
    WORKSHOP = "workshop"
    CREW = "crew"


class Status(enum.StrEnum):
    HOLD = "hold"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class Activity(enum.StrEnum):
    BUILD = "build"
    PRELIGHT = "prelight"
    SHOOT = "shoot"
    STRIKE = "strike"
    PREP = "prep"
    SHIFT = "shift"
    MAINTENANCE = "maintenance"
    OTHER = "other"


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# The one list of each, in the order menus, messages and CHECK constraints give them.
KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
ACTIVITIES: tuple[str, ...] = tuple(a.value for a in Activity)

SEVERITY_ORDER: dict[str, int] = {s.value: i for i, s in enumerate(Severity)}  # errors first


RULE_SEVERITY: dict[str, Severity] = {
    "capacity": Severity.ERROR,
    "maintenance": Severity.ERROR,
    "blocked_hold": Severity.WARNING,
    "hold_rank": Severity.INFO,
    "turnaround": Severity.WARNING,
}


def default_activity(kind: str) -> Activity:
    """SPEC 5: `shift` for crew, `shoot` for stages and workshops."""
    return Activity.SHIFT if kind == Kind.CREW else Activity.SHOOT


class Slot(NamedTuple):
    """One booking as the rules see it (a tuple: a season of them loads fast).

    The rules read Slots and plain tuples in the same field order alike (the report
    streams a season of plain tuples from the cursor: storage.queries.SLOT_COLUMNS),
    by the positions below.
    """

    id: int
    resource_id: int
    production_id: int | None
    start: int
    end: int
    status: str
    activity: str
    created: int = 0

    @property
    def is_maintenance(self) -> bool:
        return self.activity == Activity.MAINTENANCE

    @property
    def active(self) -> bool:
        return self.status != Status.CANCELLED

    @property
    def confirmed(self) -> bool:
        return self.status == Status.CONFIRMED

    @property
    def is_hold(self) -> bool:
        return self.status == Status.HOLD


class Conflict(NamedTuple):
    """One item of the conflicts report (SPEC 3), by booking id.

    A tuple of plain values: a season's report makes thousands, and the cycle collector
    stops tracking such a tuple after one look (it would scan a dataclass every time)."""

    rule: str
    resource_id: int
    start: int
    end: int
    booking_ids: tuple[int, ...]
    rank: int | None = None

    @property
    def severity(self) -> Severity:
        return RULE_SEVERITY[self.rule]


# Positions of Slot's fields, for code that reads plain tuples in Slot's field order.
(ID, RESOURCE_ID, PRODUCTION_ID, START, END, STATUS, ACTIVITY, CREATED) = range(len(Slot._fields))
