"""The argument parser of the command line (SPEC 4): every command, its options, its help."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain.records import ACTIVITIES, STATUSES
from ..services.csv_files import KINDS_OF_FILE

PROG = "studio-booker"


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
    p.add_argument("kind", choices=KINDS_OF_FILE)
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
