"""Nothing in a process that holds a connection may drop SQLite's locks on the file.

Real processes on a real file (`tests/storage/lock_probe.py`): a probe process
holds a connection, touches the file in some way, a `studio-booker book`
process writes and exits, the probe writes again, and this process (a third
one) looks. POSIX locks belong to the process, so a probe that closes any
descriptor on the file loses its locks, the `book` process deletes the
write-ahead log on its way out, and the probe's write goes nowhere.

The "hazard" cases show that this set-up really catches that loss (they are
what Python's `open()` and Qt's own file dialog do); the others are what
Studio Booker does, and must keep every write.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studio_booker.services import catalog
from studio_booker.storage.engine import open_database

REPO = Path(__file__).resolve().parents[2]


def make_lot_db(tmp_path: Path) -> Path:
    """A file with one stage and one production, and a text file beside it; no connection left
    open in this process."""
    db = tmp_path / "lot.db"  # a name Qt cannot type by its extension, so it reads the file
    engine = open_database(db)
    catalog.create_resource(engine, name="Stage 7", kind="stage")
    catalog.create_production(engine, name="The Red Silk")
    engine.dispose()
    (tmp_path / "notes.txt").write_text("a file beside the database\n", encoding="utf-8")
    return db


@pytest.fixture
def lot_db(tmp_path: Path) -> Path:
    return make_lot_db(tmp_path)


def seen_by_another_process(db: Path) -> tuple[list[int], str]:
    """(booking ids, integrity_check) as a separate process reads them."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            "print(*[r[0] for r in c.execute('SELECT id FROM booking ORDER BY id')]);"
            "print(c.execute('PRAGMA integrity_check').fetchone()[0])")
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True)
    ids, check = out.stdout.splitlines()
    return [int(x) for x in ids.split()], check


def run_probe(action: str, db: Path) -> tuple[int, int, list[int], str]:
    """(other's id, probe's id, ids seen while the probe lives, integrity) for one action."""
    with subprocess.Popen([sys.executable, "-m", "tests.storage.lock_probe", action, str(db)],
                          cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as probe:
        assert probe.stdout is not None and probe.stdin is not None
        try:
            other = int(probe.stdout.readline().split()[-1])
            mine = int(probe.stdout.readline().split()[-1])
            ids, check = seen_by_another_process(db)
        finally:
            probe.stdin.write("\n")
            probe.stdin.flush()
        assert probe.wait(timeout=60) == 0
    return other, mine, ids, check


@pytest.mark.parametrize("action", ["nothing", "our-dialog", "reopen"])
def test_what_studio_booker_does_keeps_every_write(lot_db, action):
    other, mine, ids, check = run_probe(action, lot_db)
    assert {other, mine} <= set(ids), f"after {action}: {ids}"
    assert check == "ok"
    after_ids, after_check = seen_by_another_process(lot_db)  # and once the probe has closed
    assert {other, mine} <= set(after_ids) and after_check == "ok"


@pytest.mark.parametrize("action", ["python-open", "qt-mime", "qt-dialog"])
def test_hazard_closing_another_descriptor_loses_the_write(lot_db, action):
    """What this module guards against is real: these lose the probe's write."""
    other, mine, ids, _ = run_probe(action, lot_db)
    assert other in ids
    assert mine not in ids, f"{action} did not drop the locks here; the other tests prove nothing"


def test_the_header_check_reads_through_sqlite_and_refuses_other_files(tmp_path):
    from studio_booker.errors import NotADatabase

    text_file = tmp_path / "bookings.csv"
    text_file.write_text("resource,start,end\n", encoding="utf-8")
    with pytest.raises(NotADatabase, match="not a Studio Booker database"):
        open_database(text_file)
    assert text_file.read_text(encoding="utf-8") == "resource,start,end\n"  # untouched
    with sqlite3.connect(tmp_path / "other.sqlite3") as con:
        con.execute("CREATE TABLE x (a)")
    engine = open_database(tmp_path / "other.sqlite3")  # an SQLite file: migrated, not refused
    engine.dispose()
