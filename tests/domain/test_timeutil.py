"""Instants (int seconds, UTC) <-> what people type and read, in the lot time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from studio_booker.domain.timeutil import (
    TimeFormatError,
    iso_local,
    lot_zone,
    parse_instant,
    short_local,
    to_local,
)

SHANGHAI = lot_zone("Asia/Shanghai")
UTC_0800_LOCAL = int(datetime(2026, 12, 3, 0, 0, tzinfo=UTC).timestamp())  # 08:00 in Shanghai


@pytest.mark.parametrize("text", [
    "2026-12-03T08:00", "2026-12-03 08:00", "2026-12-03T08:00:00", " 2026-12-03 08:00 ",
    "2026-12-03T08:00+08:00", "2026-12-03T00:00Z", "2026-12-03T00:00:00+00:00",
    "2026-12-02T19:00-05:00",
])
def test_parse_forms_give_the_same_instant(text: str) -> None:
    assert parse_instant(text, SHANGHAI) == UTC_0800_LOCAL


def test_a_time_without_offset_is_lot_time() -> None:
    berlin = lot_zone("Europe/Berlin")
    assert parse_instant("2026-12-03 08:00", berlin) - parse_instant("2026-12-03 08:00", SHANGHAI) == 7 * 3600


def test_a_date_alone_is_its_lot_midnight() -> None:
    assert parse_instant("2026-12-03", SHANGHAI) == UTC_0800_LOCAL - 8 * 3600
    assert short_local(parse_instant("2026-12-03", SHANGHAI), SHANGHAI) == "2026-12-03 00:00"


def test_instants_are_ints() -> None:
    assert type(parse_instant("2026-12-03 08:00:30", SHANGHAI)) is int


@pytest.mark.parametrize("text", ["", "   ", "tomorrow", "2026-13-01", "2026-12-03 25:00", "03/12/2026"])
def test_unreadable_times_raise_a_clear_error(text: str) -> None:
    with pytest.raises(TimeFormatError) as err:
        parse_instant(text, SHANGHAI)
    assert "ISO 8601" in str(err.value)
    if text.strip():
        assert repr(text) in str(err.value)


def test_shown_in_lot_time_with_offset() -> None:
    assert iso_local(UTC_0800_LOCAL, SHANGHAI) == "2026-12-03T08:00:00+08:00"
    assert short_local(UTC_0800_LOCAL, SHANGHAI) == "2026-12-03 08:00"
    assert to_local(UTC_0800_LOCAL, SHANGHAI).hour == 8
    assert iso_local(UTC_0800_LOCAL, lot_zone("UTC")) == "2026-12-03T00:00:00+00:00"


def test_summer_time_zone_offsets_follow_the_date() -> None:
    berlin = lot_zone("Europe/Berlin")
    assert iso_local(parse_instant("2026-07-01 08:00", berlin), berlin) == "2026-07-01T08:00:00+02:00"
    assert iso_local(parse_instant("2026-12-01 08:00", berlin), berlin) == "2026-12-01T08:00:00+01:00"


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(TimeFormatError, match="Mars/Olympus"):
        lot_zone("Mars/Olympus")
