"""What the timeline reads, behind one small adapter over the services (the widget never queries).

Everything here may wait for the database: the timeline calls it on its worker or on the
application's thread pool, never on the GUI thread once its first frame is painted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import tzinfo

from sqlalchemy import Engine

from ..errors import BookerError
from ..services import bookings as booking_service
from ..services import catalog, conflicts
from ..services.bookings import BookingDraft
from ..services.settings import get_settings
from ..services.timeline_data import ID, Bar, Flags, TimelineWindow, fetch_window, time_bounds
from ..services.views import BookingView, ResourceView

__all__ = ["Bar", "TimelineSource", "TimelineWindow"]

FETCHED_KEPT = 1000  # the ranges asked for, kept for tests and benchmarks (the last ones)
FLAGS_KEPT = 80_000  # conflict flags cached between fetches, at most (above a quarter-zoom window)


class TimelineSource:
    """Resources, the bars of a time window (with conflict flags and hold ranks), drop checks.

    Thread-safe: `fetch`, `booking`, `conflict_messages` and `check_drop` run on worker threads.
    `fetch_count` and `fetched` (the last ranges asked for, in order) let tests check
    that the view queries windows, not everything.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._tz: tzinfo = get_settings(engine).tz
        self._lock = threading.Lock()
        self.fetch_count = 0
        self.fetched: list[tuple[int, int]] = []
        self._flags: Flags = {}  # conflict flags by booking id, kept until the data changes

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def refresh_settings(self) -> None:
        self._tz = get_settings(self.engine).tz

    def read_tz(self) -> tzinfo:
        """The lot time zone as the database has it now (on a worker: see `use_tz`)."""
        return get_settings(self.engine).tz

    def use_tz(self, tz: tzinfo) -> None:
        """Take the time zone a worker read (on the GUI thread, with the reload it came with)."""
        self._tz = tz

    def flags_cached(self) -> int:
        """How many bookings' conflict flags are kept between reads (benchmarks)."""
        return len(self._flags)

    def flagged_ids(self) -> set[int]:
        """The bookings whose conflict flags are kept (tests)."""
        with self._lock:
            return set(self._flags)

    def resources(self) -> list[ResourceView]:
        """Every resource, in timeline order (stages, workshops, crew by department, natural names)."""
        return list(catalog.list_resources(self.engine, include_retired=True))

    def bounds(self) -> tuple[int, int] | None:
        return time_bounds(self.engine)

    def fetch(self, start: int, end: int, flags: bool = True, base: TimelineWindow | None = None,
              pause: Callable[[], object] | None = None) -> TimelineWindow:
        """The bars overlapping [start, end), one indexed range query (thread-safe).

        Conflict flags are computed for bars not seen since the last `forget()`
        (`flags=False`: not at all, for a fast first frame). With `base` (the window
        shown), only the stretches outside it are read. `pause`: see fetch_window."""
        with self._lock:
            self.fetch_count += 1
            self.fetched.append((start, end))
            del self.fetched[:-FETCHED_KEPT]
            known = self._flags
        window = fetch_window(self.engine, start, end, flags=flags, known=known, base=base, pause=pause)
        if len(known) > FLAGS_KEPT:  # a long session across the season: keep the window's flags only
            kept: Flags = {}
            for k, rows in enumerate(window.by_resource.values()):
                if pause is not None and k % 16 == 0:
                    pause()  # a quarter's window is tens of thousands of bars
                kept.update((r[ID], known[r[ID]]) for r in rows if r[ID] in known)
            with self._lock:
                if self._flags is known:
                    self._flags = kept
        return window

    def forget(self) -> None:
        """The data changed: flags must be computed again."""
        with self._lock:
            self._flags = {}

    def booking(self, booking_id: int) -> BookingView | None:
        try:
            return booking_service.get_booking(self.engine, booking_id)
        except BookerError:
            return None

    def conflict_messages(self, bar: Bar) -> list[str]:
        """The conflicts report's messages for the items this booking is in."""
        items = conflicts.conflict_report(self.engine, bar.start, bar.end, resource=bar.resource_id)
        return [c.message for c in items if bar.id in c.booking_ids]

    def check_drop(self, booking_id: int, resource_id: int, start: int, end: int) -> str | None:
        """Why moving/resizing the booking there would be refused, or None when it would be saved."""
        current = self.booking(booking_id)
        if current is None:
            return f"booking #{booking_id} no longer exists"
        draft = BookingDraft(resource_id, current.production_id, start, end, current.status,
                             current.activity, current.ref, current.notes)
        check = booking_service.check_booking(self.engine, draft, booking_id=booking_id)
        if check.problems:
            return check.problems[0]
        return check.refusal
