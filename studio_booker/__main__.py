"""`studio-booker` / `python -m studio_booker`: the command line (and, by default, the window)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
