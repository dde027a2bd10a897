"""CSV import (SPEC 5): resources, productions or bookings, all rows or none.

Every row is validated first and every problem is collected, so one message
lists every bad line; then the whole file is written in ONE write transaction
(storage.engine.write_session), where confirmed bookings are checked by the
same enforcement rule as any save (domain.rules.refusal_blockers) against the
database and against the earlier rows of the same file. Bookings are judged
with the checks of a save (domain.validation, services.checks) and refused in
the same words. Reading the file is services.csv_files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.intervals import IntervalIndex
from ..domain.records import STATUSES, Slot, Status, default_activity
from ..domain.timeutil import ACCEPTED, TimeFormatError, now_instant, parse_instant, short_local
from ..domain.validation import booking_problems, retired_problem
from ..errors import InputError
from ..storage.engine import write_session
from ..storage.models import Booking, Production, Resource
from ..storage.queries import lock_resources
from .catalog import crew_capacity_problem, hint, validate_production, validate_resource
from .checks import ref_used_by, refusal_message
from .csv_files import KINDS_OF_FILE, ImportRejected, Problem, Row, read_csv, read_rows
from .reads import bump_longest, resource_slots, views_by_id
from .settings import get_settings

__all__ = ["KINDS_OF_FILE", "ImportRejected", "ImportResult", "Problem", "import_csv"]


@dataclass(frozen=True)
class ImportResult:
    kind: str
    path: Path
    count: int
    details: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # how the file was read, when not UTF-8 with commas (SPEC 5)

    def summary(self) -> str:
        noun = self.kind if self.count != 1 else self.kind[:-1]
        text = f"imported {self.count} {noun} from {self.path.name}"
        if self.details:
            text += " (" + ", ".join(f"{n} {k}" for k, n in self.details.items() if n) + ")"
        if self.notes:
            text += "; " + ", ".join(self.notes)
        return text



# ---- one entry point -----------------------------------------------------------------------

def import_csv(engine: Engine, kind: str, path: Path, user: str) -> ImportResult:
    """Import `path` as a `kind` file (resources, productions or bookings): all rows or none."""
    kind = kind.strip().lower()
    if kind not in KINDS_OF_FILE:
        raise InputError(f"cannot import {kind!r}; import resources, productions or bookings")
    path = Path(path)
    problems: list[Problem] = []
    source = read_csv(path)
    notes = tuple(source.notes())
    rows = list(read_rows(kind, path, problems, source))
    if kind == "bookings":
        tz = get_settings(engine).tz
        with write_session(engine) as s:
            details = _import_bookings(s, rows, problems, tz, user, path.name)
        return ImportResult(kind, path, sum(details.values()), details, notes)
    with write_session(engine) as s:
        if kind == "resources":
            n = _import_named(s, Resource, rows, problems, _resource_values, "resource", path.name)
        else:
            n = _import_named(s, Production, rows, problems, _production_values, "production",
                              path.name)
    return ImportResult(kind, path, n, notes=notes)


def _reject_if(problems: list[Problem], filename: str) -> None:
    if problems:
        raise ImportRejected(filename, problems)


# ---- resources and productions ---------------------------------------------------------------

def _field_problem(exc: InputError, key: str) -> str:
    text = str(exc)
    prefix = f"{key}: "
    return text[len(prefix):] if text.startswith(prefix) else text


def _validated(row: Row, problems: list[Problem], validate: Callable[[dict[str, Any]], dict[str, Any]],
               values: dict[str, Any]) -> dict[str, Any] | None:
    """Each field through the catalogue's own validator, so every bad field of a line is reported."""
    out: dict[str, Any] = {}
    ok = True
    for key, value in values.items():
        try:
            out.update(validate({key: value}))
        except InputError as exc:
            problems.append(Problem(row.line, key, _field_problem(exc, key)))
            ok = False
    return out if ok else None


def _resource_values(row: Row, problems: list[Problem]) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    for key, raw in row.values.items():
        value: Any = raw if key == "notes" else raw.strip()
        values[key] = None if key in ("capacity", "area_m2", "day_rate") and value == "" else value
    out = _validated(row, problems, validate_resource, values)
    if out is None:
        return None
    if out.get("capacity") is None:
        out["capacity"] = 1
    crew_problem = crew_capacity_problem(out["kind"], out["capacity"])
    if crew_problem is not None:
        problems.append(Problem(row.line, "capacity", crew_problem))
        return None
    for key in ("features", "department", "role", "notes"):
        out.setdefault(key, "")
    out.setdefault("area_m2", None)
    out.setdefault("day_rate", None)
    out["active"] = True
    return out


