"""iCalendar (RFC 5545) files of bookings, built with the `icalendar` library.

One VEVENT per booking, cancelled ones included (STATUS:CANCELLED, so a
subscribed calendar removes them). The output depends only on the bookings:
UID `booking-<id>@studio-booker`, SEQUENCE = version - 1, DTSTAMP and
LAST-MODIFIED = the booking's last update. An unchanged booking set gives
byte-identical files, which is what lets `write_all_calendars` leave unchanged
feeds alone (their mtime does not move, so subscribers are not woken).

Speed: icalendar needs about 0.3-0.5 ms per event, so each event is serialised
once per run even though it appears in two feeds, and every file carries
X-STUDIO-BOOKER-DIGEST, a fingerprint of what it was made from: when the file
on disk already has the fingerprint of the current bookings, it is not built at
all.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

import icalendar
from icalendar import Calendar, Event, Timezone, vDDDTypes, vInt, vText
from sqlalchemy import Engine

from ..domain.records import Status
from ..domain.timeutil import to_local, to_utc
from ..errors import InputError
from ..services import catalog
from ..services.reads import BookingFilter, find_bookings
from ..services.settings import LotSettings, get_settings
from ..services.views import BookingView
from ..storage.live_files import refuse_live
from .files import replacing

PRODID = "-//Studio Booker//Studio Booker 1.0//EN"
FORMAT = 1  # bump when the file layout changes, so every feed is rewritten once
DIGEST_PROP = "X-STUDIO-BOOKER-DIGEST"
ICS_STATUS = {
    Status.HOLD: "TENTATIVE",
    Status.CONFIRMED: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
}


@dataclass
class AllCalendars:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def booking_uid(booking_id: int) -> str:
    return f"booking-{booking_id}@studio-booker"


def _event(b: BookingView, st: LotSettings, tz: tzinfo) -> Event:
    """One booking as a VEVENT (typed properties given directly: encoding by guess is slow)."""
    ev = Event()
    stamp = vDDDTypes(to_utc(b.updated_utc or b.created_utc))
    who = b.production or "maintenance"
    lines = []
    if b.status == Status.HOLD:
        lines.append("Hold: not guaranteed.")
    if b.ref:
        lines.append(f"Ref: {b.ref}")
    if b.notes:
        lines.append(b.notes)
    props: list[tuple[str, Any]] = [
        ("UID", vText(booking_uid(b.id))),
        ("SEQUENCE", vInt(max(b.version - 1, 0))),
        ("DTSTAMP", stamp),
        ("LAST-MODIFIED", stamp),
        ("DTSTART", vDDDTypes(to_local(b.start, tz))),
        ("DTEND", vDDDTypes(to_local(b.end, tz))),
        ("SUMMARY", vText(f"{b.resource} · {who} · {b.activity}")),
        ("LOCATION", vText(f"{st.lot_name} — {b.resource}")),
    ]
    if lines:
        props.append(("DESCRIPTION", vText("\n".join(lines))))
    props.append(("STATUS", vText(ICS_STATUS.get(Status(b.status), "TENTATIVE"))))
    if b.status == Status.HOLD:
        props.append(("TRANSP", vText("TRANSPARENT")))  # a hold does not make anyone busy
    for name, value in props:
        ev.add(name, value, encode=False)
    return ev


def event_bytes(b: BookingView, st: LotSettings) -> bytes:
    return bytes(_event(b, st, st.tz).to_ical())


def digest(views: Iterable[BookingView], name: str, st: LotSettings) -> str:
    """A fingerprint of everything a calendar file is made from (and of this code's format)."""
    h = hashlib.sha256(repr((FORMAT, icalendar.__version__, name, st.lot_name, st.timezone_name)).encode())
    for b in views:
        h.update(repr((b.id, b.version, b.updated_utc, b.created_utc, b.start, b.end, b.status, b.activity,
                       b.resource, b.production, b.ref, b.notes)).encode())
    return h.hexdigest()[:32]


@functools.lru_cache(maxsize=8)
def _vtimezone(tzid: str) -> bytes:
    return bytes(Timezone.from_tzid(tzid).to_ical())


def _frame(name: str, st: LotSettings, fingerprint: str) -> tuple[bytes, bytes]:
    """The calendar around its events: (head with VTIMEZONE, tail), both from icalendar."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", st.timezone_name)
    cal.add(DIGEST_PROP, fingerprint)
    text = bytes(cal.to_ical())
    tail = b"END:VCALENDAR\r\n"
    if not text.endswith(tail):  # pragma: no cover - icalendar always ends a calendar so
        raise RuntimeError("unexpected calendar text from icalendar")
    return text[: -len(tail)] + _vtimezone(st.timezone_name), tail


def calendar_bytes(views: Iterable[BookingView], name: str, st: LotSettings,
                   cache: dict[int, bytes] | None = None) -> tuple[bytes, int]:
    """The calendar file for these bookings and the number of events in it.

    Each VEVENT is serialised by icalendar on its own and the calendar is its
    head + events + tail: the same bytes as Calendar.to_ical() of the whole
    (tests check that), but a booking found in two calendars (its production's
    and its resource's) is serialised once when a `cache` is shared.
    """
    ordered = sorted(views, key=lambda v: (v.start, v.id))
    head, tail = _frame(name, st, digest(ordered, name, st))
    parts = [head]
    for b in ordered:
        data = cache.get(b.id) if cache is not None else None
        if data is None:
            data = event_bytes(b, st)
            if cache is not None:
                cache[b.id] = data
        parts.append(data)
    parts.append(tail)
    return b"".join(parts), len(ordered)


def stored_digest(path: Path) -> str | None:
    """The fingerprint in an existing calendar file's head (None if absent or unreadable)."""
    refuse_live(path, "write the calendar")  # only SQLite opens a database file
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    m = re.search(rb"\r\n" + DIGEST_PROP.encode() + rb":([0-9a-f]+)\r\n", head)
    return m.group(1).decode() if m else None


def write_calendar(engine: Engine, path: Path, production: str | None = None,
                   resource: str | None = None) -> int:
    """One calendar file for a production or a resource; returns the events written."""
    if (production is None) == (resource is None):
        raise InputError("name either a production or a resource for the calendar (not both)")
    st = get_settings(engine)
    if production is not None:
        title = catalog.get_production(engine, production).name
        views = find_bookings(engine, BookingFilter(production=production))
    else:
        title = catalog.get_resource(engine, str(resource)).name
        views = find_bookings(engine, BookingFilter(resource=resource))
    data, n = calendar_bytes(views, f"{title} — {st.lot_name}", st)
    write_if_changed(Path(path), data)
    return n


def slug(name: str) -> str:
    """ASCII letters, digits and dashes from a name in any script (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def file_name(prefix: str, ident: int, name: str) -> str:
    """`production-3-the-red-silk.ics`; `resource-12.ics` for 1号摄影棚 (the id keeps it unique)."""
    s = slug(name)
    return f"{prefix}-{ident}-{s}.ics" if s else f"{prefix}-{ident}.ics"


def write_all_calendars(engine: Engine, directory: Path) -> AllCalendars:
    """A calendar per production and per resource (empty ones included, so a feed never 404s).

    All bookings are read with one find_bookings() call and grouped here; each
    file is rewritten only when its bytes differ from what is on disk.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    st = get_settings(engine)
    views = find_bookings(engine)
    by_prod: dict[int, list[BookingView]] = defaultdict(list)
    by_res: dict[int, list[BookingView]] = defaultdict(list)
    for b in views:
        if b.production_id is not None:
            by_prod[b.production_id].append(b)
        by_res[b.resource_id].append(b)
    out = AllCalendars()
    jobs: list[tuple[Path, list[BookingView], str]] = []
    for p in catalog.list_productions(engine):
        jobs.append((directory / file_name("production", p.id, p.name), by_prod.get(p.id, []), p.name))
    for r in catalog.list_resources(engine):
        jobs.append((directory / file_name("resource", r.id, r.name), by_res.get(r.id, []), r.name))
    cache: dict[int, bytes] = {}
    for path, items, name in jobs:
        title = f"{name} — {st.lot_name}"
        if stored_digest(path) == digest(sorted(items, key=lambda v: (v.start, v.id)), title, st):
            out.unchanged.append(path)  # made from exactly the same bookings: no need to build it
            continue
        data, _ = calendar_bytes(items, title, st, cache)
        (out.written if write_if_changed(path, data) else out.unchanged).append(path)
    return out


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace `path` with `data` unless it holds exactly that; True if written."""
    refuse_live(path, "write the calendar")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    with replacing(path) as tmp:
        tmp.write_bytes(data)
    return True
