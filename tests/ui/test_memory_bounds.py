"""Memory bounds behind the GUI soak test (issue 3, part 7).

The conflicts panel refreshes the whole-lot conflicts report after every change. Read at
once, every booking of the lot (200,000 at scale) was a list of tuples alive together
(~65 MiB): each refresh raised the Python allocator's high-water mark, which it keeps. The
report streams its rows now; its peak stays a fraction of the lot's rows, however many.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable

from sqlalchemy import insert

from studio_booker.services.conflicts import STREAM_BATCH, conflict_report
from studio_booker.storage.engine import read_session, write_session
from studio_booker.storage.models import Booking
from studio_booker.storage.queries import raw_rows
from tests.conftest import t

RESOURCES, PER_RESOURCE = 20, 1000  # 20,000 bookings: ten batches of the report's read


def _fill_lot(engine, make_stage, make_production) -> None:
    ids = [make_stage(f"Stage {i}").id for i in range(RESOURCES)]
    production = make_production("The Red Silk").id
    t0 = t("2026-01-01 08:00")
    rows = [dict(resource_id=rid, production_id=production, start_utc=t0 + k * 86400,
                 end_utc=t0 + k * 86400 + 10 * 3600, status="confirmed", activity="shoot",
                 created_utc=t0, updated_utc=t0)
            for rid in ids for k in range(PER_RESOURCE)]
    with write_session(engine) as s:
        s.execute(insert(Booking), rows)


def _peak(fn: Callable[[], object]) -> int:
    """Bytes allocated at the peak of fn(), above what was allocated before."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        fn()
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def test_whole_lot_conflicts_report_does_not_hold_every_booking_at_once(engine, make_stage, make_production):
    assert RESOURCES * PER_RESOURCE >= 10 * STREAM_BATCH
    _fill_lot(engine, make_stage, make_production)
    assert conflict_report(engine) == []  # warm: settings, statements, resource rows cached

    def every_row() -> None:  # what the report read before: all the lot's rows in one list
        with read_session(engine) as s:
            rows = raw_rows(s, "SELECT id, resource_id, production_id, start_utc, end_utc, status, "
                               "activity, created_utc FROM booking WHERE status != 'cancelled'")
            assert len(rows) == RESOURCES * PER_RESOURCE

    all_rows = _peak(every_row)
    report = _peak(lambda: conflict_report(engine))
    assert report < all_rows / 2, (report, all_rows)
