"""services.settings: lot-wide settings kept in the database."""

from __future__ import annotations

import pytest

from studio_booker.errors import InputError
from studio_booker.services.settings import get_settings, set_setting


def test_defaults(engine):
    st = get_settings(engine)
    assert (st.timezone_name, st.min_rest_s) == ("Asia/Shanghai", 10 * 3600)
    assert str(st.tz) == "Asia/Shanghai" and "Qingdao" in st.lot_name


def test_changes_are_kept_in_the_database(engine, db_path):
    from studio_booker.storage.engine import open_database

    set_setting(engine, "lot_timezone", "Europe/Moscow")
    set_setting(engine, "min_rest_hours", "11.5")
    set_setting(engine, "lot_name", "Hengdian")
    other = open_database(db_path)  # another coordinator's program on the same file
    try:
        st = get_settings(other)
    finally:
        other.dispose()
    assert (st.timezone_name, st.min_rest_s, st.lot_name) == ("Europe/Moscow", 41400, "Hengdian")


@pytest.mark.parametrize(("key", "value", "message"), [
    ("lot_timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'; use a name such as Asia/Shanghai"),
    ("min_rest_hours", "-1", "min_rest_hours must be a number of hours >= 0, not '-1'"),
    ("min_rest_hours", "ten", "not 'ten'"),
    ("longest_booking_s", "5", "unknown setting 'longest_booking_s'"),
    ("colour", "red", "unknown setting 'colour'; known: lot_name, lot_timezone, min_rest_hours"),
])
def test_bad_settings_are_refused_and_nothing_changes(engine, key, value, message):
    with pytest.raises(InputError) as err:
        set_setting(engine, key, value)
    assert message in str(err.value)
    st = get_settings(engine)
    assert (st.timezone_name, st.min_rest_s) == ("Asia/Shanghai", 10 * 3600)
