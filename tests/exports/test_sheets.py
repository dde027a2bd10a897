"""Booking sheets as real PDFs, read back with pdftotext / pdfinfo; pagination rules; menu actions."""

from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QMenu

from studio_booker.errors import InputError, NotFound
from studio_booker.exports import sheet_content, sheets
from studio_booker.exports.sheet_layout import Block, BlockKind, paginate
from studio_booker.services import bookings
from studio_booker.ui import print_actions
from tests.conftest import t

BOLD = "<b>Bold</b> & Co"


def pdf_pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


@pytest.fixture
def lot(qapp, engine, make_stage, make_workshop, make_crew, make_production, make_booking):
    make_stage("1号摄影棚", area_m2=10000, day_rate=50000)
    make_stage("Stage 7", day_rate=12000)
    make_workshop("Красная мастерская")
    make_crew("Иван Петров", department="Camera", role="focus puller", day_rate=1500)
    make_crew("Zhang Wei")
    make_production("红丝绸", company="青岛影业", contact_name="李娜")
    make_production(BOLD, company="A&B <Films>", contact_name="<i>Ann</i>")
    make_production("The Red Silk")
    make_booking("1号摄影棚", "红丝绸", "2026-12-02 08:00", "2026-12-03 18:00", ref="R-1")
    make_booking("Stage 7", BOLD, "2026-12-02 08:00", "2026-12-02 18:00", status="hold", ref="H-1",
                 notes="<script>&amp;")
    make_booking("Иван Петров", "红丝绸", "2026-12-02 07:00", "2026-12-02 19:00", ref="C-1")
    make_booking("Zhang Wei", "The Red Silk", "2026-12-02 07:00", "2026-12-02 19:00", ref="C-2")
    make_booking("Красная мастерская", "红丝绸", "2026-12-04 08:00", "2026-12-04 18:00", ref="W-1")
    gone = make_booking("1号摄影棚", "红丝绸", "2026-12-05 08:00", "2026-12-05 18:00", ref="GONE-1")
    bookings.set_status(engine, gone.id, "cancelled", "tester")


def test_production_sheet_text_layer_names_totals_and_holds(engine, lot, tmp_path):
    pdf = tmp_path / "p.pdf"
    pages = sheets.production_sheet(engine, "红丝绸", pdf)
    text = "\n".join(pdf_pages(pdf))
    assert pages == 1 == int(pdf_info(pdf)["Pages"])
    for name in ("红丝绸", "1号摄影棚", "Иван Петров", "Красная мастерская", "青岛影业", "李娜",
                 "Oriental Film Metropolis, Qingdao"):
        assert name in text
    assert "摄影棚 Stages" in text and "车间 Workshops" in text and "人员 Crew" in text
    assert "GONE-1" not in text  # cancelled bookings are left off
    assert "Cancelled bookings are not listed" in text
    # 2 lot days x 50,000 CNY; crew 1 day x 1,500
    assert "¥100,000.00" in text and "¥1,500.00" in text
    assert "2026-12-02 07:00 – 2026-12-04 18:00" in text  # the period covered
    assert "For the production" in text and "For the studio" in text
    assert "page 1 of 1" in text
    assert "WenQuanYi" in subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout


def test_a_crew_night_shift_is_one_billed_day_a_stage_night_two(engine, qapp, make_stage, make_crew,
                                                                 make_production, make_booking,
                                                                 tmp_path):
    make_stage("Stage 7", day_rate=12000)
    make_crew("Иван Петров", department="Camera", day_rate=1500)
    make_production("夜班 Night Unit")
    make_booking("Stage 7", "夜班 Night Unit", "2026-12-02 22:00", "2026-12-03 06:00", ref="S-N")
    make_booking("Иван Петров", "夜班 Night Unit", "2026-12-02 22:00", "2026-12-03 06:00", ref="C-N")
    make_booking("Иван Петров", "夜班 Night Unit", "2026-12-05 07:00", "2026-12-07 19:00", ref="C-3")
    pdf = tmp_path / "night.pdf"
    sheets.production_sheet(engine, "夜班 Night Unit", pdf)
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                            capture_output=True, text=True).stdout
    rows = {ln.split()[-2] if ln.split()[-1].startswith("¥") else "": ln.split()
            for ln in layout.splitlines() if " 确认 Confirmed " in ln}

    def days_and_cost(ref: str) -> tuple[str, str]:
        cells = rows[ref]  # ... START END DAYS 确认 Confirmed REF COST
        return cells[cells.index("确认") - 1], cells[-1]

    # the stage is taken on both calendar days the night touches: 2 x 12,000
    assert days_and_cost("S-N") == ("2", "¥24,000.00")
    # the crew night shift is one day's work, not two calendar days
    assert days_and_cost("C-N") == ("1", "¥1,500.00")
    # a crew block of three days (07:00 on the 5th to 19:00 on the 7th) is three days' work
    assert days_and_cost("C-3") == ("3", "¥4,500.00")
    crew_total = [ln.split() for ln in layout.splitlines() if ln.startswith("合计 Total")][-1]
    assert crew_total[2:4] == ["4", "¥6,000.00"], crew_total  # billed days and cost of the crew


