"""The main window: timeline in the middle, conflicts and lists in docks, menus, undo, settings.

Behaviour is in small methods that call services (or the timeline's public API);
the window owns the undo stack, the editor and the conflicts panel.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QWidget,
)
from sqlalchemy import Engine

from ..domain.timeutil import TimeFormatError, parse_instant, short_local
from ..errors import BookerError
from ..i18n import arg, translate
from ..services.bookings import BookingFilter
from ..services.settings import get_settings
from ..services.views import BookingView, ConflictView
from ..storage.engine import short_name, sqlite_path
from . import file_dialogs, print_actions
from .booking_actions import BookingActions
from .collector import IdleCollector
from .conflicts_panel import ConflictsPanel
from .database_menu import DatabaseMenu
from .db_health import DatabaseHealth
from .editor import BookingEditor
from .errors import show_error
from .management import ManagementTabs
from .prefs import Preferences, WindowState
from .read_only import ReadOnlyMixin
from .timeline import TimelineView
from .timeline_source import TimelineSource
from .workers import Worker
from .zooms import ZOOM_ORDER

ContextHook = Callable[[QMenu, BookingView | None], None]


def shortcut_text(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


class MainWindow(BookingActions, DatabaseMenu, ReadOnlyMixin, QMainWindow):
    databaseOpened = Signal(object)  # the new MainWindow after File > Open / New

    def __init__(self, engine: Engine, db_label: str = "", prefs: Preferences | None = None,
                 user: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.db_label = db_label
        self.user = user or getpass.getuser()
        self.prefs = prefs or Preferences()
        self.window_state = WindowState("main")
        self.tz = get_settings(engine).tz
        self.booking_context_hooks: list[ContextHook] = []
        self.undo_stack = QUndoStack(self)
        self.editor: BookingEditor | None = None
        self.workers: list[Worker] = []
        self.collector = IdleCollector(self)  # full garbage collections while the timeline is still
        self.health = DatabaseHealth(self)  # a database error: stop writes, check the file, say the result
        self.read_only_reason: str | None = None
        self.setWindowTitle(f"Studio Booker — {short_name(db_label)}" if db_label else "Studio Booker")
        db_file = sqlite_path(str(engine.url))
        if db_file is not None:
            file_dialogs.start_in(db_file.parent)  # the first file dialog opens beside the database
        self._build_views()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._install_sheet_actions()
        self._connect()
        self.restore_settings()
        self.conflicts.refresh()

    # ---- construction ----------------------------------------------------------------
    def _build_views(self) -> None:
        self.source = TimelineSource(self.engine)
        self.timeline = TimelineView(self.source, self)
        self.timeline.setObjectName("timeline")
        self.setCentralWidget(self.timeline)
        self.conflicts = ConflictsPanel(self.engine, self.tz, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.conflicts)
        self.management = ManagementTabs(self.engine, self.tz, self)
        self.lists_dock = QDockWidget(translate("MainWindow", "Lists"), self)
        self.lists_dock.setObjectName("listsDock")
        self.lists_dock.setWidget(self.management)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.lists_dock)
        self.tabifyDockWidget(self.conflicts, self.lists_dock)
        self.conflicts.raise_()
        self.management.reload()

    def _action(self, text: str, slot: Callable[[], object] | None = None,
                keys: list[QKeySequence | str | QKeySequence.StandardKey] | None = None,
                tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(lambda *_: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        A, K = self._action, QKeySequence.StandardKey
        self.new_db_action = A(translate("MainWindow", "&New database…"), self.new_database_dialog, [K.New])
        self.open_action = A(translate("MainWindow", "&Open…"), self.open_database_dialog, [K.Open])
        self.backup_action = A(translate("MainWindow", "&Backup…"), self.backup_dialog,
                               tip=translate("MainWindow", "Copy the live database to a file"))
        self.restore_action = A(
            translate("MainWindow", "&Restore backup…"), self.restore_backup_dialog,
            tip=translate("MainWindow", "List the daily backups and restore one as a new file"))
        self.import_actions = {kind: A(title, partial(self.import_dialog, kind)) for kind, title in (
            ("resources", translate("MainWindow", "Resources…")),
            ("productions", translate("MainWindow", "Productions…")),
            ("bookings", translate("MainWindow", "Bookings…")))}
        self.quit_action = A(translate("MainWindow", "&Quit"), self.close, ["Ctrl+Q"])
        self.undo_action = self.undo_stack.createUndoAction(self, translate("MainWindow", "&Undo"))
        self.undo_action.setShortcuts([QKeySequence(K.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, translate("MainWindow", "&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for a in (self.undo_action, self.redo_action):
            self.addAction(a)
        # the toolbar's own Undo / Redo keep their text (the menu's say what they undo), so the
        # toolbar does not move whenever the next step changes; the step is in the tooltip
        self.undo_tool = QAction(translate("MainWindow", "Undo"), self)
        self.undo_tool.triggered.connect(self.undo_action.trigger)
        self.redo_tool = QAction(translate("MainWindow", "Redo"), self)
        self.redo_tool.triggered.connect(self.redo_action.trigger)
        for tool, menu_action in ((self.undo_tool, self.undo_action), (self.redo_tool, self.redo_action)):
            menu_action.changed.connect(lambda t=tool, m=menu_action: self._mirror(t, m))
            self._mirror(tool, menu_action)
        self.new_booking_action = A(translate("MainWindow", "&New booking…"),
                                    self.new_booking, ["Ctrl+B", "Ins"])
        self.edit_booking_action = A(translate("MainWindow", "&Edit booking…"),
                                     self.edit_selected, ["Return"])
        self.confirm_action = A(translate("MainWindow", "&Confirm booking"),
                                lambda: self.set_status_selected("confirmed"),
                                ["Ctrl+Shift+C"])
        self.cancel_action = A(translate("MainWindow", "Cance&l booking"),
                               lambda: self.set_status_selected("cancelled"),
                               [K.Delete])
        self.zoom_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        zoom_titles = {"day": translate("MainWindow", "Day"), "week": translate("MainWindow", "Week"),
                       "month": translate("MainWindow", "Month"),
                       "quarter": translate("MainWindow", "Quarter")}
        for i, zoom in enumerate(ZOOM_ORDER, start=1):
            action = A(zoom_titles[zoom], partial(self.set_zoom, zoom), [f"Ctrl+{i}"], checkable=True)
            group.addAction(action)
            self.zoom_actions[zoom] = action
        self.zoom_in_action = A(translate("MainWindow", "Zoom &in"), self.timeline.zoom_in, [K.ZoomIn])
        self.zoom_out_action = A(translate("MainWindow", "Zoom &out"), self.timeline.zoom_out, [K.ZoomOut])
        self.today_action = A(translate("MainWindow", "Go to &today"), self.timeline.go_to_today, ["Ctrl+T"])
        self.go_to_date_action = A(translate("MainWindow", "&Go to date…"),
                                   self.go_to_date_dialog, ["Ctrl+G"])
        self.kind_actions = {kind: A(title, self.apply_kinds, checkable=True) for kind, title in (
            ("stage", translate("MainWindow", "&Stages")),
            ("workshop", translate("MainWindow", "&Workshops")),
            ("crew", translate("MainWindow", "C&rew")))}
        self.refresh_action = A(translate("MainWindow", "&Refresh"), self.after_change, [K.Refresh])
        self.about_action = A(translate("MainWindow", "&About Studio Booker"), self.show_about)
        self.shortcuts_action = A(translate("MainWindow", "&Keyboard shortcuts"),
                                  self.show_shortcuts, ["Ctrl+F1"])
        self.guide_action = A(translate("MainWindow", "User &guide"), self.show_guide, [K.HelpContents])
        self.preferences_action = A(translate("MainWindow", "&Preferences…"),
                                    self.preferences_dialog, [K.Preferences, "Ctrl+,"])

    @staticmethod
    def _mirror(tool: QAction, menu_action: QAction) -> None:
        if not (shiboken6.isValid(tool) and shiboken6.isValid(menu_action)):
            return  # the window is being destroyed
        tool.setEnabled(menu_action.isEnabled())
        tool.setToolTip(menu_action.text().replace("&", ""))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(translate("MainWindow", "&File"))
        self.file_menu.addActions([self.new_db_action, self.open_action])
        self.recent_menu = self.file_menu.addMenu(translate("MainWindow", "&Recent databases"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.backup_action, self.restore_action])
        self.import_menu = self.file_menu.addMenu(translate("MainWindow", "&Import CSV"))
        self.import_menu.addActions(list(self.import_actions.values()))
        self.export_menu = self.file_menu.addMenu(translate("MainWindow", "&Export"))
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.new_booking_action, self.edit_booking_action,
                                   self.confirm_action, self.cancel_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        self.view_menu = bar.addMenu(translate("MainWindow", "&View"))
        self.view_menu.addActions(list(self.zoom_actions.values()))
        self.view_menu.addActions([self.zoom_in_action, self.zoom_out_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.today_action, self.go_to_date_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions(list(self.kind_actions.values()))
        self.show_cancelled_action = self.timeline.show_cancelled_action(self)
        self.view_menu.addAction(self.show_cancelled_action)
        self.legend_action = self.view_menu.addAction(translate("MainWindow", "&Legend"),
                                                      lambda: self.timeline.show_legend())
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.conflicts.toggleViewAction(), self.lists_dock.toggleViewAction(),
                                   self.refresh_action])
        self.help_menu = bar.addMenu(translate("MainWindow", "&Help"))
        self.help_menu.addActions([self.guide_action, self.shortcuts_action, self.about_action])

    def _build_toolbar(self) -> None:
        tools = self.addToolBar(translate("MainWindow", "Main toolbar"))
        tools.setObjectName("mainToolBar")
        tools.addActions([self.new_booking_action, self.confirm_action, self.cancel_action])
        tools.addSeparator()
        tools.addActions([self.undo_tool, self.redo_tool])
        tools.addSeparator()
        tools.addActions(list(self.zoom_actions.values()))
        tools.addAction(self.today_action)
        tools.addSeparator()
        tools.addActions(list(self.kind_actions.values()))

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.conflict_counts = QLabel(self)
        self.conflict_counts.setObjectName("conflictCounts")
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setStyleSheet("QLabel { background: #b3261e; color: white; padding: 1px 8px; }")
        self.read_only_banner.hide()
        self.statusBar().addPermanentWidget(self.read_only_banner)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.conflict_counts)

    def _install_sheet_actions(self) -> None:
        print_actions.install(self)  # print, sheet PDF, calendars and spreadsheets
        self.export_menu.setEnabled(not self.export_menu.isEmpty())

    def _connect(self) -> None:
        t = self.timeline
        t.createRequested.connect(self.on_create_requested)
        t.moveRequested.connect(self.on_move_requested)
        t.bookingActivated.connect(self.edit_booking)
        t.contextMenuRequested.connect(self.on_context_menu)
        t.statusMessage.connect(self.show_status)
        t.readFailed.connect(lambda exc: self.report_error(exc, translate("MainWindow", "reading bookings")))
        self.undo_stack.canUndoChanged.connect(self._keep_read_only)
        self.undo_stack.canRedoChanged.connect(self._keep_read_only)
        t.visibleRangeChanged.connect(self.management.bookings.set_period)
        t.visibleRangeChanged.connect(self.collector.activity)
        self.conflicts.conflictSelected.connect(self.reveal_conflict)
        self.conflicts.refreshed.connect(self.conflict_counts.setText)
        self.conflicts.failed.connect(
            lambda exc: self.report_error(exc, translate("MainWindow", "conflicts report")))
        self.management.changed.connect(self.after_change)
        self.management.bookings.bookingActivated.connect(self.edit_booking)
        self.management.bookings.bookingSelected.connect(self.show_on_timeline)
        self.management.bookings.contextMenuRequested.connect(self.on_context_menu)

    # ---- settings --------------------------------------------------------------------
    def restore_settings(self) -> None:
        geometry, state = self.window_state.geometry(), self.window_state.state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if state is not None:
            self.restoreState(state)
        self.timeline.set_collapsed_groups(self.prefs.get(Preferences.COLLAPSED))
        shown: list[str] = self.prefs.get(Preferences.KINDS_SHOWN)
        kinds = set(shown)
        for kind, action in self.kind_actions.items():
            action.setChecked(kind in kinds)
        self.timeline.set_kinds(kinds)
        self.set_zoom(self.prefs.get(Preferences.ZOOM))

    def save_settings(self) -> None:
        self.window_state.save(self.saveGeometry(), self.saveState())
        self.prefs.set(Preferences.ZOOM, self.timeline.zoom())
        self.prefs.set(Preferences.KINDS_SHOWN, sorted(self.timeline.kinds()))
        self.prefs.set(Preferences.COLLAPSED, self.timeline.collapsed_groups())
        if self.db_label:
            self.prefs.remember_database(self.db_label)
        self.prefs.sync()

    def closeEvent(self, e: QCloseEvent) -> None:
        self.save_settings()
        self.collector.close()
        super().closeEvent(e)

    # ---- the context the undo commands use -------------------------------------------
    def after_change(self) -> None:
        """After any change: the timeline, the conflicts and the lists show the database again."""
        self.timeline.reload()
        self.conflicts.refresh()
        if self.management.bookings.isVisible():
            self.management.bookings.reload()

    def report_error(self, exc: BaseException, doing: str = "") -> None:
        if self.health.handle(exc):  # the database itself failed: stop writing, check it, tell the truth
            return
        prefix = f"{doing}: " if doing else ""
        self.show_status(prefix + str(exc))
        self.last_error_box = show_error(self, exc)

    def show_status(self, text: str) -> None:
        """A message for 8 s, cut to the room left of the counts (the whole of it in the tooltip)."""
        bar = self.statusBar()
        room = bar.width() - sum(w.width() + 12 for w in (self.conflict_counts, self.progress,
                                                          self.read_only_banner) if w.isVisible()) - 16
        shown = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(room, 80))
        bar.setToolTip(text)
        bar.showMessage(shown, 8000)
        self.last_status = text

    def booking_filter(self) -> tuple[BookingFilter, str]:
        """What the window shows, for File ▸ Export ▸ Bookings: the timeline's period and kinds."""
        start, end = self.timeline.visible_range()
        kinds = tuple(sorted(self.timeline.kinds()))
        period = f"{short_local(start, self.tz)} – {short_local(end, self.tz)}"
        names = {"stage": translate("MainWindow", "stages"), "workshop": translate("MainWindow", "workshops"),
                 "crew": translate("MainWindow", "crew")}
        shown = ", ".join(names[k] for k in kinds) or translate("MainWindow", "no kinds")
        return (BookingFilter(start=start, end=end, kinds=kinds),
                arg(translate("MainWindow", "%1, %2 (as shown on the timeline)"), period, shown))

    def show_notice(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information,
                    headline: str = "") -> QMessageBox:
        """A message that does not block the window (it stays until the coordinator closes it):
        `headline` in bold with `text` below it, or `text` alone."""
        box = QMessageBox(icon, title, headline or text, QMessageBox.StandardButton.Close, self)
        if headline:
            box.setInformativeText(text)
        box.setObjectName("noticeDialog")
        box.open()
        self.last_notice = box
        return box

    # ---- view ------------------------------------------------------------------------
    def set_zoom(self, zoom: str) -> None:
        self.timeline.set_zoom(zoom)
        self.zoom_actions[self.timeline.zoom()].setChecked(True)
        self.prefs.set(Preferences.ZOOM, self.timeline.zoom())

    def apply_kinds(self) -> None:
        kinds = {k for k, a in self.kind_actions.items() if a.isChecked()}
        self.timeline.set_kinds(kinds)
        self.prefs.set(Preferences.KINDS_SHOWN, sorted(kinds))

    def go_to_text(self, text: str) -> bool:
        try:
            self.timeline.go_to(parse_instant(text, self.tz))
        except TimeFormatError as exc:
            self.report_error(BookerError(arg(translate("MainWindow", "go to date: %1"), exc)))
            return False
        return True

    def go_to_date_dialog(self) -> None:
        text, ok = QInputDialog.getText(self, translate("MainWindow", "Go to date"),
                                        translate("MainWindow", "Date or time (lot time), e.g. 2026-12-03:"))
        if ok and text.strip():
            self.go_to_text(text)

    def show_on_timeline(self, booking: BookingView) -> None:
        """A booking chosen in the list: the timeline goes to it and selects it."""
        self.timeline.reveal(booking.resource_id, booking.start, booking.end)
        self.timeline.select_bookings([booking.id])

    def reveal_conflict(self, item: ConflictView) -> None:
        self.timeline.reveal(item.resource_id, item.start, item.end)
        self.timeline.select_bookings(list(item.booking_ids))

    # ---- long work off the GUI thread ------------------------------------------------
    def run_in_background(self, label: str, fn: Callable[..., object], *args: object,
                          on_done: Callable[[object], None] | None = None) -> Worker:
        worker = Worker(fn, *args, owner=self)
        self.progress.show()
        self.progress.setToolTip(label)
        self.show_status(label + "…")
        worker.finished.connect(lambda result: on_done(result) if on_done else None)
        worker.failed.connect(lambda exc: self.report_error(exc, label))
        worker.done.connect(lambda: self._background_done(worker))
        self.workers.append(worker)
        return worker.start()

    def _background_done(self, worker: Worker) -> None:
        if worker in self.workers:
            self.workers.remove(worker)
        if not self.workers:
            self.progress.hide()

    def import_file(self, kind: str, path: Path) -> Worker | None:
        if self.refuse_if_read_only():
            return None
        from ..services.importer import import_csv

        def done(result: object) -> None:
            self.show_status(result.summary())  # type: ignore[attr-defined]
            self.management.reload()
            self.after_change()

        label = arg(translate("MainWindow", "importing %1"), path.name)
        return self.run_in_background(label, import_csv, self.engine, kind, path, self.user, on_done=done)

    def import_dialog(self, kind: str) -> None:
        titles = {"resources": translate("MainWindow", "Import resources"),
                  "productions": translate("MainWindow", "Import productions"),
                  "bookings": translate("MainWindow", "Import bookings")}
        file_dialogs.open_file(self, titles[kind],
                               translate("MainWindow", "CSV files (*.csv);;All files (*)"),
                               partial(self.import_file, kind))

    # ---- help ------------------------------------------------------------------------
    def shortcuts(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) for every action of the menus that has a shortcut."""
        out: list[tuple[str, str, str]] = []
        for menu in (self.file_menu, self.edit_menu, self.view_menu, self.help_menu):
            for action in menu.actions():
                if action.shortcuts():
                    out.append((menu.title().replace("&", ""), action.text().replace("&", ""),
                                shortcut_text(action)))
        return out

    def show_shortcuts(self) -> QMessageBox:
        rows = "".join(f"<tr><td>{m}</td><td>{a}</td><td><b>{k}</b></td></tr>"
                       for m, a, k in self.shortcuts())
        extra = ((translate("MainWindow", "Timeline"),
                  translate("MainWindow", "drag on a row / drag a bar / drag an end"),
                  translate("MainWindow", "create / move / resize")),
                 (translate("MainWindow", "Editor"), translate("MainWindow", "Save / Cancel"),
                  "Ctrl+Enter / Esc"))
        rows += "".join(f"<tr><td>{m}</td><td>{a}</td><td><b>{k}</b></td></tr>" for m, a, k in extra)
        table = "<table cellspacing=6>%1</table>"
        box = QMessageBox(QMessageBox.Icon.NoIcon, translate("MainWindow", "Keyboard shortcuts"),
                          arg(table, rows), QMessageBox.StandardButton.Close, self)
        box.setObjectName("shortcutsDialog")
        box.open()
        return box

    def show_guide(self) -> QDialog:
        """Help > User guide (F1): the guide in the window's language, beside the window."""
        from .guide_dialog import GuideDialog

        dialog = GuideDialog(self)
        dialog.show()
        return dialog

    def show_about(self) -> QMessageBox:
        st = get_settings(self.engine)
        text = arg(translate("MainWindow", "<b>Studio Booker</b><br>Bookings for %1.<br>"
                                           "Lot time zone: %2<br>Database: %3"),
                   st.lot_name, st.timezone_name, self.db_label)
        box = QMessageBox(QMessageBox.Icon.Information, translate("MainWindow", "About Studio Booker"), text,
                          QMessageBox.StandardButton.Close, self)
        box.open()
        return box


def show_later(window: MainWindow) -> None:
    """Show the window, then (once the event loop runs) offer the demo lot on an empty database."""
    window.show()
    QTimer.singleShot(0, window.offer_demo_if_empty)
    QTimer.singleShot(0, window.start_daily_backup)
