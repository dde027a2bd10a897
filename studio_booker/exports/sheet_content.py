"""The content of the three booking sheets, read through the services. No Qt.

Decisions (where SPEC and issue 4 leave room):

* Cancelled bookings are left off every sheet (a sheet says what will happen);
  each sheet says so in its closing note. Calendars keep them (as CANCELLED).
* "Days" of a booking are its billed days (domain.billing.billed_days): for a stage
  or workshop the lot-time calendar days it touches ([start, end), so a booking
  ending at midnight does not touch the next day); for crew one day per started
  24 hours (a night shift 22:00-06:00 is one day's work, not two calendar days).
  The cost of a booking is days x the resource's day rate in CNY; a group's
  cost total adds the bookings whose resource has a day rate. Totals include
  holds (the total line says how many of the bookings are holds).
* A production sheet covers all the production's bookings; the period shown is
  from the first start to the last end.
* Resource week: the Monday-Sunday week (lot time) holding the given date, one
  group per day; a booking over several days is listed on each day it touches.
* Daily lot sheet: one group per stage and workshop busy that day (catalogue
  order). Under each booking of a production on a stage or workshop, the crew
  booked for that same production on that day are listed (indented) -- under
  every stage/workshop that production uses that day, since a call sheet does
  not say which stage a crew member walks to. Crew whose production has no stage
  or workshop that day (and crew maintenance) are listed in a last group.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from datetime import tzinfo

from sqlalchemy import Engine

from ..domain.billing import billed_days
from ..domain.records import Kind, Status
from ..domain.timeutil import now_instant, short_local, to_instant, to_local
from ..services import catalog
from ..services.reads import BookingFilter, find_bookings
from ..services.settings import get_settings
from ..services.views import BookingView, ResourceView
from .sheet_layout import Column, Group, Row, RowStyle, Sheet

KIND_LABEL = {
    Kind.STAGE: "摄影棚 Stages",
    Kind.WORKSHOP: "车间 Workshops",
    Kind.CREW: "人员 Crew",
}
KIND_ONE = {Kind.STAGE: "摄影棚 Stage", Kind.WORKSHOP: "车间 Workshop", Kind.CREW: "人员 Crew"}
ACTIVITY_LABEL = {
    "build": "搭景 build",
    "prelight": "预布光 prelight",
    "shoot": "拍摄 shoot",
    "strike": "拆景 strike",
    "prep": "准备 prep",
    "shift": "班次 shift",
    "maintenance": "维护 maintenance",
    "other": "其他 other",
}
STATUS_LABEL = {
    Status.CONFIRMED: "确认 Confirmed",
    Status.HOLD: "暂定 HOLD\n不保证 not guaranteed",
    Status.CANCELLED: "取消 Cancelled",
}
WEEKDAYS = ("周一 Monday", "周二 Tuesday", "周三 Wednesday", "周四 Thursday", "周五 Friday",
            "周六 Saturday", "周日 Sunday")
CANCELLED_NOTE = "已取消的预订不列入本单。 Cancelled bookings are not listed on this sheet."
HOLD_NOTE = "暂定（HOLD）预订不保证资源。 A hold reserves a place in the queue but guarantees nothing."
CLOCK_NOTE = ("时间为当天时刻；跨日的预订另注日期。 Times are on the day of their group; "
              "a booking reaching into another day shows that day's date (MM-DD).")


def _lot_note(tzname: str) -> str:
    return f"时间均为片场时间（{tzname}）。 All times are lot time ({tzname})."


def _printed(tz: tzinfo) -> str:
    return short_local(now_instant(), tz)


def _when(instant: int, tz: tzinfo) -> str:
    return short_local(instant, tz)


def _money(value: float) -> str:
    return f"¥{value:,.2f}"


def _clock(instant: int, day: dt.date, tz: tzinfo) -> str:
    """`08:00` on the sheet's day, `24:00` for its closing midnight, else `12-02 22:00`."""
    local = to_local(instant, tz)
    if local.date() == day:
        return local.strftime("%H:%M")
    if local.date() == day + dt.timedelta(days=1) and (local.hour, local.minute) == (0, 0):
        return "24:00"
    if local.year == day.year:
        return local.strftime("%m-%d %H:%M")
    return _when(instant, tz)


def _row(b: BookingView, tz: tzinfo, first: str, day: dt.date,
         style: RowStyle | None = None) -> Row:
    """A row of the week and day sheets (times shown relative to `day`)."""
    status = STATUS_LABEL.get(Status(b.status), b.status)
    cells = (first, ACTIVITY_LABEL.get(b.activity, b.activity), _clock(b.start, day, tz),
             _clock(b.end, day, tz), status, b.ref or "", b.notes)
    if style is None:
        style = RowStyle.HOLD if b.status == Status.HOLD else RowStyle.NORMAL
    return Row(cells, style)


