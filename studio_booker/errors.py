"""Typed errors shared by services, the command line and the window.

Each carries the exit status of SPEC 4 and a message meant for a person:
what was wrong, where (file, line, field, value) and what would be accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class BookerError(Exception):
    exit_code = 1

    @property
    def message(self) -> str:
        return str(self)


class InputError(BookerError):
    """Bad input or usage: exit status 2."""

    exit_code = 2


class NotFound(InputError):
    """A name, id or ref that does not exist."""


class InputProblems(InputError):
    """Several bad parts of one request, every one of them named (a person fixes them all
    at once, not one per try). `errors` in the order the request gives its parts."""

    def __init__(self, errors: Sequence[InputError]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problems:\n" + "\n".join(f"  {e}" for e in self.errors))


def as_error(errors: Sequence[InputError]) -> InputError:
    """The one error as it is, or several as one InputProblems (`errors` not empty)."""
    return errors[0] if len(errors) == 1 else InputProblems(errors)


def raise_all(errors: Sequence[InputError]) -> None:
    """Raise `as_error(errors)`; nothing when there are none."""
    if errors:
        raise as_error(errors)


class ConflictRefused(BookerError):
    """A save refused by the enforcement rule: exit status 3. `blockers` are the bookings in the way."""

    exit_code = 3

    def __init__(self, message: str, blockers: list[Any] | None = None) -> None:
        super().__init__(message)
        self.blockers = blockers or []


class StaleEdit(BookerError):
    """Someone else changed the booking since it was read (optimistic locking)."""


class DatabaseProblem(BookerError):
    """The database cannot be opened or used (not a database, too new a schema, ...)."""


class NotADatabase(DatabaseProblem):
    """--db names a file that is not a Studio Booker database: bad input, exit status 2."""

    exit_code = 2
