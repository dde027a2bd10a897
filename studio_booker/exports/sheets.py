"""Booking sheets painted with QPainter onto a PDF (QPdfWriter) or a printer (QPrinter).

The content comes from `sheet_content` (services only, no Qt), the page breaks
from `sheet_layout.paginate` (pure); this module measures and paints. Text is
drawn as plain text (never parsed as markup), so a production called
`<b>Bold</b> & Co` prints exactly that. Every string is set in WenQuanYi Micro
Hei, which gives Chinese and Cyrillic a correct PDF text layer (STYLE.md).

Works without a display: `ensure_gui()` creates an offscreen QGuiApplication
when the process has none (the command line).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from sqlalchemy import Engine

from ..errors import BookerError, InputError
from . import sheet_content
from .files import replacing
from .sheet_layout import Block, BlockKind, Page, RowStyle, Sheet, paginate, sheet_blocks

FONT_FAMILY = "WenQuanYi Micro Hei"
FONT_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",)
PAPERS = {
    "A3": QPageSize.PageSizeId.A3,
    "A4": QPageSize.PageSizeId.A4,
    "A5": QPageSize.PageSizeId.A5,
    "LETTER": QPageSize.PageSizeId.Letter,
    "LEGAL": QPageSize.PageSizeId.Legal,
}
PAPER_NAMES = ("A4", "A3", "A5", "Letter", "Legal")
MARGIN_MM = 12.0
RESOLUTION = 300
BODY_PT = 8.0
MAX_CELL_LINES = 6

_app: QGuiApplication | None = None
log = logging.getLogger(__name__)


def ensure_gui() -> None:
    """A Qt GUI application must exist for fonts; create an offscreen one if there is none."""
    global _app
    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "studio-booker"])
    if FONT_FAMILY not in QFontDatabase.families():
        for f in FONT_FILES:
            if Path(f).exists():
                QFontDatabase.addApplicationFont(f)
        if FONT_FAMILY not in QFontDatabase.families():
            log.warning("font %r not found (Debian: apt install fonts-wqy-microhei); Chinese and "
                        "Cyrillic text in sheets may not print or copy correctly", FONT_FAMILY)


def page_size(paper: str) -> QPageSize:
    pid = PAPERS.get(paper.strip().upper())
    if pid is None:
        raise InputError(f"paper: {paper!r} is not a paper size; use {', '.join(PAPER_NAMES)}")
    return QPageSize(pid)


def page_layout(paper: str, landscape: bool) -> QPageLayout:
    orient = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    m = MARGIN_MM
    return QPageLayout(page_size(paper), orient, QMarginsF(m, m, m, m), QPageLayout.Unit.Millimeter)


# ---- the public entry points (the command line and the window call these) ------------------

def production_sheet(engine: Engine, name: str, pdf_path: Path, paper: str = "A4") -> int:
    """The production's booking sheet as a PDF; returns the number of pages."""
    return write_pdf(sheet_content.production_content(engine, name), pdf_path, paper)


def resource_week_sheet(engine: Engine, name: str, week_date: dt.date, pdf_path: Path,
                        paper: str = "A4") -> int:
    """One resource's Monday-Sunday week (the week holding week_date); returns pages."""
    return write_pdf(sheet_content.resource_week_content(engine, name, week_date), pdf_path, paper)


def day_sheet(engine: Engine, day: dt.date, pdf_path: Path, paper: str = "A4") -> int:
    """Everything on the lot on one day, by stage and workshop; returns pages."""
    return write_pdf(sheet_content.day_content(engine, day), pdf_path, paper)


def write_pdf(sheet: Sheet, pdf_path: Path, paper: str = "A4") -> int:
    layout = page_layout(paper, sheet.landscape)  # a bad paper name fails before any file is made
    ensure_gui()
    pdf_path = Path(pdf_path)
    with replacing(pdf_path) as tmp:  # a reader never sees half a PDF; a failure leaves no file
        writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(f"{sheet.title} — {sheet.subject}")
        writer.setCreator("Studio Booker")
        writer.setPageLayout(layout)
        pages = render(sheet, writer)
        del writer  # closes the file
        if not tmp.stat().st_size:
            raise BookerError(f"could not write {pdf_path}")
    return pages


