"""Export figures (printed, not asserted).

    .venv/bin/python benchmarks/bench_exports.py

* ICS export of 10,000 bookings in one calendar (goal < 1 s), and every
  calendar of the same lot with --all (first run, then a run with nothing changed);
* a production sheet of 500 bookings to PDF (goal < 2 s);
* CSV and XLSX of 10,000 bookings.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert  # noqa: E402

from studio_booker.domain.timeutil import lot_zone, parse_instant  # noqa: E402
from studio_booker.exports import ics, sheets, tables  # noqa: E402
from studio_booker.services import catalog  # noqa: E402
from studio_booker.services.reads import BookingFilter  # noqa: E402
from studio_booker.storage.engine import open_database, write_session  # noqa: E402
from studio_booker.storage.models import Booking, Setting  # noqa: E402

TZ = lot_zone("Asia/Shanghai")


def seed(db: Path, big: int = 10_000, sheet_n: int = 500):
    """A lot with 40 stages, 200 crew, one production holding `big` bookings, one holding `sheet_n`."""
    engine = open_database(db)
    ids = [catalog.create_resource(engine, name=f"Stage {i}", kind="stage", day_rate=10000).id
           for i in range(40)]
    ids += [catalog.create_resource(engine, name=f"Crew 李{i}", kind="crew", department="Grip").id
            for i in range(200)]
    big_p = catalog.create_production(engine, name="Big Season 大季").id
    sheet_p = catalog.create_production(engine, name="Sheet Show Шоу").id
    t0 = parse_instant("2026-01-01 08:00", TZ)
    rows = []
    for i in range(big + sheet_n):
        prod = big_p if i < big else sheet_p
        r = ids[i % len(ids)]
        start = t0 + (i // len(ids)) * 86400
        rows.append(dict(
            resource_id=r, production_id=prod, start_utc=start, end_utc=start + 36000,
            status=("hold", "confirmed", "confirmed", "cancelled")[i % 4], activity="shoot",
            ref=f"B-{i}", notes=f"note {i} — 备注" if i % 3 == 0 else "", created_utc=t0,
            created_by="bench", updated_utc=t0 + i, updated_by="bench", version=1 + i % 3,
        ))
    with write_session(engine) as s:
        s.execute(insert(Booking), rows)
        s.merge(Setting(key="longest_booking_s", value="36000"))
    return engine


def timed(label: str, fn: Callable[[], object], repeat: int = 3, goal: float | None = None) -> None:
    runs = []
    result: object = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t)
    med = statistics.median(runs)
    goal_text = f" (goal < {goal:g} s: {'met' if med < goal else 'MISSED'})" if goal else ""
    print(f"{label:<52} median {med:6.3f} s, best {min(runs):6.3f} s -> {result}{goal_text}")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        t = time.perf_counter()
        engine = seed(d / "bench.sqlite3")
        print(f"seeded 10,500 bookings in {time.perf_counter() - t:.2f} s")
        sheets.ensure_gui()
        timed("ICS: one calendar of 10,000 bookings", lambda: ics.write_calendar(
            engine, d / "big.ics", production="Big Season 大季"), goal=1.0)
        timed("ICS --all (242 files, 10,500 bookings), first run", lambda: len(
            ics.write_all_calendars(engine, d / f"feeds-{time.perf_counter_ns()}").written), repeat=1)
        ics.write_all_calendars(engine, d / "feeds")
        timed("ICS --all, nothing changed", lambda: len(
            ics.write_all_calendars(engine, d / "feeds").unchanged))
        timed("PDF: production sheet of 500 bookings", lambda: sheets.production_sheet(
            engine, "Sheet Show Шоу", d / "sheet.pdf"), goal=2.0)
        timed("CSV of 10,500 bookings", lambda: tables.write_csv(engine, BookingFilter(), d / "b.csv"))
        timed("XLSX of 10,500 bookings", lambda: tables.write_xlsx(engine, BookingFilter(), d / "b.xlsx"),
              repeat=1)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