def test_hold_is_marked_not_guaranteed(engine, lot, tmp_path):
    pdf = tmp_path / "bold.pdf"
    sheets.production_sheet(engine, BOLD, pdf)
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "暂定 HOLD 不保证 not guaranteed" in text
    assert "确认 Confirmed" not in text  # its only booking is a hold


def test_markup_in_names_prints_literally(engine, lot, tmp_path):
    pdf = tmp_path / "bold.pdf"
    sheets.production_sheet(engine, BOLD, pdf)
    text = "\n".join(pdf_pages(pdf))
    assert BOLD in text
    assert "A&B <Films>" in text and "<i>Ann</i>" in text and "<script>&amp;" in text
    day = tmp_path / "day.pdf"
    sheets.day_sheet(engine, dt.date(2026, 12, 2), day)
    assert BOLD in "\n".join(pdf_pages(day))


def test_many_bookings_run_over_pages_numbered_with_repeated_headers(engine, qapp, make_stage,
                                                                     make_production, tmp_path):
    make_stage("Stage 7")
    make_production("The Red Silk")
    start = t("2026-01-01 08:00")
    for i in range(150):
        s = start + i * 86400
        bookings.create_booking(engine, bookings.BookingDraft(
            "Stage 7", "The Red Silk", s, s + 36000, "confirmed", None, f"R-{i}"), "tester")
    pdf = tmp_path / "long.pdf"
    pages = sheets.production_sheet(engine, "The Red Silk", pdf)
    texts = pdf_pages(pdf)
    assert pages == len(texts) == int(pdf_info(pdf)["Pages"]) >= 3
    for n, page in enumerate(texts, start=1):
        assert f"page {n} of {pages}" in page
        assert "资源 Resource" in page and "开始 Start" in page  # the table header on every page
    assert "R-0" in texts[0] and "R-149" in texts[-1]
    assert "(cont.)" in texts[1]  # the group continues under a repeated group header
    assert all(f"R-{i}" in "".join(texts) for i in range(150))


def test_paper_size_is_a_parameter(engine, lot, tmp_path):
    pdf = tmp_path / "a3.pdf"
    sheets.day_sheet(engine, dt.date(2026, 12, 2), pdf, paper="A3")
    assert "A3" in pdf_info(pdf)["Page size"]
    sheets.day_sheet(engine, dt.date(2026, 12, 2), pdf)
    assert "A4" in pdf_info(pdf)["Page size"]
    with pytest.raises(InputError, match="Letter"):
        sheets.day_sheet(engine, dt.date(2026, 12, 2), tmp_path / "x.pdf", paper="B99")
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_names_raise_not_found(engine, lot, tmp_path):
    with pytest.raises(NotFound, match="红丝绸"):
        sheets.production_sheet(engine, "红丝", tmp_path / "x.pdf")
    with pytest.raises(NotFound):
        sheets.resource_week_sheet(engine, "Stage 99", dt.date(2026, 12, 2), tmp_path / "x.pdf")


def test_resource_week_lists_each_day(engine, lot, tmp_path):
    pdf = tmp_path / "week.pdf"
    sheets.resource_week_sheet(engine, "1号摄影棚", dt.date(2026, 12, 3), pdf)
    text = "\n".join(pdf_pages(pdf))
    for label in ("周一 Monday · 2026-11-30", "周三 Wednesday · 2026-12-02", "周日 Sunday · 2026-12-06"):
        assert label in text
    assert text.count("R-1") == 2  # a two-day booking is on both its days
    assert "空闲 free" in text and "2026-11-30 – 2026-12-06" in text
    assert "GONE-1" not in text


def test_day_sheet_lists_crew_under_their_productions_stage(engine, lot):
    sheet = sheet_content.day_content(engine, dt.date(2026, 12, 2))
    titles = [g.title for g in sheet.groups]
    assert titles[:2] == ["摄影棚 Stage · 1号摄影棚", "摄影棚 Stage · Stage 7"]
    stage = sheet.groups[0]
    assert stage.rows[0].cells[0] == "红丝绸"
    assert stage.rows[1].cells[0].startswith("└ Иван Петров (Camera / focus puller)")
    # Zhang Wei's production has no stage that day: listed in the last group
    assert "Crew not on a stage" in titles[-1]
    assert sheet.groups[-1].rows[0].cells[0].startswith("Zhang Wei")
    assert not any("Красная" in t for t in titles)  # the workshop is busy on another day


