"""Undo/redo of booking changes: one QUndoCommand per action, each going through the services.

The action itself is done (and may be refused) before the command is pushed,
so a refusal never reaches the stack: the first redo() that QUndoStack.push
calls does nothing. Later undo/redo calls go through the same services and
rules; when one is refused (say, the old slot was taken meanwhile) the reason
is reported and the command drops off the stack (setObsolete), so the stack
never claims a state the database is not in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand
from sqlalchemy import Engine

from ..errors import BookerError
from ..services import bookings
from ..services.views import BookingView


class CommandContext(Protocol):
    """What a command needs from the window: the database, who acts, and what to do after."""

    engine: Engine
    user: str

    def after_change(self) -> None: ...

    def report_error(self, exc: BookerError, doing: str) -> None: ...


class BookingCommand(QUndoCommand):
    """Base: `before` and `after` are the booking as it was and as it is after the action."""

    verb = "Change"

    def __init__(self, ctx: CommandContext, before: BookingView | None, after: BookingView) -> None:
        super().__init__(f"{self.verb} booking #{after.id}")
        self.ctx = ctx
        self.before = before
        self.after = after
        self._pushed = False
        self.failed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push: the action is already done
            self._pushed = True
            self.ctx.after_change()
            return
        self._run(self.apply_after, f"redo: {self.text()}")

    def undo(self) -> None:
        self._run(self.apply_before, f"undo: {self.text()}")

    def _run(self, step: Callable[[], None], doing: str) -> None:
        try:
            step()
        except BookerError as exc:
            self.failed = True
            self.setObsolete(True)
            self.ctx.report_error(exc, doing)
        self.ctx.after_change()

    def _update_to(self, v: BookingView) -> None:
        bookings.update_booking(
            self.ctx.engine, v.id, self.ctx.user, resource=v.resource_id, production=v.production_id,
            start=v.start, end=v.end, status=v.status, activity=v.activity, ref=v.ref, notes=v.notes,
        )

    def apply_before(self) -> None:
        assert self.before is not None
        self._update_to(self.before)

    def apply_after(self) -> None:
        self._update_to(self.after)


class CreateBookingCommand(BookingCommand):
    """Undo deletes the new booking; redo puts it back with its id (restore_booking)."""

    verb = "Create"

    def __init__(self, ctx: CommandContext, created: BookingView) -> None:
        super().__init__(ctx, None, created)

    def apply_before(self) -> None:
        bookings.delete_booking(self.ctx.engine, self.after.id)

    def apply_after(self) -> None:
        bookings.restore_booking(self.ctx.engine, self.after, self.ctx.user)


class EditBookingCommand(BookingCommand):
    verb = "Edit"


class MoveBookingCommand(BookingCommand):
    """A drag on the timeline (move or resize); undo moves it back through move_booking."""

    verb = "Move"

    def __init__(self, ctx: CommandContext, before: BookingView, after: BookingView) -> None:
        super().__init__(ctx, before, after)
        same_row = before.resource_id == after.resource_id
        one_end = before.start == after.start or before.end == after.end
        if same_row and one_end and (before.start, before.end) != (after.start, after.end):
            self.setText(f"Resize booking #{after.id}")

    def _move_to(self, v: BookingView) -> None:
        bookings.move_booking(self.ctx.engine, v.id, self.ctx.user, resource=v.resource_id,
                              start=v.start, end=v.end)

    def apply_before(self) -> None:
        assert self.before is not None
        self._move_to(self.before)

    def apply_after(self) -> None:
        self._move_to(self.after)


class StatusCommand(BookingCommand):
    """Confirm, cancel or put back on hold; undo restores the previous status."""

    def __init__(self, ctx: CommandContext, before: BookingView, after: BookingView) -> None:
        super().__init__(ctx, before, after)
        word = {"confirmed": "Confirm", "cancelled": "Cancel", "hold": "Hold"}.get(after.status, "Change")
        self.setText(f"{word} booking #{after.id}")

    def apply_before(self) -> None:
        assert self.before is not None
        bookings.set_status(self.ctx.engine, self.before.id, self.before.status, self.ctx.user)

    def apply_after(self) -> None:
        bookings.set_status(self.ctx.engine, self.after.id, self.after.status, self.ctx.user)
