"""Spreadsheets of a filtered booking list: CSV (UTF-8 with BOM, for Excel) and XLSX (openpyxl).

Cells a spreadsheet would run as a formula (text starting with `=`, `+`, `-`,
`@`, a tab or a carriage return) get a leading `'` in both formats (OWASP "CSV
injection"). Times are lot time: `2026-12-03 08:00` in CSV (importable back,
since a time without an offset is read as lot time), real datetimes in XLSX.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy import Engine

from ..domain.timeutil import short_local, to_local
from ..services.reads import BookingFilter, find_bookings
from ..services.settings import get_settings
from ..services.views import BookingView
from .files import check_folder, replacing

COLUMNS = ("id", "ref", "resource", "resource_kind", "production", "status", "activity",
           "start", "end", "notes")
WIDTHS = (8, 14, 24, 12, 28, 12, 12, 18, 18, 48)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would evaluate gets a leading single quote; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cells(b: BookingView) -> list[Any]:
    return [b.id, b.ref or "", b.resource, b.resource_kind, b.production or "", b.status,
            b.activity, b.start, b.end, b.notes]


def write_csv(engine: Engine, f: BookingFilter, path: Path) -> int:
    """The bookings matching `f` as CSV; returns the number of rows (header not counted)."""
    check_folder(path)
    tz = get_settings(engine).tz
    views = find_bookings(engine, f)
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as out:
        w = csv.writer(out)
        w.writerow(COLUMNS)
        for b in views:
            row = _cells(b)
            row[7] = short_local(b.start, tz)
            row[8] = short_local(b.end, tz)
            w.writerow([neutralise(v) for v in row])
    return len(views)


def write_xlsx(engine: Engine, f: BookingFilter, path: Path) -> int:
    """The bookings matching `f` as an Excel workbook; returns the number of rows."""
    check_folder(path)
    tz = get_settings(engine).tz
    views = find_bookings(engine, f)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Bookings")
    ws.freeze_panes = "A2"
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    bold = Font(bold=True)
    header = []
    for name in COLUMNS:
        c = WriteOnlyCell(ws, value=name)
        c.font = bold
        header.append(c)
    try:
        ws.append(header)
        for b in views:
            ws.append(_xlsx_row(ws, b, tz))
    except BaseException:
        _discard(ws)
        raise
    with replacing(path) as tmp:
        wb.save(tmp)
    return len(views)


def _discard(ws: Any) -> None:
    """A write-only sheet abandoned half-way: end its row stream and remove openpyxl's
    temporary file (left to a process-exit hook otherwise)."""
    try:
        ws.close()
        ws._writer.cleanup()  # openpyxl has no public call for this
    except Exception:  # the original error matters, not this one
        pass


def _xlsx_row(ws: Any, b: BookingView, tz: tzinfo) -> Sequence[Any]:
    row: list[Any] = [neutralise(v) for v in _cells(b)]
    for i in (7, 8):
        # Excel has no time zones: a naive datetime in lot time
        c = WriteOnlyCell(ws, value=to_local(row[i], tz).replace(tzinfo=None))
        c.number_format = "yyyy-mm-dd hh:mm"
        row[i] = c
    return row
