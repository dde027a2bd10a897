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
from ..i18n import arg, translate
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

def _read_text(path: Path) -> tuple[str, str]:
    """The text of the file and the encoding it was read in (SPEC 5)."""
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its BOM: Excel's "Unicode text"
        return _utf16_text(name, data), "UTF-16"
    if b"\x00" in data[:65536]:
        raise InputError(
            f"{name} is not a CSV text file (it holds binary data); "
            "expected UTF-8 text with comma-separated columns"
        )
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as exc:
        gb = None if data.startswith(b"\xef\xbb\xbf") else _gb18030_text(data)
        if gb is not None:
            return gb, "GB18030"
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name} line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "save the file as \"CSV UTF-8\" (comma-separated)"
        ) from None


def _utf16_text(name: str, data: bytes) -> str:
    try:
        text = data.decode("utf-16")  # the BOM says which byte order, and is dropped
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:  # a UTF-32 BOM starts like a UTF-16 one
        raise InputError(arg(translate("CsvFiles", "%1 starts as UTF-16 text but is not UTF-16 text; save the file as \"CSV UTF-8\" (comma-separated)"), name))  # noqa: E501
    return text


def _gb18030_text(data: bytes) -> str | None:
    """The text of a file that is not UTF-8 when it reads as GB18030 (Excel on Chinese Windows),
    else None. Text from Chinese Windows is nearly all GB2312 characters (two bytes from 0xA1
    up: hanzi, punctuation, Cyrillic, Greek); Latin-1 or cp1252 that happens to decode gives
    mostly the rarer characters (a letter after an accented one), so it is refused, not stored
    as mojibake."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    counts: dict[str, int] = {}
    for ch in text:
        if ch > "\x7f":
            counts[ch] = counts.get(ch, 0) + 1
    common = rare = 0
    for ch, n in counts.items():
        b = ch.encode("gb18030")
        if len(b) == 2 and b[0] >= 0xA1 and b[1] >= 0xA1:
            common += n
        else:
            rare += n
    if common < rare:
        return None
    return text[1:] if text.startswith("\ufeff") else text  # GB18030's own BOM


def _separator(text: str) -> str:
    """SPEC 5: commas, or semicolons or tabs when the whole file is separated by them.

    Decided from the parsed file rather than guessed from a sample (csv.Sniffer): a header
    split by commas makes a comma file whatever its values hold (features are `;`-separated
    inside a comma file); otherwise `;` or a tab is taken only when it splits the header and
    every line into the same number of values. Anything else stays a comma file and gets the
    usual messages."""
    def records(delimiter: str) -> list[list[str]] | None:
        try:
            return [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                    if any(v.strip() for v in r)]
        except csv.Error:
            return None

    first = next(csv.reader(io.StringIO(text, newline="")), None) or []
    if len(first) > 1:
        return ","
    for delimiter in (";", "\t"):
        if delimiter not in text:
            continue
        found = records(delimiter)
        if found and len(found[0]) > 1 and all(len(r) == len(found[0]) for r in found):
            return delimiter
    return ","


@dataclass(frozen=True)
class CsvText:
    """A CSV file read (SPEC 5): its text, the encoding and the separator it was read with."""

    text: str
    encoding: str = "UTF-8"
    delimiter: str = ","

    def notes(self) -> list[str]:
        """What a successful import says about the reading, when it was not UTF-8 and commas."""
        out = []
        if self.encoding != "UTF-8":
            out.append(arg(translate("CsvFiles", "read as %1"), self.encoding))
        if self.delimiter == ";":
            out.append(translate("CsvFiles", "separated by semicolons"))
        elif self.delimiter == "\t":
            out.append(translate("CsvFiles", "separated by tabs"))
        return out


def read_csv(path: Path) -> CsvText:
    """The file's text, read as SPEC 5 says (encoding and separator), or a clear InputError."""
    text, encoding = _read_text(path)
    return CsvText(text, encoding, _separator(text))


def read_rows(kind: str, path: Path, problems: list[Problem],
              source: CsvText | None = None) -> Iterator[Row]:
    """The data rows with their line numbers as an editor shows them (the header is line 1)."""
    name = path.name
    required, optional = COLUMNS[kind]
    accepted = (*required, *optional)
    source = source or read_csv(path)
    reader = csv.reader(io.StringIO(source.text, newline=""), delimiter=source.delimiter)
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
