"""services.backups: daily backups in the user data folder, rotation, listing, restore as a new file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studio_booker.errors import DatabaseProblem, InputError
from studio_booker.services import bookings
from studio_booker.services.backups import (
    backup_name,
    backups_dir,
    database_key,
    last_good_backup,
    list_backups,
    restore_backup,
    take_daily_backup,
)
from studio_booker.services.settings import get_settings, set_setting
from studio_booker.storage.engine import open_database

DAY0 = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 09:00 in Qingdao


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def lot(make_stage, make_production, make_booking):
    make_stage("Stage 7")
    make_production("The Red Silk")

    made = [0]

    def add(n: int) -> None:
        """n more bookings, each on the day after the last one"""
        for _ in range(n):
            made[0] += 1
            day = f"2027-01-{made[0]:02d}"
            make_booking("Stage 7", "The Red Silk", f"{day} 08:00", f"{day} 18:00", ref=f"R{made[0]}")

    return add


def bookings_in(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
        return con.execute("SELECT ref, status FROM booking ORDER BY id").fetchall()
    finally:
        con.close()


def test_backups_go_beside_the_user_data(data_home):
    assert backups_dir() == data_home / "studio-booker" / "backups"


def test_one_backup_a_day(engine, db_path, lot):
    lot(2)
    first = take_daily_backup(engine, now=DAY0)
    assert first is not None and first.parent == backups_dir()
    assert first.name == f"lot-{database_key(db_path)}-20261203-010000Z.sqlite3"
    assert take_daily_backup(engine, now=DAY0 + timedelta(hours=13)) is None  # 22:00, same lot day
    lot(1)
    # 00:30 the next lot day: fewer than 24 hours later, but another day
    second = take_daily_backup(engine, now=DAY0 + timedelta(hours=15, minutes=30))
    assert second is not None and second != first
    assert [len(bookings_in(p)) for p in (first, second)] == [2, 3]
    assert [b.path for b in list_backups(db_path=db_path)] == [second, first]


def test_every_days_and_keep_come_from_the_settings(engine, db_path, lot):
    assert take_daily_backup(engine, now=DAY0) is not None
    set_setting(engine, "backup_every_days", "3")
    assert take_daily_backup(engine, now=DAY0 + timedelta(days=2)) is None
    assert take_daily_backup(engine, now=DAY0 + timedelta(days=3)) is not None
    set_setting(engine, "backup_keep", "1")
    newest = take_daily_backup(engine, now=DAY0 + timedelta(days=6))
    assert [b.path for b in list_backups(db_path=db_path)] == [newest]
    set_setting(engine, "backup_every_days", "0")  # off
    assert take_daily_backup(engine, now=DAY0 + timedelta(days=60)) is None
    assert take_daily_backup(engine, every_days=0, now=DAY0 + timedelta(days=90)) is None
    assert len(list_backups(db_path=db_path)) == 1


def test_rotation_keeps_the_newest_of_this_database_only(engine, db_path, tmp_path, lot):
    folder = backups_dir()
    other_db = tmp_path / "elsewhere" / "lot.sqlite3"  # the same file name, another database
    other = open_database(other_db)
    try:
        others = [take_daily_backup(other, every_days=1, keep=2, now=DAY0 + timedelta(days=d))
                  for d in range(2)]
    finally:
        other.dispose()
    folder.joinpath("notes.txt").write_text("not a backup")
    folder.joinpath(f"lot-{database_key(db_path)}-notadate-000000Z.sqlite3").write_text("x")
    mine = []
    for d in range(6):
        lot(1)
        mine.append(take_daily_backup(engine, keep=3, now=DAY0 + timedelta(days=d)))
    assert [b.path for b in list_backups(db_path=db_path)] == mine[:-4:-1]  # the 3 newest
    assert [b.path for b in list_backups(db_path=other_db)] == others[::-1]
    assert {p.name for p in folder.iterdir()} == {
        *(p.name for p in mine[3:]), *(p.name for p in others if p), "notes.txt",
        f"lot-{database_key(db_path)}-notadate-000000Z.sqlite3"}
    assert [b.bookings for b in list_backups(db_path=db_path)] == [6, 5, 4]


def test_a_server_or_memory_database_is_not_backed_up_here():
    from sqlalchemy import create_engine

    server = create_engine("postgresql+pg8000://coordinator@db.lot/booker", module=sqlite3)  # no connect
    assert take_daily_backup(server, now=DAY0) is None
    assert take_daily_backup(create_engine("sqlite://"), now=DAY0) is None
    assert not backups_dir().exists()


def test_listing_counts_and_a_damaged_backup(engine, db_path, lot):
    lot(4)
    bookings.set_status(engine, "R2", "cancelled", "tester")
    good = take_daily_backup(engine, now=DAY0)
    assert good is not None
    damaged = backups_dir() / backup_name(db_path, int((DAY0 + timedelta(days=1)).timestamp()))
    damaged.write_bytes(b"\x00garbage, not SQLite" * 400)  # a backup file, not a live database
    listed = list_backups(db_path=db_path)
    assert [b.path for b in listed] == [damaged, good]
    assert listed[0].error is not None and listed[0].error == "damaged: file is not a database"
    assert (listed[0].bookings, listed[0].active, listed[0].readable) == (None, None, False)
    assert (listed[1].bookings, listed[1].active, listed[1].error) == (4, 3, None)
    assert listed[1].size == good.stat().st_size
    assert listed[1].taken_at == DAY0
    assert last_good_backup(db_path) == listed[1]
    assert last_good_backup(db_path.with_name("other.sqlite3")) is None


def test_restore_writes_a_new_file_with_the_backups_bookings(engine, db_path, tmp_path, lot):
    lot(3)
    backup = take_daily_backup(engine, now=DAY0)
    assert backup is not None
    lot(2)  # the live database moves on
    dest = tmp_path / "restored.sqlite3"
    assert restore_backup(backup, dest) == dest
    assert bookings_in(dest) == bookings_in(backup) == [(f"R{n}", "confirmed") for n in (1, 2, 3)]
    restored = open_database(dest)  # a database the program opens as it is
    try:
        assert len(bookings.find_bookings(restored, bookings.BookingFilter())) == 3
    finally:
        restored.dispose()
    assert sorted(p.name for p in tmp_path.iterdir() if "restored" in p.name) == ["restored.sqlite3"]


def test_restore_never_overwrites(engine, tmp_path, lot):
    lot(1)
    backup = take_daily_backup(engine, now=DAY0)
    assert backup is not None
    dest = tmp_path / "taken.sqlite3"
    dest.write_bytes(b"someone else's file")
    with pytest.raises(InputError, match="already exists; a restore never overwrites a file"):
        restore_backup(backup, dest)
    assert dest.read_bytes() == b"someone else's file"
    with pytest.raises(InputError, match="is the backup itself"):
        restore_backup(backup, backup)
    with pytest.raises(InputError, match="the folder .*nowhere.* does not exist"):
        restore_backup(backup, tmp_path / "nowhere" / "x.sqlite3")
    with pytest.raises(InputError, match="no backup file at"):
        restore_backup(tmp_path / "missing.sqlite3", tmp_path / "y.sqlite3")
    stale_wal = tmp_path / "z.sqlite3-wal"
    stale_wal.write_bytes(b"left over")
    with pytest.raises(InputError, match="z.sqlite3-wal already exists"):
        restore_backup(backup, tmp_path / "z.sqlite3")
    assert not (tmp_path / "z.sqlite3").exists()


def test_restoring_a_damaged_backup_says_so_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 500)
    with pytest.raises(DatabaseProblem, match=r"cannot restore .*bad\.sqlite3: file is not a database"):
        restore_backup(bad, tmp_path / "new.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite3"]


def test_backup_settings(engine):
    st = get_settings(engine)
    assert (st.backup_every_days, st.backup_keep) == (1, 14)
    set_setting(engine, "backup_every_days", "0")
    set_setting(engine, "backup_keep", " 30 ")
    st = get_settings(engine)
    assert (st.backup_every_days, st.backup_keep) == (0, 30)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("backup_every_days", "-1",
     "backup_every_days must be a whole number of days >= 0 (0 turns automatic backups off), not '-1'"),
    ("backup_every_days", "1.5", "not '1.5'"),
    ("backup_keep", "0", "backup_keep must be a whole number of backups to keep, 1 or more, not '0'"),
    ("backup_keep", "many", "not 'many'"),
    ("backups", "3", "unknown setting 'backups'; known: lot_name, lot_timezone, min_rest_hours, "
                     "backup_every_days, backup_keep"),
])
def test_bad_backup_settings_are_refused(engine, key, value, message):
    with pytest.raises(InputError) as err:
        set_setting(engine, key, value)
    assert message in str(err.value)
    st = get_settings(engine)
    assert (st.backup_every_days, st.backup_keep) == (1, 14)


def test_last_good_backup_passes_over_a_truncated_one(engine, db_path, lot):
    import os

    lot(2)
    older = take_daily_backup(engine, now=DAY0)
    newer = take_daily_backup(engine, now=DAY0 + timedelta(days=1))
    assert older is not None and newer is not None
    os.truncate(newer, newer.stat().st_size // 2)  # a backup cut short (disk full, copied badly)
    good = last_good_backup(db_path)
    assert good is not None and (good.path, good.bookings) == (older, 2)


def test_a_backup_dated_in_the_future_does_not_stop_todays(engine, db_path):
    future = take_daily_backup(engine, now=DAY0 + timedelta(days=300))  # the clock was wrong once
    today = take_daily_backup(engine, keep=2, now=DAY0)
    assert today is not None and take_daily_backup(engine, keep=2, now=DAY0) is None
    assert [b.path for b in list_backups(db_path=db_path)] == [future, today]