def test_day_sheet_pdf(engine, lot, tmp_path):
    pdf = tmp_path / "day.pdf"
    assert sheets.day_sheet(engine, dt.date(2026, 12, 2), pdf) == 1
    text = "\n".join(pdf_pages(pdf))
    for name in ("1号摄影棚", "Иван Петров", "Zhang Wei", "The Red Silk", "片场日报"):
        assert name in text


def _blocks(rng: random.Random) -> list[Block]:
    out: list[Block] = []
    for g in range(rng.randint(1, 12)):
        out.append(Block(BlockKind.GROUP, 30, g))
        n = rng.randint(0, 15)
        out += [Block(BlockKind.ROW, rng.choice((20, 20, 40, 90)), g, r) for r in range(n)]
        if rng.random() < 0.5:
            out.append(Block(BlockKind.TOTAL, 20, g))
    out.append(Block(BlockKind.CLOSING, 120, -1))
    return out


def test_paginate_never_leaves_a_group_header_alone_at_a_page_bottom_nor_the_signatures_alone():
    rng = random.Random(4)
    for _ in range(300):
        blocks = _blocks(rng)
        pages = paginate(blocks, rng.randint(150, 400), 400)
        placed = [b for p in pages for b in p.blocks if not b.continued]
        assert placed == blocks  # everything once, in order
        for p in pages[:-1]:
            assert p.blocks and p.blocks[-1].kind is not BlockKind.GROUP
        for p in pages:
            if p.used > 400:  # only a single oversize block may overflow
                assert sum(1 for b in p.blocks if b.height > 150) >= 1
        for p in pages[1:]:  # a page that starts inside a group starts with its header
            first = p.blocks[0]
            assert first.kind in (BlockKind.GROUP, BlockKind.CLOSING)
        if len(blocks) > 2 and blocks[-2].kind is not BlockKind.GROUP and len(pages) > 1:
            # the notes and signatures never stand alone on the last page
            assert any(b.kind in (BlockKind.ROW, BlockKind.TOTAL) for b in pages[-1].blocks)


def test_real_layout_keeps_group_headers_with_a_row(engine, qapp, make_stage, make_production,
                                                    tmp_path):
    make_stage("Stage 0")
    make_production("The Red Silk")
    start = t("2026-03-02 06:00")  # a Monday
    for day in range(7):  # seven day groups of five holds each, on A5: several page breaks
        for k in range(5):
            s = start + day * 86400 + k * 3 * 3600
            bookings.create_booking(engine, bookings.BookingDraft(
                "Stage 0", "The Red Silk", s, s + 7200, "hold", None, None, "night " * (k * 4)), "tester")
    sheet = sheet_content.resource_week_content(engine, "Stage 0", dt.date(2026, 3, 4))
    pdf = tmp_path / "w.pdf"
    writer = QPdfWriter(str(pdf))
    writer.setPageLayout(sheets.page_layout("A5", sheet.landscape))
    pages = sheets.layout_pages(sheet, writer)
    del writer
    assert len(pages) >= 3
    for p in pages[:-1]:
        assert p.blocks[-1].kind is not BlockKind.GROUP
    # and the PDF: no page's text ends with a day header
    assert sheets.write_pdf(sheet, pdf, "A5") == len(pages)
    for text in pdf_pages(pdf)[:-1]:
        body = text.split("page ")[0].strip().splitlines()
        assert not re.match(r"^周. \w+day · 2026-03-\d\d$", body[-1].strip())


# ---- the window's actions ------------------------------------------------------------------

class Window(QMainWindow):
    def __init__(self, engine) -> None:
        super().__init__()
        self.engine = engine
        self.file_menu = self.menuBar().addMenu("File")
        self.export_menu = self.menuBar().addMenu("Export")
        self.booking_context_hooks: list = []


def test_install_adds_menu_and_context_actions(engine, lot, qtbot):
    w = Window(engine)
    qtbot.addWidget(w)
    print_actions.install(w)
    assert [a.text() for a in w.file_menu.actions()] == ["Print sheet…", "Export sheet PDF…"]
    assert [a.text() for a in w.export_menu.actions()] == [
        "Calendar (iCalendar)…", "All calendars to folder…", "Bookings CSV…", "Bookings Excel…"]
    booking = bookings.get_booking(engine, "R-1")
    menu = QMenu()
    for hook in w.booking_context_hooks:
        hook(menu, booking)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Print production sheet", "Print resource week", "Print day sheet",
                     "Export production calendar"]
    empty = QMenu()
    w.booking_context_hooks[0](empty, None)
    assert empty.actions() == []


