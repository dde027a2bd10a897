"""Billed days (domain.billing): calendar days for stages and workshops, days of work for crew."""

from __future__ import annotations

import pytest

from studio_booker.domain.billing import billed_days, lot_days
from tests.conftest import t

CASES = [
    # kind, start, end, billed days
    ("crew", "2026-12-02 22:00", "2026-12-03 06:00", 1),  # a night shift: one day's work
    ("crew", "2026-12-02 08:00", "2026-12-02 20:00", 1),
    ("crew", "2026-12-02 06:00", "2026-12-03 06:00", 1),  # 24 hours
    ("crew", "2026-12-02 06:00", "2026-12-03 08:00", 2),  # 26 hours: more than a day's work
    ("crew", "2026-12-05 07:00", "2026-12-07 19:00", 3),
    ("stage", "2026-12-02 22:00", "2026-12-03 06:00", 2),  # taken on both calendar days
    ("stage", "2026-12-02 08:00", "2026-12-03 00:00", 1),  # ends at midnight: one day
    ("workshop", "2026-12-02 08:00", "2026-12-04 18:00", 3),
]


@pytest.mark.parametrize(("kind", "start", "end", "days"), CASES)
def test_billed_days(tz, kind, start, end, days):
    assert billed_days(kind, t(start), t(end), tz) == days


def test_stages_and_workshops_keep_the_calendar_day_count(tz):
    for _, start, end, _ in CASES:
        for kind in ("stage", "workshop"):
            assert billed_days(kind, t(start), t(end), tz) == lot_days(t(start), t(end), tz)
