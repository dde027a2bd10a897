"""What the timeline says in words: bar labels, tooltips, the status line about a bar.

Plain functions of plain values (no widgets): the tooltip's words are put together on a worker
thread, where the booking and its conflicts are read (see TimelineSource.tooltip).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from ...domain.timeutil import short_local
from ...domain.wording import ordinal
from ...services.timeline_data import ACTIVITY, PRODUCTION, RANK, STATUS
from ...services.views import BookingView, ResourceView
from ..timeline_source import Bar, TimelineSource

MAX_TEXTS = 4000
CHECKING = "checking…"  # a tooltip while its booking and conflicts are read


class LabelTexts:
    """A bar's label ("The Red Silk · shoot · 2nd hold"), by what it says: a paint asks for
    hundreds, made from a few distinct (production, activity, rank, status)."""

    def __init__(self) -> None:
        self._texts: dict[tuple[str | None, str, int, str], str] = {}

    def of(self, bar: Sequence[Any]) -> str:
        """The label of a Bar or a window's bar row (the same fields at the same indexes)."""
        key = (bar[PRODUCTION], bar[ACTIVITY], bar[RANK], bar[STATUS])
        label = self._texts.get(key)
        if label is None:
            label = bar_label(*key)
            if len(self._texts) >= MAX_TEXTS:
                self._texts.clear()
            self._texts[key] = label
        return label

    def clear(self) -> None:
        self._texts.clear()


def bar_label(production: str | None, activity: str, rank: int, status: str) -> str:
    label = f"{production} · {activity}" if production else "Maintenance"
    if rank:
        label += f" · {ordinal(rank)} hold"
    elif status == "hold":
        label += " · hold"
    elif status == "cancelled":
        label += " · cancelled"
    return label


def booking_tooltip(view: BookingView | None, bar: Bar | None, messages: list[str], tz: tzinfo,
                    booking_id: int) -> str:
    """A bar's tooltip: the booking as the database has it, and the conflicts it is in."""
    if view is None:
        return f"booking #{booking_id} no longer exists"
    lines = [
        f"#{view.id}" + (f"  ref {view.ref}" if view.ref else ""),
        f"Resource: {view.resource} ({view.resource_kind})",
        f"Production: {view.production or '— (maintenance)'}",
        f"Activity: {view.activity}",
        f"Status: {view.status}" + (f" ({ordinal(bar.rank)} hold)" if bar and bar.rank else ""),
        f"From {short_local(view.start, tz)} to {short_local(view.end, tz)} (lot time)",
    ]
    if view.notes:
        lines.append(f"Notes: {view.notes}")
    if messages:
        lines.append("")
        lines += [f"⚠ {m}" for m in messages]
    return "\n".join(lines)


def resource_tooltip(r: ResourceView) -> str:
    lines = [f"{r.name} ({r.kind})", f"capacity {r.capacity}"]
    if r.area_m2:
        lines.append(f"{r.area_m2:g} m²")
    if r.department or r.role:
        lines.append(" · ".join(x for x in (r.department, r.role) if x))
    if r.features:
        lines.append(", ".join(r.features))
    if not r.active:
        lines.append("retired")
    return "\n".join(lines)


def resource_label(r: ResourceView) -> str:
    """A resource's name as the name column shows it."""
    return r.name if r.active else r.name + "  (retired)"


def hover_status(b: Bar, tz: tzinfo) -> str:
    return (f"#{b.id} {b.production or 'maintenance'}, {b.activity}, {b.status}, "
            f"{short_local(b.start, tz)} – {short_local(b.end, tz)}")


def drop_status(reason: str | None, start: int, end: int, tz: tzinfo) -> str:
    return reason if reason else f"drop here: {short_local(start, tz)} – {short_local(end, tz)}"


def read_tooltip(source: TimelineSource, booking_id: int, bar: Bar | None) -> str:
    """The tooltip of a booking, read from the database (run it on a worker thread)."""
    view = source.booking(booking_id)
    messages = source.conflict_messages(bar) if bar is not None and (bar.severity or bar.rank) else []
    return booking_tooltip(view, bar, messages, source.tz, booking_id)
