"""One function per command of the command line (SPEC 4).

Start-up is mostly imports, so every command imports only what it uses: no Qt
outside `gui`, exports only in `sheet` and `export`, Alembic only when the
database needs migrating (storage.migrate). Every bad argument of a command is
named at once, not one per try.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from ..domain.wording import plural
from ..errors import InputError, raise_all
from .output import print_json, shorten, table

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ..services.reads import BookingFilter

NO_DISPLAY = (
    "studio-booker: no display found; run it from a desktop session or under a virtual one: "
    "xvfb-run ./run.sh"
)


# ---- helpers ---------------------------------------------------------------------------------

def _user() -> str:
    import getpass

    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no login name (containers, some services)
        return "unknown"


def _open(args: argparse.Namespace) -> Engine:
    from ..storage.engine import open_database

    return open_database(args.db)


def _tz(engine: Engine) -> tzinfo:
    from ..services.settings import get_settings

    return get_settings(engine).tz


def _instant(text: str | None, option: str, tz: tzinfo, errors: list[InputError]) -> int | None:
    """The time given to `option`, or None (not given, or unreadable: then added to `errors`)."""
    from ..domain.timeutil import TimeFormatError, parse_instant

    if text is None:
        return None
    try:
        return parse_instant(text, tz)
    except TimeFormatError as exc:
        errors.append(InputError(f"{option}: {exc}"))
        return None


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option}: cannot read {text!r} as a date; expected YYYY-MM-DD "
                         "such as 2026-12-03") from None


def _booking_filter(args: argparse.Namespace, engine: Engine) -> BookingFilter:
    """The filter options (--from, --to, --resource, --production, --status); every bad one
    is named at once (a time that cannot be read, and the unknown names with their hints)."""
    from ..services.reads import BookingFilter, filter_problems

    errors: list[InputError] = []
    start, end = _window(args, _tz(engine), errors)
    f = BookingFilter(start=start, end=end, resource=getattr(args, "resource", None),
                      production=getattr(args, "production", None),
                      status=getattr(args, "status", None))
    if errors:
        raise_all(errors + filter_problems(engine, f))
    return f


def _window(args: argparse.Namespace, tz: tzinfo,
            errors: list[InputError]) -> tuple[int | None, int | None]:
    start = _instant(args.from_, "--from", tz, errors)
    end = _instant(args.to, "--to", tz, errors)
    if start is not None and end is not None and start >= end:
        errors.append(InputError(f"--to ({args.to}) must be after --from ({args.from_})"))
    return start, end


# ---- commands --------------------------------------------------------------------------------

def cmd_gui(args: argparse.Namespace, argv: list[str]) -> int:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from ..ui.app import run_gui

    return int(run_gui(args.db, argv))


def cmd_demo(args: argparse.Namespace) -> int:
    if args.bookings < 0:
        raise InputError(f"--bookings: {args.bookings} is not a number of bookings >= 0")
    from ..services.demo import load_demo

    engine = _open(args)
    result = load_demo(engine, _user(), bookings=args.bookings, seed=args.seed)
    print(result.summary())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..services.importer import import_csv

    engine = _open(args)
    print(import_csv(engine, args.kind, args.file, _user()).summary())
    return 0


def cmd_book(args: argparse.Namespace) -> int:
    from ..services.bookings import BookingDraft, check_booking, create_booking

    engine = _open(args)
    tz = _tz(engine)
    errors: list[InputError] = []
    start = _instant(args.start, "--start", tz, errors)
    end = _instant(args.end, "--end", tz, errors)
    if start is None or end is None:
        # a time cannot be read: still name every other bad argument (names, fields), checked
        # on stand-in times that raise nothing of their own
        start = start if start is not None else (end - 1 if end is not None else 0)
        end = end if end is not None else start + 1
    draft = BookingDraft(args.resource, args.production, start, end, args.status, args.activity,
                         args.ref, args.notes)
    if errors:
        raise_all(errors + [InputError(p) for p in check_booking(engine, draft).problems])
    view = create_booking(engine, draft, _user())  # names every bad argument at once too
    print(view.id)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from ..services.bookings import set_status

    engine = _open(args)
    status = "confirmed" if args.command == "confirm" else "cancelled"
    view = set_status(engine, args.booking, status, _user())
    print(f"{status} {view.label(_tz(engine))} on {view.resource}")
    return 0


def _json_or_nothing(args: argparse.Namespace, key: str, items: Sequence[Any], tz: tzinfo) -> bool:
    """`--json`: the one JSON object `{key: [...]}`; no items: `no <key>`. True when done."""
    if args.json:
        print_json({key: [item.to_json(tz) for item in items]})
    elif not items:
        print(f"no {key}")
    return bool(args.json or not items)


def cmd_bookings(args: argparse.Namespace) -> int:
    from ..domain.timeutil import short_local
    from ..services.bookings import find_bookings

    engine = _open(args)
    tz = _tz(engine)
    found = find_bookings(engine, _booking_filter(args, engine))
    if _json_or_nothing(args, "bookings", found, tz):
        return 0
    rows = [
        [str(b.id), b.ref or "", b.resource, b.production or "—", b.status, b.activity,
         short_local(b.start, tz), short_local(b.end, tz), shorten(b.notes)]
        for b in found
    ]
    print(table(["ID", "REF", "RESOURCE", "PRODUCTION", "STATUS", "ACTIVITY", "START", "END",
                 "NOTES"], rows))
    print(plural(len(found), "booking"))
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from ..domain.timeutil import short_local
    from ..services.conflicts import conflict_report

    engine = _open(args)
    tz = _tz(engine)
    f = _booking_filter(args, engine)
    items = conflict_report(engine, f.start, f.end, args.resource)
    if _json_or_nothing(args, "conflicts", items, tz):
        return 0
    rows = [
        [c.severity, c.rule, c.resource, short_local(c.start, tz), short_local(c.end, tz),
         " ".join(f"#{i}" for i in c.booking_ids), c.message]
        for c in items
    ]
    print(table(["SEVERITY", "RULE", "RESOURCE", "START", "END", "BOOKINGS", "MESSAGE"], rows))
    counts: dict[str, int] = {}
    for c in items:
        counts[c.severity] = counts.get(c.severity, 0) + 1
    print(plural(len(items), "conflict") + ": "
          + ", ".join(f"{n} {s}" if s == "info" else plural(n, s) for s, n in counts.items()))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from ..services.backup import backup_database, require_sqlite
    from ..storage.engine import make_engine, resolve_target

    url = resolve_target(args.db)
    path = require_sqlite(url)  # a server database: use its own tool (pg_dump)
    if not path.exists():
        raise InputError(f"no database at {path}; nothing to back up")
    engine = make_engine(url)  # no migration: a backup copies the database as it is
    try:
        dest = backup_database(engine, args.file)
    finally:
        engine.dispose()
    print(f"backed up {path} to {dest} ({dest.stat().st_size:,} bytes)")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from ..services.settings import EXPLANATIONS, SETTABLE, set_setting, setting_values

    engine = _open(args)
    if args.key is not None:
        if args.value is None:
            raise InputError(f"settings {args.key}: give a value too (settings KEY VALUE)")
        set_setting(engine, args.key, args.value)
    values = setting_values(engine)
    keys = [args.key] if args.key is not None else list(SETTABLE)
    for key in keys:
        print(f"{key} = {values[key]}")
        print(textwrap.fill(EXPLANATIONS[key], 88, initial_indent="    ", subsequent_indent="    "))
    return 0


def cmd_sheet(args: argparse.Namespace) -> int:
    from ..exports import sheets

    engine = _open(args)
    if args.sheet == "production":
        pages = sheets.production_sheet(engine, args.name, args.pdf)
    elif args.sheet == "resource":
        pages = sheets.resource_week_sheet(engine, args.name, _date(args.week, "--week"), args.pdf)
    else:
        pages = sheets.day_sheet(engine, _date(args.day, "day"), args.pdf)
    print(f"wrote {args.pdf} ({plural(pages, 'page')})")
    return 0


def cmd_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.format == "ics":
        if args.all and (args.dir is None or args.output is not None):
            parser.error("export ics --all writes a folder of files: give --dir DIR (not -o)")
        if not args.all and (args.output is None or args.dir is not None):
            parser.error("export ics --production/--resource writes one file: give -o FILE (not --dir)")
        from ..exports import ics

        engine = _open(args)
        if args.all:
            result = ics.write_all_calendars(engine, args.dir)
            print(f"wrote {plural(len(result.written), 'calendar file')} in {args.dir}, "
                  f"{len(result.unchanged)} unchanged")
        else:
            n = ics.write_calendar(engine, args.output, production=args.production,
                                   resource=args.resource)
            print(f"wrote {args.output} ({plural(n, 'event')})")
        return 0
    from ..exports import tables

    engine = _open(args)
    f = _booking_filter(args, engine)
    write = tables.write_csv if args.format == "csv" else tables.write_xlsx
    n = write(engine, f, args.output)
    print(f"wrote {args.output} ({plural(n, 'booking')})")
    return 0
