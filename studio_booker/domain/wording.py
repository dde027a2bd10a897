"""Small pieces of English that several messages share."""

from __future__ import annotations


def ordinal(n: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`, ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def one_of(values: tuple[str, ...]) -> str:
    """`hold, confirmed or cancelled`."""
    return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else "".join(values)


def plural(n: int, word: str) -> str:
    """`1 booking`, `2 bookings`."""
    return f"{n} {word}{'' if n == 1 else 's'}"
