"""SPEC 5 through the command line: a GB18030 / UTF-16 file imports and the output says how it was read."""

from __future__ import annotations

from studio_booker.services import catalog
from tests.cli.test_cli import dump, sb


def test_import_gb18030_and_excel_unicode_text(db_path, tmp_path, engine):
    resources = tmp_path / "resources.csv"
    resources.write_bytes("name;kind\n1号摄影棚;stage\nКрасная студия;stage\n".encode("gb18030"))
    productions = tmp_path / "productions.csv"
    productions.write_bytes("name\tcompany\r\n红丝绸\t上海电影\r\n".encode("utf-16"))
    for kind, path, out in (
        ("resources", resources,
         "imported 2 resources from resources.csv; read as GB18030, separated by semicolons"),
        ("productions", productions,
         "imported 1 production from productions.csv; read as UTF-16, separated by tabs"),
    ):
        r = sb("import", kind, path, db=db_path)
        assert (r.returncode, r.stdout.strip(), r.stderr) == (0, out, "")
    assert {r.name for r in catalog.list_resources(engine)} == {"1号摄影棚", "Красная студия"}
    assert [p.company for p in catalog.list_productions(engine)] == ["上海电影"]


def test_import_junk_exits_2_and_writes_nothing(db_path, tmp_path, engine):
    before = dump(db_path)
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x80\xff\x81\xfe" * 64)
    r = sb("import", "resources", junk, db=db_path)
    assert r.returncode == 2 and "junk.csv line 1: not UTF-8 text" in r.stderr
    assert dump(db_path) == before
