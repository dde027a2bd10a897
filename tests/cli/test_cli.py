"""The command line through real processes on real database files (SPEC 4 and 5).

The databases are prepared in-process (the `engine` fixtures) so that each
process opens an up-to-date file; every command that needs no display or
export module runs at least once here, with every exit status.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from studio_booker.services import bookings, catalog
from tests.conftest import dump

REPO = Path(__file__).resolve().parents[2]
BOOKING_KEYS = ["id", "ref", "resource", "resource_kind", "production", "status", "activity",
                "start", "end", "notes"]


def sb(*args: str | Path, db: Path | None = None, env: dict[str, str] | None = None,
       cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m studio_booker ARGS` (with `--db DB` after the command when given)."""
    argv = [str(a) for a in args]
    if db is not None:
        argv += ["--db", str(db)]
    full_env = {k: v for k, v in os.environ.items() if k != "STUDIO_BOOKER_DB"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "studio_booker", *argv], capture_output=True, text=True,
        encoding="utf-8", env=full_env, cwd=cwd or REPO, timeout=120,
    )


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def csv_file(tmp_path: Path, name: str, text: str, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.fixture
def lot(engine, make_stage, make_crew, make_production):
    make_stage("Stage 7")
    make_stage("1号摄影棚", capacity=2)
    make_crew("Ли Мин")
    make_production("The Red Silk", color="#c0392b")
    make_production("红丝绸")
    make_production("Красная нить")
    engine.dispose()  # no connection of the test process stays open


# ---- book, confirm, cancel, bookings --------------------------------------------------------

def test_book_prints_the_id_and_bookings_json_has_the_spec_shape(db_path, lot):
    made = sb("book", "--resource", "1号摄影棚", "--production", "红丝绸", "--start",
              "2026-12-03T08:00", "--end", "2026-12-03 18:00", "--status", "confirmed",
              "--activity", "build", "--ref", "QD-001", "--notes", "木工 день 1", db=db_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout == "1\n"

    listed = sb("bookings", "--json", "--from", "2026-12-03", "--to", "2026-12-04", db=db_path)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert list(data) == ["bookings"]
    (b,) = data["bookings"]
    assert list(b) == BOOKING_KEYS
    assert b == {
        "id": 1, "ref": "QD-001", "resource": "1号摄影棚", "resource_kind": "stage",
        "production": "红丝绸", "status": "confirmed", "activity": "build",
        "start": "2026-12-03T08:00:00+08:00", "end": "2026-12-03T18:00:00+08:00",
        "notes": "木工 день 1",
    }
    assert "红丝绸" in listed.stdout and "\\u" not in listed.stdout  # printed as themselves


def test_bookings_table_filters_and_every_status(engine, db_path, lot, make_booking):
    make_booking("Stage 7", "Красная нить", "2026-12-03 08:00", "2026-12-03 18:00", ref="R-1")
    make_booking("Ли Мин", "The Red Silk", "2026-12-04 07:00", "2026-12-04 19:00", status="hold")
    b3 = make_booking("Stage 7", "红丝绸", "2026-12-05 08:00", "2026-12-05 18:00", status="hold")
    bookings.set_status(engine, b3.id, "cancelled", "tester")
    engine.dispose()

    table = sb("bookings", db=db_path)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["ID", "REF", "RESOURCE", "PRODUCTION", "STATUS", "ACTIVITY", "START",
                                "END", "NOTES"]
    assert "Красная нить" in lines[1] and "2026-12-03 08:00" in lines[1] and "R-1" in lines[1]
    assert "cancelled" in lines[3]  # every status unless --status narrows it
    assert lines[-1] == "3 bookings"
    # aligned: the START column begins at the same place on screen on every row (CJK: 2 cells)
    starts = [_cells(ln[: ln.index("2026-12-0")]) for ln in lines[1:4]]
    assert len(set(starts)) == 1 and "红丝绸" in lines[3]

    narrowed = sb("bookings", "--json", "--status", "hold", "--resource", "Ли Мин", db=db_path)
    assert [b["resource"] for b in json.loads(narrowed.stdout)["bookings"]] == ["Ли Мин"]


def test_db_before_the_command_and_from_the_environment(db_path, tmp_path, lot):
    before = sb("--db", db_path, "bookings", "--json")
    assert before.returncode == 0 and json.loads(before.stdout) == {"bookings": []}

    env_made = sb("book", "--resource", "Stage 7", "--production", "The Red Silk", "--start",
                  "2026-12-03 08:00", "--end", "2026-12-03 10:00",
                  env={"STUDIO_BOOKER_DB": str(db_path)}, cwd=tmp_path)
    assert env_made.returncode == 0 and env_made.stdout.strip() == "1"
    assert [b.status for b in bookings.find_bookings(_open(db_path))] == ["hold"]


def _open(db_path: Path):
    from studio_booker.storage.engine import open_database

    return open_database(db_path)


def test_confirm_and_cancel_by_id_or_ref_with_refusal_exit_3(engine, db_path, lot, make_booking):
    winner = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00",
                          ref="RS-7")
    hold = make_booking("Stage 7", "Красная нить", "2026-12-03 12:00", "2026-12-03 20:00",
                        status="hold", ref="KN-1")
    engine.dispose()
    before = dump(db_path)

    refused = sb("confirm", "KN-1", db=db_path)
    assert refused.returncode == 3
    assert refused.stderr.startswith("studio-booker: error: refused:")
    assert f"#{winner.id} (ref RS-7) The Red Silk" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    assert dump(db_path) == before

    cancelled = sb("cancel", "RS-7", db=db_path)
    assert cancelled.returncode == 0, cancelled.stderr
    assert cancelled.stdout.startswith(f"cancelled #{winner.id} (ref RS-7)")
    confirmed = sb("confirm", str(hold.id), db=db_path)
    assert confirmed.returncode == 0, confirmed.stderr
    states = {b.id: b.status for b in bookings.find_bookings(_open(db_path))}
    assert states == {winner.id: "cancelled", hold.id: "confirmed"}


def test_book_refused_by_a_confirmed_booking_exits_3_and_names_it(engine, db_path, lot, make_booking):
    winner = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    engine.dispose()
    before = dump(db_path)
    r = sb("book", "--resource", "Stage 7", "--production", "Красная нить", "--start",
           "2026-12-03 17:00", "--end", "2026-12-03 20:00", "--status", "confirmed", db=db_path)
    assert r.returncode == 3
    assert f"#{winner.id} The Red Silk, shoot, 2026-12-03 08:00 – 2026-12-03 18:00" in r.stderr
    assert r.stdout == ""
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("start", "end", "extra", "expected"),
    [
        ("2026-12-03 18:00", "2026-12-03 08:00", [], "ends before it starts"),
        ("2026-12-03 08:00", "2026-12-03 08:00", [], "ends when it starts"),
        ("2026-12-03 25:00", "2026-12-03 08:00", [],
         "--start: cannot read '2026-12-03 25:00' as a time; expected an ISO 8601"),
        ("2026-12-03 08:00", "2026-12-03 18:00", ["--resource", "Stage 8"],
         "unknown resource 'Stage 8'; did you mean 'Stage 7'?"),
    ],
    ids=["reversed", "zero-length", "unparseable", "unknown-resource"],
)
def test_bad_bookings_exit_2_and_change_nothing(db_path, lot, start, end, extra, expected):
    before = dump(db_path)
    args = {"--resource": "Stage 7", "--production": "The Red Silk"}
    args.update(dict(zip(extra[::2], extra[1::2], strict=True)))
    r = sb("book", *[x for kv in args.items() for x in kv], "--start", start, "--end", end, db=db_path)
    assert r.returncode == 2
    assert r.stderr.startswith("studio-booker: error: ") and expected in r.stderr
    assert "Traceback" not in r.stderr
    assert dump(db_path) == before


