"""A process that holds a connection to a database file while something in it touches the file.

    python -m tests.storage.lock_probe ACTION DB

It opens DB with Studio Booker's engine and reads, then does ACTION in this same
process, then runs a `studio-booker book` process that writes and exits, then
writes a booking itself and prints `wrote <id>`. It keeps its connections open
until a line arrives on stdin, so the test can look from a third process while
this one is alive. ACTION is one of:

- `nothing`: the baseline;
- `python-open`: `open(DB).read(16)` and close (what the engine's header check did);
- `qt-mime`: `QMimeDatabase().mimeTypeForFile(DB)` (what Qt's file dialog does);
- `qt-dialog`: Qt's own file dialog listing DB's folder, with its default icon provider;
- `our-dialog`: the dialog of `studio_booker.ui.file_dialogs` listing DB's folder;
- `reopen`: `open_database(DB)` once more (the header check of a second engine).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import text  # noqa: E402

from studio_booker.domain.timeutil import lot_zone, parse_instant  # noqa: E402
from studio_booker.services import bookings  # noqa: E402
from studio_booker.services.bookings import BookingDraft  # noqa: E402
from studio_booker.storage.engine import open_database  # noqa: E402

TZ = lot_zone("Asia/Shanghai")
DIALOG_WAIT_S = 20


def list_folder_in_dialog(db: Path, ours: bool) -> None:
    """Show a file dialog on db's folder until every file in it has its type (icons fetched)."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

    from studio_booker.ui import file_dialogs

    app = QApplication.instance() or QApplication([])
    if ours:
        dialog = file_dialogs.make_dialog(None, "probe", db.parent, "All files (*)")
    else:
        dialog = QFileDialog(None, "probe", str(db.parent), "All files (*)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    names = {p.name for p in db.parent.iterdir()}
    deadline = time.monotonic() + DIALOG_WAIT_S
    while time.monotonic() < deadline:
        app.processEvents()
        dialog.grab()  # paints the list: the model asks for every shown file's icon and type
        root = model.index(str(db.parent))
        typed = {model.index(r, 0, root).data() for r in range(model.rowCount(root))
                 if model.type(model.index(r, 0, root))}
        if names <= typed:
            break
        time.sleep(0.02)
    else:
        raise SystemExit(f"the dialog never listed {sorted(names)}")
    dialog.reject()
    dialog.deleteLater()
    app.processEvents()


def main() -> None:
    action, db = sys.argv[1], Path(sys.argv[2])
    engine = open_database(db)
    with engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM booking")).all()
    if action == "python-open":
        with open(db, "rb") as f:
            f.read(16)
    elif action == "qt-mime":
        from PySide6.QtCore import QMimeDatabase

        QMimeDatabase().mimeTypeForFile(str(db))
    elif action in ("qt-dialog", "our-dialog"):
        list_folder_in_dialog(db, ours=action == "our-dialog")
    elif action == "reopen":
        open_database(db).dispose()
    elif action != "nothing":
        raise SystemExit(f"unknown action {action!r}")
    other = subprocess.run(
        [sys.executable, "-m", "studio_booker", "--db", str(db), "book", "--resource", "Stage 7",
         "--production", "The Red Silk", "--start", "2026-12-03 08:00", "--end", "2026-12-03 10:00"],
        capture_output=True, text=True, check=True)
    print("other wrote", other.stdout.strip().split()[-1], flush=True)
    draft = BookingDraft("Stage 7", "The Red Silk", parse_instant("2026-12-04 08:00", TZ),
                         parse_instant("2026-12-04 10:00", TZ), "hold", None, None, "")
    mine = bookings.create_booking(engine, draft, "probe")
    print("wrote", mine.id, flush=True)
    sys.stdin.readline()
    engine.dispose()


if __name__ == "__main__":
    main()
