"""User preferences (typed, with declared defaults) and window state, kept apart, in QSettings.

Preferences are what a coordinator chose (zoom, shown kinds, recent databases);
window state is what the window looked like (geometry, dock layout). Both live
in QSettings under the same organisation, in separate groups, so resetting one
never touches the other. Tests point QSettings at a temporary folder with
`QSettings.setPath(...)` before creating either.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from ..domain.records import KINDS
from ..i18n import LANGUAGES
from .zooms import ZOOM_ORDER as ZOOMS

ORGANISATION = "StudioBooker"
APPLICATION = "Studio Booker"
MAX_RECENT = 8

T = TypeVar("T")


def make_settings() -> QSettings:
    """The application's settings store (an INI file in the user's config folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


@dataclass(frozen=True)
class Pref(Generic[T]):
    """One preference: its key, its default, and how to check a stored value."""

    key: str
    default: T
    choices: tuple[Any, ...] | None = None

    def read(self, settings: QSettings) -> T:
        raw = settings.value(self.key)
        if raw is None:
            return self.default
        try:
            value = json.loads(str(raw))
        except ValueError:
            return self.default
        if not isinstance(value, type(self.default)):
            return self.default
        if self.choices is not None:
            items = value if isinstance(value, list) else [value]
            if any(v not in self.choices for v in items):
                return self.default
        return value  # type: ignore[no-any-return]

    def write(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, json.dumps(value, ensure_ascii=False))


class Preferences:
    """Typed access to the user's preferences (group "preferences")."""

    ZOOM = Pref("zoom", "week", ZOOMS)
    KINDS_SHOWN = Pref("kinds", list(KINDS), KINDS)
    COLLAPSED = Pref("collapsed_groups", list[str]())
    LAST_DATABASE = Pref("last_database", "")
    RECENT = Pref("recent_databases", list[str]())
    DEMO_OFFERED = Pref("demo_offered", False)
    LANGUAGE = Pref("language", "", ("", *LANGUAGES))  # "": the system's language

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or make_settings()

    def get(self, pref: Pref[T]) -> T:
        self._settings.beginGroup("preferences")
        try:
            return pref.read(self._settings)
        finally:
            self._settings.endGroup()

    def set(self, pref: Pref[T], value: T) -> None:
        self._settings.beginGroup("preferences")
        try:
            pref.write(self._settings, value)
        finally:
            self._settings.endGroup()

    def remember_database(self, path: str) -> None:
        """Make `path` the last database and the first of the recent ones."""
        self.set(self.LAST_DATABASE, path)
        recent = [p for p in self.get(self.RECENT) if p != path]
        self.set(self.RECENT, [path, *recent][:MAX_RECENT])

    def sync(self) -> None:
        self._settings.sync()


class WindowState:
    """Geometry and dock/toolbar layout of a window (group "window/<name>")."""

    def __init__(self, name: str, settings: QSettings | None = None) -> None:
        self._settings = settings or make_settings()
        self._group = f"window/{name}"

    def _get(self, key: str) -> QByteArray | None:
        value = self._settings.value(f"{self._group}/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._get("geometry")

    def state(self) -> QByteArray | None:
        return self._get("state")

    def save(self, geometry: QByteArray, state: QByteArray | None = None) -> None:
        self._settings.setValue(f"{self._group}/geometry", geometry)
        if state is not None:
            self._settings.setValue(f"{self._group}/state", state)
        self._settings.sync()
