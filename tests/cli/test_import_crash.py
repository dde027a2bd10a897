"""kill -9 during an import leaves all of its rows or none (issue 10).

A real `studio-booker import bookings` process imports a 10,000-row file and is
killed with SIGKILL at a seeded-random moment, twenty times, each time on a fresh
copy of the same prepared database. After each kill a new sqlite3 connection
(which runs WAL recovery) must find `PRAGMA integrity_check` = ok, the lot's
resources intact, and either all 10,000 bookings or none.

The moments are spread over one measured complete run: round i kills at
T * (i + u) / 20 with u uniform in [0, 1), so kills land during start-up, while the
rows are validated, during the one write transaction and around its commit. Sleeping
until the chosen moment is the experiment itself; nothing waits for a condition by
sleeping.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from studio_booker.services import catalog
from studio_booker.storage.engine import open_database

REPO = Path(__file__).resolve().parents[2]
ROWS = 10_000
ROUNDS = 20
STAGES = 20
SEED = 10


def _argv(db: Path, csv_path: Path) -> list[str]:
    return [sys.executable, "-m", "studio_booker", "--db", str(db), "import", "bookings", str(csv_path)]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "STUDIO_BOOKER_DB"}


def _prepare(folder: Path) -> tuple[Path, Path]:
    """A migrated lot with 20 stages and one production, and a file of 10,000 holds on them."""
    db = folder / "prepared.sqlite3"
    engine = open_database(db)
    try:
        for i in range(STAGES):
            catalog.create_resource(engine, name=f"Stage {i + 1}", kind="stage", capacity=1)
        catalog.create_production(engine, name="Тайга")
    finally:
        engine.dispose()
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file alone holds everything
    con.close()

    data = folder / "bookings.csv"
    first = dt.date(2027, 1, 4)
    with data.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["resource", "production", "start", "end", "status", "ref", "notes"])
        for i in range(ROWS):
            day = first + dt.timedelta(days=i // STAGES)
            w.writerow([f"Stage {i % STAGES + 1}", "Тайга", f"{day} 08:00", f"{day} 18:00", "hold",
                        f"KILL-{i:05d}", f"row {i}"])
    return db, data


def _fresh_copy(src: Path, dst: Path) -> Path:
    for p in (dst, Path(f"{dst}-wal"), Path(f"{dst}-shm")):
        p.unlink(missing_ok=True)
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dst


def _inspect(db: Path) -> tuple[str, int, int]:
    """(integrity_check, bookings, resources), read by a new connection as any reader would."""
    con = sqlite3.connect(db)
    try:
        check = "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
        bookings = con.execute("SELECT count(*) FROM booking").fetchone()[0]
        resources = con.execute("SELECT count(*) FROM resource").fetchone()[0]
    finally:
        con.close()
    return check, bookings, resources


def test_kill_9_during_import_leaves_all_rows_or_none(tmp_path: Path) -> None:
    prepared, data = _prepare(tmp_path)

    # one complete run: every row lands, exit 0; its duration T spreads the kill moments
    db = _fresh_copy(prepared, tmp_path / "round.sqlite3")
    t0 = time.monotonic()
    done = subprocess.run(_argv(db, data), capture_output=True, text=True, encoding="utf-8",
                          env=_env(), cwd=REPO, timeout=120)
    run_s = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    assert f"imported {ROWS} bookings" in done.stdout
    assert _inspect(db) == ("ok", ROWS, STAGES)

    rng = random.Random(SEED)
    outcomes: list[tuple[float, str, int]] = []  # (kill moment, what happened, bookings after)
    for i in range(ROUNDS):
        at = run_s * (i + rng.random()) / ROUNDS
        db = _fresh_copy(prepared, tmp_path / "round.sqlite3")
        start = time.monotonic()
        err = (tmp_path / "stderr.txt").open("w+", encoding="utf-8")
        proc = subprocess.Popen(_argv(db, data), stdout=subprocess.DEVNULL, stderr=err,
                                env=_env(), cwd=REPO)
        time.sleep(max(0.0, start + at - time.monotonic()))  # the chosen moment
        proc.kill()  # SIGKILL; a process that already exited is left alone
        rc = proc.wait(timeout=60)
        err.seek(0)
        message = err.read().strip()
        err.close()
        check, n, resources = _inspect(db)
        what = "killed" if rc == -signal.SIGKILL else f"exited {rc}"
        outcomes.append((at, what, n))
        where = f"round {i}: kill at {at:.3f} s of {run_s:.3f} s ({what})"
        assert check == "ok", f"{where}: integrity_check says {check}"
        assert resources == STAGES, f"{where}: {resources} resources, expected {STAGES}"
        assert n in (0, ROWS), f"{where}: {n} bookings, expected 0 or {ROWS}"
        if rc == 0:
            assert n == ROWS, f"{where}: exit 0 but {n} bookings"
        else:
            assert rc == -signal.SIGKILL, f"{where}: exit status {rc}: {message}"

    summary = ", ".join(f"{at:.2f}s:{what}:{n}" for at, what, n in outcomes)
    killed = [o for o in outcomes if o[1] == "killed"]
    assert any(n == 0 for _, what, n in killed), f"no kill landed before the commit: {summary}"
    assert len(killed) >= ROUNDS // 2, f"most kills should hit a running import: {summary}"
    print(f"\none run {run_s:.2f} s; {summary}")
