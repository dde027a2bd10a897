"""Torture run: one SQLite file shared for minutes by the window and command-line writers (issue 10).

`python benchmarks/torture_shared_file.py [--seconds 120] [--seed 1]`, on demand (not a
`bench_*.py`, so `run_all.py` leaves it out). A window process (the real MainWindow,
offscreen) exports CSV, Excel, calendars and sheet PDFs through the window's own code into
the database's folder, opens the window's file dialogs on that folder (every file listed and
painted with its icon and type) and closes them, and edits: confirm, hold, cancel,
duplicate, move, undo, redo. Meanwhile three writers run `studio-booker` processes one after
another: book (holds, confirmed, confirmed ones that must be refused), import small CSV
files (some with a bad line: all rejected), cancel, and now and then `backup` (it closes its
connection, so at its exit SQLite deletes the WAL if nobody else seems to have the file open).

Afterwards a fresh process checks that `PRAGMA integrity_check` is ok, that every booking
acknowledged to any writer is there as it was last told (status; for the window also
resource and times; an undone create is deleted, ui/commands.py), and that no booking is
there that no writer acknowledged. Exit status 1 otherwise. The file is named `lot.db`:
before issue 10's fix (commit 74f5787) Qt's file dialog opened and closed a listed `.db` file
to guess its type, dropping the window's SQLite locks; this run then fails there (the
window's edits vanish, it reports "database disk image is malformed").
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QMessageBox  # noqa: E402

WRITERS = 3
DAY = 86400
SEASON = dt.date(2026, 11, 2)  # the cached demo lot's season (benchmarks/common.START)
FIELDS = ("status", "resource_id", "start", "end")


def _state(view: Any) -> dict[str, Any]:
    return {k: getattr(view, k) for k in FIELDS}


# ---- the window process ------------------------------------------------------------------

class WindowDriver:
    """Drives a MainWindow from its own event loop, one step per timer tick, and keeps what
    it was told: the state of every booking it changed (None: deleted by an undone create)."""

    def __init__(self, app: Any, window: Any, folder: Path, seconds: float, seed: int) -> None:
        from studio_booker.services.bookings import find_bookings
        from studio_booker.services.catalog import list_productions

        self.app, self.w, self.folder = app, window, folder
        self.rng = random.Random(seed)
        self.deadline = time.monotonic() + seconds
        self.state: dict[int, dict[str, Any] | None] = {}  # only what changed
        self.owned = [b.id for b in find_bookings(window.engine)]  # the lot is the window's
        self.productions = [p.name for p in list_productions(window.engine)]
        self.counts: Counter[str] = Counter()
        self.messages: list[str] = []  # error boxes the window showed, and errors raised
        self.exporting: Any = None
        self.waiting: str | None = None  # the dialog asked for and not yet found

    def _error(self, exc: BaseException) -> None:
        self.counts["window ERRORS"] += 1
        self.messages.append(f"{type(exc).__name__}: {str(exc)[:300]}")

    def step(self) -> None:
        if time.monotonic() >= self.deadline:
            self.app.quit()
            return
        waits = False
        try:
            self.close_boxes()
            roll = self.rng.random()
            if roll < 0.12:
                waits = self.open_dialog()  # the next step comes once the dialog is closed
            elif roll < 0.30 and self.exporting is None:
                self.export()
            elif roll < 0.40:
                self.undo_redo(self.rng.random() < 0.6)
            else:
                self.edit()
        except Exception as exc:  # counted and shown at the end; the run goes on
            self._error(exc)
        if not waits:
            QTimer.singleShot(self.rng.randint(5, 40), self.step)

    def close_boxes(self) -> None:
        for box in self.w.findChildren(QMessageBox):
            if box.isVisible():
                self.messages.append(box.text()[:300])
                box.done(0)

    # edits, each acknowledged by the command the window pushed on its undo stack
    def _pushed(self, action: Any) -> Any:
        stack = self.w.undo_stack
        before = stack.index()
        action()
        return stack.command(stack.index() - 1) if stack.index() == before + 1 else None

    def edit(self) -> None:
        from studio_booker.services.bookings import get_booking

        live = [i for i in self.owned if self.state.get(i, {}) is not None]
        b = get_booking(self.w.engine, self.rng.choice(live))
        kind = self.rng.choice(("confirmed", "hold", "cancelled", "duplicate", "move", "move"))
        if kind == b.status:
            kind = "hold" if kind == "confirmed" else "confirmed"
        if kind == "duplicate":
            cmd = self._pushed(lambda: self.w.duplicate(b.id))
            self.owned += [cmd.after.id] if cmd is not None else []
        elif kind == "move":
            shift = self.rng.choice((-DAY, DAY, 2 * DAY, 6 * 3600))
            cmd = self._pushed(lambda: self.w.on_move_requested(
                b.id, b.resource_id, b.start + shift, b.end + shift, b.version))
        else:
            cmd = self._pushed(lambda: self.w.set_status(b.id, kind))
        self.counts[f"{kind} {'refused' if cmd is None else 'done'}"] += 1
        if cmd is not None:
            self.state[cmd.after.id] = _state(cmd.after)

    def undo_redo(self, undo: bool) -> None:
        from studio_booker.ui.commands import CreateBookingCommand, MoveBookingCommand

        stack = self.w.undo_stack
        at = stack.index() - 1 if undo else stack.index()
        if not 0 <= at < stack.count():
            return
        cmd = stack.command(at)
        booking_id, word = cmd.after.id, "undo" if undo else "redo"
        (stack.undo if undo else stack.redo)()
        if cmd.failed:  # refused, reported, dropped from the stack: nothing changed
            self.counts[f"{word} refused"] += 1
            return
        self.counts[f"{word} done"] += 1
        told = cmd.before if undo else cmd.after
        if isinstance(cmd, CreateBookingCommand):
            self.state[booking_id] = None if undo else _state(cmd.after)
            return
        now = dict(self.state.get(booking_id) or _state(told))
        keys = ("resource_id", "start", "end") if isinstance(cmd, MoveBookingCommand) else ("status",)
        now.update({k: getattr(told, k) for k in keys})
        self.state[booking_id] = now

    # exports through the window's own code, into the database's folder
    def export(self) -> None:
        from studio_booker.ui import print_actions as pa

        kind = self.rng.choice(("csv", "xlsx", "ics", "pdf", "day pdf"))
        name = self.rng.choice(self.productions)
        if kind in ("csv", "xlsx"):
            worker = pa.export_table(self.w, kind, self.folder / f"bookings.{kind}")
        elif kind == "ics":
            worker = pa.export_calendar_to(self.w, "production", name, self.folder / f"{name}.ics")
        elif kind == "pdf":
            worker = pa.export_sheet_pdf(self.w, pa.SheetRequest(pa.PRODUCTION, name),
                                         self.folder / "production-sheet.pdf")
        else:
            day = SEASON + dt.timedelta(days=self.rng.randrange(120))
            worker = pa.export_sheet_pdf(self.w, pa.SheetRequest(pa.DAY, "", day),
                                         self.folder / "day-sheet.pdf")
        assert worker is not None  # given a path, every export starts at once
        self.exporting = worker
        worker.finished.connect(lambda _r: self._exported(kind, "written"))
        worker.failed.connect(lambda _e: self._exported(kind, "FAILED"))

    def _exported(self, kind: str, how: str) -> None:
        self.counts[f"export {kind} {how}"] += 1
        self.exporting = None

    # the window's file dialogs, opened on the database's folder and closed again
    def open_dialog(self) -> bool:
        from studio_booker.ui import print_actions as pa

        openers = (
            ("save bookings CSV", lambda: pa.export_table(self.w, "csv")),
            ("import bookings", lambda: self.w.import_dialog("bookings")),
            ("open database", self.w.open_database_dialog),
            ("backup", self.w.backup_dialog),
            ("calendars folder", lambda: pa.export_all_calendars(self.w)),
        )
        label, opener = self.rng.choice(openers)
        self.waiting = label
        give_up = time.monotonic() + 5
        # armed first: a blocking dialog (the code before issue 10) runs its own event loop
        QTimer.singleShot(0, lambda: self._find_dialog(give_up))
        opener()
        if self.waiting is not None and self._shown():  # a window-modal dialog, open now
            self._find_dialog(give_up)
        return True

    def _shown(self) -> list[Any]:
        return [d for d in self.w.findChildren(QFileDialog) if d.isVisible()]

    def _find_dialog(self, give_up: float) -> None:
        if self.waiting is None:
            return
        shown = self._shown()
        if not shown:
            if time.monotonic() < give_up:
                QTimer.singleShot(10, lambda: self._find_dialog(give_up))
            else:
                self.counts["dialogs NOT FOUND"] += 1
                self.waiting = None
                QTimer.singleShot(0, self.step)
            return
        dialog, label, folder = shown[0], self.waiting, os.path.realpath(self.folder)
        self.waiting = None
        self.counts[f"dialog {label}"] += 1
        closed: list[bool] = []

        def listed(path: str = folder, how: str = "listed") -> None:
            if closed or os.path.realpath(path) != folder:
                return
            closed.append(True)
            try:
                dialog.grab()  # paints the list: every file's icon and name
                dialog.setViewMode(QFileDialog.ViewMode.Detail)
                dialog.grab()  # and the type column
                self.counts[f"dialogs {how}"] += 1
                dialog.reject()
            except Exception as exc:
                self._error(exc)
            QTimer.singleShot(0, self.step)

        dialog.findChild(QFileSystemModel).directoryLoaded.connect(listed)
        every = [f for f in dialog.nameFilters() if "(*)" in f]
        if every:
            dialog.selectNameFilter(every[0])
        if os.path.realpath(dialog.directory().absolutePath()) != folder:
            dialog.setDirectory(folder)
        QTimer.singleShot(5000, lambda: listed(how="listed after 5 s (NO directoryLoaded)"))

    def finish(self) -> dict[str, Any]:
        from studio_booker.ui.workers import wait_for_workers

        end = time.monotonic() + 120
        while self.exporting is not None and time.monotonic() < end:
            self.app.processEvents()
        self.close_boxes()
        self.w.close()
        wait_for_workers()
        return {"state": {str(k): v for k, v in self.state.items()}, "counts": dict(self.counts),
                "messages": self.messages}


def window_main(db: Path, report: Path, seconds: float, seed: int) -> int:
    os.environ["STUDIO_BOOKER_NO_DEMO_PROMPT"] = "1"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(report.parent))
    app = QApplication([])
    from studio_booker.storage.engine import open_database
    from studio_booker.ui.main_window import MainWindow
    from studio_booker.ui.prefs import Preferences

    engine = open_database(db)
    window = MainWindow(engine, str(db), Preferences(), user="window")
    window.resize(1400, 900)
    window.show()
    driver = WindowDriver(app, window, db.parent, seconds, seed)
    print("ready", flush=True)
    QTimer.singleShot(0, driver.step)
    app.exec()
    report.write_text(json.dumps(driver.finish()), encoding="utf-8")
    engine.dispose()
    return 0


# ---- the command-line writers ------------------------------------------------------------

class Ledger:
    """What the command-line writers were told, by ref: {"status", "id" (None: imported)}."""

    def __init__(self) -> None:
        self.lock, self.told, self.cancellable = threading.Lock(), {}, []  # type: ignore[var-annotated]

    def ack(self, ref: str, status: str, booking_id: int | None = None) -> None:
        with self.lock:
            self.told[ref] = {"status": status, "id": booking_id}
            if status != "cancelled":
                self.cancellable.append(ref)

    def claim(self, rng: random.Random) -> str | None:
        with self.lock:
            return self.cancellable.pop(rng.randrange(len(self.cancellable))) if self.cancellable else None


class Writer(threading.Thread):
    """Runs `studio-booker` processes one after another until the deadline."""

    def __init__(self, n: int, db: Path, ledger: Ledger, deadline: float, seed: int,
                 resources: list[str], productions: list[str]) -> None:
        super().__init__(name=f"writer {n}")
        self.n, self.db, self.ledger, self.deadline = n, db, ledger, deadline
        self.rng = random.Random(seed * 100 + n)
        self.resources, self.productions = resources, productions
        self.cursor = dt.date(2027, 6, 1)  # confirmed bookings: a day each on its own stage
        self.counts: Counter[str] = Counter()
        self.errors: list[str] = []
        self.k = 0

    def sb(self, what: str, *args: str) -> int:
        argv = [sys.executable, "-m", "studio_booker", "--db", str(self.db), *args]
        try:
            p = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8",
                               env=_env(), cwd=self.db.parent, timeout=120)
        except subprocess.TimeoutExpired:
            p = subprocess.CompletedProcess(argv, -1, "", "timed out after 120 s")
        self.out = p.stdout
        if p.returncode not in (0, 2, 3) or (p.returncode == 2 and what != "import"):
            self.counts[f"{what} ERRORS"] += 1
            self.errors.append(f"{what} exit {p.returncode}: {p.stderr.strip()[:300]}")
        return p.returncode

    def _row(self, status: str, again: bool = False) -> list[str]:
        """A hold on any resource and day, or a confirmed day on its own stage (again: the last)."""
        if status == "hold":
            day, where = SEASON + dt.timedelta(days=self.rng.randrange(150)), self.rng.choice(self.resources)
        else:
            self.cursor += dt.timedelta(days=0 if again else 1)
            day, where = self.cursor, f"Torture Stage {self.n}"
        return [where, self.rng.choice(self.productions), f"{day} 08:00", f"{day} 18:00", status]

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            self.k += 1
            roll = self.rng.random()
            if roll < 0.40:
                self.book()
            elif roll < 0.65:
                self.import_file()
            elif roll < 0.92:
                self.cancel()
            elif self.sb("backup", "backup", str(self.db.parent / f"backup-{self.n}.sqlite3")) == 0:
                self.counts["backups"] += 1

    def book(self) -> None:
        roll = self.rng.random()
        row = self._row("hold") if roll < 0.6 else self._row("confirmed", again=roll > 0.85)
        ref = f"W{self.n}-B{self.k}"
        rc = self.sb("book", "book", "--resource", row[0], "--production", row[1], "--start", row[2],
                     "--end", row[3], "--status", row[4], "--ref", ref)
        if rc == 0:
            self.ledger.ack(ref, row[4], int(self.out.strip()))
            self.counts[f"booked {row[4]}"] += 1
        elif rc == 3:
            self.counts["book refused"] += 1  # that day on its own stage is taken

    def import_file(self) -> None:
        rows = [self._row("hold" if self.rng.random() < 0.85 else "confirmed")
                for _ in range(self.rng.randint(3, 20))]
        refs = [f"W{self.n}-I{self.k}-{i}" for i in range(len(rows))]
        bad = self.rng.random() < 0.15
        if bad:  # one unknown resource: the whole file is rejected
            rows[self.rng.randrange(len(rows))][0] = "Nowhere Stage"
        path = self.db.parent / f"writer{self.n}-import.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["resource", "production", "start", "end", "status", "ref"])
            out.writerows(row + [ref] for row, ref in zip(rows, refs, strict=True))
        rc = self.sb("import", "import", "bookings", str(path))
        if rc == 0 and not bad:
            for row, ref in zip(rows, refs, strict=True):
                self.ledger.ack(ref, row[4])
            self.counts["imports"] += 1
            self.counts["imported rows"] += len(rows)
        elif rc == 2 and bad:
            self.counts["imports rejected (a bad line)"] += 1
        elif rc in (0, 2, 3):
            self.counts["import ERRORS"] += 1
            self.errors.append(f"import exit {rc}, bad line: {bad}")

    def cancel(self) -> None:
        ref = self.ledger.claim(self.rng)
        if ref is not None and self.sb("cancel", "cancel", ref) == 0:
            self.ledger.ack(ref, "cancelled", self.ledger.told[ref]["id"])
            self.counts["cancels"] += 1


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "STUDIO_BOOKER_DB"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


# ---- the check, in a fresh process -------------------------------------------------------

def verify_main(db: Path, expected: Path) -> int:
    exp = json.loads(expected.read_text(encoding="utf-8"))
    con = sqlite3.connect(db)
    check = "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))[:500]
    rows = {r[0]: dict(zip(("ref", *FIELDS), r[1:], strict=True)) for r in con.execute(
        "SELECT id, ref, status, resource_id, start_utc, end_utc FROM booking")}
    con.close()
    by_ref = {r["ref"]: i for i, r in rows.items() if r["ref"] is not None}
    missing, different, unexpected, present = [], [], [], 0
    for key, want in exp["window"].items():
        have = rows.get(int(key))
        if want is None:
            if have is not None:
                unexpected.append(f"#{key} (its create was undone)")
        elif have is None or have["ref"] in exp["cli"]:  # gone, or its id went to another booking
            missing.append(f"#{key} (window)" + (f", its id now {have['ref']}" if have else ""))
        elif any(have[k] != want[k] for k in FIELDS):
            different.append(f"#{key}: {have} but the window was told {want}")
        else:
            present += 1
    for ref, want in exp["cli"].items():
        i = by_ref.get(ref)
        if i is None:
            missing.append(ref)
        elif rows[i]["status"] != want["status"] or want["id"] not in (None, i):
            different.append(f"{ref} #{i}: {rows[i]['status']} but its writer was told {want}")
        else:
            present += 1
    known = {int(k) for k in exp["window"]} | {by_ref[r] for r in exp["cli"] if r in by_ref}
    unexpected += [f"#{i} {r['ref'] or ''}" for i, r in rows.items() if i not in known]
    print(json.dumps({"integrity": check, "bookings": len(rows), "present": present,
                      "missing": missing, "different": different, "unexpected": unexpected}))
    return 0


# ---- the run -----------------------------------------------------------------------------

def _line(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


def main(seconds: float, seed: int) -> int:
    from benchmarks.common import demo_db

    src = demo_db()
    folder = Path(tempfile.mkdtemp(prefix="torture-"))
    db = folder / "lot.db"
    shutil.copy(src, db)  # the cached lot is closed and checkpointed: a plain copy is whole
    con = sqlite3.connect(src)
    initial = {str(r[0]): dict(zip(FIELDS, r[1:], strict=True)) for r in con.execute(
        "SELECT id, status, resource_id, start_utc, end_utc FROM booking")}
    resources = [r[0] for r in con.execute("SELECT name FROM resource WHERE active")]
    productions = [r[0] for r in con.execute("SELECT name FROM production")]
    con.close()
    stages = folder / "stages.csv"  # one per writer, for its confirmed bookings
    stages.write_text("name,kind\n" + "".join(f"Torture Stage {n},stage\n" for n in range(1, 4)))
    prep = subprocess.run([sys.executable, "-m", "studio_booker", "--db", str(db), "import", "resources",
                           str(stages)], env=_env(), capture_output=True, text=True)
    if prep.returncode != 0:
        print(f"FAIL: could not prepare the lot: {prep.stderr.strip()}")
        return 1

    me = [sys.executable, str(Path(__file__).resolve())]
    report, log = folder / "window.json", (folder / "window.log").open("w")  # Qt talks on stderr
    win = subprocess.Popen([*me, "--window", str(db), str(report), "--seconds", str(seconds),
                            "--seed", str(seed)], stdout=subprocess.PIPE, stderr=log, text=True,
                           env=_env(), cwd=folder)  # the dialogs open in the database's folder
    assert win.stdout is not None and win.stdout.readline().strip() == "ready", "no window"
    t0 = time.monotonic()
    ledger = Ledger()
    writers = [Writer(n, db, ledger, t0 + seconds, seed, resources, productions)
               for n in range(1, WRITERS + 1)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    try:
        rc = win.wait(timeout=300)
    except subprocess.TimeoutExpired:
        win.kill()
        rc = win.wait()
    took = time.monotonic() - t0
    log.close()
    if rc != 0 or not report.exists():
        print(f"FAIL: the window process ended with exit {rc}; its log: {folder / 'window.log'}")
        return 1
    told = json.loads(report.read_text(encoding="utf-8"))
    expected = folder / "expected.json"
    expected.write_text(json.dumps({"window": {**initial, **told["state"]}, "cli": ledger.told}))
    res = json.loads(subprocess.run([*me, "--verify", str(db), str(expected)], capture_output=True,
                                    text=True, check=True, env=_env()).stdout)

    print(f"torture run: {took:.0f} s on {db}, the demo lot ({len(initial):,} bookings at the start)")
    print(f"window:   {_line(told['counts'])}; messages shown {len(told['messages'])}")
    for m in told["messages"][:8]:
        print(f"    {m}")
    for w in writers:
        made = sum(v for k, v in w.counts.items() if k.startswith("booked") or k == "imported rows")
        print(f"writer {w.n}: bookings acknowledged {made}; {_line(w.counts)}")
        for e in w.errors[:5]:
            print(f"    {e}")
    print(f"check (a fresh process): integrity_check {res['integrity']}; {res['bookings']:,} "
          f"bookings at the end, {res['present']:,} of them acknowledged and as told; "
          f"missing {len(res['missing'])}, different {len(res['different'])}, "
          f"unexpected {len(res['unexpected'])}")
    for what in ("missing", "different", "unexpected"):
        for item in res[what][:10]:
            print(f"  {what}: {item}")
    ok = res["integrity"] == "ok" and not (res["missing"] or res["different"] or res["unexpected"])
    print("PASS" if ok else f"FAIL (the files are kept in {folder})")
    if ok:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--window", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--verify", nargs=2, type=Path, help=argparse.SUPPRESS)
    a = parser.parse_args()
    if a.window:
        sys.exit(window_main(a.window[0], a.window[1], a.seconds, a.seed))
    sys.exit(verify_main(*a.verify) if a.verify else main(a.seconds, a.seed))
