"""Soak test of the desktop window (issue 3, part 7), run on demand: `python benchmarks/soak_gui.py`.

Not a `bench_*.py` file on purpose: `benchmarks/run_all.py` runs `bench_*.py` only, and
this takes minutes. It opens the MainWindow offscreen on a copy of the cached
200,000-booking database and drives it for `--minutes` (default 4): horizontal and
vertical scrolling, zoom changes, the booking editor opened on a visible booking and
closed (saved unchanged or rejected), the editor for a new booking opened and cancelled,
conflicts-panel rows selected, and thousands of forced repaints, with the event loop
run between steps. Every exception is caught and counted, and so is every call of the
application's exception hook (its dialog and log entry). Memory (RSS) is read after
the first minute and at the end, in the same view state (week zoom at the season start),
after a garbage collection with the reads done.

PASS = no exception, no hook call, and RSS at the end within 10 % of RSS after minute 1.
`--trace` adds tracemalloc and counts of live objects by type at both points (to hunt a leak).
`--verbose` logs RSS every 15 s and every rise of pymalloc's arenas with the step that caused it,
and prints where the memory is at both points (glibc heap, pymalloc arenas, SQLite, mappings,
Qt objects, caches) and which long-lived cache keeps arenas from being returned.

Python's small-object allocator returns a 1 MiB arena only when every object in it is freed,
so RSS follows the high-water mark of Python objects alive at once, not what is alive now:
a transient peak (a whole-lot read, two large timeline windows at once) shows as growth.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LIMIT_GROWTH = 0.10


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def memory_breakdown() -> dict[str, int]:
    """Where the resident memory is (bytes): glibc heap in use / free, pymalloc, SQLite, mappings."""
    import ctypes
    import ctypes.util

    out: dict[str, int] = {"rss": rss_bytes()}
    kinds: Counter[str] = Counter()
    name = ""
    with open("/proc/self/smaps") as f:
        for line in f:
            head = line.split()
            if not head:
                continue
            if "-" in head[0] and not head[0].endswith(":"):
                name = head[5] if len(head) > 5 else "[anon]"
            elif head[0] == "Rss:":
                key = name if name.startswith("[") else ("file:" + name.rsplit("/", 1)[-1])
                kinds[key if not key.startswith("file:") else "file-backed"] += int(head[1]) * 1024
    out.update({f"smaps {k}": v for k, v in kinds.items()})

    class MallInfo2(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd",
                                                     "usmblks", "fsmblks", "uordblks", "fordblks",
                                                     "keepcost")]
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = MallInfo2
        mi = libc.mallinfo2()
        out.update({"malloc arena (sbrk+heaps)": mi.arena, "malloc in use": mi.uordblks,
                    "malloc free": mi.fordblks, "malloc mmapped": mi.hblkhd})
    except (OSError, AttributeError):
        pass
    lib = ctypes.util.find_library("sqlite3")
    if lib:
        sq = ctypes.CDLL(lib)
        sq.sqlite3_memory_used.restype = ctypes.c_int64
        out["sqlite memory used"] = sq.sqlite3_memory_used()
    out["python allocated blocks"] = sys.getallocatedblocks()
    out.update(pymalloc_stats())
    out["threads"] = len(os.listdir("/proc/self/task"))
    return out


def pymalloc_stats() -> dict[str, int]:
    """pymalloc's arenas (1 MiB each, mmapped: freed only when every pool in them is empty)."""
    import tempfile

    wanted = {"# arenas allocated current": "pymalloc arenas",
              "# arenas highwater mark": "pymalloc arenas peak",
              "# bytes in allocated blocks": "pymalloc bytes in use",
              "# bytes in available blocks": "pymalloc bytes free in used pools"}
    with tempfile.TemporaryFile(mode="w+") as tmp:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(tmp.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        tmp.seek(0)
        out: dict[str, int] = {}
        for line in tmp:
            key, _, value = line.partition("=")
            for prefix, name in wanted.items():
                if key.strip() == prefix:
                    out[name] = int(value.strip().replace(",", ""))
        return out


def live_types() -> Counter[str]:
    out: Counter[str] = Counter()
    for o in gc.get_objects():
        t = type(o)
        out[f"{getattr(t, '__module__', '?')}.{getattr(t, '__qualname__', t.__name__)}"] += 1
    return out


class Soak:
    def __init__(self, minutes: float, seed: int, trace: bool, workdir: Path, verbose: bool = False) -> None:
        from PySide6.QtCore import QSettings, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from benchmarks.common import copy_db, scale_db
        from studio_booker.storage.engine import open_database
        from studio_booker.ui.errors import ExceptionHook
        from studio_booker.ui.main_window import MainWindow
        from studio_booker.ui.prefs import Preferences

        self.minutes, self.trace, self.verbose, self.workdir = minutes, trace, verbose, workdir
        self.seed = seed
        self.rng = random.Random(seed)
        self.counts: Counter[str] = Counter()
        self.errors: list[str] = []
        self.breakdowns: list[dict[str, int]] = []
        self.arenas_seen = 0
        self.qt_warnings: Counter[str] = Counter()
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(workdir / "settings"))
        from studio_booker.ui.perf import tune_interpreter

        tune_interpreter()  # as run_gui does
        self.app = QApplication.instance() or QApplication([])
        qInstallMessageHandler(self._qt_message)
        db = copy_db(scale_db(200_000), workdir / "soak.sqlite3")
        self.engine = open_database(db)
        soak = self

        class CountingHook(ExceptionHook):
            def __call__(self, kind: type[BaseException], exc: BaseException,
                         tb: TracebackType | None) -> None:
                soak.counts["exception hook calls"] += 1
                soak.errors.append("".join(traceback.format_exception(kind, exc, tb)))
                super().__call__(kind, exc, tb)

        self.hook = CountingHook(log_path=workdir / "soak.log")
        self.hook.install()
        self.window = MainWindow(self.engine, str(db), Preferences(), user="soak")
        self.hook.parent = self.window
        self.window.resize(1600, 1000)
        self.window.show()
        self.timeline = self.window.timeline

    def _qt_message(self, mode: Any, _context: Any, message: str) -> None:
        self.qt_warnings[message[:120]] += 1

    # ---- helpers -------------------------------------------------------------------------
    def pump(self) -> None:
        self.app.processEvents()

    def settle(self, timeout_s: float = 60.0) -> None:
        """Run the event loop until the timeline, the conflicts panel and the bookings list have
        no read pending (a measurement taken while the list's month of bookings is read, or not
        yet, differs by the whole list: the growth figure then measured when the list landed)."""
        end = time.perf_counter() + timeout_s
        page = self.window.management.bookings
        while time.perf_counter() < end and (self.timeline.is_fetching()
                                             or self.window.conflicts.is_refreshing()
                                             or page.is_loading()):
            self.app.processEvents()
            time.sleep(0.002)  # the workers need the GIL
        else:
            self.app.processEvents()
            return
        self.counts["settle timeouts"] += 1
        self.app.processEvents()

    def measure(self) -> tuple[int, Counter[str] | None, Any]:
        """RSS in one fixed view state (week zoom at the season start, reads done, garbage collected),
        so that two measurements compare the same working set and differ only by what leaked."""
        from benchmarks.common import START
        from studio_booker.domain.timeutil import to_instant

        self.window.set_zoom("week")
        self.timeline.verticalScrollBar().setValue(0)
        self.timeline.go_to(to_instant(START, self.timeline.source.tz))
        self.settle()
        for _ in range(3):
            self.app.processEvents()
            gc.collect()
        rss = rss_bytes()  # before the trace's own snapshot and counts, which are not the window's
        self.breakdowns.append(self.qt_counts() | memory_breakdown())
        types = live_types() if self.trace else None
        snap = None
        if self.trace:  # kept on disk: a snapshot held in memory would count in the next RSS reading
            import tracemalloc

            snap = self.workdir / f"snapshot-{len(self.breakdowns)}.pickle"
            tracemalloc.take_snapshot().dump(str(snap))
            gc.collect()
        return rss, types, snap

    def pin_report(self) -> None:
        """Which long-lived caches keep pymalloc arenas (1 MiB each) from being returned: each is
        emptied in turn (after the final measurement) and the arenas freed by that are counted."""
        from studio_booker.domain import timeutil

        def arenas() -> int:
            for _ in range(2):
                gc.collect()
            return pymalloc_stats().get("pymalloc arenas", 0)

        def labels() -> None:
            self.timeline.text_layouts().clear()  # the one cache of laid-out texts
            self.timeline.painter.texts.clear()  # the label strings

        steps = [("timeutil lru caches", lambda: (timeutil.short_local.cache_clear(),
                                                  timeutil.iso_local.cache_clear())),
                 ("timeline flags cache (source.forget)", self.timeline.source.forget),
                 ("timeline label caches", labels)]
        print("\npymalloc arenas freed by emptying each long-lived cache (after the measurement):")
        before = arenas()
        print(f"  {'arenas at the end'.ljust(40)} {before}")
        for name, fn in steps:
            fn()
            after = arenas()
            print(f"  {name.ljust(40)} {after - before:+d}")
            before = after

    def qt_counts(self) -> dict[str, int]:
        from PySide6.QtCore import QObject
        from PySide6.QtWidgets import QApplication

        from studio_booker.domain import timeutil

        return {"short_local cache entries": timeutil.short_local.cache_info().currsize,
                "iso_local cache entries": timeutil.iso_local.cache_info().currsize,
                "timeline flags cached": self.timeline.source.flags_cached(),
                "Qt widgets alive": len(QApplication.allWidgets()),
                "QObjects under the window": len(self.window.findChildren(QObject)),
                "undo stack entries": self.window.undo_stack.count()}

    # ---- the steps -------------------------------------------------------------------------
    def scroll_h(self) -> None:
        bar = self.timeline.horizontalScrollBar()
        for _ in range(10):
            bar.setValue(bar.value() + self.rng.choice((-1, 1)) * self.rng.randint(20, 200))
            self.pump()
            self.counts["scroll steps"] += 1

    def scroll_v(self) -> None:
        bar = self.timeline.verticalScrollBar()
        for _ in range(10):
            bar.setValue(self.rng.randint(0, bar.maximum()))
            self.pump()
            self.counts["scroll steps"] += 1

    def zoom(self) -> None:
        from studio_booker.ui.timeline import ZOOM_ORDER

        self.window.set_zoom(ZOOM_ORDER[self.counts["zoom steps"] % len(ZOOM_ORDER)])
        self.pump()
        self.counts["zoom steps"] += 1

    def home(self) -> None:
        """Back into the season (the random walk must not wander off into empty years)."""
        from benchmarks.common import START
        from studio_booker.domain.timeutil import to_instant

        self.timeline.go_to(to_instant(START, self.timeline.source.tz) + self.rng.randint(0, 200) * 86400)
        self.pump()
        self.counts["scroll steps"] += 1

    def repaint(self) -> None:
        vp = self.timeline.viewport()
        bar = self.timeline.horizontalScrollBar()
        for _ in range(40):
            bar.setValue(bar.value() + self.rng.randint(-30, 30))
            vp.repaint()
            self.counts["paints"] += 1
        self.pump()

    def edit_visible(self) -> None:
        items = [i for i in self.timeline.visible_bars(wait=False) if not i.ghost and not i.cancelled]
        if not items:
            return
        item = self.rng.choice(items)
        editor = self.window.edit_booking(item.bar.id)
        if editor is None:
            return
        self.counts["editor openings"] += 1
        self.pump()
        if self.rng.random() < 0.3 and editor.save_button.isEnabled():
            editor.save()  # unchanged: a write, an undo entry, a reload and a conflicts refresh
            self.counts["editor saves"] += 1
        if editor.isVisible():
            editor.reject()
        self.pump()

    def new_and_cancel(self) -> None:
        editor = self.window.new_booking()
        self.counts["editor openings"] += 1
        self.pump()
        editor.reject()
        self.pump()

    def conflict_row(self) -> None:
        panel = self.window.conflicts
        n = panel.proxy.rowCount()
        if n:
            panel.select_row(self.rng.randrange(n))
            self.counts["conflict rows selected"] += 1
        self.pump()

    def tour(self) -> None:
        """First, every zoom level across the season (the largest windows: the first minute's
        memory then holds the working set, and later growth is what leaks), each with the reload
        an edit triggers (timeline and conflicts read again while the old window is shown: the
        largest transient, +40 MiB at quarter zoom once, whenever the first save at that zoom
        comes; without it here, a save after the first minute showed as 10-20 % "growth")."""
        from benchmarks.common import START
        from studio_booker.domain.timeutil import to_instant
        from studio_booker.ui.timeline import ZOOM_ORDER

        start = to_instant(START, self.timeline.source.tz)
        for zoom in reversed(ZOOM_ORDER):
            self.window.set_zoom(zoom)
            self.counts["zoom steps"] += 1
            for days in range(0, 360, 45):
                self.timeline.go_to(start + days * 86400)
                self.counts["scroll steps"] += 1
                self.settle()
                self.timeline.viewport().repaint()
                self.counts["paints"] += 1
            self.window.after_change()  # what a save does after its write
            self.settle()

    def step(self) -> None:
        """One step of a fixed cycle (every zoom level and action within seconds), random amounts."""
        cycle = (self.scroll_h, self.repaint, self.zoom, self.scroll_v, self.repaint, self.edit_visible,
                 self.scroll_h, self.repaint, self.conflict_row, self.new_and_cancel, self.home,
                 self.repaint)
        action = cycle[self.counts["steps"] % len(cycle)]
        self.counts["steps"] += 1
        w = self.timeline.loaded_window()
        before = (self.timeline.zoom(), len(w.rows) if w else 0)
        try:
            action()
        except Exception:
            self.counts["exceptions"] += 1
            self.errors.append(traceback.format_exc())
        if self.verbose:  # where the allocator's high-water mark rises (arenas are 1 MiB, kept)
            arenas = pymalloc_stats().get("pymalloc arenas", 0)
            if arenas >= self.arenas_seen + 3:
                w = self.timeline.loaded_window()
                print(f"  arenas {self.arenas_seen} -> {arenas} in {action.__name__}: zoom/window "
                      f"{before} -> {(self.timeline.zoom(), len(w.rows) if w else 0)}, "
                      f"fetching {self.timeline.is_fetching()}, "
                      f"conflicts refreshing {self.window.conflicts.is_refreshing()}", flush=True)
            self.arenas_seen = max(self.arenas_seen, arenas)

    # ---- the run ---------------------------------------------------------------------------
    def run(self) -> bool:
        if self.trace:
            import tracemalloc

            tracemalloc.start(12)
        self.settle()
        t0 = time.perf_counter()
        self.tour()
        duration = self.minutes * 60
        first_at = min(60.0, duration / 4)  # "after the first minute" (a quarter of a short run)
        first: tuple[int, Counter[str] | None, Any] | None = None
        next_log = 15.0
        while time.perf_counter() - t0 < duration:
            self.step()
            if self.verbose and time.perf_counter() - t0 >= next_log:
                next_log += 15.0
                w = self.timeline.loaded_window()
                print(f"  {time.perf_counter() - t0:6.0f} s  RSS {mib(rss_bytes())}"
                      f"  zoom {self.timeline.zoom()}  bars in window {len(w.rows) if w else 0}"
                      f"  paints {self.counts['paints']}"
                      f"  pymalloc arenas {pymalloc_stats().get('pymalloc arenas', 0)}", flush=True)
            if first is None and time.perf_counter() - t0 >= first_at:
                first = self.measure()
                print(f"  RSS after {first_at:.0f} s: {mib(first[0])}", flush=True)
        last = self.measure()
        took = time.perf_counter() - t0
        assert first is not None
        growth = (last[0] - first[0]) / first[0]
        hook_calls = self.counts["exception hook calls"]
        log = self.hook.log_path
        log_entries = log.read_text(encoding="utf-8").count("--- ") if log.exists() else 0
        ok = self.counts["exceptions"] == 0 and hook_calls == 0 and log_entries == 0 \
            and growth <= LIMIT_GROWTH
        print(f"\nSoak of the main window on 200,000 bookings (offscreen), seed {self.seed}")
        rows = [
            ("duration", f"{took / 60:.2f} min"),
            ("paints (forced repaints)", str(self.counts["paints"])),
            ("editor openings (of which saved)",
             f"{self.counts['editor openings']} ({self.counts['editor saves']})"),
            ("scroll steps", str(self.counts["scroll steps"])),
            ("zoom steps", str(self.counts["zoom steps"])),
            ("conflict rows selected", str(self.counts["conflict rows selected"])),
            ("timeline reads", str(self.timeline.source.fetch_count)),
            ("full garbage collections run by the window", str(self.window.collector.collections)),
            ("reads still running after 60 s at a measurement", str(self.counts["settle timeouts"])),
            ("exceptions caught", str(self.counts["exceptions"])),
            ("exception hook calls / log entries", f"{hook_calls} / {log_entries}"),
            ("Qt warnings", str(sum(self.qt_warnings.values()))),
            (f"RSS after {first_at:.0f} s", mib(first[0])),
            ("RSS at the end", mib(last[0])),
            ("growth", f"{growth * 100:+.1f} % (limit +{LIMIT_GROWTH * 100:.0f} %)"),
            ("peak RSS (ru_maxrss)", mib(_maxrss())),
        ]
        width = max(len(r[0]) for r in rows)
        for name, value in rows:
            print(f"  {name.ljust(width)}  {value}")
        if self.verbose or self.trace:
            print("\nbreakdown at the two measurements (bytes as MiB):")
            a, b = self.breakdowns[0], self.breakdowns[-1]
            for key in sorted(set(a) | set(b)):
                va, vb = a.get(key, 0), b.get(key, 0)
                if max(va, vb) > 2**20 and "blocks" not in key:
                    print(f"  {key.ljust(34)} {mib(va):>11} -> {mib(vb):>11}  ({mib(vb - va)})")
                else:
                    print(f"  {key.ljust(34)} {va:>11} -> {vb:>11}  ({vb - va:+d})")
        if self.verbose or self.trace:
            self.pin_report()
        for msg, n in self.qt_warnings.most_common(5):
            print(f"  Qt warning x{n}: {msg}")
        for text in self.errors[:3]:
            print("\n" + text)
        if self.trace:
            self._report_trace(first, last)
        print(f"\n{'PASS' if ok else 'FAIL'}: no crash, no exception, memory after the soak within "
              f"{LIMIT_GROWTH * 100:.0f} % of memory after the first minute", flush=True)
        return ok

    def _report_trace(self, first: Any, last: Any) -> None:
        print("\nlive objects by type, growth since the first measurement:")
        diff = last[1] - first[1]
        for name, n in diff.most_common(15):
            print(f"  +{n:7d}  {name}")
        print("\ntracemalloc, top growth:")
        from tracemalloc import Snapshot

        for stat in Snapshot.load(str(last[2])).compare_to(Snapshot.load(str(first[2])), "traceback")[:8]:
            print(f"  {stat.size_diff / 1024:+.1f} KiB in {stat.count_diff:+d} blocks")
            for line in stat.traceback.format()[-6:]:
                print("     " + line)

    def close(self) -> None:
        from studio_booker.ui.workers import wait_for_workers

        self.timeline.loader.wait_idle(30000)
        wait_for_workers()
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()
        self.hook.uninstall()
        self.engine.dispose()


def _maxrss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=4.0, help="how long to drive the window (default 4)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--trace", action="store_true", help="tracemalloc and live-object counts")
    ap.add_argument("--verbose", action="store_true", help="RSS every 15 s")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="soak-gui-") as tmp:
        soak = Soak(args.minutes, args.seed, args.trace, Path(tmp), args.verbose)
        try:
            ok = soak.run()
        finally:
            soak.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
