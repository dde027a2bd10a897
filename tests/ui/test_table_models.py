"""The item models, without any window: rows, roles, sorting and filtering in any script."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QIcon

from studio_booker.services import bookings, catalog, conflicts
from studio_booker.ui.table_models import (
    ROW_ROLE,
    SEARCH_ROLE,
    SORT_ROLE,
    BookingTableModel,
    ConflictTableModel,
    ProductionTableModel,
    ResourceTableModel,
    TextFilterProxy,
    counts_text,
)
from tests.conftest import t

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def resources(engine, make_stage, make_workshop, make_crew):
    make_stage("1号摄影棚", area_m2=10000, notes="水下摄影")
    make_stage("Stage 10", area_m2=800)
    make_stage("Stage 2", area_m2=1200)
    make_stage("Красная студия", area_m2=500, notes="Зеркальный зал")
    make_workshop("Carpentry", features="lathe;spray booth")
    crew = make_crew("Анна Соколова", department="Camera", role="focus puller")
    catalog.set_resource_active(engine, crew.id, False)
    return catalog.list_resources(engine)


def visible_names(proxy: TextFilterProxy, column: int = 0) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_resource_model_rows_and_roles(qapp, resources):
    model = ResourceTableModel(resources)
    assert model.rowCount() == 6
    assert model.columnCount() == 9
    assert model.headerData(ResourceTableModel.AREA, Qt.Orientation.Horizontal) == "Area m²"
    first = model.index(0, ResourceTableModel.NAME)
    assert first.data(DISPLAY) == "1号摄影棚"
    assert first.data(ROW_ROLE) is resources[0]
    area = model.index(0, ResourceTableModel.AREA)
    assert area.data(DISPLAY) == "10000"
    assert area.data(SORT_ROLE) == 10000.0  # numbers sort as numbers, not as text
    assert "水下摄影" in first.data(SEARCH_ROLE)


def test_retired_resource_is_listed_greyed_and_says_so(qapp, resources):
    model = ResourceTableModel(resources)
    row = next(i for i, r in enumerate(resources) if r.name == "Анна Соколова")
    assert model.index(row, ResourceTableModel.STATUS).data() == "retired"
    brush = model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color().name() == "#8a8a8a"
    assert model.index(row, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_resource_filter_in_chinese_and_russian_any_case(qapp, resources):
    proxy = TextFilterProxy(ResourceTableModel(resources))
    proxy.set_text("摄影棚")
    assert visible_names(proxy) == ["1号摄影棚"]
    proxy.set_text("КРАСНАЯ")  # casefolded: matches Красная студия
    assert visible_names(proxy) == ["Красная студия"]
    proxy.set_text("зеркальный")  # notes are searched too
    assert visible_names(proxy) == ["Красная студия"]
    proxy.set_text("camera соколова")  # every word must match, in any field
    assert visible_names(proxy) == ["Анна Соколова"]
    proxy.set_text("")
    assert proxy.rowCount() == 6


def test_resource_sort_by_area_is_numeric(qapp, resources):
    proxy = TextFilterProxy(ResourceTableModel(resources))
    proxy.sort(ResourceTableModel.AREA, Qt.SortOrder.DescendingOrder)
    assert visible_names(proxy)[:4] == ["1号摄影棚", "Stage 2", "Stage 10", "Красная студия"]
    assert proxy.row_object(0).name == "1号摄影棚"


def test_sorting_keeps_to_the_filter_survives_new_rows_and_can_go_back_to_the_services_order(qapp, resources):
    """Sorting is the source model's (Python's sort, not a Python callback per comparison):
    the proxy filters what the model sorted, new rows come sorted the same way, and sorting
    by no column (-1) gives the services' order back."""
    model = ResourceTableModel(resources)
    proxy = TextFilterProxy(model)
    given = visible_names(proxy)
    proxy.sort(ResourceTableModel.NAME, Qt.SortOrder.DescendingOrder)
    by_name = visible_names(proxy)
    assert by_name == sorted(given, key=str.casefold, reverse=True) and by_name != given
    proxy.set_text("stage")
    kept = visible_names(proxy)
    assert 0 < len(kept) < len(by_name) and kept == [n for n in by_name if n in kept]  # in sorted order
    proxy.set_text("")
    model.set_rows(list(reversed(resources)))
    assert visible_names(proxy) == by_name  # still by name
    proxy.sort(-1)
    assert visible_names(proxy) == list(reversed(given))


