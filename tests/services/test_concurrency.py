"""Two coordinators saving at the same moment from different processes on one database file:
the enforcement check and the write are one transaction no other writer can interleave with."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from studio_booker.services import bookings
from tests.conftest import t

WORKERS = 6


def _race(db: str, n: int, barrier, results) -> None:  # runs in a fresh process
    from studio_booker.errors import ConflictRefused
    from studio_booker.services.bookings import BookingDraft, create_booking
    from studio_booker.storage.engine import open_database

    engine = open_database(db)
    # overlapping confirmed slots on one stage, each a little different
    draft = BookingDraft("Stage 7", f"Production {n}", t("2026-12-03 08:00") + n * 600,
                         t("2026-12-03 18:00") + n * 600, "confirmed")
    barrier.wait()
    try:
        view = create_booking(engine, draft, f"coordinator-{n}")
        results.put((n, "won", view.id))
    except ConflictRefused as exc:
        results.put((n, "refused", str(exc)))
    except Exception as exc:  # "database is locked" or anything else would land here
        results.put((n, "crashed", f"{type(exc).__name__}: {exc}"))


def test_only_one_of_simultaneous_confirmed_bookings_wins(engine, db_path: Path, make_stage,
                                                          make_production):
    make_stage("Stage 7")
    for n in range(WORKERS):
        make_production(f"Production {n}")
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    procs = [ctx.Process(target=_race, args=(str(db_path), n, barrier, results))
             for n in range(WORKERS)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0

    crashed = [o for o in outcomes if o[1] == "crashed"]
    assert crashed == []
    winners = [o for o in outcomes if o[1] == "won"]
    assert len(winners) == 1
    winner_n, _, winner_id = winners[0]
    refused = [o for o in outcomes if o[1] == "refused"]
    assert len(refused) == WORKERS - 1
    for _, _, message in refused:  # each refusal names the booking that won
        assert f"#{winner_id}" in message and f"Production {winner_n}" in message

    saved = bookings.find_bookings(engine)
    assert [(b.id, b.production, b.status) for b in saved] == [
        (winner_id, f"Production {winner_n}", "confirmed")
    ]
