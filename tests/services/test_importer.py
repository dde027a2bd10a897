"""CSV import (SPEC 5), in-process: every rule of the file format, all rows or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_booker.errors import InputError
from studio_booker.services import bookings, catalog
from studio_booker.services.importer import ImportRejected, import_csv
from studio_booker.storage.engine import read_session
from tests.conftest import dump, t


def write(tmp_path: Path, name: str, text: str, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.fixture
def lot(make_stage, make_workshop, make_crew, make_production):
    make_stage("Stage 7")
    make_stage("1号摄影棚", capacity=2)
    make_workshop("Carpentry", capacity=2)
    make_crew("Zhang Wei")
    make_production("The Red Silk")
    make_production("Красная нить")


# ---- resources and productions -----------------------------------------------------------

def test_resources_import_with_defaults_features_and_numbers(engine, tmp_path):
    path = write(tmp_path, "resources.csv",
                 "kind,name,capacity,area_m2,features,department,role,day_rate,notes\n"
                 "stage,Underwater Stage,,2500,water tank; blue screen ;,,,120000,\"deep, cold\"\n"
                 "workshop,Props,3,,,,,,\n"
                 "crew,Ли Мин,,,,Lighting,gaffer,1800,\n", bom=True)
    result = import_csv(engine, "resources", path, "tester")
    assert result.count == 3 and result.summary() == "imported 3 resources from resources.csv"
    by_name = {r.name: r for r in catalog.list_resources(engine)}
    water = by_name["Underwater Stage"]
    assert (water.kind, water.capacity, water.area_m2, water.day_rate) == ("stage", 1, 2500.0, 120000.0)
    assert water.features == ("water tank", "blue screen") and water.notes == "deep, cold"
    assert by_name["Props"].capacity == 3
    crew = by_name["Ли Мин"]
    assert (crew.kind, crew.capacity, crew.department, crew.role) == ("crew", 1, "Lighting", "gaffer")


def test_resource_rows_are_checked_per_column_and_existing_names_refused(engine, db_path, tmp_path,
                                                                         make_stage):
    make_stage("Stage 7")
    before = dump(db_path)
    path = write(tmp_path, "resources.csv",
                 "name,kind,capacity,area_m2\n"
                 "stage 7,stage,1,\n"        # exists (case does not matter)
                 "Gaffer,crew,2,\n"          # crew are always 1
                 "Stage 9,studio,0,\n"       # kind and capacity
                 "Stage 10,stage,,big\n"     # area
                 "Stage 11,stage,,\n"
                 "STAGE 11,stage,,\n")       # twice in the file
    with pytest.raises(ImportRejected) as err:
        import_csv(engine, "resources", path, "tester")
    found = {(p.line, p.column) for p in err.value.problems}
    assert found == {(2, "name"), (3, "capacity"), (4, "kind"), (4, "capacity"), (5, "area_m2"),
                     (7, "name")}
    text = str(err.value)
    assert 'resources.csv line 2, column "name": a resource called "Stage 7" already exists' in text
    assert "already on line 6" in text
    assert dump(db_path) == before


def test_productions_import_checks_colour_and_email(engine, db_path, tmp_path):
    good = write(tmp_path, "productions.csv",
                 "name,company,color,contact_email\n红丝绸,Qingdao Films,#C0392B,li@example.cn\n")
    assert import_csv(engine, "productions", good, "tester").count == 1
    assert catalog.get_production(engine, "红丝绸").color == "#c0392b"
    before = dump(db_path)
    bad = write(tmp_path, "more.csv", "name,color,contact_email\nA,red,\nB,#123456,bob\n")
    with pytest.raises(ImportRejected) as err:
        import_csv(engine, "productions", bad, "tester")
    assert [(p.line, p.column) for p in err.value.problems] == [(2, "color"), (3, "contact_email")]
    assert "#RRGGBB" in str(err.value)
    assert dump(db_path) == before


# ---- bookings ------------------------------------------------------------------------------

def test_bookings_import_defaults_times_and_bookkeeping(engine, tmp_path, lot, tz):
    path = write(tmp_path, "bookings.csv",
                 "start,end,resource,production,status,activity,ref,notes\n"
                 "2026-12-03T08:00,2026-12-03 18:00,Stage 7,The Red Silk,,,R-1,\n"
                 "2026-12-03 00:00+00:00,2026-12-03T10:00Z,Zhang Wei,Красная нить,confirmed,,,\n"
                 "2026-12-04,2026-12-06,Carpentry,,confirmed,maintenance,,burst pipe\n",
                 bom=True)
    result = import_csv(engine, "bookings", path, "importer")
    assert result.count == 3
    assert result.summary() == "imported 3 bookings from bookings.csv (1 hold, 2 confirmed)"
    got = {b.resource: b for b in bookings.find_bookings(engine)}
    stage = got["Stage 7"]
    assert (stage.status, stage.activity, stage.ref, stage.start, stage.end) == (
        "hold", "shoot", "R-1", t("2026-12-03 08:00"), t("2026-12-03 18:00"))
    crew = got["Zhang Wei"]
    assert (crew.activity, crew.start, crew.end) == ("shift", t("2026-12-03 08:00"), t("2026-12-03 18:00"))
    shop = got["Carpentry"]
    assert (shop.production, shop.activity, shop.notes) == (None, "maintenance", "burst pipe")
    assert (shop.start, shop.end) == (t("2026-12-04 00:00"), t("2026-12-06 00:00"))
    for b in got.values():
        assert (b.version, b.created_by, b.updated_by) == (1, "importer", "importer")
        assert b.created_utc > 0 and b.updated_utc == b.created_utc
    with read_session(engine) as s:
        assert bookings.longest_booking(s) == 2 * 86400


def test_every_bad_line_is_listed_and_nothing_written(engine, db_path, tmp_path, lot,
                                                      make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-11-01 08:00", "2026-11-01 18:00", ref="TAKEN")
    before = dump(db_path)
    path = write(tmp_path, "bookings.csv",
                 "resource,production,start,end,status,ref,notes\n"
                 "Stage 7,The Red Silk,2026-12-03 08:00,2026-12-03 18:00,,OK-1,\n"       # fine
                 "Stage 8,The Red Silk,2026-12-03 08:00,2026-12-03 18:00,,,\n"           # 3 unknown
                 "Stage 7,Red Silk,2026-12-03 08:00,2026-12-03 18:00,,,\n"               # 4 unknown
                 "Stage 7,The Red Silk,2026-13-01,2026-12-03 18:00,,,\n"                 # 5 time
                 "Stage 7,The Red Silk,2026-12-03 18:00,2026-12-03 08:00,,,\n"           # 6 reversed
                 "Stage 7,The Red Silk,2026-12-03 08:00,2026-12-03 08:00,,,\n"           # 7 zero
                 "Stage 7,The Red Silk,2026-12-04 08:00,2026-12-04 18:00,,OK-1,\n"       # 8 dup in file
                 "Stage 7,The Red Silk,2026-12-05 08:00,2026-12-05 18:00,,TAKEN,\n"      # 9 dup in db
                 "Stage 7,The Red Silk,2026-12-06 08:00,2026-12-06 18:00,maybe,,\n"      # 10 status
                 "Stage 7,,2026-12-06 08:00,2026-12-06 18:00,,,\n"                       # 11 no production
                 "Stage 7,The Red Silk,2026-12-07 08:00,2026-12-07 18:00,,,\"two\nlines\"\n"  # 12-13 fine
                 "Stage 7,The Red Silk,2026-12-08 08:00,,,,\n")                          # 14 empty end
    with pytest.raises(ImportRejected) as err:
        import_csv(engine, "bookings", path, "tester")
    assert [(p.line, p.column) for p in err.value.problems] == [
        (3, "resource"), (4, "production"), (5, "start"), (6, "end"), (7, "end"), (8, "ref"),
        (9, "ref"), (10, "status"), (11, "production"), (14, "end"),
    ]
    text = str(err.value)
    assert text.startswith("bookings.csv: nothing imported; 10 bad lines")
    assert err.value.exit_code == 2
    assert "unknown resource \"Stage 8\"; did you mean 'Stage 7'?" in text
    assert "unknown production \"Red Silk\"; did you mean 'The Red Silk'?" in text
    assert 'bookings.csv line 5, column "start": "2026-13-01" is not a time; expected' in text
    assert "ends before it starts" in text and "ends when it starts" in text
    assert '"OK-1" is already used on line 2 of this file' in text
    assert '"TAKEN" is already used by booking #1' in text
    assert dump(db_path) == before


def test_confirmed_row_colliding_with_an_earlier_row_rejects_the_file(engine, db_path, tmp_path, lot):
    before = dump(db_path)
    path = write(tmp_path, "bookings.csv",
                 "resource,production,start,end,status\n"
                 "1号摄影棚,The Red Silk,2026-12-03 08:00,2026-12-03 18:00,confirmed\n"
                 "1号摄影棚,Красная нить,2026-12-03 09:00,2026-12-03 12:00,confirmed\n"   # capacity 2: ok
                 "1号摄影棚,Красная нить,2026-12-03 11:00,2026-12-03 13:00,hold\n"  # a hold: never refused
                 "1号摄影棚,The Red Silk,2026-12-03 11:00,2026-12-03 19:00,confirmed\n"   # third at 11:00
                 "1号摄影棚,The Red Silk,2026-12-03 18:00,2026-12-03 20:00,confirmed\n")  # fine: touching
    with pytest.raises(ImportRejected) as err:
        import_csv(engine, "bookings", path, "tester")
    assert [(p.line, p.column) for p in err.value.problems] == [(5, None)]
    assert err.value.exit_code == 3  # SPEC 5: refused only by the enforcement rule
    message = str(err.value)
    assert message.startswith("bookings.csv line 5: refused: cannot be confirmed on 1号摄影棚 from "
                              "2026-12-03 11:00 to 2026-12-03 19:00: 1号摄影棚 takes 2 confirmed "
                              "bookings at a time; in the way: line 2 ")
    assert "in the way: line 2 (shoot, 2026-12-03 08:00 – 2026-12-03 18:00, confirmed); line 3 " in message
    assert message.endswith("nothing imported")
    assert dump(db_path) == before


def test_confirmed_rows_are_checked_against_the_database_maintenance_and_holds_never_refused(
    engine, db_path, tmp_path, lot, make_booking
):
    blocker = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    before = dump(db_path)
    path = write(tmp_path, "bookings.csv",
                 "resource,production,start,end,status,activity\n"
                 "Stage 7,Красная нить,2026-12-03 17:00,2026-12-03 20:00,confirmed,\n"
                 "Carpentry,,2026-12-10,2026-12-11,confirmed,maintenance\n"
                 "Carpentry,The Red Silk,2026-12-10 08:00,2026-12-10 12:00,confirmed,build\n")
    with pytest.raises(ImportRejected) as err:
        import_csv(engine, "bookings", path, "tester")
    assert [p.line for p in err.value.problems] == [2, 4]
    text = str(err.value)
    assert f"#{blocker.id} The Red Silk, shoot, 2026-12-03 08:00 – 2026-12-03 18:00, confirmed" in text
    assert "it overlaps maintenance; in the way: line 3" in text
    assert dump(db_path) == before

    # holds and maintenance over confirmed bookings are saved (reported as conflicts instead)
    ok = write(tmp_path, "ok.csv",
               "resource,production,start,end,status,activity\n"
               "Stage 7,Красная нить,2026-12-03 17:00,2026-12-03 20:00,hold,\n"
               "Stage 7,,2026-12-03 10:00,2026-12-03 12:00,confirmed,maintenance\n")
    assert import_csv(engine, "bookings", ok, "tester").count == 2
    assert len(bookings.find_bookings(engine)) == 3


def test_a_header_only_file_imports_nothing(engine, tmp_path, lot):
    path = write(tmp_path, "bookings.csv", "resource,start,end\n\n")
    result = import_csv(engine, "bookings", path, "tester")
    assert result.count == 0 and bookings.find_bookings(engine) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("resource,start,end,colour", 'unknown column "colour"'),
        ("resource,start", 'missing required column "end"'),
        ("resource,start,end,start", 'column "start" appears twice'),
        ("resource;start;end", "separated by semicolons, use commas"),
    ],
)
def test_bad_headers(engine, tmp_path, lot, header, expected):
    path = write(tmp_path, "bookings.csv", header + "\nStage 7,2026-12-03 08:00,2026-12-03 18:00\n")
    with pytest.raises(InputError) as err:
        import_csv(engine, "bookings", path, "tester")
    text = str(err.value)
    assert text.startswith("bookings.csv line 1: ") and expected in text
    assert "resource, start, end, production, status, activity, ref, notes" in text


def test_rows_with_the_wrong_number_of_values(engine, tmp_path, lot):
    path = write(tmp_path, "bookings.csv",
                 "resource,production,start,end\nStage 7,The Red Silk,2026-12-03 08:00,2026-12-03 18:00,x\n")
    with pytest.raises(ImportRejected, match=r"line 2: 5 values, but the header names 4 columns"):
        import_csv(engine, "bookings", path, "tester")


def test_files_that_are_not_csv_text(engine, tmp_path, lot):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["resource", "start", "end"])
    xlsx = tmp_path / "bookings.xlsx"
    book.save(xlsx)
    with pytest.raises(InputError, match=r"bookings.xlsx is not a CSV text file: it is a ZIP archive"):
        import_csv(engine, "bookings", xlsx, "tester")

    latin = tmp_path / "latin.csv"
    latin.write_bytes("resource,start,end\nÉtape 1,2026-12-03,2026-12-04\n".encode("latin-1"))
    with pytest.raises(InputError, match=r'latin.csv line 2: not UTF-8 text .*"CSV UTF-8"'):
        import_csv(engine, "bookings", latin, "tester")

    with pytest.raises(InputError, match="is empty; expected a header line"):
        import_csv(engine, "bookings", write(tmp_path, "empty.csv", ""), "tester")
    with pytest.raises(InputError, match="no such file"):
        import_csv(engine, "bookings", tmp_path / "missing.csv", "tester")
    with pytest.raises(InputError, match="cannot import 'rooms'"):
        import_csv(engine, "rooms", xlsx, "tester")
