"""backup_database: a consistent copy of a live SQLite database, written atomically."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from studio_booker.errors import DatabaseProblem, InputError
from studio_booker.services.backup import backup_database, require_sqlite
from tests.conftest import t


def _bookings_in(path: Path) -> list[tuple[int, str | None, str]]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return con.execute("SELECT id, ref, status FROM booking ORDER BY id").fetchall()
    finally:
        con.close()


def test_backup_while_another_connection_holds_an_open_write_transaction(
    engine, db_path, tmp_path, make_stage, make_production, make_booking
):
    make_stage("Stage 7")
    make_production("The Red Silk")
    for n in range(5):
        make_booking("Stage 7", "The Red Silk", f"2026-12-0{n + 1} 08:00", f"2026-12-0{n + 1} 18:00",
                     ref=f"R{n}")
    # the committed bookings are (at least partly) still in the write-ahead log
    assert Path(f"{db_path}-wal").stat().st_size > 0

    writer = sqlite3.connect(db_path, isolation_level=None, timeout=1)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO booking (resource_id, production_id, start_utc, end_utc, status, activity, "
            "ref, notes, created_utc, created_by, updated_utc, updated_by, version) "
            "VALUES (1, 1, ?, ?, 'hold', 'shoot', 'UNCOMMITTED', '', 0, 'x', 0, 'x', 1)",
            (t("2026-12-20 08:00"), t("2026-12-20 18:00")),
        )
        dest = backup_database(engine, tmp_path / "copy.sqlite3")
        assert writer.in_transaction  # the writer was never disturbed
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert dest == tmp_path / "copy.sqlite3"
    assert _bookings_in(dest) == [(n + 1, f"R{n}", "confirmed") for n in range(5)]
    # a self-contained single file, no temporary files left behind
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("copy", ".copy"))) == [
        "copy.sqlite3"
    ]
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    con.close()


def test_backup_replaces_an_older_backup_and_a_folder_gets_a_dated_file(
    engine, tmp_path, make_stage
):
    make_stage("Stage 7")
    old = tmp_path / "old.sqlite3"
    old.write_bytes(b"an older backup")
    assert backup_database(engine, old) == old
    con = sqlite3.connect(old)
    assert con.execute("SELECT name FROM resource").fetchall() == [("Stage 7",)]
    con.close()

    folder = tmp_path / "backups"
    folder.mkdir()
    made = backup_database(engine, folder)
    assert made.parent == folder and made.name.startswith("lot-") and made.suffix == ".sqlite3"
    assert sqlite3.connect(made).execute("SELECT count(*) FROM resource").fetchone() == (1,)


def test_backup_refuses_the_live_database_itself(engine, db_path, make_stage):
    make_stage("Stage 7")
    before = db_path.read_bytes()
    with pytest.raises(InputError, match="live database itself"):
        backup_database(engine, db_path)
    with pytest.raises(InputError, match="live database itself"):
        backup_database(engine, Path(f"{db_path}-wal"))
    assert db_path.read_bytes() == before


def test_backup_into_a_missing_folder_is_refused(engine, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        backup_database(engine, tmp_path / "nowhere" / "copy.sqlite3")


def test_backup_of_a_server_database_points_to_its_own_tool(tmp_path):
    # a PostgreSQL engine that is never connected (any DB-API module will do for that)
    server = create_engine("postgresql+pg8000://coordinator@db.lot/booker", module=sqlite3)
    with pytest.raises(DatabaseProblem, match="pg_dump"):
        backup_database(server, tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()
    with pytest.raises(DatabaseProblem, match="pg_dump"):  # the command line checks the URL first
        require_sqlite("postgresql://coordinator@db.lot/booker")
    assert require_sqlite(f"sqlite:///{tmp_path}/lot.sqlite3") == tmp_path / "lot.sqlite3"
