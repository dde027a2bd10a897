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
    "backup_every_days": "1",
    "backup_keep": "14",
}

# what a coordinator may set, in the order messages and listings name them
# (longest_booking_s is bookkeeping kept by the services, not a setting)
SETTABLE: tuple[str, ...] = (
    "lot_name", "lot_timezone", "min_rest_hours", "backup_every_days", "backup_keep",
)

EXPLANATIONS: dict[str, str] = {
    "lot_name": "the lot's name, printed on booking sheets",
    "lot_timezone": "the lot's time zone (an IANA name such as Asia/Shanghai): times without an "
                    "offset are read in it and shown in it",
    "min_rest_hours": "the rest a crew member needs between two bookings, in hours (a number >= 0)",
    "backup_every_days": "the window takes a backup of an SQLite database when it opens it and the "
                         "newest backup is this many days old or more (a whole number >= 0; 0 = no "
                         "automatic backups)",
    "backup_keep": "how many automatic backups of this database to keep; older ones are deleted "
                   "(a whole number >= 1)",
}


@dataclass(frozen=True)
class LotSettings:
    lot_name: str
    timezone_name: str
    min_rest_s: int
    backup_every_days: int = int(DEFAULTS["backup_every_days"])
    backup_keep: int = int(DEFAULTS["backup_keep"])

    @property
    def tz(self) -> ZoneInfo:
        return lot_zone(self.timezone_name)


def _values(engine: Engine) -> dict[str, str]:
    with read_session(engine) as s:
        stored = dict(s.execute(select(Setting.key, Setting.value)).all())
    return {**DEFAULTS, **stored}


def setting_values(engine: Engine) -> dict[str, str]:
    """Every settable setting's current text (the default where none was stored)."""
    values = _values(engine)
    return {key: values[key] for key in SETTABLE}


def _whole(values: dict[str, str], key: str, least: int) -> int:
    """A stored whole-number setting; the default when the stored text is not one (set by hand)."""
    try:
        number = int(values[key].strip())
    except ValueError:
        return int(DEFAULTS[key])
    return number if number >= least else int(DEFAULTS[key])


def get_settings(engine: Engine) -> LotSettings:
    v = _values(engine)
    return LotSettings(
        lot_name=v["lot_name"],
        timezone_name=v["lot_timezone"],
        min_rest_s=int(round(float(v["min_rest_hours"]) * 3600)),
        backup_every_days=_whole(v, "backup_every_days", 0),
        backup_keep=_whole(v, "backup_keep", 1),
    )


def _check_whole(key: str, value: str, least: int, what: str) -> str:
    try:
        number = int(value.strip())
    except ValueError:
        number = least - 1
    if number < least:
        raise InputError(f"{key} must be a whole number {what}, not {value!r}")
    return str(number)


def set_setting(engine: Engine, key: str, value: str) -> None:
    if key not in SETTABLE:
        raise InputError(f"unknown setting {key!r}; known: {', '.join(SETTABLE)}")
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
    if key == "backup_every_days":
        value = _check_whole(key, value, 0, "of days >= 0 (0 turns automatic backups off)")
    if key == "backup_keep":
        value = _check_whole(key, value, 1, "of backups to keep, 1 or more")
    with write_session(engine) as s:
        s.merge(Setting(key=key, value=value))