def _production_values(row: Row, problems: list[Problem]) -> dict[str, Any] | None:
    out = _validated(row, problems, validate_production, dict(row.values))
    if out is None:
        return None
    for key in ("company", "contact_name", "contact_email", "contact_phone", "color", "notes"):
        out.setdefault(key, "")
    return out


def _import_named(
    s: Session, model: Any, rows: list[Row], problems: list[Problem],
    values_of: Callable[[Row, list[Problem]], dict[str, Any] | None], what: str, filename: str,
) -> int:
    existing = {n.casefold(): n for n in s.scalars(select(model.name))}
    seen: dict[str, int] = {}
    out: list[dict[str, Any]] = []
    for row in rows:
        values = values_of(row, problems)
        if values is None:
            continue
        key = values["name"].casefold()
        if key in existing:
            problems.append(Problem(row.line, "name", f'a {what} called "{existing[key]}" already '
                                    "exists (an import never changes existing records)"))
        elif key in seen:
            problems.append(Problem(row.line, "name",
                                    f'"{values["name"]}" is already on line {seen[key]} of this file'))
        else:
            seen[key] = row.line
            out.append(values)
    _reject_if(problems, filename)
    if out:
        s.execute(insert(model), out)
    return len(out)


# ---- bookings --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Named:
    id: int
    name: str
    kind: str = ""
    capacity: int = 1
    active: bool = True


class _Names:
    """Name look-ups for one import: exact, then case-insensitive, with hints when unknown."""

    def __init__(self, items: list[_Named]) -> None:
        self.exact = {i.name: i for i in items}
        self.folded: dict[str, _Named] = {}
        for i in items:
            self.folded.setdefault(i.name.casefold(), i)
        self._hints: dict[str, str] = {}

    def get(self, name: str) -> _Named | None:
        return self.exact.get(name) or self.folded.get(name.casefold())

    def hint(self, name: str) -> str:
        if name not in self._hints:
            self._hints[name] = hint(name, self.exact)
        return self._hints[name]


@dataclass
class _Candidate:
    line: int
    resource: _Named
    production_id: int | None
    start: int
    end: int
    status: str
    activity: str
    ref: str | None
    notes: str


def _cell(value: str) -> str:
    """A value as the file has it, for messages: `"2026-13-01"`."""
    return f'"{value}"'


def _booking_row(row: Row, res: _Names, prods: _Names, tz: tzinfo,
                 problems: list[Problem]) -> _Candidate | None:
    v = row.values
    n_before = len(problems)

    def bad(column: str, text: str) -> None:
        problems.append(Problem(row.line, column, text))

    resource: _Named | None = None
    rname = v["resource"].strip()
    if not rname:
        bad("resource", "empty; every booking names a resource")
    else:
        resource = res.get(rname)
        if resource is None:
            bad("resource", f"unknown resource {_cell(rname)}{res.hint(rname)}")
        elif not resource.active:
            bad("resource", retired_problem(resource.name, _cell).text)
            resource = None

    times: dict[str, int] = {}
    for col in ("start", "end"):
        text = v[col].strip()
        try:
            times[col] = parse_instant(text, tz)
        except TimeFormatError:
            shown = f"{_cell(text)} is not a time" if text else "empty"
            bad(col, f"{shown}; expected {ACCEPTED} (no offset: lot time)")

    status = (v.get("status") or "").strip().lower() or Status.HOLD
    activity = (v.get("activity") or "").strip().lower() or None
    if activity is None and resource is not None:
        activity = str(default_activity(resource.kind))
    production_id: int | None = None
    pname = (v.get("production") or "").strip()
    for p in booking_problems(times.get("start"), times.get("end"), status, activity, bool(pname), tz,
                              shown=_cell):
        bad(p.field, p.text)
    if pname:
        found = prods.get(pname)
        if found is None:
            bad("production", f"unknown production {_cell(pname)}{prods.hint(pname)}")
        else:
            production_id = found.id

    if len(problems) > n_before or resource is None or activity is None:
        return None
    ref = (v.get("ref") or "").strip() or None
    return _Candidate(row.line, resource, production_id, times["start"], times["end"], status,
                      activity, ref, v.get("notes") or "")


