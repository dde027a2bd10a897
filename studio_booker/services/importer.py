"""CSV import (SPEC 5): resources, productions or bookings, all rows or none.

Every row is validated first and every problem is collected, so one message
lists every bad line; then the whole file is written in ONE write transaction
(storage.engine.write_session), where confirmed bookings are checked by the
same enforcement rule as any save (domain.rules.refusal_blockers) against the
database and against the earlier rows of the same file.
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.records import Activity, Slot, Status, default_activity
from ..domain.timeutil import TimeFormatError, now_instant, parse_instant, short_local
from ..errors import InputError
from ..storage.engine import write_session
from ..storage.live_files import refuse_live
from ..storage.models import ACTIVITIES, STATUSES, Booking, Production, Resource
from .bookings import bump_longest, refusal_reason, resource_slots, views_by_id
from .catalog import hint, validate_production, validate_resource
from .settings import get_settings

KINDS_OF_FILE = ("resources", "productions", "bookings")

COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required, optional)
    "resources": (
        ("name", "kind"),
        ("capacity", "area_m2", "features", "department", "role", "day_rate", "notes"),
    ),
    "productions": (
        ("name",),
        ("company", "contact_name", "contact_email", "contact_phone", "color", "notes"),
    ),
    "bookings": (
        ("resource", "start", "end"),
        ("production", "status", "activity", "ref", "notes"),
    ),
}

# what a binary file starts with, to say what it is instead of "not UTF-8"
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook is one; save it as \"CSV UTF-8\" instead)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel/Office document (save it as \"CSV UTF-8\" instead)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


@dataclass(frozen=True)
class Problem:
    line: int
    column: str | None
    text: str

    def render(self, filename: str) -> str:
        where = f"{filename} line {self.line}"
        if self.column is not None:
            where += f', column "{self.column}"'
        return f"{where}: {self.text}"


class ImportRejected(InputError):
    """The file was rejected and nothing was written; `problems` lists every bad line."""

    def __init__(self, filename: str, problems: Sequence[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(problems, key=lambda p: (p.line, p.column or ""))
        lines = sorted({p.line for p in self.problems})
        head = (
            f"{filename}: nothing imported; {len(lines)} bad line{'s' if len(lines) != 1 else ''} "
            f"({len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}):"
        )
        if len(self.problems) == 1:
            super().__init__(self.problems[0].render(filename) + "; nothing imported")
        else:
            super().__init__("\n".join([head, *("  " + p.render(filename) for p in self.problems)]))


@dataclass(frozen=True)
class ImportResult:
    kind: str
    path: Path
    count: int
    details: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        noun = self.kind if self.count != 1 else self.kind[:-1]
        text = f"imported {self.count} {noun} from {self.path.name}"
        if self.details:
            text += " (" + ", ".join(f"{n} {k}" for k, n in self.details.items() if n) + ")"
        return text


@dataclass
class _Row:
    line: int
    values: dict[str, str]


# ---- reading the file --------------------------------------------------------------------

def _read_text(path: Path) -> str:
    name = path.name
    refuse_live(path, "import")  # only SQLite may open a database file (storage/live_files.py)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a CSV file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror})") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name} is not a CSV text file: it is {what}")
    if b"\x00" in data[:65536]:
        raise InputError(
            f"{name} is not a CSV text file (it holds binary data); "
            "expected UTF-8 text with comma-separated columns"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name} line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "save the file as \"CSV UTF-8\" (comma-separated)"
        ) from None


def _rows(kind: str, path: Path, problems: list[Problem]) -> Iterator[_Row]:
    """The data rows with their line numbers as an editor shows them (the header is line 1)."""
    name = path.name
    required, optional = COLUMNS[kind]
    accepted = (*required, *optional)
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"{name} line 1: cannot read the header ({exc})") from None
    if header is None or not any(h.strip() for h in header):
        raise InputError(
            f"{name} is empty; expected a header line naming the columns: {', '.join(accepted)}"
        )
    header_line = reader.line_num
    columns = [h.strip().lower() for h in header]
    bad: list[str] = []
    for i, col in enumerate(columns, start=1):
        if not col:
            bad.append(f"column {i} of the header has no name")
        elif col not in accepted:
            semi = ";" in col and len(columns) == 1
            bad.append(
                f'unknown column "{header[i - 1].strip()}"'
                + ("; the file seems to be separated by semicolons, use commas" if semi else "")
            )
        elif columns.index(col) != i - 1:
            bad.append(f'column "{col}" appears twice')
    missing = [c for c in required if c not in columns]
    if missing:
        bad.append(
            f"missing required column{'s' if len(missing) > 1 else ''} "
            + ", ".join(f'"{c}"' for c in missing)
        )
    if bad:
        raise InputError(
            f"{name} line {header_line}: " + "; ".join(bad)
            + f". A {kind} file has the columns {', '.join(accepted)}"
            + f" (required: {', '.join(required)})"
        )
    last = reader.line_num
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(last + 1, None, f"cannot read this line as CSV ({exc})"))
            return
        first, last = last + 1, reader.line_num
        if not any(v.strip() for v in record):
            continue  # a blank line
        if len(record) != len(columns):
            problems.append(Problem(
                first, None,
                f"{len(record)} values, but the header names {len(columns)} columns "
                "(a stray comma, or a value with a comma that needs quotes?)",
            ))
            continue
        yield _Row(first, dict(zip(columns, record, strict=True)))


# ---- one entry point -----------------------------------------------------------------------

def import_csv(engine: Engine, kind: str, path: Path, user: str) -> ImportResult:
    """Import `path` as a `kind` file (resources, productions or bookings): all rows or none."""
    kind = kind.strip().lower()
    if kind not in KINDS_OF_FILE:
        raise InputError(f"cannot import {kind!r}; import resources, productions or bookings")
    path = Path(path)
    problems: list[Problem] = []
    rows = list(_rows(kind, path, problems))
    if kind == "bookings":
        tz = get_settings(engine).tz
        with write_session(engine) as s:
            details = _import_bookings(s, rows, problems, tz, user, path.name)
        return ImportResult(kind, path, sum(details.values()), details)
    with write_session(engine) as s:
        if kind == "resources":
            n = _import_named(s, Resource, rows, problems, _resource_values, "resource", path.name)
        else:
            n = _import_named(s, Production, rows, problems, _production_values, "production",
                              path.name)
    return ImportResult(kind, path, n)


def _reject_if(problems: list[Problem], filename: str) -> None:
    if problems:
        raise ImportRejected(filename, problems)


# ---- resources and productions ---------------------------------------------------------------

def _field_problem(exc: InputError, key: str) -> str:
    text = str(exc)
    prefix = f"{key}: "
    return text[len(prefix):] if text.startswith(prefix) else text


def _validated(row: _Row, problems: list[Problem], validate: Callable[[dict[str, Any]], dict[str, Any]],
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


def _resource_values(row: _Row, problems: list[Problem]) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    for key, raw in row.values.items():
        value: Any = raw if key == "notes" else raw.strip()
        values[key] = None if key in ("capacity", "area_m2", "day_rate") and value == "" else value
    out = _validated(row, problems, validate_resource, values)
    if out is None:
        return None
    if out.get("capacity") is None:
        out["capacity"] = 1
    if out["kind"] == "crew" and out["capacity"] != 1:
        problems.append(Problem(row.line, "capacity",
                                f"crew members are always 1, not {out['capacity']}"))
        return None
    for key in ("features", "department", "role", "notes"):
        out.setdefault(key, "")
    out.setdefault("area_m2", None)
    out.setdefault("day_rate", None)
    out["active"] = True
    return out


def _production_values(row: _Row, problems: list[Problem]) -> dict[str, Any] | None:
    out = _validated(row, problems, validate_production, dict(row.values))
    if out is None:
        return None
    for key in ("company", "contact_name", "contact_email", "contact_phone", "color", "notes"):
        out.setdefault(key, "")
    return out


def _import_named(
    s: Session, model: Any, rows: list[_Row], problems: list[Problem],
    values_of: Callable[[_Row, list[Problem]], dict[str, Any] | None], what: str, filename: str,
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


def _booking_row(row: _Row, res: _Names, prods: _Names, tz: tzinfo,
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
            bad("resource", f'unknown resource "{rname}"{res.hint(rname)}')
        elif not resource.active:
            bad("resource", f'"{resource.name}" is retired; bring it back before booking it')
            resource = None

    times: dict[str, int] = {}
    for col in ("start", "end"):
        text = v[col].strip()
        try:
            times[col] = parse_instant(text, tz)
        except TimeFormatError:
            shown = f'"{text}" is not a time' if text else "empty"
            bad(col, f"{shown}; expected an ISO 8601 time such as 2026-12-03T08:00, "
                     "2026-12-03 08:00 or 2026-12-03T08:00+08:00 (no offset: lot time)")
    if len(times) == 2 and times["start"] >= times["end"]:
        word = "ends when it starts" if times["start"] == times["end"] else "ends before it starts"
        bad("end", f"the booking {word} (start {short_local(times['start'], tz)}, end "
                   f"{short_local(times['end'], tz)}); the end must be after the start")

    status = (v.get("status") or "").strip().lower() or Status.HOLD
    if status not in STATUSES:
        bad("status", f'"{v["status"].strip()}" is not a status; use hold, confirmed or cancelled')

    activity = (v.get("activity") or "").strip().lower()
    if activity and activity not in ACTIVITIES:
        bad("activity", f'"{v["activity"].strip()}" is not an activity; use {", ".join(ACTIVITIES)}')
    elif not activity and resource is not None:
        activity = str(default_activity(resource.kind))

    production_id: int | None = None
    pname = (v.get("production") or "").strip()
    if pname:
        p = prods.get(pname)
        if p is None:
            bad("production", f'unknown production "{pname}"{prods.hint(pname)}')
        else:
            production_id = p.id
    elif activity != Activity.MAINTENANCE:
        bad("production", "empty; a booking needs a production unless its activity is maintenance")

    if len(problems) > n_before or resource is None:
        return None
    ref = (v.get("ref") or "").strip() or None
    return _Candidate(row.line, resource, production_id, times["start"], times["end"], status,
                      activity, ref, v.get("notes") or "")


class _Confirmed:
    """One resource's confirmed bookings (database + accepted file rows), sorted by start."""

    def __init__(self, slots: list[Slot]) -> None:
        self.items = sorted((b.start, b.id, b) for b in slots)
        self.starts = [i[0] for i in self.items]
        self.longest = max((b.end - b.start for b in slots), default=0)

    def overlapping(self, start: int, end: int) -> list[Slot]:
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [i[2] for i in self.items[lo:hi] if i[2].end > start]

    def add(self, b: Slot) -> None:
        pos = bisect_right(self.starts, b.start)
        self.starts.insert(pos, b.start)
        insort(self.items, (b.start, b.id, b))
        self.longest = max(self.longest, b.end - b.start)


