"""`sheet` and `export` through a real process, without a display."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream


def run(db: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "studio_booker", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


@pytest.fixture
def lot(engine, db_path, make_stage, make_crew, make_production, make_booking):
    make_stage("1号摄影棚")
    make_crew("Иван Петров")
    make_production("红丝绸")
    make_booking("1号摄影棚", "红丝绸", "2026-12-02 08:00", "2026-12-02 18:00", ref="R-1",
                 notes="=2+2")
    make_booking("Иван Петров", "红丝绸", "2026-12-02 07:00", "2026-12-02 19:00", status="hold")
    engine.dispose()
    return db_path


def test_sheets_without_a_display(lot, tmp_path):
    for args in (("production", "红丝绸"), ("resource", "Иван Петров", "--week", "2026-12-03")):
        pdf = tmp_path / f"{args[0]}.pdf"
        r = run(lot, "sheet", *args, "--pdf", str(pdf), cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert "1 page" in r.stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "红丝绸" in text and "Иван Петров" in text and "page 1 of 1" in text


def test_unknown_name_exits_2_with_a_hint(lot, tmp_path):
    r = run(lot, "sheet", "production", "红丝", "--pdf", str(tmp_path / "x.pdf"), cwd=tmp_path)
    assert r.returncode == 2
    assert "红丝绸" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_export_ics_one_and_all(lot, tmp_path):
    out = tmp_path / "red.ics"
    r = run(lot, "export", "ics", "--production", "红丝绸", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    cal = IcsCalendarStream.calendar_from_ics(out.read_text(encoding="utf-8"))
    assert len(cal.events) == 2
    feeds = tmp_path / "feeds"
    r = run(lot, "export", "ics", "--all", "--dir", str(feeds), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert len(list(feeds.glob("*.ics"))) == 3  # one production, two resources
    assert "3 calendar files" in r.stdout


def test_export_csv_with_a_filter(lot, tmp_path):
    out = tmp_path / "b.csv"
    r = run(lot, "export", "csv", "--resource", "1号摄影棚", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(x["ref"], x["notes"]) for x in rows] == [("R-1", "'=2+2")]
