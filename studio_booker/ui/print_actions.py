"""Print / PDF / calendar / spreadsheet actions for the main window (issue 4).

`install(window)` needs `window.engine`, `window.file_menu`, `window.export_menu`
and `window.booking_context_hooks` (a list of `(QMenu, BookingView | None) -> None`).
The work itself is in `studio_booker.exports`; this module only asks what to
print or where to save, and shows errors as one message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox

from ..domain.timeutil import to_local
from ..errors import BookerError
from ..exports import ics, sheet_content, sheets, tables
from ..exports.sheet_layout import Sheet
from ..services.bookings import BookingFilter
from ..services.settings import get_settings
from ..services.views import BookingView
from . import file_dialogs
from .export_dialogs import (  # noqa: F401  (SheetDialog, remember_paper: part of this module's API)
    DAY,
    PRODUCTION,
    RESOURCE_WEEK,
    SHEET_TITLES,
    CalendarDialog,
    SheetDialog,
    SheetRequest,
    lot_today,
    remember_paper,
    remembered_paper,
)
from .workers import Worker


def build_sheet(engine: Any, req: SheetRequest) -> Sheet:
    if req.kind == PRODUCTION:
        return sheet_content.production_content(engine, req.name)
    day = req.day or lot_today(get_settings(engine).tz)
    if req.kind == RESOURCE_WEEK:
        return sheet_content.resource_week_content(engine, req.name, day)
    return sheet_content.day_content(engine, day)


def selected_booking(window: Any) -> BookingView | None:
    """The booking selected in the window (the list or the timeline, where the focus is)."""
    ids = window.selected_booking_ids() if hasattr(window, "selected_booking_ids") else []
    source = getattr(window, "source", None)
    return source.booking(ids[0]) if ids and source is not None else None


def _ask(window: Any, then: Callable[[SheetRequest], object]) -> SheetDialog:
    """Which sheet: a window-modal dialog, starting from the selected booking's production and
    day; `then(request)` once the coordinator says OK."""
    b = selected_booking(window)
    initial = None
    if b is not None:
        day = to_local(b.start, get_settings(window.engine).tz).date()
        initial = (SheetRequest(PRODUCTION, b.production, day) if b.production
                   else SheetRequest(RESOURCE_WEEK, b.resource, day))
    dlg = SheetDialog(window.engine, window, initial)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.accepted.connect(lambda: then(dlg.request()))
    dlg.open()
    return dlg


def _guard(window: Any, work: Callable[[], object]) -> None:
    try:
        work()
    except BookerError as exc:
        QMessageBox.warning(window, "Studio Booker", str(exc))
    except OSError as exc:
        QMessageBox.warning(window, "Studio Booker", f"{exc.filename or ''}: {exc.strerror or exc}")


def preview_dialog(window: Any, req: SheetRequest) -> QPrintPreviewDialog:
    """A print preview of the sheet (not yet shown)."""
    sheet = build_sheet(window.engine, req)
    sheets.ensure_gui()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(sheets.page_layout(req.paper, sheet.landscape))
    printer.setDocName(f"{sheet.title} — {sheet.subject}")
    dlg = QPrintPreviewDialog(printer, window)
    dlg.paintRequested.connect(lambda p: sheets.render(sheet, p))
    dlg._printer = printer  # type: ignore[attr-defined]  # keeps the printer alive with the dialog
    _route_print(dlg, printer, window, req)
    return dlg


def preview_print_action(dlg: QPrintPreviewDialog) -> QAction:
    label = QCoreApplication.translate("QPrintPreviewDialog", "Print")
    return next(a for a in dlg.findChildren(QAction) if a.text() == label)


def _route_print(dlg: QPrintPreviewDialog, printer: QPrinter, window: Any, req: SheetRequest) -> None:
    """The preview's Print button, without Qt's own file dialogs (which read every file they
    list, see ui/file_dialogs.py): to a printer through a print dialog that offers no
    "print to file", or, where no printer is set up, to a PDF through our file dialog."""
    action = preview_print_action(dlg)
    action.triggered.disconnect()
    action.triggered.connect(lambda _checked=False: print_from_preview(dlg, printer, window, req))


def print_from_preview(dlg: QPrintPreviewDialog, printer: QPrinter, window: Any,
                       req: SheetRequest) -> QDialog:
    if not QPrinterInfo.availablePrinters():
        def to_pdf(path: Path) -> None:
            dlg.accept()
            export_sheet_pdf(window, req, path)

        return file_dialogs.save_file(dlg, "Export sheet PDF", "sheet.pdf", "PDF (*.pdf)", to_pdf)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    chooser = QPrintDialog(printer, dlg)
    chooser.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)

    def accepted() -> None:
        preview = dlg.findChild(QPrintPreviewWidget)
        if preview is not None:
            preview.print_()
        dlg.accept()

    chooser.accepted.connect(accepted)
    QDialog.open(chooser)  # window-modal, no nested event loop
    return chooser


def print_sheet(window: Any, req: SheetRequest | None = None) -> None:
    if req is None:
        _ask(window, lambda chosen: print_sheet(window, chosen))
        return
    _guard(window, lambda: preview_dialog(window, req).exec())


def in_background(window: Any, label: str, work: Callable[[], str]) -> Worker:
    """Run an export off the GUI thread (a season's calendar takes seconds): `work` returns
    the line for the status bar; an error becomes a dialog with its message, a file system
    error one naming the file. Through the window's progress indicator when it has one."""

    def job() -> str:
        try:
            return work()
        except OSError as exc:
            raise BookerError(f"{exc.filename or ''}: {exc.strerror or exc}") from exc

    runner = getattr(window, "run_in_background", None)
    if callable(runner):
        worker = runner(label, job, on_done=lambda text: _status(window, str(text)))
        assert isinstance(worker, Worker)
        return worker
    worker = Worker(job, owner=window)
    worker.finished.connect(lambda text: _status(window, str(text)))
    worker.failed.connect(lambda exc: QMessageBox.warning(window, "Studio Booker", str(exc)))
    return worker.start()


def export_sheet_pdf(window: Any, req: SheetRequest | None = None, path: Path | None = None) -> Worker | None:
    """Ask what and where (unless given), then write the PDF in the background."""
    if req is None:
        _ask(window, lambda chosen: export_sheet_pdf(window, chosen, path))
        return None
    if path is None:
        file_dialogs.save_file(window, "Export sheet PDF", "sheet.pdf", "PDF (*.pdf)",
                               lambda chosen: export_sheet_pdf(window, req, chosen))
        return None
    target = path
    sheets.ensure_gui()  # fonts are registered on the GUI thread

    def work() -> str:
        pages = sheets.write_pdf(build_sheet(window.engine, req), target, req.paper)
        return f"{pages} page{'s' if pages != 1 else ''} written to {target}"

    return in_background(window, "Exporting the sheet", work)


def _status(window: Any, text: str) -> None:
    bar = getattr(window, "statusBar", None)
    if callable(bar):
        bar().showMessage(text, 8000)


def export_calendar(window: Any) -> CalendarDialog | None:
    """Whose calendar (starting from the selected booking's production), then where."""
    b = selected_booking(window)
    dlg = CalendarDialog(window.engine, window, (b.production or b.resource) if b else "")
    if not dlg.items:
        QMessageBox.information(window, "Studio Booker", "Nothing to export yet.")
        return None
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen() -> None:
        choice = dlg.choice()
        if choice is not None:
            kind, name = choice
            file_dialogs.save_file(window, "Export calendar", ics.file_name(kind, 0, name),
                                   "iCalendar (*.ics)",
                                   lambda path: export_calendar_to(window, kind, name, path))

    dlg.accepted.connect(chosen)
    dlg.open()
    return dlg


def export_calendar_to(window: Any, kind: str, name: str, path: Path) -> Worker:
    def work() -> str:
        n = ics.write_calendar(window.engine, path, **{kind: name})
        return f"{n} events written to {path}"

    return in_background(window, "Exporting the calendar", work)


def export_all_calendars(window: Any, directory: Path | None = None) -> Worker | None:
    if directory is None:
        file_dialogs.choose_folder(window, "All calendars to folder",
                                   lambda chosen: export_all_calendars(window, chosen))
        return None
    target = directory

    def work() -> str:
        res = ics.write_all_calendars(window.engine, target)
        return f"{len(res.written)} calendars written, {len(res.unchanged)} unchanged in {target}"

    return in_background(window, "Exporting all calendars", work)


def _current_filter(window: Any) -> tuple[BookingFilter, str]:
    """What the window shows (its `booking_filter()`: the filter and its description)."""
    getter = getattr(window, "booking_filter", None)
    got = getter() if callable(getter) else None
    if isinstance(got, tuple) and isinstance(got[0], BookingFilter):
        return got[0], str(got[1])
    return BookingFilter(), "every booking"


def export_table(window: Any, fmt: str, path: Path | None = None) -> Worker | None:
    wanted, what = _current_filter(window)  # read from the widgets here, on the GUI thread
    if path is None:
        pattern = "CSV (*.csv)" if fmt == "csv" else "Excel (*.xlsx)"
        file_dialogs.save_file(window, f"Export bookings: {what}", f"bookings.{fmt}", pattern,
                               lambda chosen: export_table(window, fmt, chosen))
        return None
    target = path

    def work() -> str:
        writer = tables.write_csv if fmt == "csv" else tables.write_xlsx
        n = writer(window.engine, wanted, target)
        return f"{n} bookings written to {target}"

    return in_background(window, "Exporting bookings", work)


def booking_day(window: Any, booking: BookingView) -> dt.date:
    return to_local(booking.start, get_settings(window.engine).tz).date()


def context_hook(window: Any) -> Callable[[QMenu, BookingView | None], None]:
    """Adds the sheet actions for the booking under the mouse to its context menu."""

    def hook(menu: QMenu, booking: BookingView | None) -> None:
        if booking is None:
            return
        menu.addSeparator()
        paper = remembered_paper()
        day = booking_day(window, booking)
        prod = menu.addAction("Print production sheet")
        prod.setEnabled(booking.production is not None)
        prod.triggered.connect(lambda: print_sheet(
            window, SheetRequest(PRODUCTION, booking.production or "", None, paper)))
        week = menu.addAction("Print resource week")
        week.triggered.connect(lambda: print_sheet(
            window, SheetRequest(RESOURCE_WEEK, booking.resource, day, paper)))
        daily = menu.addAction("Print day sheet")
        daily.triggered.connect(lambda: print_sheet(window, SheetRequest(DAY, "", day, paper)))
        cal = menu.addAction("Export production calendar")
        cal.setEnabled(booking.production is not None)
        cal.triggered.connect(lambda: _export_production_calendar(window, booking))

    return hook


def _export_production_calendar(window: Any, booking: BookingView) -> None:
    name = booking.production or ""
    file_dialogs.save_file(window, "Export calendar",
                           ics.file_name("production", booking.production_id or 0, name),
                           "iCalendar (*.ics)",
                           lambda chosen: export_calendar_to(window, "production", name, chosen))


def _action(menu: QMenu, text: str, slot: Callable[[], object], before: QAction | None = None) -> QAction:
    act = QAction(text, menu)
    act.triggered.connect(lambda _checked=False: slot())
    if before is not None and before in menu.actions():
        menu.insertAction(before, act)
    else:
        menu.addAction(act)
    return act


def install(window: Any) -> None:
    """Add the sheet, calendar and spreadsheet actions to the window's menus."""
    if QApplication.instance() is None:  # pragma: no cover - the window made one
        raise RuntimeError("print_actions.install needs a QApplication")
    quit_action = getattr(window, "quit_action", None)  # keep Quit last in the File menu
    before = quit_action if isinstance(quit_action, QAction) else None
    _action(window.file_menu, "Print sheet…", lambda: print_sheet(window), before)
    _action(window.file_menu, "Export sheet PDF…", lambda: export_sheet_pdf(window), before)
    if before is not None and before in window.file_menu.actions():
        window.file_menu.insertSeparator(before)
    _action(window.export_menu, "Calendar (iCalendar)…", lambda: export_calendar(window))
    _action(window.export_menu, "All calendars to folder…", lambda: export_all_calendars(window))
    _action(window.export_menu, "Bookings CSV…", lambda: export_table(window, "csv"))
    _action(window.export_menu, "Bookings Excel…", lambda: export_table(window, "xlsx"))
    window.booking_context_hooks.append(context_hook(window))
