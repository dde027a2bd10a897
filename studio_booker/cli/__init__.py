"""The command line of SPEC 4: `run` parses (cli.parser), dispatches to one function per
command (cli.commands) and turns errors into exit statuses by their type.

Exit status: 0 done; 2 bad input or usage; 3 refused by a conflict rule; 1 anything else,
with a one-line message, never a bare traceback (`--debug` shows it).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable

from ..errors import BookerError
from . import commands
from .output import table
from .parser import PROG, build_parser

__all__ = ["build_parser", "run", "table"]

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": commands.cmd_demo,
    "import": commands.cmd_import,
    "book": commands.cmd_book,
    "confirm": commands.cmd_status,
    "cancel": commands.cmd_status,
    "bookings": commands.cmd_bookings,
    "conflicts": commands.cmd_conflicts,
    "backup": commands.cmd_backup,
    "settings": commands.cmd_settings,
    "sheet": commands.cmd_sheet,
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
            return commands.cmd_gui(args, argv)
        if command == "export":
            code = commands.cmd_export(args, parser)
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
