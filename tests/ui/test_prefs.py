"""Typed preferences with declared defaults, kept apart from window state, in a temporary QSettings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings

from studio_booker.ui.prefs import MAX_RECENT, Preferences, WindowState, make_settings


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


def test_settings_file_is_in_the_temporary_folder(settings_dir):
    assert make_settings().fileName().startswith(str(settings_dir))


def test_defaults_when_nothing_is_stored():
    prefs = Preferences()
    assert prefs.get(Preferences.ZOOM) == "week"
    assert prefs.get(Preferences.KINDS_SHOWN) == ["stage", "workshop", "crew"]
    assert prefs.get(Preferences.COLLAPSED) == []
    assert prefs.get(Preferences.LAST_DATABASE) == ""


def test_values_survive_a_new_settings_object():
    prefs = Preferences()
    prefs.set(Preferences.ZOOM, "quarter")
    prefs.set(Preferences.KINDS_SHOWN, ["stage"])  # a one-item list stays a list
    prefs.set(Preferences.COLLAPSED, ["Crew · 灯光组"])
    prefs.sync()
    again = Preferences()
    assert again.get(Preferences.ZOOM) == "quarter"
    assert again.get(Preferences.KINDS_SHOWN) == ["stage"]
    assert again.get(Preferences.COLLAPSED) == ["Crew · 灯光组"]


def test_a_bad_stored_value_falls_back_to_the_default():
    settings = make_settings()
    settings.setValue("preferences/zoom", '"fortnight"')
    settings.setValue("preferences/kinds", "not json")
    settings.setValue("preferences/collapsed_groups", '"a string, not a list"')
    prefs = Preferences(settings)
    assert prefs.get(Preferences.ZOOM) == "week"
    assert prefs.get(Preferences.KINDS_SHOWN) == ["stage", "workshop", "crew"]
    assert prefs.get(Preferences.COLLAPSED) == []


def test_recent_databases_most_recent_first_without_duplicates():
    prefs = Preferences()
    for i in range(MAX_RECENT + 3):
        prefs.remember_database(f"/lots/{i}.sqlite3")
    prefs.remember_database("/lots/3.sqlite3")
    recent = prefs.get(Preferences.RECENT)
    assert recent[0] == "/lots/3.sqlite3"
    assert len(recent) == MAX_RECENT and len(set(recent)) == MAX_RECENT
    assert prefs.get(Preferences.LAST_DATABASE) == "/lots/3.sqlite3"


def test_window_state_is_kept_apart_from_preferences():
    settings = make_settings()
    WindowState("main", settings).save(QByteArray(b"geometry-bytes"), QByteArray(b"state-bytes"))
    Preferences(settings).set(Preferences.ZOOM, "day")
    settings.sync()
    fresh = make_settings()
    assert WindowState("main", fresh).geometry() == QByteArray(b"geometry-bytes")
    assert WindowState("main", fresh).state() == QByteArray(b"state-bytes")
    fresh.beginGroup("preferences")
    assert sorted(fresh.childKeys()) == ["zoom"]
    fresh.endGroup()
    assert WindowState("other", fresh).geometry() is None
