"""CSV and XLSX exports read back with the csv module and openpyxl."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from studio_booker.exports import tables
from studio_booker.services.bookings import BookingFilter
from tests.conftest import t

DANGER = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3+cmd", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def lot(engine, make_stage, make_crew, make_production, make_booking):
    make_stage("1号摄影棚")
    make_crew("Иван Петров")
    make_production("红丝绸")
    make_production("=cmd|' /C calc'!A0")
    make_booking("1号摄影棚", "红丝绸", "2026-12-02 08:00", "2026-12-02 18:00", ref="R-1",
                 notes="plain, with \"quotes\" and 中文")
    for i, text in enumerate(DANGER):
        make_booking("Иван Петров", "红丝绸", f"2026-12-1{i} 07:00", f"2026-12-1{i} 19:00",
                     status="hold", ref=f"=R{i}" if i == 0 else None, notes=text)
    make_booking("1号摄影棚", "=cmd|' /C calc'!A0", "2026-12-20 08:00", "2026-12-20 18:00")


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM for Excel
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_round_trips_values(engine, lot, tmp_path):
    path = tmp_path / "b.csv"
    assert tables.write_csv(engine, BookingFilter(), path) == 8
    rows = read_csv(path)
    assert list(rows[0]) == list(tables.COLUMNS)
    first = rows[0]
    assert first == {
        "id": "1", "ref": "R-1", "resource": "1号摄影棚", "resource_kind": "stage",
        "production": "红丝绸", "status": "confirmed", "activity": "shoot",
        "start": "2026-12-02 08:00", "end": "2026-12-02 18:00",
        "notes": "plain, with \"quotes\" and 中文",
    }
    assert rows[1]["resource"] == "Иван Петров" and rows[1]["status"] == "hold"


def test_csv_neutralises_formulas(engine, lot, tmp_path):
    path = tmp_path / "b.csv"
    tables.write_csv(engine, BookingFilter(), path)
    rows = read_csv(path)
    assert [r["notes"] for r in rows[1:7]] == ["'" + d for d in DANGER]
    assert rows[1]["ref"] == "'=R0"
    assert rows[7]["production"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["notes"].startswith("plain")  # safe text is left alone


def test_csv_uses_the_filter(engine, lot, tmp_path):
    path = tmp_path / "b.csv"
    n = tables.write_csv(engine, BookingFilter(resource="1号摄影棚", start=t("2026-12-01"),
                                               end=t("2026-12-10")), path)
    assert n == 1 and [r["ref"] for r in read_csv(path)] == ["R-1"]


def test_xlsx_round_trips_with_datetimes_and_no_formulas(engine, lot, tmp_path):
    path = tmp_path / "b.xlsx"
    assert tables.write_xlsx(engine, BookingFilter(), path) == 8
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert [c.value for c in ws[1]] == list(tables.COLUMNS)
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["J"].width > ws.column_dimensions["A"].width
    row = [c.value for c in ws[2]]
    assert row[:7] == [1, "R-1", "1号摄影棚", "stage", "红丝绸", "confirmed", "shoot"]
    assert row[7] == dt.datetime(2026, 12, 2, 8, 0) and row[8] == dt.datetime(2026, 12, 2, 18, 0)
    assert ws.cell(2, 8).number_format == "yyyy-mm-dd hh:mm"
    # XML reads a bare carriage return back as a line feed; the quote in front is what matters
    assert [ws.cell(r, 10).value for r in range(3, 9)] == ["'" + d.replace("\r", "\n") for d in DANGER]
    assert ws.cell(3, 2).value == "'=R0"
    assert ws.cell(9, 5).value == "'=cmd|' /C calc'!A0"
    for r in ws.iter_rows(min_row=2):
        for c in r:
            assert c.data_type != "f"  # nothing is stored as a formula


@pytest.mark.parametrize("writer", [tables.write_csv, tables.write_xlsx])
def test_a_failed_export_leaves_the_old_file_and_no_temporary_one(engine, lot, tmp_path, monkeypatch, writer):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "bookings.out"
    out.write_bytes(b"the export of yesterday")
    calls = []

    def failing(b):
        calls.append(b)
        if len(calls) == 2:
            raise RuntimeError("disk pulled out")
        return [b.id, b.ref or "", b.resource, b.resource_kind, b.production or "", b.status,
                b.activity, b.start, b.end, b.notes]

    monkeypatch.setattr(tables, "_cells", failing)
    with pytest.raises(RuntimeError):
        writer(engine, BookingFilter(), out)
    assert out.read_bytes() == b"the export of yesterday"
    assert [p.name for p in folder.iterdir()] == ["bookings.out"]
