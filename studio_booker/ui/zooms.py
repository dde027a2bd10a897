"""The timeline's zoom levels: one list, read by the scale, the View menu and the preferences."""

from __future__ import annotations

ZOOMS: dict[str, float] = {"day": 60.0, "week": 8.0, "month": 1.5, "quarter": 0.5}  # pixels per hour
ZOOM_ORDER: tuple[str, ...] = tuple(ZOOMS)  # zoom_in goes left
