"""Calendar files read back by two parsers: the strict `ical` package and `icalendar`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from studio_booker.errors import InputError, NotFound
from studio_booker.exports import ics
from studio_booker.services import bookings
from tests.conftest import t

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def lot(engine, make_stage, make_crew, make_production, make_booking):
    make_stage("1号摄影棚")
    make_stage("Stage 7")
    make_crew("Иван Петров")
    make_production("红丝绸")
    make_production("The Red Silk")
    make_booking("1号摄影棚", "红丝绸", "2026-12-02 08:00", "2026-12-02 18:00", ref="R-1",
                 notes="bring the crane; =1+1")
    make_booking("Stage 7", "红丝绸", "2026-12-03 08:00", "2026-12-03 20:00", status="hold")
    make_booking("Иван Петров", "红丝绸", "2026-12-02 07:00", "2026-12-02 19:00")
    gone = make_booking("Stage 7", "红丝绸", "2026-12-05 08:00", "2026-12-05 18:00", ref="GONE")
    bookings.set_status(engine, gone.id, "cancelled", "tester")
    make_booking("Stage 7", "The Red Silk", "2026-12-06 08:00", "2026-12-06 18:00")
    make_booking("Stage 7", None, "2026-12-07 08:00", "2026-12-07 12:00", activity="maintenance")


def strict(path: Path):
    return IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))


def test_production_calendar_parses_strictly_with_times_and_statuses(engine, lot, tmp_path):
    path = tmp_path / "red.ics"
    assert ics.write_calendar(engine, path, production="红丝绸") == 4
    cal = strict(path)
    assert len(cal.events) == 4
    by_start = {e.dtstart: e for e in cal.events}
    first = by_start[dt.datetime(2026, 12, 2, 8, 0, tzinfo=SH)]
    assert first.dtstart.utcoffset() == dt.timedelta(hours=8)
    assert first.end == dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
    assert str(first.status.value) == "CONFIRMED"
    assert first.summary == "1号摄影棚 · 红丝绸 · shoot"
    assert "1号摄影棚" in first.location and "Oriental Film Metropolis" in first.location
    assert "Ref: R-1" in first.description and "bring the crane; =1+1" in first.description
    statuses = sorted(str(e.status.value) for e in cal.events)
    assert statuses == ["CANCELLED", "CONFIRMED", "CONFIRMED", "TENTATIVE"]
    assert [tz.tz_id for tz in cal.timezones] == ["Asia/Shanghai"]

    parsed = icalendar.Calendar.from_ical(path.read_bytes())
    assert parsed["VERSION"] == "2.0" and "Studio Booker" in str(parsed["PRODID"])
    assert str(parsed["X-WR-CALNAME"]).startswith("红丝绸")
    events = parsed.walk("VEVENT")
    assert len(events) == 4
    assert all(e["DTSTART"].params["TZID"] == "Asia/Shanghai" for e in events)
    assert {str(e["UID"]) for e in events} == {f"booking-{i}@studio-booker" for i in (1, 2, 3, 4)}
    assert all("LAST-MODIFIED" in e and "DTSTAMP" in e for e in events)
    assert len(parsed.walk("VTIMEZONE")) == 1


def test_resource_calendar_includes_maintenance(engine, lot, tmp_path):
    path = tmp_path / "s7.ics"
    assert ics.write_calendar(engine, path, resource="Stage 7") == 4
    summaries = {e.summary for e in strict(path).events}
    assert "Stage 7 · maintenance · maintenance" in summaries
    assert "Stage 7 · The Red Silk · shoot" in summaries


def test_uids_stable_and_sequence_grows_after_an_edit(engine, lot, tmp_path):
    a, b, c = tmp_path / "a.ics", tmp_path / "b.ics", tmp_path / "c.ics"
    ics.write_calendar(engine, a, production="红丝绸")
    ics.write_calendar(engine, b, production="红丝绸")
    assert a.read_bytes() == b.read_bytes()  # nothing changed: the same bytes
    before = {e.uid: e.sequence for e in strict(a).events}
    bookings.update_booking(engine, 1, "tester", end=t("2026-12-02 19:00"))
    ics.write_calendar(engine, c, production="红丝绸")
    after = {e.uid: e.sequence for e in strict(c).events}
    assert set(after) == set(before)
    assert after["booking-1@studio-booker"] == before["booking-1@studio-booker"] + 1
    assert all(after[u] == before[u] for u in after if u != "booking-1@studio-booker")
    edited = next(e for e in strict(c).events if e.uid == "booking-1@studio-booker")
    assert edited.dtend == dt.datetime(2026, 12, 2, 19, 0, tzinfo=SH)


def _stat(p: Path) -> tuple[int, int]:
    st = p.stat()
    return st.st_ino, st.st_mtime_ns


def test_all_calendars_rewrite_only_changed_files(engine, lot, tmp_path):
    folder = tmp_path / "feeds"
    first = ics.write_all_calendars(engine, folder)
    assert first.unchanged == []
    names = sorted(p.name for p in first.written)
    assert names == ["production-1.ics", "production-2-the-red-silk.ics", "resource-1-1.ics",
                     "resource-2-stage-7.ics", "resource-3.ics"]
    assert sorted(p.name for p in folder.iterdir()) == names  # no temporary files left behind
    stats = {p: _stat(p) for p in first.written}
    os.utime(folder / "resource-3.ics", ns=(1, 1))  # an old mtime shows any rewrite

    second = ics.write_all_calendars(engine, folder)
    assert second.written == [] and sorted(second.unchanged) == sorted(first.written)
    assert (folder / "resource-3.ics").stat().st_mtime_ns == 1

    bookings.update_booking(engine, 1, "tester", notes="moved the crane")  # 1号摄影棚, 红丝绸
    third = ics.write_all_calendars(engine, folder)
    assert sorted(p.name for p in third.written) == ["production-1.ics", "resource-1-1.ics"]
    for p in third.unchanged:
        assert _stat(p) == (stats[p] if p.name != "resource-3.ics" else (stats[p][0], 1))
    for p in third.written:
        assert _stat(p)[0] != stats[p][0]  # replaced by a new file (atomic rename), not rewritten
    assert "moved the crane" in (folder / "production-1.ics").read_text(encoding="utf-8")


def test_file_names_are_safe_for_any_script():
    assert ics.file_name("production", 3, "The Red Silk") == "production-3-the-red-silk.ics"
    assert ics.file_name("resource", 12, "Красная студия") == "resource-12.ics"
    assert ics.file_name("resource", 9, "../../etc/passwd") == "resource-9-etc-passwd.ics"
    assert ics.file_name("production", 4, "Café / Ñandú") == "production-4-cafe-nandu.ics"


def test_unknown_names_and_bad_arguments(engine, lot, tmp_path):
    with pytest.raises(NotFound, match="Stage 7"):
        ics.write_calendar(engine, tmp_path / "x.ics", resource="Stage 77")
    with pytest.raises(InputError):
        ics.write_calendar(engine, tmp_path / "x.ics")
    with pytest.raises(InputError, match="cannot write"):
        ics.write_calendar(engine, tmp_path / "missing" / "x.ics", production="红丝绸")


def test_assembled_calendar_equals_icalendars_own_serialisation(engine, lot):
    from studio_booker.services.bookings import BookingFilter, find_bookings
    from studio_booker.services.settings import get_settings

    st = get_settings(engine)
    views = find_bookings(engine, BookingFilter(production="红丝绸"))
    data, n = ics.calendar_bytes(views, "红丝绸 — lot", st, cache={})
    whole = icalendar.Calendar()
    for name, value in (("prodid", ics.PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                        ("x-wr-calname", "红丝绸 — lot"), ("x-wr-timezone", "Asia/Shanghai"),
                        (ics.DIGEST_PROP, ics.digest(sorted(views, key=lambda v: (v.start, v.id)),
                                                     "红丝绸 — lot", st))):
        whole.add(name, value)
    for v in sorted(views, key=lambda v: (v.start, v.id)):
        whole.add_component(ics._event(v, st, st.tz))
    whole.add_missing_timezones()
    assert n == 4 and data == whole.to_ical()


def test_a_file_with_a_stale_digest_is_rebuilt(engine, lot, tmp_path):
    folder = tmp_path / "feeds"
    ics.write_all_calendars(engine, folder)
    path = folder / "production-1.ics"
    good = path.read_bytes()
    path.write_bytes(good.replace(ics.DIGEST_PROP.encode() + b":", ics.DIGEST_PROP.encode() + b":0"))
    again = ics.write_all_calendars(engine, folder)
    assert again.written == [path] and path.read_bytes() == good