def test_every_bad_argument_is_named_at_once(db_path, lot):
    before = dump(db_path)
    r = sb("book", "--resource", "Stage 8", "--production", "Red Silk", "--start", "2026-12-03 08:00",
           "--end", "2026-12-03 18:00", db=db_path)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert lines == ["studio-booker: error: 2 problems:",
                     "  unknown resource 'Stage 8'; did you mean 'Stage 7'?",
                     "  unknown production 'Red Silk'; did you mean 'The Red Silk'?"]
    # a time that cannot be read, and the names and fields after it
    r = sb("book", "--resource", "Stage 8", "--production", "The Red Silk", "--start", "2026-12-03 25:00",
           "--end", "2026-12-03 18:00", "--activity", "build", db=db_path)
    assert r.returncode == 2
    assert r.stderr.startswith("studio-booker: error: 2 problems:")
    assert "--start: cannot read '2026-12-03 25:00' as a time" in r.stderr
    assert "unknown resource 'Stage 8'; did you mean 'Stage 7'?" in r.stderr
    r = sb("book", "--resource", "Stage 7", "--start", "2026-12-03 08:00", "--end", "2026-12-03 06:00",
           db=db_path)
    assert r.returncode == 2
    assert "ends before it starts" in r.stderr and "needs a production" in r.stderr
    # the filters of a list
    r = sb("bookings", "--resource", "Stage 8", "--production", "Red Silk", "--from", "tomorrow",
           db=db_path)
    assert r.returncode == 2
    assert r.stderr.startswith("studio-booker: error: 3 problems:")
    assert "--from: cannot read 'tomorrow'" in r.stderr
    assert "did you mean 'Stage 7'?" in r.stderr and "did you mean 'The Red Silk'?" in r.stderr
    r = sb("export", "csv", "--resource", "Stage 8", "--production", "Red Silk", "-o",
           str(db_path.parent / "x.csv"), db=db_path)
    assert r.returncode == 2 and r.stderr.startswith("studio-booker: error: 2 problems:")
    r = sb("conflicts", "--resource", "Stage 8", "--to", "never", db=db_path)
    assert r.returncode == 2 and "--to: cannot read 'never'" in r.stderr and "'Stage 7'" in r.stderr
    assert "Traceback" not in r.stderr
    assert dump(db_path) == before
    assert not (db_path.parent / "x.csv").exists()


