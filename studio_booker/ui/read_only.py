# mypy: disable-error-code="misc"
# (the methods take `self: MainWindow`, the class they are mixed into; mypy asks that to be a
# supertype of the mixin, which a mixin's host never is)
"""A window that cannot change the database: after a database error (ui/db_health.py), and
for whoever may only read. A mixin of MainWindow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from .main_window import MainWindow


class ReadOnlyMixin:
    def write_actions(self: MainWindow) -> list[QAction]:
        return [self.new_booking_action, self.edit_booking_action, self.confirm_action,
                self.cancel_action, self.undo_action, self.redo_action, *self.import_actions.values()]

    def set_read_only(self: MainWindow, reason: str | None) -> None:
        """With a reason: nothing in this window can change the database, and a banner says why.
        None: writable again."""
        self.read_only_reason = reason
        self.timeline.set_read_only(reason is not None)
        self.management.set_read_only(reason is not None)
        self.read_only_banner.setText(reason or "")
        self.read_only_banner.setToolTip(reason or "")
        self.read_only_banner.setVisible(reason is not None)
        for action in self.write_actions():
            action.setEnabled(reason is None)
        if reason is None:
            self.undo_action.setEnabled(self.undo_stack.canUndo())
            self.redo_action.setEnabled(self.undo_stack.canRedo())
        else:
            self.show_status(reason)

    def _keep_read_only(self: MainWindow, *_: object) -> None:
        """The undo stack enables its actions itself; while read-only they stay off."""
        if self.read_only_reason is not None:
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)

    def refuse_if_read_only(self: MainWindow) -> bool:
        if self.read_only_reason is None:
            return False
        self.show_status(self.read_only_reason)
        return True
