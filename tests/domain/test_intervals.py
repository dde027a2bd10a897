"""The half-open overlap test (domain.intervals.overlaps) and its SQL twin
(storage.queries.overlapping) on one boundary matrix, the SQL side on a real database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from studio_booker.domain.intervals import IntervalIndex, overlaps
from studio_booker.domain.records import Slot
from studio_booker.services import bookings
from studio_booker.services.bookings import BookingDraft
from studio_booker.services.reads import longest_booking
from studio_booker.storage.engine import read_session
from studio_booker.storage.models import Booking
from studio_booker.storage.queries import LONGEST_SQL, overlap_sql, overlapping, raw_rows

A = (10, 20)  # the booking every case is compared with: [10, 20)

# (name, other interval, overlaps [10, 20)?)
MATRIX = [
    ("touching before", (0, 10), False),
    ("touching after", (20, 30), False),
    ("one second apart before", (0, 9), False),
    ("one second apart after", (21, 30), False),
    ("far before", (0, 3), False),
    ("far after", (25, 40), False),
    ("identical", (10, 20), True),
    ("nested inside", (12, 15), True),
    ("containing", (5, 25), True),
    ("same start, shorter", (10, 15), True),
    ("same start, longer", (10, 25), True),
    ("same end, shorter", (15, 20), True),
    ("same end, longer", (5, 20), True),
    ("one instant at the start", (0, 11), True),
    ("one instant at the end", (19, 30), True),
    ("first instant only", (10, 11), True),
    ("last instant only", (19, 20), True),
]

# zero-length intervals are never stored (start < end); as query windows the formula
# reads them as a point strictly inside the booking
ZERO_LENGTH = [
    ("empty at the start", (10, 10), False),
    ("empty at the end", (20, 20), False),
    ("empty before", (5, 5), False),
    ("empty after", (25, 25), False),
    ("empty strictly inside", (15, 15), True),
]


@pytest.mark.parametrize(("name", "other", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_overlaps_matrix(name: str, other: tuple[int, int], expected: bool) -> None:
    assert overlaps(*A, *other) is expected
    assert overlaps(*other, *A) is expected  # symmetric


@pytest.mark.parametrize(("name", "other", "expected"), ZERO_LENGTH, ids=[m[0] for m in ZERO_LENGTH])
def test_overlaps_zero_length_query(name: str, other: tuple[int, int], expected: bool) -> None:
    assert overlaps(*A, *other) is expected


def test_two_zero_length_intervals_never_overlap() -> None:
    assert not overlaps(5, 5, 5, 5)
    assert not overlaps(5, 5, 4, 4)


BASE = 1_796_256_000  # 2026-12-03 00:00 UTC: real-looking instants in the database


def test_sql_twin_gives_the_same_answers_on_a_real_database(engine, make_stage, make_production) -> None:
    make_stage("Stage 7")
    make_production("The Red Silk")
    stored: dict[int, tuple[int, int]] = {}
    for _, (s, e), _ in [("A", A, True), *MATRIX]:
        draft = BookingDraft("Stage 7", "The Red Silk", BASE + s, BASE + e, "hold")
        stored[bookings.create_booking(engine, draft, "tester").id] = (s, e)
    queries = [A, *(m[1] for m in MATRIX), *(z[1] for z in ZERO_LENGTH)]
    with read_session(engine) as s:
        longest = longest_booking(s)
        assert longest == max(e - b for b, e in stored.values())
        for qs, qe in queries:
            got = set(s.scalars(select(Booking.id).where(
                overlapping(Booking.start_utc, Booking.end_utc, BASE + qs, BASE + qe, longest))))
            want = {i for i, (bs, be) in stored.items() if overlaps(bs, be, qs, qe)}
            assert got == want, f"query [{qs}, {qe})"
    # and the matrix's own answers against A, through SQL
    a_id = next(i for i, iv in stored.items() if iv == A)
    with read_session(engine) as s:
        for name, (qs, qe), expected in MATRIX + ZERO_LENGTH:
            hit = s.scalar(select(Booking.id).where(
                Booking.id == a_id,
                overlapping(Booking.start_utc, Booking.end_utc, BASE + qs, BASE + qe, longest)))
            assert (hit is not None) is expected, name
    # the raw SQL twin, with the longest booking as a parameter and as the setting's subquery
    with read_session(engine) as s:
        for longest_sql in (":longest", LONGEST_SQL):
            sql = f"SELECT id FROM booking WHERE {overlap_sql(longest=longest_sql)}"
            for qs, qe in queries:
                got = {r[0] for r in raw_rows(s, sql, {"lo": BASE + qs, "hi": BASE + qe,
                                                       "longest": longest})}
                want = {i for i, (bs, be) in stored.items() if overlaps(bs, be, qs, qe)}
                assert got == want, f"{longest_sql}: query [{qs}, {qe})"


def slot(i: int, start: int, end: int) -> Slot:
    return Slot(i, 1, 1, start, end, "confirmed", "shoot", 0)


def test_interval_index_answers_like_the_overlap_test_as_bookings_are_added() -> None:
    """The one interval index (rules, the import's check, the demo's planner), built at once or
    grown a booking at a time, against the plain overlap test on the boundary matrix."""
    others = [slot(i, s, e) for i, (_, (s, e), _) in enumerate(MATRIX, start=2)]
    grown: IntervalIndex[Slot] = IntervalIndex()
    for b in reversed(others):  # out of order: add() keeps (start, end, id) order
        grown.add(b)
    built = IntervalIndex(others)
    small = IntervalIndex(others[: IntervalIndex.SMALL])  # scanned, not bisected
    assert len(grown) == len(built) == len(others) > IntervalIndex.SMALL
    for qs, qe in [A, *(m[1] for m in MATRIX), *(z[1] for z in ZERO_LENGTH), (-5, 100)]:
        want = sorted((b for b in others if overlaps(b.start, b.end, qs, qe)),
                      key=lambda b: (b.start, b.end, b.id))
        assert grown.overlapping(qs, qe) == built.overlapping(qs, qe) == want, (qs, qe)
        assert small.overlapping(qs, qe) == [b for b in want if b in others[: IntervalIndex.SMALL]]
    # a long booking added later widens every look-up's reach
    grown.add(slot(99, -1000, 1000))
    assert [b.id for b in grown.overlapping(500, 600)] == [99]