def _import_bookings(s: Session, rows: list[_Row], problems: list[Problem], tz: tzinfo,
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
                problems.append(Problem(c.line, "ref", f'"{c.ref}" is already used on line '
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
                problems.append(Problem(c.line, "ref",
                                        f'"{c.ref}" is already used by booking #{taken[c.ref]}'))
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
    if s.get_bind().dialect.name != "sqlite":  # serialise with other writers (SQLite: BEGIN IMMEDIATE)
        s.execute(select(Resource.id).where(Resource.id.in_(sorted(span))).with_for_update())
    index = {
        rid: _Confirmed(resource_slots(s, rid, lo, hi, confirmed_only=True))
        for rid, (lo, hi) in span.items()
    }
    refused: list[tuple[_Candidate, list[Slot]]] = []
    rejected: set[int] = set()
    for c in confirmed:
        slot = Slot(-c.line, c.resource.id, c.production_id, c.start, c.end, c.status, c.activity, 0)
        idx = index[c.resource.id]
        info = rules.ResourceInfo(c.resource.id, c.resource.kind, c.resource.capacity)
        blockers = rules.refusal_blockers(info, slot, idx.overlapping(c.start, c.end))
        if blockers:
            refused.append((c, blockers))
            rejected.add(c.line)
        else:
            idx.add(slot)
    if not refused:
        return
    views = views_by_id(s, {b.id for _, bs in refused for b in bs if b.id > 0})
    by_line = {c.line: c for c in confirmed}
    for c, blockers in refused:
        names = []
        for b in sorted(blockers, key=lambda b: (b.start, b.end, abs(b.id))):
            if b.id > 0:
                names.append(views[b.id].label(tz))
            else:
                other = by_line[-b.id]
                names.append(f"line {other.line} ({other.activity}, {short_local(other.start, tz)} – "
                             f"{short_local(other.end, tz)}, confirmed)")
        reason = refusal_reason(c.resource.name, c.resource.capacity, blockers)
        problems.append(Problem(
            c.line, None,
            f"refused: the confirmed booking on {c.resource.name} from {short_local(c.start, tz)} "
            f"to {short_local(c.end, tz)} cannot be confirmed: {reason}; in the way: "
            + "; ".join(names),
        ))
    candidates[:] = [c for c in candidates if c.line not in rejected]