@pytest.mark.parametrize("console", ["ascii", "cp1252", "utf-8"])
def test_json_is_utf_8_whatever_the_console(engine, db_path, lot, make_booking, console):
    make_booking("1号摄影棚", "红丝绸", "2026-12-05 08:00", "2026-12-05 18:00")
    make_booking("1号摄影棚", "The Red Silk", "2026-12-05 10:00", "2026-12-05 12:00")
    make_booking("1号摄影棚", "Красная нить", "2026-12-05 11:00", "2026-12-05 13:00", status="hold")
    engine.dispose()
    env = {k: v for k, v in os.environ.items() if k != "STUDIO_BOOKER_DB"}
    env["PYTHONIOENCODING"] = console
    for command in ("bookings", "conflicts"):
        raw = subprocess.run([sys.executable, "-m", "studio_booker", command, "--json", "--db",
                              str(db_path)], capture_output=True, env=env, cwd=REPO, timeout=120)
        assert raw.returncode == 0, raw.stderr
        assert "号".encode() in raw.stdout and "红丝绸".encode() in raw.stdout, command
        assert b"\\u" not in raw.stdout and b"?" not in raw.stdout, command
        data = json.loads(raw.stdout.decode("utf-8"))
        assert data[command][0]["resource"] == "1号摄影棚"


def test_usage_errors_exit_2(db_path, lot):
    r = sb("bookings", "--status", "pencil", db=db_path)
    assert r.returncode == 2
    assert "invalid choice: 'pencil'" in r.stderr and "usage: studio-booker bookings" in r.stderr


