"""Shared helpers of the benchmarks: cached scale databases, copies, timing and tables.

Databases are built once and kept in benchmarks/.data/ (git-ignored), keyed by their
parameters and by a fingerprint of the code that shapes them (the demo modules and the
models), so a change there builds them again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = Path(__file__).resolve().parent / ".data"
START = dt.date(2026, 11, 2)  # a fixed season start: the cached databases stay comparable
USER = "bench"

T = TypeVar("T")


def _fingerprint() -> str:
    h = hashlib.sha256()
    shaping = sorted((ROOT / "studio_booker" / "services").glob("demo*.py"))
    for path in (*shaping, ROOT / "studio_booker" / "storage" / "models.py"):
        h.update(path.read_bytes())
    for rev in sorted((ROOT / "db" / "versions").glob("*.py")):
        h.update(rev.name.encode())
    return h.hexdigest()[:10]


def _finish(engine: Any, tmp: Path, path: Path) -> Path:
    """Close, fold the WAL into the file, and move the finished database into place."""
    engine.dispose()
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("ANALYZE")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    return path


def _build(name: str, fill: Callable[[Any], None]) -> Path:
    from studio_booker.storage.engine import open_database

    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}-{_fingerprint()}.sqlite3"
    if path.exists():
        return path
    for stale in DATA.glob(f"{name}-*.sqlite3*"):  # built by older code
        stale.unlink(missing_ok=True)
    tmp = path.with_suffix(f".building-{os.getpid()}")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    engine = open_database(tmp)
    t0 = time.perf_counter()
    fill(engine)
    print(f"  built {path.name} in {time.perf_counter() - t0:.1f} s", flush=True)
    return _finish(engine, tmp, path)


def demo_db() -> Path:
    """A fresh demo lot (the base season only)."""
    from studio_booker.services.demo import load_demo

    return _build("demo", lambda e: load_demo(e, USER, start=START))


def scale_db(bookings: int = 200_000, resources: int = 500, seed: int = 1) -> Path:
    """The demo lot plus synthetic bookings: `bookings` in all, across `resources` resources."""
    from studio_booker.services.demo import add_synthetic, load_demo
    from studio_booker.services.reads import count_bookings

    def fill(engine: Any) -> None:
        load_demo(engine, USER, start=START)
        more = max(bookings - count_bookings(engine), 0)
        add_synthetic(engine, USER, more, seed=seed, resources=resources, start=START)

    return _build(f"scale-b{bookings}-r{resources}-s{seed}", fill)


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy (SQLite online backup), to write into without touching the cache."""
    for p in (dst, Path(str(dst) + "-wal"), Path(str(dst) + "-shm")):
        p.unlink(missing_ok=True)
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    with b:
        a.backup(b)
    a.close()
    b.close()
    return dst


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def p95(xs: Sequence[float]) -> float:
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def table(title: str, rows: Sequence[tuple[str, str, str, str]]) -> None:
    """Print rows of (figure, measured, goal, verdict)."""
    head = ("figure", "measured", "goal", "")
    widths = [max(len(str(r[i])) for r in (head, *rows)) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    print(f"\n{title}\n{line}")
    for r in (head, *rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    print(line, flush=True)


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISSED")