def _active(views: Iterable[BookingView]) -> list[BookingView]:
    return [b for b in views if b.status != Status.CANCELLED]


# ---- production sheet ----------------------------------------------------------------------

PRODUCTION_COLUMNS = (
    Column("资源 Resource", 24),
    Column("工作 Activity", 14),
    Column("开始 Start", 15),
    Column("结束 End", 15),
    Column("天数 Days", 7, align_right=True),
    Column("状态 Status", 21),
    Column("编号 Ref", 12),
    Column("费用 Cost (CNY)", 14, align_right=True),
    Column("备注 Notes", 33),
)


def production_content(engine: Engine, name: str) -> Sheet:
    """The production sheet; NotFound for an unknown production."""
    st = get_settings(engine)
    tz = st.tz
    prod = catalog.get_production(engine, name)
    views = _active(find_bookings(engine, BookingFilter(production=prod.name)))
    rates = {r.id: r.day_rate for r in catalog.list_resources(engine)}
    groups: list[Group] = []
    for kind in (Kind.STAGE, Kind.WORKSHOP, Kind.CREW):
        mine = [b for b in views if b.resource_kind == kind]
        if not mine:
            continue
        rows: list[Row] = []
        total_days = 0
        total_cost = 0.0
        any_rate = False
        for b in mine:
            days = billed_days(b.resource_kind, b.start, b.end, tz)
            rate = rates.get(b.resource_id)
            cost = ""
            if rate:
                any_rate = True
                total_cost += days * rate
                cost = _money(days * rate)
            total_days += days
            rows.append(_production_row(b, tz, days, cost))
        total = Row(
            ("合计 Total", "", "", "", str(total_days), "", "",
             _money(total_cost) if any_rate else "—", _count(mine)),
            RowStyle.TOTAL,
        )
        groups.append(Group(KIND_LABEL[kind], tuple(rows), total))
    if views:
        period = f"{_when(min(b.start for b in views), tz)} – {_when(max(b.end for b in views), tz)}"
    else:
        period = "— 无预订 no bookings —"
    contact = " · ".join(x for x in (prod.contact_name, prod.contact_phone, prod.contact_email) if x)
    fields = (
        ("片场 Lot", st.lot_name),
        ("剧组 Production", prod.name),
        ("公司 Company", prod.company or "—"),
        ("联系人 Contact", contact or "—"),
        ("期间 Period", period),
        ("打印 Printed", _printed(tz)),
    )
    return Sheet(
        title="剧组预订单 · Production booking sheet",
        subject=prod.name,
        fields=fields,
        columns=PRODUCTION_COLUMNS,
        groups=tuple(groups) or (Group("— 无预订 no bookings —", ()),),
        notes=(HOLD_NOTE, CANCELLED_NOTE, _lot_note(st.timezone_name)),
        signatures=("剧组 For the production", "片场 For the studio"),
        landscape=True,
    )


def _count(views: list[BookingView]) -> str:
    holds = sum(1 for b in views if b.status == Status.HOLD)
    text = f"{len(views)} 项 bookings"
    return f"{text}, {holds} 暂定 hold" if holds else text


def _production_row(b: BookingView, tz: tzinfo, days: int, cost: str) -> Row:
    status = STATUS_LABEL.get(Status(b.status), b.status)
    return Row(
        (b.resource, ACTIVITY_LABEL.get(b.activity, b.activity), _when(b.start, tz), _when(b.end, tz),
         str(days), status, b.ref or "", cost, b.notes),
        RowStyle.HOLD if b.status == Status.HOLD else RowStyle.NORMAL,
    )


# ---- resource week sheet -------------------------------------------------------------------

DAY_COLUMNS = (
    Column("剧组 Production", 31),
    Column("工作 Activity", 15),
    Column("开始 Start", 14),
    Column("结束 End", 14),
    Column("状态 Status", 21),
    Column("编号 Ref", 12),
    Column("备注 Notes", 40),
)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _describe_resource(r: ResourceView) -> str:
    parts = [KIND_ONE.get(Kind(r.kind), r.kind)]
    if r.kind == Kind.CREW:
        parts += [x for x in (r.department, r.role) if x]
    else:
        if r.area_m2:
            parts.append(f"{r.area_m2:,.0f} m²")
        if r.capacity > 1:
            parts.append(f"容量 capacity {r.capacity}")
    if r.features:
        parts.append(", ".join(r.features))
    return " · ".join(parts)


