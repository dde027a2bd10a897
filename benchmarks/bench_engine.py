"""Engine benchmarks (issue 2, part 8): figures printed, never asserted.

(a) the save-time check for one new confirmed booking, (b) the full conflicts report
against simply reading the same rows with sqlite3, and its peak memory, (c) importing a
10,000-row bookings CSV. On a database of 200,000 bookings across 500 resources, built
once and cached in benchmarks/.data/.
"""

from __future__ import annotations

import cProfile
import csv
import io
import json
import os
import pstats
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    ROOT,
    START,
    USER,
    copy_db,
    demo_db,
    median,
    ms,
    p95,
    scale_db,
    table,
    timed,
    verdict,
)

ATTEMPTS = 300
BOOKINGS, RESOURCES = 200_000, 500
IMPORT_ROWS = 10_000
REPORT_RUNS = 7  # report and plain read, each (the machines we share vary by +-20 % a minute)
READ_SQL = ("SELECT id, resource_id, production_id, start_utc, end_utc, status, activity, created_utc "
            "FROM booking")
HOUR, DAY = 3600, 86400

# A fresh process that runs only the report, for its peak memory.
MEMORY_PROBE = r"""
import json, resource, sys, tracemalloc

def hwm_kb():
    # VmHWM: the peak RSS of this process image (ru_maxrss survives exec on Linux, so a
    # child started by a big parent would report the parent's size)
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

from studio_booker.storage.engine import open_database
from studio_booker.services.conflicts import conflict_report
from studio_booker.services.settings import get_settings
engine = open_database(sys.argv[1])
tz = get_settings(engine).tz
before = hwm_kb()
if sys.argv[2] == "trace":
    tracemalloc.start()
items = conflict_report(engine)
doc = json.dumps({"conflicts": [c.to_json(tz) for c in items]}, ensure_ascii=False)
peak = tracemalloc.get_traced_memory()[1] if sys.argv[2] == "trace" else 0
print(json.dumps({"rss_before_kb": before,
                  "rss_peak_kb": hwm_kb(),
                  "traced_peak_b": peak, "items": len(items), "json_bytes": len(doc)}))
"""


def _profile(title: str, fn: Any, lines: int = 14) -> None:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).strip_dirs().sort_stats("tottime").print_stats(lines)
    print(f"\n--- profile: {title} (by own time) ---")
    print("\n".join(out.getvalue().splitlines()[4:]))


# ---- (a) the save-time check --------------------------------------------------------------

def bench_check(path: Path) -> list[tuple[str, str, str, str]]:
    from studio_booker.domain import rules
    from studio_booker.domain.records import Slot, Status
    from studio_booker.errors import ConflictRefused
    from studio_booker.services.bookings import BookingDraft, create_booking, delete_booking
    from studio_booker.services.reads import resource_slots
    from studio_booker.storage.engine import open_database, write_session

    engine = open_database(path)
    con = sqlite3.connect(path)
    res = con.execute("SELECT id, kind, capacity FROM resource WHERE active").fetchall()
    prods = [r[0] for r in con.execute("SELECT id FROM production")]
    lo, hi = con.execute("SELECT min(start_utc), max(end_utc) FROM booking").fetchone()
    con.close()
    rng = random.Random(42)
    day0 = lo - lo % DAY - 8 * HOUR  # lot midnight (UTC+8)
    days = max((hi - day0) // DAY, 1)
    whole: list[float] = []
    whole_refused: list[float] = []
    check: list[float] = []
    txn: list[float] = []
    created: list[int] = []
    refused = 0
    for _ in range(ATTEMPTS):
        rid, kind, cap = rng.choice(res)
        start = day0 + rng.randrange(days) * DAY + rng.choice((6, 7, 8)) * HOUR
        end = start + (rng.choice((10, 12)) * HOUR if kind == "crew" else rng.randint(1, 4) * DAY)
        pid = rng.choice(prods)
        info = rules.ResourceInfo(rid, kind, cap)
        cand = Slot(-1, rid, pid, start, end, Status.CONFIRMED, "shoot", 0)

        # the check alone, inside a write transaction (BEGIN IMMEDIATE already taken)
        with write_session(engine) as s:
            s.connection()  # BEGIN IMMEDIATE
            t0 = time.perf_counter()
            rules.refusal_blockers(info, cand, resource_slots(s, rid, start, end, confirmed_only=True))
            check.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        with write_session(engine) as s:
            rules.refusal_blockers(info, cand, resource_slots(s, rid, start, end, confirmed_only=True))
        txn.append(time.perf_counter() - t0)
        draft = BookingDraft(rid, pid, start, end, "confirmed")
        t0 = time.perf_counter()
        try:
            created.append(create_booking(engine, draft, USER).id)
            whole.append(time.perf_counter() - t0)
        except ConflictRefused:
            refused += 1
            whole_refused.append(time.perf_counter() - t0)
    for bid in created:
        delete_booking(engine, bid)
    engine.dispose()
    print(f"(a) {ATTEMPTS} random confirmed bookings: {len(created)} saved, {refused} refused "
          "(saved ones deleted again; run on a copy of the cached database)")
    return [
        ("(a) check alone (resource_slots + refusal_blockers), median", ms(median(check)), "<= 2 ms",
         verdict(median(check) <= 0.002)),
        ("(a) check alone, p95", ms(p95(check)), "", ""),
        ("(a) check in its own write transaction (BEGIN IMMEDIATE..COMMIT), median",
         ms(median(txn)), "", ""),
        ("(a) create_booking, whole call, saved ones, median", ms(median(whole)) if whole else "-",
         "", ""),
        ("(a) create_booking, whole call, saved ones, p95", ms(p95(whole)) if whole else "-", "", ""),
        ("(a) create_booking, whole call, refused ones, median",
         ms(median(whole_refused)) if whole_refused else "-", "", ""),
    ]


# ---- (b) the conflicts report -------------------------------------------------------------

def bench_report(path: Path) -> list[tuple[str, str, str, str]]:
    from collections import Counter

    from studio_booker.services.conflicts import conflict_report
    from studio_booker.services.settings import get_settings
    from studio_booker.storage.engine import open_database

    def plain_read() -> int:
        con = sqlite3.connect(path)
        n = len(con.execute(READ_SQL).fetchall())
        con.close()
        return n

    engine = open_database(path)
    tz = get_settings(engine).tz

    def report() -> list[dict[str, Any]]:
        return [c.to_json(tz) for c in conflict_report(engine)]

    plain_read()  # warm the OS cache for both
    report()
    reads, reports = [], []
    n_rows = n_items = 0
    for _ in range(REPORT_RUNS):  # interleaved: a slow minute of the machine slows both
        n_rows, t = timed(plain_read)
        reads.append(t)
        items, t = timed(report)
        n_items = len(items)
        reports.append(t)
    rules_seen = Counter(i["rule"] for i in items)
    print(f"(b) {n_rows:,} booking rows; report: {n_items:,} items {dict(rules_seen)}")
    read_t, report_t = median(reads), median(reports)
    ratio = report_t / read_t
    paired = median([b / a for a, b in zip(reads, reports, strict=True)])
    rows = [
        (f"(b) plain sqlite3 read of the booking rows, median of {REPORT_RUNS}", ms(read_t), "", ""),
        (f"(b) conflict_report + to_json, median of {REPORT_RUNS}", ms(report_t), "", ""),
        ("(b) ratio report / plain read (of the medians)", f"{ratio:.2f}x", "<= 2x", verdict(ratio <= 2)),
        ("(b) ratio report / plain read, median of the runs' own ratios", f"{paired:.2f}x", "", ""),
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for mode in ("rss", "trace"):
        out = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(path), mode], env=env,
                             capture_output=True, text=True, check=True).stdout
        probe = json.loads(out.strip().splitlines()[-1])
        if mode == "rss":
            peak_mb = probe["rss_peak_kb"] / 1024
            rows.append(("(b) peak RSS of a process running only the report (+ JSON)",
                         f"{peak_mb:.0f} MB (after imports {probe['rss_before_kb'] / 1024:.0f} MB)",
                         "< 300 MB", verdict(peak_mb < 300)))
        else:
            rows.append(("(b) tracemalloc peak during the report (+ JSON)",
                         f"{probe['traced_peak_b'] / 2**20:.0f} MB", "", ""))
    if ratio > 2:
        _profile("conflict_report + to_json", report)
    engine.dispose()
    return rows


