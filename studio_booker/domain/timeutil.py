"""Instants (int seconds, UTC) <-> what people type and read, in the lot time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.parser import isoparse

DEFAULT_LOT_TZ = "Asia/Shanghai"


class TimeFormatError(ValueError):
    """A time that cannot be read; the message says what is accepted."""


ACCEPTED = "an ISO 8601 date or time such as 2026-12-03, 2026-12-03T08:00 or 2026-12-03 08:00+08:00"


def lot_zone(name: str = DEFAULT_LOT_TZ) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TimeFormatError(f"unknown time zone {name!r}") from exc


def parse_instant(text: str, tz: tzinfo) -> int:
    """Read a user's time; without an offset it is lot time, a date alone is its midnight."""
    raw = text.strip()
    if not raw:
        raise TimeFormatError(f"empty time; expected {ACCEPTED}")
    try:
        value = isoparse(raw)
    except (ValueError, OverflowError) as exc:
        raise TimeFormatError(f"cannot read {text!r} as a time; expected {ACCEPTED}") from exc
    return to_instant(value, tz)


def to_instant(value: datetime | date, tz: tzinfo) -> int:
    """A datetime (naive means lot time) or a date (its lot midnight) as an instant."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return int(value.timestamp())


def to_local(instant: int, tz: tzinfo) -> datetime:
    return datetime.fromtimestamp(instant, tz)


def to_utc(instant: int) -> datetime:
    return datetime.fromtimestamp(instant, UTC)


@lru_cache(maxsize=65536)  # a report or an export repeats the same instants
def iso_local(instant: int, tz: tzinfo) -> str:
    """`2026-12-03T08:00:00+08:00`: lot time with its offset, as the JSON output gives it."""
    return to_local(instant, tz).isoformat()


@lru_cache(maxsize=65536)  # reports format the same instants again and again
def short_local(instant: int, tz: tzinfo) -> str:
    """`2026-12-03 08:00`, for messages and tables."""
    return to_local(instant, tz).strftime("%Y-%m-%d %H:%M")


def now_instant() -> int:
    return int(datetime.now(UTC).timestamp())