# ---- measuring and painting ------------------------------------------------------------------

@dataclass
class _Metrics:
    body: QFont
    bold: QFont
    italic: QFont
    small: QFont
    title: QFont
    pad: float
    width: float
    height: float
    col_x: list[float]
    col_w: list[float]


def _font(device: QPagedPaintDevice, pt: float, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(pt)
    f.setBold(bold)
    f.setItalic(italic)
    f.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return f


def _metrics(sheet: Sheet, device: QPagedPaintDevice) -> _Metrics:
    width = float(device.width())
    height = float(device.height())
    total = sum(c.weight for c in sheet.columns)
    xs: list[float] = []
    ws: list[float] = []
    x = 0.0
    for c in sheet.columns:
        w = width * c.weight / total
        xs.append(x)
        ws.append(w)
        x += w
    dpi = device.logicalDpiX()
    return _Metrics(
        body=_font(device, BODY_PT), bold=_font(device, BODY_PT, bold=True),
        italic=_font(device, BODY_PT, italic=True), small=_font(device, BODY_PT - 1),
        title=_font(device, 15, bold=True), pad=dpi * 0.04, width=width, height=height,
        col_x=xs, col_w=ws,
    )


class _Painter:
    """Measures then paints one sheet on one paged device."""

    def __init__(self, sheet: Sheet, device: QPagedPaintDevice) -> None:
        self.sheet = sheet
        self.device = device
        self.m = _metrics(sheet, device)
        self.fm = {id(f): QFontMetricsF(f, device) for f in (self.m.body, self.m.bold, self.m.italic,
                                                               self.m.small, self.m.title)}

    # measuring
    def text_h(self, font: QFont, text: str, width: float, max_lines: int = MAX_CELL_LINES) -> float:
        fm = self.fm[id(font)]
        if not text:
            return fm.height()
        r = fm.boundingRect(QRectF(0, 0, max(width, 1.0), 1e7),
                            int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), text)
        return min(r.height(), fm.lineSpacing() * max_lines)

    def row_h(self, cells: tuple[str, ...], font: QFont) -> float:
        p = self.m.pad
        return max(self.text_h(font, c, w - 2 * p) for c, w in zip(cells, self.m.col_w, strict=False)) + 2 * p

    def head_h(self) -> float:
        return self.row_h(tuple(c.label for c in self.sheet.columns), self.m.bold)

    def group_h(self) -> float:
        return self.fm[id(self.m.bold)].height() * 1.6 + self.m.pad

    def fields_h(self) -> float:
        fm = self.fm[id(self.m.body)]
        rows = (len(self.sheet.fields) + 1) // 2
        return self.fm[id(self.m.title)].height() * 1.4 + rows * fm.lineSpacing() * 1.35 + self.m.pad * 4

    def running_h(self) -> float:
        return self.fm[id(self.m.small)].height() * 1.8

    def footer_h(self) -> float:
        return self.fm[id(self.m.small)].height() * 2.0

    def closing_h(self) -> float:
        fm = self.fm[id(self.m.small)]
        notes = sum(self.text_h(self.m.small, n, self.m.width) for n in self.sheet.notes)
        sig = (fm.height() * 5.0) if self.sheet.signatures else 0.0
        return fm.height() + notes + sig

    def font_for(self, style: RowStyle) -> QFont:
        if style is RowStyle.TOTAL:
            return self.m.bold
        if style in (RowStyle.HOLD, RowStyle.EMPTY):
            return self.m.italic
        return self.m.body

    def layout(self) -> list[Page]:
        heights: dict[tuple[int, int], float] = {}
        for gi, g in enumerate(self.sheet.groups):
            for ri, r in enumerate(g.rows):
                heights[(gi, ri)] = self.row_h(r.cells, self.font_for(r.style))
            if g.total is not None:
                heights[(gi, -1)] = self.row_h(g.total.cells, self.m.bold)
        blocks = sheet_blocks(self.sheet, heights, self.group_h(), self.closing_h())
        fixed = self.head_h() + self.footer_h()
        first = self.m.height - fixed - self.fields_h()
        other = self.m.height - fixed - self.running_h()
        return paginate(blocks, first, other)

    # painting
    def paint(self, pages: list[Page]) -> None:
        painter = QPainter()
        if not painter.begin(self.device):
            raise BookerError("could not start painting the sheet (is the file writable?)")
        try:
            for n, page in enumerate(pages, start=1):
                if n > 1:
                    self.device.newPage()
                self.paint_page(painter, page, n, len(pages))
        finally:
            painter.end()

    def paint_page(self, p: QPainter, page: Page, n: int, total: int) -> None:
        y = self.paint_fields(p) if n == 1 else self.paint_running(p)
        y = self.paint_table_head(p, y)
        for b in page.blocks:
            y = self.paint_block(p, b, y)
        self.paint_footer(p, n, total)

    def paint_fields(self, p: QPainter) -> float:
        m = self.m
        p.setFont(m.title)
        th = self.fm[id(m.title)].height()
        p.setPen(QColor("#1f3a5f"))
        p.drawText(QRectF(0, 0, m.width, th * 1.2), int(Qt.AlignmentFlag.AlignLeft), self.sheet.title)
        y = th * 1.4
        lh = self.fm[id(m.body)].lineSpacing() * 1.35
        half = m.width / 2
        label_w = half * 0.28
        for i, (label, value) in enumerate(self.sheet.fields):
            x = 0.0 if i % 2 == 0 else half
            row_y = y + (i // 2) * lh
            p.setPen(QColor("#555555"))
            p.setFont(m.body)
            p.drawText(QRectF(x, row_y, label_w, lh), int(Qt.AlignmentFlag.AlignLeft), label)
            p.setPen(QColor("#000000"))
            p.setFont(m.bold)
            fm = self.fm[id(m.bold)]
            shown = fm.elidedText(value, Qt.TextElideMode.ElideRight, half - label_w - m.pad * 2)
            p.drawText(QRectF(x + label_w, row_y, half - label_w, lh), int(Qt.AlignmentFlag.AlignLeft), shown)
        y += ((len(self.sheet.fields) + 1) // 2) * lh + m.pad * 2
        p.setPen(QPen(QColor("#1f3a5f"), m.pad / 2))
        p.drawLine(0, int(y), int(m.width), int(y))
        return y + m.pad * 2

    def paint_running(self, p: QPainter) -> float:
        m = self.m
        h = self.running_h()
        p.setFont(m.small)
        p.setPen(QColor("#555555"))
        lot = dict(self.sheet.fields).get("片场 Lot", "")
        text = f"{self.sheet.title} — {self.sheet.subject}"
        p.drawText(QRectF(0, 0, m.width * 0.65, h), int(Qt.AlignmentFlag.AlignLeft), text)
        p.drawText(QRectF(m.width * 0.65, 0, m.width * 0.35, h), int(Qt.AlignmentFlag.AlignRight), lot)
        return h

    def paint_cells(self, p: QPainter, cells: tuple[str, ...], y: float, h: float, font: QFont) -> None:
        m = self.m
        p.setFont(font)
        for i, (text, col) in enumerate(zip(cells, self.sheet.columns, strict=False)):
            r = QRectF(m.col_x[i] + m.pad, y + m.pad, m.col_w[i] - 2 * m.pad, h - 2 * m.pad)
            align = Qt.AlignmentFlag.AlignRight if col.align_right else Qt.AlignmentFlag.AlignLeft
            p.drawText(r, int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), text)

    def paint_table_head(self, p: QPainter, y: float) -> float:
        h = self.head_h()
        p.fillRect(QRectF(0, y, self.m.width, h), QColor("#dde3ea"))
        p.setPen(QColor("#000000"))
        self.paint_cells(p, tuple(c.label for c in self.sheet.columns), y, h, self.m.bold)
        return y + h

    def paint_block(self, p: QPainter, b: Block, y: float) -> float:
        m = self.m
        if b.kind is BlockKind.GROUP:
            g = self.sheet.groups[b.group]
            title = g.title + ("（续）(cont.)" if b.continued else "")
            top = y + m.pad
            p.fillRect(QRectF(0, top, m.width, b.height - m.pad), QColor("#eef1f5"))
            p.setPen(QColor("#1f3a5f"))
            p.setFont(m.bold)
            p.drawText(QRectF(m.pad, top, m.width - 2 * m.pad, b.height - m.pad),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
            return y + b.height
        if b.kind is BlockKind.CLOSING:
            return self.paint_closing(p, y)
        g = self.sheet.groups[b.group]
        row = g.total if b.kind is BlockKind.TOTAL else g.rows[b.row]
        assert row is not None
        if row.style is RowStyle.HOLD:
            p.fillRect(QRectF(0, y, m.width, b.height), QColor("#fff4cc"))
        p.save()
        p.setClipRect(QRectF(0, y, m.width, b.height))
        p.setPen(QColor("#777777") if row.style in (RowStyle.SUB, RowStyle.EMPTY) else QColor("#000000"))
        self.paint_cells(p, row.cells, y, b.height, self.font_for(row.style))
        p.restore()
        pen = QPen(QColor("#000000" if row.style is RowStyle.TOTAL else "#c8ced6"), m.pad / 4)
        p.setPen(pen)
        line_y = y if row.style is RowStyle.TOTAL else y + b.height
        p.drawLine(0, int(line_y), int(m.width), int(line_y))
        return y + b.height

    def paint_closing(self, p: QPainter, y: float) -> float:
        m = self.m
        fm = self.fm[id(m.small)]
        y += fm.height()
        p.setFont(m.small)
        p.setPen(QColor("#444444"))
        for note in self.sheet.notes:
            h = self.text_h(m.small, note, m.width)
            p.drawText(QRectF(0, y, m.width, h), int(Qt.TextFlag.TextWordWrap), note)
            y += h
        if self.sheet.signatures:
            y += fm.height() * 2.5
            n = len(self.sheet.signatures)
            slot = m.width / max(n, 2)
            p.setPen(QPen(QColor("#000000"), m.pad / 4))
            for i, label in enumerate(self.sheet.signatures):
                x = i * slot
                line_w = slot * 0.85
                p.drawLine(int(x), int(y), int(x + line_w), int(y))
                p.drawText(QRectF(x, y + m.pad, line_w, fm.height() * 1.2), int(Qt.AlignmentFlag.AlignLeft),
                           f"签字 Signature: {label}")
                p.drawText(QRectF(x, y + m.pad, line_w, fm.height() * 1.2), int(Qt.AlignmentFlag.AlignRight),
                           "日期 Date: ____________")
            y += fm.height() * 2.5
        return y

    def paint_footer(self, p: QPainter, n: int, total: int) -> None:
        m = self.m
        h = self.footer_h()
        y = m.height - h
        p.setPen(QPen(QColor("#999999"), m.pad / 4))
        p.drawLine(0, int(y), int(m.width), int(y))
        p.setFont(m.small)
        p.setPen(QColor("#444444"))
        printed = dict(self.sheet.fields).get("打印 Printed", "")
        left = f"Studio Booker · {self.sheet.subject} · 打印 printed {printed}"
        left_align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        p.drawText(QRectF(0, y, m.width * 0.6, h), left_align, left)
        p.drawText(QRectF(m.width * 0.5, y, m.width * 0.5, h),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                   f"第 {n} 页 / 共 {total} 页 · page {n} of {total}")


def layout_pages(sheet: Sheet, device: QPagedPaintDevice) -> list[Page]:
    """The page breaks the painter would use on this device (tests check keep-with-next)."""
    ensure_gui()
    return _Painter(sheet, device).layout()


def render(sheet: Sheet, device: QPagedPaintDevice) -> int:
    """Paint the sheet on a paged device (its page layout already set); returns pages."""
    ensure_gui()
    sp = _Painter(sheet, device)
    pages = sp.layout()
    sp.paint(pages)
    return len(pages)