def test_preview_paints_the_sheet_on_the_printer(engine, lot, qtbot, tmp_path):
    w = Window(engine)
    qtbot.addWidget(w)
    req = print_actions.SheetRequest(print_actions.PRODUCTION, "红丝绸", None, "A4")
    dlg = print_actions.preview_dialog(w, req)
    qtbot.addWidget(dlg)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setPageLayout(sheets.page_layout("A4", True))
    dlg.paintRequested.emit(printer)
    del printer
    assert "1号摄影棚" in "".join(pdf_pages(out))


def test_export_pdf_and_remembered_paper(engine, lot, qtbot, tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    w = Window(engine)
    qtbot.addWidget(w)
    dlg = print_actions.SheetDialog(engine, w, print_actions.SheetRequest(
        print_actions.RESOURCE_WEEK, "Stage 7", dt.date(2026, 12, 2)))
    qtbot.addWidget(dlg)
    assert dlg.name.currentText() == "Stage 7" and dlg.date.isEnabled()
    dlg.paper.setCurrentText("A3")
    dlg.accept()
    assert print_actions.remembered_paper() == "A3"
    assert list((tmp_path / "cfg").rglob("*.ini"))  # stored in the temporary folder, not the user's
    req = dlg.request()
    assert req == print_actions.SheetRequest(print_actions.RESOURCE_WEEK, "Stage 7",
                                             dt.date(2026, 12, 2), "A3")
    out = tmp_path / "week.pdf"
    worker = print_actions.export_sheet_pdf(w, req, out)
    assert worker is not None
    with qtbot.waitSignal(worker.done, timeout=30000):
        pass  # written on the thread pool: the window stays responsive meanwhile
    assert "A3" in pdf_info(out)["Page size"]
    assert re.search(r"Stage 7", "".join(pdf_pages(out)))


def test_installed_in_the_real_main_window(engine, lot, qtbot, tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    main_window = pytest.importorskip("studio_booker.ui.main_window")
    w = main_window.MainWindow(engine)
    qtbot.addWidget(w)
    file_texts = [a.text() for a in w.file_menu.actions()]
    assert "Print sheet…" in file_texts and "Export sheet PDF…" in file_texts
    assert file_texts.index("Export sheet PDF…") < file_texts.index(w.quit_action.text())
    assert "Bookings Excel…" in [a.text() for a in w.export_menu.actions()]


def test_a_missing_folder_is_one_clear_error(engine, lot, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        sheets.day_sheet(engine, dt.date(2026, 12, 2), tmp_path / "nope" / "day.pdf")


def test_exports_run_in_the_background_and_report_in_the_status_bar(engine, lot, qtbot, tmp_path):
    main_window = pytest.importorskip("studio_booker.ui.main_window")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    w = main_window.MainWindow(engine)
    qtbot.addWidget(w)
    out = tmp_path / "red.ics"
    worker = print_actions.export_calendar_to(w, "production", "红丝绸", out)
    assert worker.running and w.progress.isVisible() is not None
    with qtbot.waitSignal(worker.done, timeout=30000):
        pass
    assert "BEGIN:VCALENDAR" in out.read_text(encoding="utf-8")
    assert w.statusBar().currentMessage().endswith(f"events written to {out}")
    table = tmp_path / "bookings.csv"
    worker = print_actions.export_table(w, "csv", table)
    assert worker is not None
    with qtbot.waitSignal(worker.done, timeout=30000):
        pass
    rows = len(table.read_text(encoding="utf-8-sig").splitlines()) - 1
    assert w.statusBar().currentMessage() == f"{rows} bookings written to {table}"


def test_an_export_to_a_missing_folder_is_a_dialog_and_writes_nothing(engine, lot, qtbot, tmp_path):
    main_window = pytest.importorskip("studio_booker.ui.main_window")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    w = main_window.MainWindow(engine)
    qtbot.addWidget(w)
    out = tmp_path / "nope" / "bookings.xlsx"
    worker = print_actions.export_table(w, "xlsx", out)
    assert worker is not None
    with qtbot.waitSignal(worker.done, timeout=30000):
        pass
    assert w.last_error_box is not None and str(tmp_path / "nope") in w.last_error_box.text()
    assert not (tmp_path / "nope").exists()