def test_production_model_filter_and_colour(qapp, engine, make_production):
    make_production("长城之夜", company="青岛影业", color="#8e44ad")
    make_production("Степной ветер", company="Мосфильм", notes="зимние съёмки")
    make_production("The Red Silk", company="Silk Road Pictures")
    model = ProductionTableModel(catalog.list_productions(engine))
    proxy = TextFilterProxy(model)
    assert model.rowCount() == 3
    proxy.set_text("影业")
    assert visible_names(proxy) == ["长城之夜"]
    proxy.set_text("МОСФИЛЬМ")
    assert visible_names(proxy) == ["Степной ветер"]
    proxy.set_text("съёмки")
    assert visible_names(proxy) == ["Степной ветер"]
    row = [p.name for p in model.rows()].index("长城之夜")
    assert isinstance(model.index(row, ProductionTableModel.COLOUR).data(Qt.ItemDataRole.DecorationRole),
                      QIcon)


def test_booking_model_shows_lot_time_and_sorts_by_instant(qapp, engine, tz, make_stage, make_production,
                                                           make_booking):
    make_stage("1号摄影棚")
    make_stage("Stage 2")
    make_production("长城之夜")
    make_booking("Stage 2", "长城之夜", "2026-12-10 08:00", "2026-12-10 18:00", ref="R-2", notes="夜戏")
    make_booking("1号摄影棚", "长城之夜", "2026-12-03 08:00", "2026-12-03 18:00", ref="R-1",
                 notes="Сцена погони")
    model = BookingTableModel(tz, bookings.find_bookings(engine))
    start = model.index(0, BookingTableModel.START)
    assert start.data() == "2026-12-03 08:00"  # lot time, not UTC (00:00)
    assert start.data(SORT_ROLE) == t("2026-12-03 08:00")
    proxy = TextFilterProxy(model)
    proxy.sort(BookingTableModel.START, Qt.SortOrder.DescendingOrder)
    assert visible_names(proxy, BookingTableModel.REF) == ["R-2", "R-1"]
    proxy.set_text("夜戏")
    assert visible_names(proxy, BookingTableModel.REF) == ["R-2"]
    proxy.set_text("ПОГОНИ")
    assert visible_names(proxy, BookingTableModel.REF) == ["R-1"]
    proxy.set_text("r-2")
    assert visible_names(proxy, BookingTableModel.REF) == ["R-2"]


def test_conflict_model_severity_icon_sort_and_counts(qapp, engine, tz, make_stage, make_production,
                                                      make_booking):
    make_stage("Stage 7")
    make_stage("Stage 9")
    make_production("The Red Silk")
    make_production("长城之夜")
    make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00", status="hold")
    make_booking("Stage 7", "长城之夜", "2026-12-03 10:00", "2026-12-03 20:00", status="hold")  # 2nd hold
    make_booking("Stage 9", "The Red Silk", "2026-12-04 08:00", "2026-12-04 18:00")
    make_booking("Stage 9", None, "2026-12-04 12:00", "2026-12-04 14:00", activity="maintenance")
    items = conflicts.conflict_report(engine)
    model = ConflictTableModel(tz, items)
    assert model.counts() == {"error": 1, "warning": 0, "info": 1}
    assert counts_text(model.counts()) == "1 error, 0 warnings, 1 info"
    proxy = TextFilterProxy(model)
    proxy.sort(ConflictTableModel.SEVERITY, Qt.SortOrder.DescendingOrder)
    assert visible_names(proxy) == ["info", "error"]
    proxy.sort(ConflictTableModel.RESOURCE, Qt.SortOrder.AscendingOrder)
    assert visible_names(proxy, ConflictTableModel.RESOURCE) == ["Stage 7", "Stage 9"]
    icon = proxy.index(0, ConflictTableModel.SEVERITY).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    proxy.set_text("长城之夜")  # the bookings' productions are searchable
    assert visible_names(proxy, ConflictTableModel.RULE) == ["hold rank"]
    assert proxy.row_object(0).rule == "hold_rank"


def test_a_replaced_long_list_is_freed_a_step_per_turn_of_the_event_loop(qapp, qtbot, engine):
    """Freeing a month's bookings list at once took 4-6 ms of the frame showing the next one."""
    import weakref
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QTimer

    from studio_booker.services.views import BookingView
    from studio_booker.ui import table_models

    def rows(n: int) -> list[BookingView]:
        return [BookingView(i, None, 1, "Stage 7", "stage", None, None, "confirmed", "shoot", 0, 3600)
                for i in range(n)]

    model = BookingTableModel(ZoneInfo("UTC"))
    old = rows(3 * table_models.RELEASE_STEP + 10)
    alive = [weakref.ref(b) for b in old]
    model.set_rows(old)
    del old
    model.set_rows(rows(5))
    assert model.rowCount() == 5
    assert sum(r() is not None for r in alive) > 3 * table_models.RELEASE_STEP  # not all freed at once
    seen: list[int] = []  # what a timer queued behind the first release step finds alive
    QTimer.singleShot(0, lambda: seen.append(sum(r() is not None for r in alive)))
    qtbot.waitUntil(lambda: bool(seen) and all(r() is None for r in alive))
    assert 0 < seen[0] < 3 * table_models.RELEASE_STEP + 10  # some freed, not all: a step at a time
