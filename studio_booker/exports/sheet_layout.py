"""What a booking sheet says, and how it falls onto pages. Plain Python, no Qt.

A `Sheet` is a title, header fields, table columns and groups of rows. The
painter (`sheets.py`) measures every block and `paginate()` decides the page
breaks, with these rules:

* the table header is repeated at the top of every page (the painter draws it
  on each page; pagination only reserves its height);
* a group header is never the last thing on a page: it is kept with its first
  row (keep-with-next); when a page break falls inside a group, the next page
  starts with the group header again, marked "(cont.)";
* a group's total line is kept with the row before it;
* the closing block (notes and signature lines) is never split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RowStyle(StrEnum):
    NORMAL = "normal"
    HOLD = "hold"  # a hold: not guaranteed
    SUB = "sub"  # an indented line under the row before it (crew on a stage)
    EMPTY = "empty"  # "nothing booked"
    TOTAL = "total"


@dataclass(frozen=True)
class Column:
    label: str
    weight: float  # share of the table width
    align_right: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    style: RowStyle = RowStyle.NORMAL


@dataclass(frozen=True)
class Group:
    title: str
    rows: tuple[Row, ...]
    total: Row | None = None


@dataclass(frozen=True)
class Sheet:
    title: str  # "剧组预订单 Production booking sheet"
    subject: str  # the production / resource / day the sheet is about
    fields: tuple[tuple[str, str], ...]  # (label, value) pairs in the first page's header
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    notes: tuple[str, ...] = ()  # printed after the tables
    signatures: tuple[str, ...] = ()  # one signature line each
    landscape: bool = False


class BlockKind(StrEnum):
    GROUP = "group"
    ROW = "row"
    TOTAL = "total"
    CLOSING = "closing"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    height: float
    group: int  # index of the group it belongs to (-1 for the closing block)
    row: int = -1  # index of the row in its group (-1 for group headers and totals)
    continued: bool = False  # a repeated group header at the top of a page


@dataclass
class Page:
    blocks: list[Block] = field(default_factory=list)

    @property
    def used(self) -> float:
        return sum(b.height for b in self.blocks)


def sheet_blocks(sheet: Sheet, heights: dict[tuple[int, int], float], group_h: float,
                 closing_h: float) -> list[Block]:
    """The sheet as a flat list of blocks; heights[(group, row)] for rows, row -1 for totals."""
    out: list[Block] = []
    for gi, g in enumerate(sheet.groups):
        out.append(Block(BlockKind.GROUP, group_h, gi))
        for ri in range(len(g.rows)):
            out.append(Block(BlockKind.ROW, heights[(gi, ri)], gi, ri))
        if g.total is not None:
            out.append(Block(BlockKind.TOTAL, heights[(gi, -1)], gi))
    if closing_h > 0:
        out.append(Block(BlockKind.CLOSING, closing_h, -1))
    return out


def paginate(blocks: list[Block], first_page: float, other_pages: float) -> list[Page]:
    """Fill pages of the given usable heights (after header, table header and footer).

    A block taller than a page gets a page of its own (the painter clips it).
    """
    pages = [Page()]
    room = first_page
    group_h = {b.group: b.height for b in blocks if b.kind is BlockKind.GROUP}
    i = 0
    while i < len(blocks):
        b = blocks[i]
        need = b.height
        if b.kind is BlockKind.GROUP and i + 1 < len(blocks) and blocks[i + 1].group == b.group:
            need += blocks[i + 1].height  # keep with the first row
        page = pages[-1]
        if need > room and page.blocks:
            carry = _carried(page, b)
            del page.blocks[len(page.blocks) - len(carry):]
            pages.append(Page())
            room = other_pages
            page = pages[-1]
            lead = carry[0] if carry else b  # the first block of the new page
            if lead.kind in (BlockKind.ROW, BlockKind.TOTAL):
                cont = Block(BlockKind.GROUP, group_h.get(lead.group, 0.0), lead.group, continued=True)
                page.blocks.append(cont)
                room -= cont.height
            for c in carry:
                page.blocks.append(c)
                room -= c.height
        page.blocks.append(b)
        room -= b.height
        i += 1
    return pages


def _carried(page: Page, b: Block) -> list[Block]:
    """The blocks at the bottom of a full page that must move on with `b`."""
    n = 0
    if b.kind is BlockKind.TOTAL and page.blocks[-1].kind is BlockKind.ROW:
        n = 1  # keep the total with its last row
    elif b.kind is BlockKind.CLOSING and page.blocks[-1].kind in (BlockKind.ROW, BlockKind.TOTAL):
        # never the notes and signatures alone on the last page: the last row (and its
        # group's total) come along
        n = 2 if page.blocks[-1].kind is BlockKind.TOTAL and len(page.blocks) > 1 and \
            page.blocks[-2].kind is BlockKind.ROW else 1
    if len(page.blocks) > n and page.blocks[-1 - n].kind is BlockKind.GROUP:
        n += 1  # never leave a header alone
    if n >= len(page.blocks):
        return []  # the page would be empty: let it be
    return page.blocks[len(page.blocks) - n:]
