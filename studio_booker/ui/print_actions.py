"""Print / PDF / calendar / spreadsheet actions for the main window (issue 4).

`install(window)` needs `window.engine`, `window.file_menu`, `window.export_menu`
and `window.booking_context_hooks` (a list of `(QMenu, BookingView | None) -> None`).
The work itself is in `studio_booker.exports`; this module only asks what to
print or where to save, and shows errors as one message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QWidget,
)

from ..domain.timeutil import to_local
from ..errors import BookerError
from ..exports import ics, sheet_content, sheets, tables
from ..exports.sheet_layout import Sheet
from ..services import catalog
from ..services.bookings import BookingFilter
from ..services.settings import get_settings
from ..services.views import BookingView
from . import file_dialogs
from .workers import Worker

PAPER_KEY = "sheets/paper"
PRODUCTION, RESOURCE_WEEK, DAY = "production", "resource_week", "day"
SHEET_TITLES = {
    PRODUCTION: "Production sheet 剧组预订单",
    RESOURCE_WEEK: "Resource week 资源周表",
    DAY: "Daily lot sheet 片场日报",
}


@dataclass(frozen=True)
class SheetRequest:
    kind: str  # PRODUCTION, RESOURCE_WEEK or DAY
    name: str = ""  # production or resource
    day: dt.date | None = None
    paper: str = "A4"


def _settings() -> QSettings:
    try:
        from .prefs import make_settings  # the application's settings file
    except ImportError:  # pragma: no cover
        return QSettings()
    return make_settings()


def remembered_paper() -> str:
    value = _settings().value(PAPER_KEY, "A4")
    return str(value) if str(value) in sheets.PAPER_NAMES else "A4"


def remember_paper(paper: str) -> None:
    _settings().setValue(PAPER_KEY, paper)


def build_sheet(engine: Any, req: SheetRequest) -> Sheet:
    if req.kind == PRODUCTION:
        return sheet_content.production_content(engine, req.name)
    day = req.day or dt.date.today()
    if req.kind == RESOURCE_WEEK:
        return sheet_content.resource_week_content(engine, req.name, day)
    return sheet_content.day_content(engine, day)


class SheetDialog(QDialog):
    """Which sheet, for which production / resource / date, on which paper."""

    def __init__(self, engine: Any, parent: QWidget | None = None,
                 initial: SheetRequest | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Booking sheet 预订单")
        self.engine = engine
        self.kind = QComboBox()
        for key, title in SHEET_TITLES.items():
            self.kind.addItem(title, key)
        self.name = QComboBox()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.paper = QComboBox()
        self.paper.addItems(list(sheets.PAPER_NAMES))
        self.paper.setCurrentText(remembered_paper())
        form = QFormLayout(self)
        form.addRow("Sheet 类型", self.kind)
        form.addRow("Name 名称", self.name)
        form.addRow("Date 日期", self.date)
        form.addRow("Paper 纸张", self.paper)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if initial is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(initial.kind), 0))
            if initial.day:
                self.date.setDate(QDate(initial.day.year, initial.day.month, initial.day.day))
        self._kind_changed()
        if initial is not None and initial.name:
            self.name.setCurrentText(initial.name)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.name.clear()
        if kind == PRODUCTION:
            self.name.addItems([p.name for p in catalog.list_productions(self.engine)])
        elif kind == RESOURCE_WEEK:
            self.name.addItems([r.name for r in catalog.list_resources(self.engine)])
        self.name.setEnabled(kind != DAY)
        self.date.setEnabled(kind != PRODUCTION)

    def request(self) -> SheetRequest:
        d = self.date.date()
        return SheetRequest(str(self.kind.currentData()), self.name.currentText(),
                            dt.date(d.year(), d.month(), d.day()), self.paper.currentText())

    def accept(self) -> None:
        remember_paper(self.paper.currentText())
        super().accept()


def _ask(window: Any, then: Callable[[SheetRequest], object]) -> SheetDialog:
    """Which sheet: a window-modal dialog; `then(request)` once the coordinator says OK."""
    dlg = SheetDialog(window.engine, window)
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


def export_calendar(window: Any) -> None:
    engine = window.engine
    items = [("production", p.name) for p in catalog.list_productions(engine)]
    items += [("resource", r.name) for r in catalog.list_resources(engine)]
    if not items:
        QMessageBox.information(window, "Studio Booker", "Nothing to export yet.")
        return
    labels = [f"{'Production 剧组' if k == 'production' else 'Resource 资源'}: {n}" for k, n in items]
    choice, ok = QInputDialog.getItem(window, "Calendar", "Calendar of 日历", labels, 0, False)
    if not ok:
        return
    kind, name = items[labels.index(choice)]
    file_dialogs.save_file(window, "Export calendar", ics.file_name(kind, 0, name), "iCalendar (*.ics)",
                           lambda chosen: export_calendar_to(window, kind, name, chosen))


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


def _current_filter(window: Any) -> BookingFilter:
    getter = getattr(window, "booking_filter", None)
    f = getter() if callable(getter) else None
    return f if isinstance(f, BookingFilter) else BookingFilter()


def export_table(window: Any, fmt: str, path: Path | None = None) -> Worker | None:
    wanted = _current_filter(window)  # read from the widgets here, on the GUI thread
    if path is None:
        pattern = "CSV (*.csv)" if fmt == "csv" else "Excel (*.xlsx)"
        file_dialogs.save_file(window, "Export bookings", f"bookings.{fmt}", pattern,
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