# ---- conflicts ------------------------------------------------------------------------------

def test_conflicts_json_and_table(engine, db_path, lot, make_booking):
    first = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00",
                         status="hold")
    second = make_booking("Stage 7", "Красная нить", "2026-12-03 12:00", "2026-12-03 20:00",
                          status="hold")
    a = make_booking("1号摄影棚", "红丝绸", "2026-12-05 08:00", "2026-12-05 18:00")
    b = make_booking("1号摄影棚", "The Red Silk", "2026-12-05 10:00", "2026-12-05 12:00")
    stage = catalog.get_resource(engine, "1号摄影棚")
    catalog.update_resource(engine, stage.id, capacity=1)  # never refused: reported
    engine.dispose()

    r = sb("conflicts", "--json", db=db_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert list(data) == ["conflicts"]
    capacity, rank = data["conflicts"]  # most severe first
    assert list(capacity) == ["rule", "severity", "resource", "start", "end", "bookings", "message"]
    assert (capacity["rule"], capacity["severity"], capacity["resource"]) == ("capacity", "error",
                                                                              "1号摄影棚")
    assert (capacity["start"], capacity["end"]) == ("2026-12-05T10:00:00+08:00",
                                                    "2026-12-05T12:00:00+08:00")
    assert [x["id"] for x in capacity["bookings"]] == [a.id, b.id]
    assert all(list(x) == BOOKING_KEYS for x in capacity["bookings"])
    assert list(rank) == ["rule", "severity", "resource", "start", "end", "bookings", "rank",
                          "message"]
    assert (rank["rule"], rank["severity"], rank["rank"]) == ("hold_rank", "info", 2)
    assert [x["id"] for x in rank["bookings"]] == [second.id, first.id]
    assert rank["bookings"][0]["production"] == "Красная нить"

    window = sb("conflicts", "--from", "2026-12-05", "--to", "2026-12-06", "--resource", "1号摄影棚",
                db=db_path)
    assert window.returncode == 0, window.stderr
    lines = window.stdout.splitlines()
    assert lines[0].split()[:6] == ["SEVERITY", "RULE", "RESOURCE", "START", "END", "BOOKINGS"]
    assert lines[1].split()[:2] == ["error", "capacity"] and f"#{a.id} #{b.id}" in lines[1]
    assert lines[-1] == "1 conflict: 1 error"


# ---- import ---------------------------------------------------------------------------------

def test_import_resources_productions_bookings_with_bom(db_path, tmp_path):
    resources = csv_file(tmp_path, "resources.csv",
                         "name,kind,capacity,area_m2,features\n"
                         "水下摄影棚,stage,1,2500,water tank;blue screen\n"
                         "Props,workshop,3,,\n", bom=True)
    productions = csv_file(tmp_path, "productions.csv", "name,color\nКрасная нить,#aa3300\n", bom=True)
    booking_rows = csv_file(tmp_path, "bookings.csv",
                            "resource,production,start,end,status,ref\n"
                            "水下摄影棚,Красная нить,2026-12-03T08:00,2026-12-03T18:00,confirmed,W-1\n"
                            "Props,Красная нить,2026-12-03 08:00+00:00,2026-12-03 12:00+00:00,,\n",
                            bom=True)
    for kind, path, summary in (
        ("resources", resources, "imported 2 resources from resources.csv"),
        ("productions", productions, "imported 1 production from productions.csv"),
        ("bookings", booking_rows, "imported 2 bookings from bookings.csv (1 hold, 1 confirmed)"),
    ):
        r = sb("import", kind, path, db=db_path)
        assert (r.returncode, r.stdout.strip(), r.stderr) == (0, summary, "")
    got = {b.ref: b for b in bookings.find_bookings(_open(db_path))}
    assert got["W-1"].resource == "水下摄影棚" and got["W-1"].status == "confirmed"
    assert got[None].activity == "shoot" and got[None].status == "hold"


def test_import_with_several_bad_lines_lists_all_and_writes_nothing(engine, db_path, tmp_path, lot,
                                                                    make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-11-01 08:00", "2026-11-01 18:00", ref="TAKEN")
    engine.dispose()
    before = dump(db_path)
    path = csv_file(tmp_path, "bookings.csv",
                    "resource,production,start,end,ref\n"
                    "Stage 7,The Red Silk,2026-12-03 18:00,2026-12-03 08:00,\n"
                    "Stage 7,The Red Silk,2026-12-04 08:00,2026-12-04 08:00,\n"
                    "Stage 7,The Red Silk,2026-13-01,2026-12-04 08:00,\n"
                    "Stage 77,Red Silk,2026-12-05 08:00,2026-12-05 18:00,\n"
                    "Stage 7,The Red Silk,2026-12-06 08:00,2026-12-06 18:00,DUP\n"
                    "Stage 7,The Red Silk,2026-12-07 08:00,2026-12-07 18:00,DUP\n"
                    "Stage 7,The Red Silk,2026-12-08 08:00,2026-12-08 18:00,TAKEN\n")
    r = sb("import", "bookings", path, db=db_path)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert lines[0] == "studio-booker: error: bookings.csv: nothing imported; 6 bad lines (7 problems):"
    assert [ln.split(",")[0].strip() for ln in lines[1:]] == [
        "bookings.csv line 2", "bookings.csv line 3", "bookings.csv line 4", "bookings.csv line 5",
        "bookings.csv line 5", "bookings.csv line 7", "bookings.csv line 8",
    ]
    assert 'line 4, column "start": "2026-13-01" is not a time; expected' in r.stderr
    assert "did you mean 'Stage 7'?" in r.stderr and "did you mean 'The Red Silk'?" in r.stderr
    assert '"DUP" is already used on line 6 of this file' in r.stderr
    assert '"TAKEN" is already used by booking #1' in r.stderr
    assert dump(db_path) == before


def test_import_confirmed_row_colliding_with_an_earlier_row_rejects_the_file(db_path, tmp_path, lot):
    before = dump(db_path)
    path = csv_file(tmp_path, "bookings.csv",
                    "resource,production,start,end,status\n"
                    "Stage 7,The Red Silk,2026-12-03 08:00,2026-12-03 18:00,confirmed\n"
                    "Stage 7,红丝绸,2026-12-04 08:00,2026-12-04 18:00,confirmed\n"
                    "Stage 7,Красная нить,2026-12-03 17:00,2026-12-03 20:00,confirmed\n")
    r = sb("import", "bookings", path, db=db_path)
    assert r.returncode == 3  # SPEC 5: refused only by the enforcement rule, as `book` is
    assert r.stderr.startswith("studio-booker: error: bookings.csv line 4: refused:")
    assert "in the way: line 2 (shoot, 2026-12-03 08:00 – 2026-12-03 18:00, confirmed)" in r.stderr
    assert dump(db_path) == before


def test_import_refused_by_the_rule_and_with_another_bad_line_exits_2(db_path, tmp_path, lot):
    before = dump(db_path)
    path = csv_file(tmp_path, "bookings.csv",
                    "resource,production,start,end,status\n"
                    "Stage 7,The Red Silk,2026-12-03 08:00,2026-12-03 18:00,confirmed\n"
                    "Stage 7,Красная нить,2026-12-03 17:00,2026-12-03 20:00,confirmed\n"
                    "Stage 8,红丝绸,2026-12-04 08:00,2026-12-04 18:00,hold\n")
    r = sb("import", "bookings", path, db=db_path)
    assert r.returncode == 2
    assert r.stderr.startswith("studio-booker: error: bookings.csv: nothing imported; 2 bad lines")
    assert "bookings.csv line 3: refused:" in r.stderr
    assert "bookings.csv line 4, column \"resource\": unknown resource \"Stage 8\"" in r.stderr
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("unknown.csv", b"resource,start,end,colour\n",
         'unknown.csv line 1: unknown column "colour"'),
        ("missing.csv", b"resource,production,start\n",
         'missing.csv line 1: missing required column "end"'),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         "picture.csv is not a CSV text file: it is a PNG image"),
    ],
    ids=["unknown-column", "missing-column", "not-csv"],
)
def test_import_bad_files_exit_2_and_change_nothing(db_path, tmp_path, lot, name, content, expected):
    before = dump(db_path)
    path = tmp_path / name
    path.write_bytes(content)
    r = sb("import", "bookings", path, db=db_path)
    assert r.returncode == 2
    assert r.stderr.startswith("studio-booker: error: ") and expected in r.stderr
    assert dump(db_path) == before


