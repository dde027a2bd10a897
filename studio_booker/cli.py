"""The command line of SPEC 4: argparse, one function per command, exit statuses by error type.

Start-up is mostly imports, so every command imports only what it uses: no Qt
outside `gui`, exports only in `sheet` and `export`, Alembic only when the
database needs migrating (storage.migrate).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain.records import Activity, Status
from .errors import BookerError, InputError

if TYPE_CHECKING:
    from sqlalchemy import Engine

PROG = "studio-booker"
NO_DISPLAY = (
    f"{PROG}: no display found; run it from a desktop session or under a virtual one: xvfb-run ./run.sh"
)
STATUSES = tuple(s.value for s in Status)
ACTIVITIES = tuple(a.value for a in Activity)


# ---- the parser ------------------------------------------------------------------------------

def _common(top: bool) -> argparse.ArgumentParser:
    """--db and --debug, accepted before and after the command name.

    The sub-parsers default to SUPPRESS so a value given before the command is kept.
    """
    p = argparse.ArgumentParser(add_help=False)
    default: Any = None if top else argparse.SUPPRESS
    p.add_argument("--db", metavar="PATH_OR_URL", default=default,
                   help="database file or SQLAlchemy URL (default: $STUDIO_BOOKER_DB, "
                        "else a file in your data folder)")
    p.add_argument("--debug", action="store_true", default=False if top else argparse.SUPPRESS,
                   help="show the full traceback of an error")
    return p


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="from_", metavar="T",
                   help="only bookings overlapping [from, to); a date alone is its lot midnight")
    p.add_argument("--to", metavar="T")
    p.add_argument("--resource", metavar="R", help="resource name")
    p.add_argument("--production", metavar="P", help="production name")
    p.add_argument("--status", choices=STATUSES)


def build_parser() -> argparse.ArgumentParser:
    common = _common(top=False)
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[_common(top=True)],
        description="Bookings of stages, workshops and crew on a film studio lot. "
                    "With no command it opens the desktop application.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def cmd(name: str, help_: str, parent: Any = sub) -> argparse.ArgumentParser:
        return parent.add_parser(name, parents=[common], help=help_, description=help_)  # type: ignore[no-any-return]

    cmd("gui", "open the desktop application (the default)")

    p = cmd("demo", "load the demo lot")
    p.add_argument("--bookings", type=int, default=0, metavar="N",
                   help="add N synthetic bookings for scale tests")
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help="seed for the synthetic bookings (same seed, same bookings)")

    p = cmd("import", "import a CSV file, all rows or none")
    p.add_argument("kind", choices=("resources", "productions", "bookings"))
    p.add_argument("file", metavar="FILE.csv", type=Path)

    p = cmd("book", "create one booking and print its id")
    p.add_argument("--resource", required=True, metavar="R")
    p.add_argument("--production", metavar="P", help="required unless --activity maintenance")
    p.add_argument("--start", required=True, metavar="T")
    p.add_argument("--end", required=True, metavar="T")
    p.add_argument("--status", choices=("hold", "confirmed"), default="hold")
    p.add_argument("--activity", choices=ACTIVITIES)
    p.add_argument("--ref", metavar="X")
    p.add_argument("--notes", metavar="N", default="")

    for name, what in (("confirm", "confirm a booking"), ("cancel", "cancel a booking")):
        p = cmd(name, what)
        p.add_argument("booking", metavar="ID_OR_REF")

    p = cmd("bookings", "list bookings (every status unless --status narrows it)")
    _filters(p)
    p.add_argument("--json", action="store_true", help='one JSON object {"bookings": [...]}')

    p = cmd("conflicts", "report conflicts, most severe first")
    p.add_argument("--from", dest="from_", metavar="T")
    p.add_argument("--to", metavar="T")
    p.add_argument("--resource", metavar="R")
    p.add_argument("--json", action="store_true", help='one JSON object {"conflicts": [...]}')

    p = cmd("backup", "write a consistent copy of the live database")
    p.add_argument("file", metavar="FILE", type=Path)

    p = cmd("settings", "list the lot settings, or set one (KEY VALUE)")
    p.add_argument("key", nargs="?", metavar="KEY")
    p.add_argument("value", nargs="?", metavar="VALUE")

    p = cmd("sheet", "print a booking sheet to PDF (no display needed)")
    sheets = p.add_subparsers(dest="sheet", metavar="SHEET", required=True)
    q = cmd("production", "every booking of one production", sheets)
    q.add_argument("name", metavar="NAME")
    q.add_argument("--pdf", required=True, type=Path, metavar="FILE")
    q = cmd("resource", "one resource's week", sheets)
    q.add_argument("name", metavar="NAME")
    q.add_argument("--week", required=True, metavar="DATE", help="any date in the week")
    q.add_argument("--pdf", required=True, type=Path, metavar="FILE")
    q = cmd("day", "the whole lot on one day", sheets)
    q.add_argument("day", metavar="DATE")
    q.add_argument("--pdf", required=True, type=Path, metavar="FILE")

    p = cmd("export", "export calendars or spreadsheets")
    exports = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    q = cmd("ics", "iCalendar files", exports)
    which = q.add_mutually_exclusive_group(required=True)
    which.add_argument("--production", metavar="NAME")
    which.add_argument("--resource", metavar="NAME")
    which.add_argument("--all", action="store_true",
                       help="a file per production and per resource (with --dir)")
    q.add_argument("-o", "--output", type=Path, metavar="FILE")
    q.add_argument("--dir", type=Path, metavar="DIR")
    for fmt in ("csv", "xlsx"):
        q = cmd(fmt, f"bookings as a {fmt.upper()} spreadsheet", exports)
        _filters(q)
        q.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    return parser


# ---- helpers ---------------------------------------------------------------------------------

def _user() -> str:
    import getpass

    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no login name (containers, some services)
        return "unknown"


def _open(args: argparse.Namespace) -> Engine:
    from .storage.engine import open_database

    return open_database(args.db)


def _tz(engine: Engine) -> tzinfo:
    from .services.settings import get_settings

    return get_settings(engine).tz


def _instant(text: str | None, option: str, tz: tzinfo) -> int | None:
    from .domain.timeutil import TimeFormatError, parse_instant

    if text is None:
        return None
    try:
        return parse_instant(text, tz)
    except TimeFormatError as exc:
        raise InputError(f"{option}: {exc}") from None


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option}: cannot read {text!r} as a date; expected YYYY-MM-DD "
                         "such as 2026-12-03") from None


def _booking_filter(args: argparse.Namespace, tz: tzinfo) -> Any:
    from .services.bookings import BookingFilter

    start, end = _window(args, tz)
    return BookingFilter(start=start, end=end, resource=args.resource,
                         production=args.production, status=args.status)


def _window(args: argparse.Namespace, tz: tzinfo) -> tuple[int | None, int | None]:
    start = _instant(args.from_, "--from", tz)
    end = _instant(args.to, "--to", tz)
    if start is not None and end is not None and start >= end:
        raise InputError(f"--to ({args.to}) must be after --from ({args.from_})")
    return start, end


def _width(text: str) -> int:
    """Columns a terminal gives `text` (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns; the last column is not padded."""
    widths = [max([_width(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    out = []
    for r in [headers, *rows]:
        cells = [_pad(c, widths[i]) if i < len(r) - 1 else c for i, c in enumerate(r)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def _print_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---- commands --------------------------------------------------------------------------------

def cmd_gui(args: argparse.Namespace, argv: list[str]) -> int:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from .ui.app import run_gui

    return int(run_gui(args.db, argv))


def cmd_demo(args: argparse.Namespace) -> int:
    if args.bookings < 0:
        raise InputError(f"--bookings: {args.bookings} is not a number of bookings >= 0")
    from .services.demo import load_demo

    engine = _open(args)
    result = load_demo(engine, _user(), bookings=args.bookings, seed=args.seed)
    print(result.summary())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .services.importer import import_csv

    engine = _open(args)
    print(import_csv(engine, args.kind, args.file, _user()).summary())
    return 0


def cmd_book(args: argparse.Namespace) -> int:
    from .services.bookings import BookingDraft, create_booking

    engine = _open(args)
    tz = _tz(engine)
    start = _instant(args.start, "--start", tz)
    end = _instant(args.end, "--end", tz)
    assert start is not None and end is not None
    draft = BookingDraft(args.resource, args.production, start, end, args.status, args.activity,
                         args.ref, args.notes)
    view = create_booking(engine, draft, _user())
    print(view.id)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .services.bookings import set_status

    engine = _open(args)
    status = "confirmed" if args.command == "confirm" else "cancelled"
    view = set_status(engine, args.booking, status, _user())
    print(f"{status} {view.label(_tz(engine))} on {view.resource}")
    return 0


def cmd_bookings(args: argparse.Namespace) -> int:
    from .domain.timeutil import short_local
    from .services.bookings import find_bookings

    engine = _open(args)
    tz = _tz(engine)
    found = find_bookings(engine, _booking_filter(args, tz))
    if args.json:
        _print_json({"bookings": [b.to_json(tz) for b in found]})
        return 0
    if not found:
        print("no bookings")
        return 0
    rows = [
        [str(b.id), b.ref or "", b.resource, b.production or "—", b.status, b.activity,
         short_local(b.start, tz), short_local(b.end, tz), _shorten(b.notes)]
        for b in found
    ]
    print(table(["ID", "REF", "RESOURCE", "PRODUCTION", "STATUS", "ACTIVITY", "START", "END",
                 "NOTES"], rows))
    print(_plural(len(found), "booking"))
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from .domain.timeutil import short_local
    from .services.conflicts import conflict_report

    engine = _open(args)
    tz = _tz(engine)
    start, end = _window(args, tz)
    items = conflict_report(engine, start, end, args.resource)
    if args.json:
        _print_json({"conflicts": [c.to_json(tz) for c in items]})
        return 0
    if not items:
        print("no conflicts")
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
    print(_plural(len(items), "conflict") + ": "
          + ", ".join(f"{n} {s}" if s == "info" else _plural(n, s) for s, n in counts.items()))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from .services.backup import backup_database, require_sqlite
    from .storage.engine import make_engine, resolve_target

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
    from .services.settings import EXPLANATIONS, SETTABLE, set_setting, setting_values

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
    from .exports import sheets

    engine = _open(args)
    if args.sheet == "production":
        pages = sheets.production_sheet(engine, args.name, args.pdf)
    elif args.sheet == "resource":
        pages = sheets.resource_week_sheet(engine, args.name, _date(args.week, "--week"), args.pdf)
    else:
        pages = sheets.day_sheet(engine, _date(args.day, "day"), args.pdf)
    print(f"wrote {args.pdf} ({_plural(pages, 'page')})")
    return 0


def cmd_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.format == "ics":
        if args.all and (args.dir is None or args.output is not None):
            parser.error("export ics --all writes a folder of files: give --dir DIR (not -o)")
        if not args.all and (args.output is None or args.dir is not None):
            parser.error("export ics --production/--resource writes one file: give -o FILE (not --dir)")
        from .exports import ics

        engine = _open(args)
        if args.all:
            result = ics.write_all_calendars(engine, args.dir)
            print(f"wrote {_plural(len(result.written), 'calendar file')} in {args.dir}, "
                  f"{len(result.unchanged)} unchanged")
        else:
            n = ics.write_calendar(engine, args.output, production=args.production,
                                   resource=args.resource)
            print(f"wrote {args.output} ({_plural(n, 'event')})")
        return 0
    from .exports import tables

    engine = _open(args)
    f = _booking_filter(args, _tz(engine))
    write = tables.write_csv if args.format == "csv" else tables.write_xlsx
    n = write(engine, f, args.output)
    print(f"wrote {args.output} ({_plural(n, 'booking')})")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "book": cmd_book,
    "confirm": cmd_status,
    "cancel": cmd_status,
    "bookings": cmd_bookings,
    "conflicts": cmd_conflicts,
    "backup": cmd_backup,
    "settings": cmd_settings,
    "sheet": cmd_sheet,
}


# ---- running ---------------------------------------------------------------------------------

def _fail(message: str, code: int, debug: bool) -> int:
    if debug:
        traceback.print_exc()
    lines = message.strip().splitlines() or ["unknown error"]
    print(f"{PROG}: error: {lines[0]}", file=sys.stderr)
    for line in lines[1:]:
        print(line, file=sys.stderr)
    return code


def _safe_streams() -> None:
    """Never crash on a name the console cannot show (a non-UTF-8 Windows console)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def run(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _safe_streams()
    parser = build_parser()
    args = parser.parse_args(argv)  # usage errors exit 2 (argparse)
    command = args.command or "gui"
    debug = bool(getattr(args, "debug", False))
    try:
        if command == "gui":
            return cmd_gui(args, argv)
        if command == "export":
            code = cmd_export(args, parser)
        else:
            code = COMMANDS[command](args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # `studio-booker bookings | head`: the reader went away
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except BookerError as exc:
        return _fail(exc.message, exc.exit_code, debug)
    except KeyboardInterrupt:
        return _fail("interrupted", 1, debug)
    except Exception as exc:
        return _fail(_describe_unexpected(exc), 1, debug)


def _describe_unexpected(exc: Exception) -> str:
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    if isinstance(exc, OperationalError) and "locked" in str(exc.orig):
        return "the database stayed busy (locked by another program); try again"
    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        return f"database error: {orig or exc} (run with --debug for details)"
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot use{where}: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc} (run with --debug for the traceback)"