def resource_week_content(engine: Engine, name: str, week_date: dt.date) -> Sheet:
    st = get_settings(engine)
    tz = st.tz
    res = catalog.get_resource(engine, name)
    monday, sunday = week_of(week_date)
    start = to_instant(monday, tz)
    end = to_instant(sunday + dt.timedelta(days=1), tz)
    views = _active(find_bookings(engine, BookingFilter(start=start, end=end, resource=res.name)))
    groups: list[Group] = []
    for i in range(7):
        day = monday + dt.timedelta(days=i)
        d0 = to_instant(day, tz)
        d1 = to_instant(day + dt.timedelta(days=1), tz)
        rows = [_row(b, tz, b.production or "— 维护 maintenance —", day)
                for b in views if b.start < d1 and d0 < b.end]
        if not rows:
            rows = [Row(("— 空闲 free —", "", "", "", "", "", ""), RowStyle.EMPTY)]
        groups.append(Group(f"{WEEKDAYS[i]} · {day.isoformat()}", tuple(rows)))
    fields = (
        ("片场 Lot", st.lot_name),
        ("资源 Resource", res.name),
        ("类别 Kind", _describe_resource(res)),
        ("周 Week", f"{monday.isoformat()} – {sunday.isoformat()}"),
        ("打印 Printed", _printed(tz)),
    )
    return Sheet(
        title="资源周表 · Resource week sheet",
        subject=res.name,
        fields=fields,
        columns=DAY_COLUMNS,
        groups=tuple(groups),
        notes=(HOLD_NOTE, CANCELLED_NOTE, _lot_note(st.timezone_name), CLOCK_NOTE),
        signatures=("部门负责人 Department head",),
    )


# ---- daily lot sheet -----------------------------------------------------------------------

def day_content(engine: Engine, day: dt.date) -> Sheet:
    st = get_settings(engine)
    tz = st.tz
    d0 = to_instant(day, tz)
    d1 = to_instant(day + dt.timedelta(days=1), tz)
    views = _active(find_bookings(engine, BookingFilter(start=d0, end=d1)))
    resources = catalog.list_resources(engine)
    info = {r.id: r for r in resources}
    crew_by_prod: dict[int | None, list[BookingView]] = defaultdict(list)
    by_place: dict[int, list[BookingView]] = defaultdict(list)
    for b in views:
        if b.resource_kind == Kind.CREW:
            crew_by_prod[b.production_id].append(b)
        else:
            by_place[b.resource_id].append(b)
    placed_prods = {b.production_id for bs in by_place.values() for b in bs if b.production_id}
    groups: list[Group] = []
    for r in resources:
        if r.id not in by_place:
            continue
        rows: list[Row] = []
        seen: set[int | None] = set()
        for b in by_place[r.id]:
            rows.append(_row(b, tz, b.production or "— 维护 maintenance —", day))
            if b.production_id is not None and b.production_id not in seen:
                seen.add(b.production_id)
                for c in crew_by_prod.get(b.production_id, []):
                    rows.append(_row(c, tz, f"└ {_crew_name(c, info)}", day, RowStyle.SUB))
        groups.append(Group(f"{KIND_ONE.get(Kind(r.kind), r.kind)} · {r.name}", tuple(rows)))
    loose = [c for p, cs in crew_by_prod.items() if p not in placed_prods for c in cs]
    if loose:
        loose.sort(key=lambda c: (c.start, c.resource))
        rows = [_row(c, tz, f"{_crew_name(c, info)} · {c.production or '维护 maintenance'}", day)
                for c in loose]
        groups.append(Group("人员（当天无摄影棚/车间）Crew not on a stage or workshop today", tuple(rows)))
    if not groups:
        groups.append(Group("— 当天无预订 nothing booked this day —", ()))
    fields = (
        ("片场 Lot", st.lot_name),
        ("日期 Date", f"{day.isoformat()} {WEEKDAYS[day.weekday()]}"),
        ("预订 Bookings", str(len(views))),
        ("打印 Printed", _printed(tz)),
    )
    return Sheet(
        title="片场日报 · Daily lot sheet",
        subject=day.isoformat(),
        fields=fields,
        columns=DAY_COLUMNS,
        groups=tuple(groups),
        notes=(
            "每个摄影棚/车间下列出同一剧组当天预订的人员。 Under each stage and workshop: "
            "the crew booked for the same production that day.",
            HOLD_NOTE, CANCELLED_NOTE, _lot_note(st.timezone_name), CLOCK_NOTE,
        ),
        signatures=("保安 Security", "值班负责人 Duty manager"),
    )


def _crew_name(c: BookingView, info: dict[int, ResourceView]) -> str:
    r = info.get(c.resource_id)
    role = " / ".join(x for x in ((r.department, r.role) if r else ()) if x)
    return f"{c.resource} ({role})" if role else c.resource
