# mypy: disable-error-code="misc"
# (the methods take `self: MainWindow`, the class they are mixed into; mypy asks that to be a
# supertype of the mixin, which a mixin's host never is)
"""What the window does with bookings: the editor (new, edit), moves from the timeline, confirm
and cancel, duplicate, and the bookings' context menu, each as an undoable command. A mixin of
MainWindow."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from ..domain.timeutil import now_instant, to_instant, to_local
from ..errors import BookerError, ConflictRefused
from ..services import bookings
from ..services.views import BookingView
from .commands import CreateBookingCommand, EditBookingCommand, MoveBookingCommand, StatusCommand
from .editor import BookingEditor
from .editor_fields import next_hour

if TYPE_CHECKING:
    from .main_window import MainWindow

DEFAULT_LENGTH_S = 10 * 3600  # a new booking's length when nothing suggests one: a shooting day


class BookingActions:
    editor: BookingEditor | None  # the open editor, if any

    def open_editor(self: MainWindow, **kw: object) -> BookingEditor | None:
        if self.refuse_if_read_only():
            return None
        editor = BookingEditor(self.engine, self.user, self, **kw)  # type: ignore[arg-type]
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        before = kw.get("booking")
        editor.saved.connect(lambda after, b=before: self._push_saved(b, after))
        editor.finished.connect(lambda _r, e=editor: self._editor_closed(e))
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self: MainWindow, editor: BookingEditor) -> None:
        if self.editor is editor:
            self.editor = None

    def _push_saved(self: MainWindow, before: object, after: BookingView) -> None:
        if isinstance(before, BookingView):
            self.undo_stack.push(EditBookingCommand(self, before, after))
        else:
            self.undo_stack.push(CreateBookingCommand(self, after))
        self.show_status(f"saved booking #{after.id}")

    def on_create_requested(self: MainWindow, resource_id: int, start: int, end: int) -> BookingEditor | None:
        return self.open_editor(resource_id=resource_id, start=start, end=end)

    def new_booking(self: MainWindow) -> BookingEditor | None:
        """Ctrl+B: after the selected booking (its resource, production and length), else on the
        first row in view at the next full hour of lot time (or 08:00 of the first day in view)."""
        selected = self.selected_booking_ids()
        b = self.source.booking(selected[0]) if selected else None
        if b is not None:
            return self.open_editor(resource_id=b.resource_id, start=b.end, end=b.end + (b.end - b.start),
                                    production_id=b.production_id)
        first, last = self.timeline.visible_row_span()
        rows = self.timeline.rows()
        in_view = [r.resource.id for r in rows[first:last] + rows if r.resource is not None]
        start, end = self.timeline.visible_range()
        now = now_instant()
        if start <= now < end:
            when = next_hour(self.tz, now)
        else:
            day = to_local(start + 3599, self.tz).date()  # the first day whose morning is in view
            when = to_instant(datetime.combine(day, time(8)), self.tz)
        return self.open_editor(resource_id=in_view[0] if in_view else None, start=when,
                                end=when + DEFAULT_LENGTH_S)

    def selected_booking_ids(self: MainWindow) -> list[int]:
        """The bookings selected in the list when it has the focus, else on the timeline."""
        page = self.management.bookings
        if page.isVisible() and page.table.hasFocus():
            return page.selected_ids()
        return self.timeline.selected_bookings()

    def edit_booking(self: MainWindow, booking_id: int) -> BookingEditor | None:
        try:
            view = bookings.get_booking(self.engine, booking_id)
        except BookerError as exc:
            self.report_error(exc)
            return None
        return self.open_editor(booking=view)

    def edit_selected(self: MainWindow) -> None:
        ids = self.timeline.selected_bookings()
        if ids:
            self.edit_booking(ids[0])

    def on_move_requested(self: MainWindow, booking_id: int, resource_id: int, start: int, end: int,
                          version: int) -> None:
        try:
            before = bookings.get_booking(self.engine, booking_id)
            after = bookings.move_booking(self.engine, booking_id, self.user, resource=resource_id,
                                          start=start, end=end, expected_version=version)
        except ConflictRefused as exc:
            self.timeline.snap_back(str(exc))
            return
        except BookerError as exc:
            self.timeline.snap_back(str(exc))
            self.report_error(exc)
            self.timeline.reload()
            return
        self.undo_stack.push(MoveBookingCommand(self, before, after))

    def set_status_selected(self: MainWindow, status: str) -> None:
        """Confirm or cancel what is selected where the focus is (the list or the timeline); one
        undo step for all of them, and none when nothing changes."""
        if self.refuse_if_read_only():
            return
        ids = self.selected_booking_ids()
        if not ids:
            self.show_status("select a booking on the timeline or in the list first")
            return
        try:
            views = [bookings.get_booking(self.engine, i) for i in ids]
        except BookerError as exc:
            self.report_error(exc)
            return
        todo = [v.id for v in views if v.status != status]
        if not todo:
            self.show_status(f"already {status}: " + ", ".join(f"#{i}" for i in ids))
            return
        if len(todo) == 1:
            self.set_status(todo[0], status)
            return
        self.undo_stack.beginMacro(f"{status} {len(todo)} bookings")
        try:
            for booking_id in todo:
                self.set_status(booking_id, status)
        finally:
            self.undo_stack.endMacro()

    def set_status(self: MainWindow, booking_id: int, status: str) -> bool:
        if self.refuse_if_read_only():
            return False
        try:
            before = bookings.get_booking(self.engine, booking_id)
            if before.status == status:
                return True
            after = bookings.set_status(self.engine, booking_id, status, self.user)
        except BookerError as exc:
            self.report_error(exc)
            return False
        self.undo_stack.push(StatusCommand(self, before, after))
        return True

    def duplicate(self: MainWindow, booking_id: int) -> None:
        """A hold copy of the booking right after it (holds are never refused)."""
        if self.refuse_if_read_only():
            return
        try:
            b = bookings.get_booking(self.engine, booking_id)
            draft = bookings.BookingDraft(b.resource_id, b.production_id, b.end, b.end + (b.end - b.start),
                                          "hold", b.activity, None, b.notes)
            copy = bookings.create_booking(self.engine, draft, self.user)
        except BookerError as exc:
            self.report_error(exc)
            return
        self.undo_stack.push(CreateBookingCommand(self, copy))

    def build_context_menu(self: MainWindow, booking_id: int) -> QMenu:
        menu = QMenu(self)
        view = self.source.booking(booking_id) if booking_id >= 0 else None
        if view is not None:
            self.timeline.select_bookings([view.id])
            menu.addAction("Edit…", lambda: self.edit_booking(view.id))
            confirm = menu.addAction("Confirm", lambda: self.set_status(view.id, "confirmed"))
            confirm.setEnabled(view.status != "confirmed")
            hold = menu.addAction("Put back on hold", lambda: self.set_status(view.id, "hold"))
            hold.setEnabled(view.status != "hold")
            cancel = menu.addAction("Cancel booking", lambda: self.set_status(view.id, "cancelled"))
            cancel.setEnabled(view.status != "cancelled")
            menu.addAction("Duplicate as hold", lambda: self.duplicate(view.id))
            for action in menu.actions():
                action.setEnabled(action.isEnabled() and self.read_only_reason is None)
        else:
            menu.addAction(self.new_booking_action)
        for hook in self.booking_context_hooks:
            hook(menu, view)
        return menu

    def on_context_menu(self: MainWindow, booking_id: int, pos: QPoint) -> None:
        menu = self.build_context_menu(booking_id)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(pos)