# ---- (c) importing a bookings CSV ---------------------------------------------------------

def _write_csv(db: Path, out: Path, rows: int) -> None:
    """Bookings after the demo season, back to back per resource: all of them may be saved."""
    con = sqlite3.connect(db)
    res = con.execute("SELECT name, kind FROM resource WHERE active ORDER BY id").fetchall()
    prods = [r[0] for r in con.execute("SELECT name FROM production ORDER BY id")]
    con.close()
    rng = random.Random(5)
    first = START.toordinal() + 20 * 7
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["resource", "production", "start", "end", "status", "activity", "ref", "notes"])
        for i in range(rows):
            name, kind = res[i % len(res)]
            day = first + i // len(res)
            d = START.fromordinal(day).isoformat()
            start, end = (f"{d} 08:00", f"{d} 18:00") if kind == "crew" else (f"{d} 07:00", f"{d} 22:00")
            status = "confirmed" if rng.random() < 0.7 else "hold"
            w.writerow([name, rng.choice(prods), start, end, status, "", f"IMP-{i:05d}",
                        "imported for the benchmark"])


def bench_import(tmp: Path) -> list[tuple[str, str, str, str]]:
    try:
        from studio_booker.services.importer import import_csv
    except ImportError:
        print("import benchmark: importer not available yet")
        return [("(c) import 10,000-row bookings CSV", "not available yet", "< 3 s", "")]
    from studio_booker.storage.engine import open_database

    db = copy_db(demo_db(), tmp / "import.sqlite3")
    csv_path = tmp / "bookings.csv"
    _write_csv(db, csv_path, IMPORT_ROWS)
    engine = open_database(db)
    try:
        result, t = timed(lambda: import_csv(engine, "bookings", csv_path, USER))
    except Exception as exc:  # the figure is what matters here; say why there is none
        print(f"import benchmark: the import failed: {str(exc)[:500]}")
        return [("(c) import 10,000-row bookings CSV", "failed", "< 3 s", "")]
    finally:
        engine.dispose()
    print(f"(c) {result.summary()}")
    return [("(c) import 10,000-row bookings CSV into a fresh demo lot", f"{t:.2f} s", "< 3 s",
             verdict(t < 3))]


def main() -> None:
    print(f"engine benchmarks: {BOOKINGS:,} bookings across {RESOURCES} resources")
    cached = scale_db(BOOKINGS, RESOURCES)
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as d:
        tmp = Path(d)
        work = copy_db(cached, tmp / "scale.sqlite3")
        rows = bench_report(cached)
        rows += bench_check(work)
        rows += bench_import(tmp)
    table("engine benchmarks (figures, not pass/fail)", rows)


if __name__ == "__main__":
    main()