# ---- the database itself --------------------------------------------------------------------

def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"Stage 7 is booked\n" * 100)
    before = notes.read_bytes()
    r = sb("--db", notes, "bookings")
    assert r.returncode == 2
    assert r.stderr.strip() == (f"studio-booker: error: {notes} is not a Studio Booker database "
                                "(not an SQLite file); give --db a new file name or an existing database")
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # no -wal or -shm


def test_backup_command_copies_the_live_database(engine, db_path, tmp_path, lot, make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00", ref="B-1")
    engine.dispose()
    dest = tmp_path / "copy.sqlite3"
    r = sb("backup", dest, db=db_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"backed up {db_path} to {dest}")
    con = sqlite3.connect(dest)
    assert con.execute("SELECT ref, status FROM booking").fetchall() == [("B-1", "confirmed")]
    con.close()

    same = sb("backup", db_path, db=db_path)
    assert same.returncode == 2 and "is the live database itself" in same.stderr


def test_other_failures_exit_1_in_one_line_and_debug_shows_the_traceback(engine, db_path, lot):
    with engine.begin() as conn:  # a schema newer than this program knows
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()

    plain = sb("bookings", db=db_path)
    assert plain.returncode == 1
    assert plain.stderr.startswith("studio-booker: error: this database has schema revision 9999")
    assert len(plain.stderr.strip().splitlines()) == 1 and "Traceback" not in plain.stderr

    debug = sb("bookings", "--debug", db=db_path)
    assert debug.returncode == 1
    assert debug.stderr.startswith("Traceback (most recent call last):")
    assert "DatabaseProblem" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1] == plain.stderr.strip()


