"""Row layout: which rows the timeline shows, in which order, and where a bar sits in its row.

A row is one resource, under a header row per group (stages, workshops, crew by department).
Row geometry is arithmetic (index x ROW_H): no object per row beyond the Row tuple.

Groups have ids ("stage", "workshop", "crew", "crew/Lighting") kept apart from the titles
shown ("Stages", "Crew · Lighting"): preferences store ids, so titles can be translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ...domain.records import KINDS
from ...services.views import ResourceView

ROW_H = 32
BAR_PAD = 3  # px between a row's top (and bottom) and its bars
KIND_TITLES = {"stage": "Stages", "workshop": "Workshops", "crew": "Crew"}
CARD_H = 14
"""Three or more overlapping bars (on a capacity-1 row: three bookings at once) would be lanes
of a few pixels each (with a 1 px border, 3 px of colour). They are stacked like cards
instead: each bar CARD_H high, each lane a few pixels lower than the one before, later lanes
drawn over earlier ones; where a bar overlaps no other (most of its length, usually) it shows
whole, label and all. Two overlapping bars keep two lanes (each tall enough for a label)."""


class Row(NamedTuple):
    group: str  # the group's id
    resource: ResourceView | None  # None: the group's header row
    title: str  # the group's title, as shown


def group_id(r: ResourceView) -> str:
    if r.kind == "crew" and r.department:
        return f"crew/{r.department}"
    return r.kind


def group_title(gid: str) -> str:
    kind, _, department = gid.partition("/")
    if kind == "crew" and department:
        return f"Crew · {department}"
    return KIND_TITLES.get(kind, kind.title())


def stacked(lanes: int) -> bool:
    """Whether bars in that many lanes are stacked as cards (see CARD_H)."""
    return lanes > 2


def lane_box(lane: int, lanes: int) -> tuple[float, float]:
    """Where a bar in `lane` of `lanes` sits in its row: (offset of its top from the row's top,
    height). Three or more lanes are stacked as cards (see CARD_H)."""
    if lanes > 2:
        step = (ROW_H - 2 * BAR_PAD - CARD_H) / (lanes - 1)
        return BAR_PAD + lane * step, float(CARD_H)
    h = (ROW_H - 2 * BAR_PAD) / lanes
    return BAR_PAD + lane * h, h - (1 if lanes > 1 else 0)


class RowLayout:
    """The rows shown: resources of the kinds shown, grouped, collapsed groups without theirs."""

    def __init__(self) -> None:
        self.resources: list[ResourceView] = []
        self.kinds: set[str] = set(KINDS)
        self.collapsed: set[str] = set()  # group ids
        self.rows: list[Row] = []
        self.sizes: dict[str, int] = {}  # group id -> resources in it (collapsed or not)
        self.row_of: dict[int, int] = {}  # resource id -> row index

    # ---- what is shown -----------------------------------------------------------------------

    def set_resources(self, resources: list[ResourceView]) -> None:
        self.resources = resources
        self.build()

    def set_kinds(self, kinds: Iterable[str]) -> None:
        self.kinds = set(kinds) & set(KINDS)
        self.build()

    def set_collapsed(self, groups: Iterable[str]) -> None:
        """Collapse these groups, given by id; a title (what older preferences stored) is read
        as the id of the group it names."""
        by_title = {group_title(group_id(r)): group_id(r) for r in self.resources}
        by_title.update({t: k for k, t in KIND_TITLES.items()})
        self.collapsed = {by_title.get(g, g) for g in groups}
        self.build()

    def toggle(self, gid: str) -> None:
        self.collapsed ^= {gid}
        self.build()

    def expand(self, gid: str) -> bool:
        """Expand the group if it is collapsed; True if it was."""
        if gid not in self.collapsed:
            return False
        self.collapsed.discard(gid)
        self.build()
        return True

    def build(self) -> None:
        rows: list[Row] = []
        sizes: dict[str, int] = {}
        titles: dict[str, str] = {}
        for r in self.resources:
            if r.kind not in self.kinds:
                continue
            g = group_id(r)
            if g not in sizes:
                sizes[g] = 0
                titles[g] = group_title(g)
                rows.append(Row(g, None, titles[g]))
            sizes[g] += 1
            if g not in self.collapsed:
                rows.append(Row(g, r, titles[g]))
        self.rows = rows
        self.sizes = sizes
        self.row_of = {row.resource.id: i for i, row in enumerate(rows) if row.resource is not None}

    # ---- geometry ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.rows)

    def height(self) -> int:
        return len(self.rows) * ROW_H

    def row_at(self, content_y: int) -> int | None:
        i = content_y // ROW_H
        return int(i) if 0 <= i < len(self.rows) else None

    def span(self, top: int, height: int) -> tuple[int, int]:
        """The rows [first, last) that a viewport `height` high, scrolled to `top`, shows."""
        first = max(0, top // ROW_H)
        last = min(len(self.rows), (top + height) // ROW_H + 1)
        return first, last

    def kind_of(self, resource_id: int) -> str | None:
        i = self.row_of.get(resource_id)
        if i is not None and self.rows[i].resource is not None:
            return self.rows[i].resource.kind  # type: ignore[union-attr]
        return next((r.kind for r in self.resources if r.id == resource_id), None)

    def resource(self, resource_id: int) -> ResourceView | None:
        i = self.row_of.get(resource_id)
        if i is not None:
            return self.rows[i].resource
        return next((r for r in self.resources if r.id == resource_id), None)
