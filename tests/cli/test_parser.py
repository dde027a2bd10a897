"""The argument parser in-process: every SPEC 4 command and option parses as documented
(sheet and export are dispatched to the exports package, tested with it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_booker.cli import build_parser, run, table


def parse(*argv: str):
    return build_parser().parse_args(list(argv))


def test_no_command_is_the_gui_and_db_debug_go_before_or_after():
    args = parse()
    assert args.command is None and args.db is None and args.debug is False
    assert parse("--db", "a.sqlite3", "gui").db == "a.sqlite3"
    after = parse("bookings", "--db", "b.sqlite3", "--debug")
    assert (after.db, after.debug) == ("b.sqlite3", True)
    before = parse("--db", "c.sqlite3", "--debug", "bookings")
    assert (before.db, before.debug) == ("c.sqlite3", True)
    nested = parse("sheet", "day", "2026-12-03", "--pdf", "d.pdf", "--db", "postgresql://lot/db")
    assert nested.db == "postgresql://lot/db"


def test_demo_import_book_status_bookings_conflicts_backup():
    demo = parse("demo", "--bookings", "200000", "--seed", "7")
    assert (demo.bookings, demo.seed) == (200000, 7)
    imp = parse("import", "bookings", "b.csv")
    assert (imp.kind, imp.file) == ("bookings", Path("b.csv"))
    book = parse("book", "--resource", "Stage 7", "--production", "红丝绸", "--start", "2026-12-03",
                 "--end", "2026-12-04", "--status", "confirmed", "--activity", "build", "--ref", "X",
                 "--notes", "n")
    assert (book.resource, book.production, book.status, book.activity, book.ref, book.notes) == (
        "Stage 7", "红丝绸", "confirmed", "build", "X", "n")
    assert parse("book", "--resource", "R", "--start", "a", "--end", "b").status == "hold"
    assert parse("confirm", "R-7").booking == "R-7" and parse("cancel", "12").command == "cancel"
    listing = parse("bookings", "--from", "2026-12-01", "--to", "2026-12-08", "--resource", "R",
                    "--production", "P", "--status", "cancelled", "--json")
    assert (listing.from_, listing.to, listing.resource, listing.production, listing.status,
            listing.json) == ("2026-12-01", "2026-12-08", "R", "P", "cancelled", True)
    conflicts = parse("conflicts", "--from", "2026-12-01", "--resource", "R", "--json")
    assert (conflicts.from_, conflicts.to, conflicts.resource, conflicts.json) == (
        "2026-12-01", None, "R", True)
    assert parse("backup", "copy.sqlite3").file == Path("copy.sqlite3")


def test_sheet_and_export_commands():
    prod = parse("sheet", "production", "The Red Silk", "--pdf", "p.pdf")
    assert (prod.sheet, prod.name, prod.pdf) == ("production", "The Red Silk", Path("p.pdf"))
    week = parse("sheet", "resource", "Stage 7", "--week", "2026-12-03", "--pdf", "w.pdf")
    assert (week.sheet, week.name, week.week) == ("resource", "Stage 7", "2026-12-03")
    day = parse("sheet", "day", "2026-12-03", "--pdf", "d.pdf")
    assert (day.sheet, day.day, day.pdf) == ("day", "2026-12-03", Path("d.pdf"))
    one = parse("export", "ics", "--production", "红丝绸", "-o", "x.ics")
    assert (one.format, one.production, one.resource, one.all, one.output) == (
        "ics", "红丝绸", None, False, Path("x.ics"))
    every = parse("export", "ics", "--all", "--dir", "cal")
    assert (every.all, every.dir) == (True, Path("cal"))
    sheet = parse("export", "xlsx", "--from", "2026-12-01", "--status", "hold", "-o", "b.xlsx")
    assert (sheet.format, sheet.from_, sheet.status, sheet.output) == (
        "xlsx", "2026-12-01", "hold", Path("b.xlsx"))
    assert parse("export", "csv", "-o", "b.csv").format == "csv"


@pytest.mark.parametrize(
    "argv",
    [
        ["sheet", "resource", "Stage 7", "--pdf", "w.pdf"],          # --week missing
        ["sheet", "day", "2026-12-03"],                              # --pdf missing
        ["export", "ics", "--production", "P", "--resource", "R", "-o", "x.ics"],
        ["export", "ics", "-o", "x.ics"],                            # which calendar?
        ["export", "csv"],                                           # -o missing
        ["book", "--resource", "R", "--start", "a", "--end", "b", "--status", "cancelled"],
        ["import", "rooms", "r.csv"],
        ["demo", "--bookings", "many"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        parse(*argv)
    assert exc.value.code == 2
    assert "studio-booker" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export", "ics", "--all", "-o", "x.ics"], "give --dir DIR"),
        (["export", "ics", "--production", "P", "--dir", "cal"], "give -o FILE"),
    ],
)
def test_export_ics_needs_the_right_destination(argv, expected, capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        run([*argv, "--db", str(tmp_path / "lot.sqlite3")])
    assert exc.value.code == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "lot.sqlite3").exists()  # refused before opening anything


def test_table_aligns_wide_characters():
    text = table(["NAME", "KIND"], [["1号摄影棚", "stage"], ["Stage 7", "stage"]])
    lines = text.splitlines()
    assert lines == ["NAME       KIND", "1号摄影棚  stage", "Stage 7    stage"]