def test_gui_without_a_display_says_how_to_get_one():
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "STUDIO_BOOKER_DB")}
    r = subprocess.run([sys.executable, "-m", "studio_booker"], capture_output=True, text=True,
                       env=env, cwd=REPO, timeout=60)
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for Linux")
    assert r.returncode == 1
    assert r.stderr.strip() == ("studio-booker: no display found; run it from a desktop session or "
                                "under a virtual one: xvfb-run ./run.sh")


def test_settings_lists_every_setting_with_its_meaning_and_sets_one_checked(tmp_path):
    db = tmp_path / "lot.sqlite3"
    out = sb("settings", db=db)
    assert out.returncode == 0, out.stderr
    for line in ("lot_timezone = Asia/Shanghai", "min_rest_hours = 10", "backup_every_days = 1",
                 "backup_keep = 14"):
        assert line in out.stdout
    assert "automatic backups" in out.stdout
    out = sb("settings", "backup_keep", "30", db=db)
    assert out.returncode == 0 and out.stdout.startswith("backup_keep = 30\n")
    out = sb("settings", "backup_keep", "0", db=db)
    assert out.returncode == 2 and "backup_keep must be a whole number" in out.stderr
    out = sb("settings", "backup_kep", "3", db=db)
    assert out.returncode == 2 and "unknown setting 'backup_kep'; known: lot_name" in out.stderr
    assert "backup_keep = 30" in sb("settings", db=db).stdout  # the refused values changed nothing
