"""SPEC 5: CSV files in the encodings and separators Excel writes, imported with real bytes."""

from __future__ import annotations

import pytest

from studio_booker.errors import InputError
from studio_booker.services import bookings, catalog
from studio_booker.services.importer import import_csv
from tests.conftest import dump

RESOURCES = "name,kind,capacity,features\n1号摄影棚,stage,2,水池;蓝幕\nКрасная студия,stage,1,\n"
PRODUCTIONS = "name,company\n红丝绸,上海电影\nКрасная нить,Мосфильм\n"
BOOKINGS = ("resource,production,start,end,status\n"
            "1号摄影棚,红丝绸,2026-12-03 08:00,2026-12-03 18:00,confirmed\n"
            "Красная студия,Красная нить,2026-12-04 08:00,2026-12-04 12:00,hold\n")


def to(text: str, sep: str) -> str:
    """The same rows separated by `sep` (none of the values above holds a comma)."""
    return text.replace(",", sep)


def excel_unicode_text(text: str) -> bytes:
    """What Excel's "Unicode text" writes: UTF-16 LE with its BOM, tab-separated, CRLF."""
    return to(text, "\t").replace("\n", "\r\n").encode("utf-16")  # native order + BOM


CASES = {
    "gb18030": (lambda text: text.encode("gb18030"), "read as GB18030"),
    "utf-16": (excel_unicode_text, "read as UTF-16, separated by tabs"),
    "utf-16-be": (lambda text: b"\xfe\xff" + to(text, "\t").encode("utf-16-be"),
                  "read as UTF-16, separated by tabs"),
    "utf-8-bom": (lambda text: text.encode("utf-8-sig"), None),
    "semicolons": (lambda text: to(text, ";").encode("utf-8"), "separated by semicolons"),
    "tabs": (lambda text: to(text, "\t").encode("utf-8"), "separated by tabs"),
    "gb18030-semicolons": (lambda text: to(text, ";").replace("\n", "\r\n").encode("gb18030"),
                           "read as GB18030, separated by semicolons"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_kind_of_file_in_every_encoding_and_separator(engine, tmp_path, case):
    encode, note = CASES[case]
    if case in ("semicolons", "gb18030-semicolons"):  # features can't be ;-separated there
        resources = RESOURCES.replace("水池;蓝幕", '"水池;蓝幕"')
    else:
        resources = RESOURCES
    expected = {
        "resources": "imported 2 resources from resources.csv",
        "productions": "imported 2 productions from productions.csv",
        "bookings": "imported 2 bookings from bookings.csv (1 hold, 1 confirmed)",
    }
    for kind, text in (("resources", resources), ("productions", PRODUCTIONS),
                       ("bookings", BOOKINGS)):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(encode(text))
        result = import_csv(engine, kind, path, "tester")
        assert result.summary() == expected[kind] + (f"; {note}" if note else "")
    by_name = {r.name: r for r in catalog.list_resources(engine)}
    assert set(by_name) == {"1号摄影棚", "Красная студия"}
    assert by_name["1号摄影棚"].features == ("水池", "蓝幕") and by_name["1号摄影棚"].capacity == 2
    assert {p.name: p.company for p in catalog.list_productions(engine)} == {
        "红丝绸": "上海电影", "Красная нить": "Мосфильм"}
    got = {(b.resource, b.production, b.status) for b in bookings.find_bookings(engine)}
    assert got == {("1号摄影棚", "红丝绸", "confirmed"), ("Красная студия", "Красная нить", "hold")}


def test_a_comma_file_whose_values_hold_semicolons_and_tabs_stays_a_comma_file(engine, tmp_path):
    path = tmp_path / "resources.csv"
    path.write_bytes("name,kind,features,notes\n"
                     "1号摄影棚,stage,水池;蓝幕;绿幕,a\tb\n"
                     "Красная студия,stage,tank;blue;green,\"x;y\"\n".encode())
    result = import_csv(engine, "resources", path, "tester")
    assert result.summary() == "imported 2 resources from resources.csv"  # no note: commas, UTF-8
    by_name = {r.name: r for r in catalog.list_resources(engine)}
    assert by_name["1号摄影棚"].features == ("水池", "蓝幕", "绿幕")
    assert by_name["1号摄影棚"].notes == "a\tb"
    assert by_name["Красная студия"].features == ("tank", "blue", "green")


def test_a_quoted_semicolon_value_in_a_semicolon_file(engine, tmp_path):
    path = tmp_path / "productions.csv"
    path.write_bytes('name;notes\n红丝绸;"night; rain, wind"\n'.encode("gb18030"))
    result = import_csv(engine, "productions", path, "tester")
    assert result.summary().endswith("; read as GB18030, separated by semicolons")
    assert [(p.name, p.notes) for p in catalog.list_productions(engine)] == [
        ("红丝绸", "night; rain, wind")]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("junk.csv", bytes(range(256)) * 4, "junk.csv is not a CSV text file (it holds binary data)"),
        ("junk2.csv", b"\x80\xff\xfe\x81" * 50, 'junk2.csv line 1: not UTF-8 text (byte 0x80)'),
        ("latin.csv", "name,kind\nÉtape Noire,stage\n".encode("latin-1"),
         'latin.csv line 2: not UTF-8 text (byte 0xc9)'),
        ("mixed.csv", "name;kind\n1号摄影棚,stage\n".encode(),
         "separated by semicolons, use commas"),
        ("mixed-tabs.csv", "name\tkind\nКрасная студия;stage\nB\tstage\n".encode(),
         'mixed-tabs.csv line 1: unknown column "name\tkind"'),
        ("odd-utf16.csv", b"\xff\xfe" + "name\tkind\n".encode("utf-16-le") + b"\x00",
         "odd-utf16.csv starts as UTF-16 text but is not UTF-16 text"),
        ("utf32.csv", "name\tkind\n".encode("utf-32"),
         "utf32.csv starts as UTF-16 text but is not UTF-16 text"),
    ],
    ids=["binary", "junk-bytes", "latin-1", "mixed-separators", "mixed-tabs", "odd-utf16", "utf32"],
)
def test_files_that_are_none_of_these_get_a_clear_error_and_write_nothing(
        engine, db_path, tmp_path, name, content, expected):
    catalog.create_resource(engine, name="Stage 7", kind="stage", capacity=1)
    before = dump(db_path)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        import_csv(engine, "resources", path, "tester")
    assert expected in str(err.value)
    assert dump(db_path) == before


def test_the_reading_note_is_translated(engine, tmp_path):
    from studio_booker.i18n import speaking

    path = tmp_path / "productions.csv"
    path.write_bytes(to(PRODUCTIONS, "\t").encode("gb18030"))
    with speaking("ru"):
        summary = import_csv(engine, "productions", path, "tester").summary()
    assert "GB18030" in summary and "read as" not in summary