def _import_bookings(s: Session, rows: list[Row], problems: list[Problem], tz: tzinfo,
                     user: str, filename: str) -> dict[str, int]:
    res = _Names([_Named(*r) for r in s.execute(select(
        Resource.id, Resource.name, Resource.kind, Resource.capacity, Resource.active))])
    prods = _Names([_Named(*r) for r in s.execute(select(Production.id, Production.name))])

    candidates: list[_Candidate] = []
    ref_lines: dict[str, int] = {}
    for row in rows:
        c = _booking_row(row, res, prods, tz, problems)
        if c is None:
            continue
        if c.ref is not None:
            if c.ref in ref_lines:
                problems.append(Problem(c.line, "ref", f"{_cell(c.ref)} is already used on line "
                                                       f"{ref_lines[c.ref]} of this file"))
                continue
            ref_lines[c.ref] = c.line
        candidates.append(c)

    # refs already in the database
    refs = list(ref_lines)
    taken: dict[str, int] = {}
    for i in range(0, len(refs), 500):
        for ref, booking_id in s.execute(
            select(Booking.ref, Booking.id).where(Booking.ref.in_(refs[i : i + 500]))
        ):
            if ref is not None:
                taken[ref] = booking_id
    if taken:
        keep = []
        for c in candidates:
            if c.ref is not None and c.ref in taken:
                problems.append(Problem(c.line, "ref", ref_used_by(c.ref, taken[c.ref], _cell)))
            else:
                keep.append(c)
        candidates = keep

    _enforce_all(s, candidates, problems, tz)
    _reject_if(problems, filename)

    now = now_instant()
    values = [
        {
            "resource_id": c.resource.id, "production_id": c.production_id,
            "start_utc": c.start, "end_utc": c.end, "status": c.status, "activity": c.activity,
            "ref": c.ref, "notes": c.notes, "created_utc": now, "created_by": user,
            "updated_utc": now, "updated_by": user, "version": 1,
        }
        for c in candidates
    ]
    if values:
        s.execute(insert(Booking), values)
        bump_longest(s, max(c.end - c.start for c in candidates))
    details = {st: 0 for st in STATUSES}
    for c in candidates:
        details[c.status] += 1
    return details


def _enforce_all(s: Session, candidates: list[_Candidate], problems: list[Problem],
                 tz: tzinfo) -> None:
    """SPEC 5: a confirmed row must pass the enforcement rule against the database and the
    earlier rows of the file. File rows take the temporary id -line (named by line number)."""
    confirmed = [c for c in candidates if c.status == Status.CONFIRMED]
    if not confirmed:
        return
    span: dict[int, tuple[int, int]] = {}
    for c in confirmed:
        lo, hi = span.get(c.resource.id, (c.start, c.end))
        span[c.resource.id] = (min(lo, c.start), max(hi, c.end))
    lock_resources(s, span)
    index = {
        rid: IntervalIndex(resource_slots(s, rid, lo, hi, confirmed_only=True))
        for rid, (lo, hi) in span.items()
    }
    refused: list[tuple[_Candidate, list[Slot]]] = []
    for c in confirmed:
        slot = Slot(-c.line, c.resource.id, c.production_id, c.start, c.end, c.status, c.activity, 0)
        idx = index[c.resource.id]
        info = rules.ResourceInfo(c.resource.id, c.resource.kind, c.resource.capacity)
        blockers = rules.refusal_blockers(info, slot, idx.overlapping(c.start, c.end))
        if blockers:
            refused.append((c, blockers))
        else:
            idx.add(slot)
    if not refused:
        return
    views = views_by_id(s, {b.id for _, bs in refused for b in bs if b.id > 0})
    by_line = {c.line: c for c in confirmed}

    def in_the_way(b: Slot) -> str:
        if b.id > 0:
            return views[b.id].label(tz)
        other = by_line[-b.id]
        return (f"line {other.line} ({other.activity}, {short_local(other.start, tz)} – "
                f"{short_local(other.end, tz)}, confirmed)")

    for c, blockers in refused:
        ordered = sorted(blockers, key=lambda b: (b.start, b.end, abs(b.id)))  # file rows by line
        message = refusal_message(c.resource.name, c.resource.capacity, c.start, c.end, ordered,
                                  [in_the_way(b) for b in ordered], tz)
        problems.append(Problem(c.line, None, message, refused=True))
    rejected = {c.line for c, _ in refused}
    candidates[:] = [c for c in candidates if c.line not in rejected]
