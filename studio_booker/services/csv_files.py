"""Reading a CSV file a coordinator gives (SPEC 5): its text, its header, its rows with their
line numbers as an editor shows them, and the problems found on the way.

Nothing here knows what the rows mean: services.importer checks and writes them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConflictRefused, InputError
from ..storage.live_files import refuse_live

COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required, optional)
    "resources": (
        ("name", "kind"),
        ("capacity", "area_m2", "features", "department", "role", "day_rate", "notes"),
    ),
    "productions": (
        ("name",),
        ("company", "contact_name", "contact_email", "contact_phone", "color", "notes"),
    ),
    "bookings": (
        ("resource", "start", "end"),
        ("production", "status", "activity", "ref", "notes"),
    ),
}

KINDS_OF_FILE = tuple(COLUMNS)

# what a binary file starts with, to say what it is instead of "not UTF-8"
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook is one; save it as \"CSV UTF-8\" instead)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel/Office document (save it as \"CSV UTF-8\" instead)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


@dataclass(frozen=True)
class Problem:
    line: int
    column: str | None
    text: str
    refused: bool = False  # by the enforcement rule (the row itself is fine)

    def render(self, filename: str) -> str:
        where = f"{filename} line {self.line}"
        if self.column is not None:
            where += f', column "{self.column}"'
        return f"{where}: {self.text}"


class ImportRejected(InputError):
    """The file was rejected and nothing was written; `problems` lists every bad line."""

    def __init__(self, filename: str, problems: Sequence[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(problems, key=lambda p: (p.line, p.column or ""))
        # SPEC 5: a file refused only by the enforcement rule exits as a refused save does
        if self.problems and all(p.refused for p in self.problems):
            self.exit_code = ConflictRefused.exit_code
        lines = sorted({p.line for p in self.problems})
        head = (
            f"{filename}: nothing imported; {len(lines)} bad line{'s' if len(lines) != 1 else ''} "
            f"({len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}):"
        )
        if len(self.problems) == 1:
            super().__init__(self.problems[0].render(filename) + "; nothing imported")
        else:
            super().__init__("\n".join([head, *("  " + p.render(filename) for p in self.problems)]))


@dataclass
class Row:
    line: int
    values: dict[str, str]


# ---- reading the file --------------------------------------------------------------------

def _read_text(path: Path) -> str:
    name = path.name
    refuse_live(path, "import")  # only SQLite may open a database file (storage/live_files.py)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a CSV file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror})") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name} is not a CSV text file: it is {what}")
    if b"\x00" in data[:65536]:
        raise InputError(
            f"{name} is not a CSV text file (it holds binary data); "
            "expected UTF-8 text with comma-separated columns"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name} line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "save the file as \"CSV UTF-8\" (comma-separated)"
        ) from None


def read_rows(kind: str, path: Path, problems: list[Problem]) -> Iterator[Row]:
    """The data rows with their line numbers as an editor shows them (the header is line 1)."""
    name = path.name
    required, optional = COLUMNS[kind]
    accepted = (*required, *optional)
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"{name} line 1: cannot read the header ({exc})") from None
    if header is None or not any(h.strip() for h in header):
        raise InputError(
            f"{name} is empty; expected a header line naming the columns: {', '.join(accepted)}"
        )
    header_line = reader.line_num
    columns = [h.strip().lower() for h in header]
    bad: list[str] = []
    for i, col in enumerate(columns, start=1):
        if not col:
            bad.append(f"column {i} of the header has no name")
        elif col not in accepted:
            semi = ";" in col and len(columns) == 1
            bad.append(
                f'unknown column "{header[i - 1].strip()}"'
                + ("; the file seems to be separated by semicolons, use commas" if semi else "")
            )
        elif columns.index(col) != i - 1:
            bad.append(f'column "{col}" appears twice')
    missing = [c for c in required if c not in columns]
    if missing:
        bad.append(
            f"missing required column{'s' if len(missing) > 1 else ''} "
            + ", ".join(f'"{c}"' for c in missing)
        )
    if bad:
        raise InputError(
            f"{name} line {header_line}: " + "; ".join(bad)
            + f". A {kind} file has the columns {', '.join(accepted)}"
            + f" (required: {', '.join(required)})"
        )
    last = reader.line_num
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(last + 1, None, f"cannot read this line as CSV ({exc})"))
            return
        first, last = last + 1, reader.line_num
        if not any(v.strip() for v in record):
            continue  # a blank line
        if len(record) != len(columns):
            problems.append(Problem(
                first, None,
                f"{len(record)} values, but the header names {len(columns)} columns "
                "(a stray comma, or a value with a comma that needs quotes?)",
            ))
            continue
        yield Row(first, dict(zip(columns, record, strict=True)))
