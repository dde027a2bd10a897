"""Migrations: new files are created at head, old schemas upgrade and keep their data,
newer schemas are refused, and the revision list the fast path trusts matches Alembic's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from studio_booker.errors import DatabaseProblem, NotADatabase
from studio_booker.services import bookings, catalog
from studio_booker.storage import migrate
from studio_booker.storage.engine import make_engine, open_database, resolve_target


def test_revision_list_matches_alembic():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config(None))
    revs = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(revs) == migrate.REVISIONS
    assert script.get_current_head() == migrate.HEAD


def test_new_database_is_created_at_head(db_path: Path):
    engine = open_database(db_path)
    assert migrate.current_revision(engine) == migrate.HEAD
    assert {"resource", "production", "booking", "setting"} <= set(inspect(engine).get_table_names())
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_first_revision_upgrades_and_keeps_data(db_path: Path, tz):
    old = make_engine(resolve_target(db_path))
    migrate.upgrade(old, "0001")
    assert migrate.current_revision(old) == "0001"
    with sqlite3.connect(db_path) as con:  # data written by a program that knew only 0001
        con.execute(
            "INSERT INTO resource (id, name, kind, capacity, active, features, department, role, notes)"
            " VALUES (1, '1号摄影棚', 'stage', 1, 1, 'water tank', '', '', '')"
        )
        con.execute(
            "INSERT INTO production (id, name, company, contact_name, contact_email, contact_phone,"
            " color, notes) VALUES (1, 'Красная студия', '', '', '', '', '', '')"
        )
        con.execute(
            "INSERT INTO booking (id, resource_id, production_id, start_utc, end_utc, status, activity,"
            " ref, notes, created_utc, created_by, updated_utc, updated_by, version)"
            " VALUES (1, 1, 1, 1796256000, 1796256000 + 3 * 86400, 'confirmed', 'shoot', 'R-1', 'old',"
            " 1, 'old', 1, 'old', 1)"
        )
    old.dispose()

    engine = open_database(db_path)
    assert migrate.current_revision(engine) == migrate.HEAD
    kept = bookings.get_booking(engine, "R-1")
    assert (kept.resource, kept.production, kept.notes) == ("1号摄影棚", "Красная студия", "old")
    assert catalog.get_resource(engine, "1号摄影棚").features == ("water tank",)
    # 0002 computed the longest booking from the data it found, so range scans stay correct
    hits = bookings.find_bookings(engine, bookings.BookingFilter(start=1796256000 + 2 * 86400,
                                                                 end=1796256000 + 2 * 86400 + 60))
    assert [b.id for b in hits] == [1]


def test_newer_schema_is_refused(db_path: Path):
    engine = open_database(db_path)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(DatabaseProblem, match="newer than this Studio Booker knows"):
        open_database(db_path)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list: nails, gaffer tape\n", encoding="utf-8")
    before = notes.read_bytes()
    with pytest.raises(NotADatabase, match="not a Studio Booker database"):
        open_database(notes)
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_booking_ids_are_never_reused(engine, make_stage, make_production, make_booking):
    make_stage("Stage 7")
    make_production("The Red Silk")
    first = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    bookings.delete_booking(engine, first.id)  # the undo of a create
    second = make_booking("Stage 7", "The Red Silk", "2026-12-04 08:00", "2026-12-04 18:00")
    assert second.id > first.id
    again = bookings.restore_booking(engine, first, "tester")  # the redo
    assert again.id == first.id
