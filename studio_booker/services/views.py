"""Plain values the services hand back (no ORM objects leave a session)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import tzinfo
from typing import Any

from ..domain.records import RULE_SEVERITY, Slot
from ..domain.timeutil import iso_local, short_local


@dataclass(frozen=True)
class ResourceView:
    id: int
    name: str
    kind: str
    capacity: int
    active: bool
    area_m2: float | None = None
    features: tuple[str, ...] = ()
    department: str = ""
    role: str = ""
    day_rate: float | None = None
    notes: str = ""


@dataclass(frozen=True)
class ProductionView:
    id: int
    name: str
    company: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    color: str = ""
    notes: str = ""
    countries: str = ""  # ';'-separated ISO 3166 alpha-2 codes
    languages: str = "zh;en"  # the languages of its sheets (SPEC 10)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class BookingView:
    id: int
    ref: str | None
    resource_id: int
    resource: str
    resource_kind: str
    production_id: int | None
    production: str | None
    status: str
    activity: str
    start: int  # instants: int seconds, UTC
    end: int
    notes: str = ""
    version: int = 1
    created_utc: int = 0
    created_by: str = ""
    updated_utc: int = 0
    updated_by: str = ""
    production_color: str = ""

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> BookingView:
        """The view of a result row holding every field, in field order (services.reads selects
        them so). The frozen dataclass's __init__ looks up object.__setattr__ for each field;
        a report makes thousands of views, so each slot is set through its own descriptor."""
        view = _new(cls)
        for set_field, value in zip(_BOOKING_SLOTS, row, strict=True):
            set_field(view, value)
        return view

    @property
    def slot(self) -> Slot:
        return Slot(
            self.id,
            self.resource_id,
            self.production_id,
            self.start,
            self.end,
            self.status,
            self.activity,
            self.created_utc,
        )

    def label(self, tz: tzinfo) -> str:
        """`#12 (ref R-7) The Red Silk, shoot, 2026-12-03 08:00 – 2026-12-03 18:00, confirmed`."""
        ref = f" (ref {self.ref})" if self.ref else ""
        who = self.production or "maintenance"
        return (
            f"#{self.id}{ref} {who}, {self.activity}, "
            f"{short_local(self.start, tz)} – {short_local(self.end, tz)}, {self.status}"
        )

    def to_json(self, tz: tzinfo) -> dict[str, Any]:
        return {
            "id": self.id,
            "ref": self.ref,
            "resource": self.resource,
            "resource_kind": self.resource_kind,
            "production": self.production,
            "status": self.status,
            "activity": self.activity,
            "start": iso_local(self.start, tz),
            "end": iso_local(self.end, tz),
            "notes": self.notes,
        }


_new = object.__new__
_BOOKING_SLOTS = tuple(getattr(BookingView, f.name).__set__ for f in fields(BookingView))


@dataclass(frozen=True, slots=True, weakref_slot=True)
class ConflictView:
    rule: str
    resource_id: int
    resource: str
    start: int
    end: int
    bookings: tuple[BookingView, ...]
    message: str
    rank: int | None = None

    @property
    def severity(self) -> str:
        return str(RULE_SEVERITY[self.rule])

    @property
    def booking_ids(self) -> tuple[int, ...]:
        return tuple(b.id for b in self.bookings)

    def to_json(self, tz: tzinfo) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "resource": self.resource,
            "start": iso_local(self.start, tz),
            "end": iso_local(self.end, tz),
            "bookings": [b.to_json(tz) for b in self.bookings],
        }
        if self.rule == "hold_rank":
            out["rank"] = self.rank
        out["message"] = self.message
        return out


@dataclass(frozen=True)
class BookingCheck:
    """What the rules say about a booking before it is saved (the editor's live view)."""

    blockers: tuple[BookingView, ...] = ()
    refusal: str | None = None  # the message a save would be refused with
    conflicts: tuple[ConflictView, ...] = ()
    problems: tuple[str, ...] = ()  # input problems (end before start, unknown name, ...)

    @property
    def can_save(self) -> bool:
        return self.refusal is None and not self.problems


@dataclass(frozen=True)
class Suggestions:
    resources: tuple[ResourceView, ...] = ()
    earliest_start: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
