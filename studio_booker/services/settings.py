"""Lot-wide settings kept in the database (shared by every coordinator of it)."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from ..domain.timeutil import DEFAULT_LOT_TZ, TimeFormatError, lot_zone
from ..errors import InputError
from ..storage.engine import read_session, write_session
from ..storage.models import Setting

DEFAULTS: dict[str, str] = {
    "lot_timezone": DEFAULT_LOT_TZ,
    "min_rest_hours": "10",
    "lot_name": "Oriental Film Metropolis, Qingdao",
    "longest_booking_s": "0",
}


@dataclass(frozen=True)
class LotSettings:
    lot_name: str
    timezone_name: str
    min_rest_s: int

    @property
    def tz(self) -> ZoneInfo:
        return lot_zone(self.timezone_name)


def _values(engine: Engine) -> dict[str, str]:
    with read_session(engine) as s:
        stored = dict(s.execute(select(Setting.key, Setting.value)).all())
    return {**DEFAULTS, **stored}


def get_settings(engine: Engine) -> LotSettings:
    v = _values(engine)
    return LotSettings(
        lot_name=v["lot_name"],
        timezone_name=v["lot_timezone"],
        min_rest_s=int(round(float(v["min_rest_hours"]) * 3600)),
    )


def set_setting(engine: Engine, key: str, value: str) -> None:
    if key not in DEFAULTS or key == "longest_booking_s":
        raise InputError(f"unknown setting {key!r}; known: lot_name, lot_timezone, min_rest_hours")
    if key == "lot_timezone":
        try:
            lot_zone(value)
        except TimeFormatError as exc:
            raise InputError(f"{exc}; use a name such as Asia/Shanghai") from exc
    if key == "min_rest_hours":
        try:
            if float(value) < 0:
                raise ValueError
        except ValueError as exc:
            raise InputError(f"min_rest_hours must be a number of hours >= 0, not {value!r}") from exc
    with write_session(engine) as s:
        s.merge(Setting(key=key, value=value))
