"""domain.rules against SPEC section 3: readable examples per rule, then random scenarios
compared with the brute-force reading in tests/domain/brute.py."""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio_booker.domain.records import Conflict, Slot
from studio_booker.domain.rules import ResourceInfo, conflicts_of, detect, refusal_blockers
from tests.domain import brute

H = 3600
STAGE = ResourceInfo(1, "stage", 1)
CREW = ResourceInfo(1, "crew", 1)


def slot(id: int, start: int, end: int, status: str = "confirmed", production: int | None = 1,
         activity: str = "shoot", created: int = 0) -> Slot:
    if activity == "maintenance":
        production = None
    return Slot(id, 1, production, start, end, status, activity, created)


def canon(items: Iterable[Conflict]) -> list[brute.Item]:
    """rules.detect items in brute's canonical shape (order kept where SPEC fixes it)."""
    out = []
    for c in items:
        ids = c.booking_ids
        if c.rule == "capacity":
            ids = tuple(sorted(ids))
        elif c.rule in ("blocked_hold", "hold_rank"):
            ids = (ids[0], *sorted(ids[1:]))
        out.append(brute.Item(c.rule, c.start, c.end, ids, c.rank))
    return sorted(out)


def items(resource: ResourceInfo, slots: list[Slot], min_rest: int = 10 * H) -> list[brute.Item]:
    return canon(detect(resource, slots, min_rest))


# ---- capacity ----------------------------------------------------------------------------

def test_two_confirmed_overlapping_on_a_single_stage_is_one_capacity_item():
    got = items(STAGE, [slot(1, 8 * H, 18 * H), slot(2, 12 * H, 20 * H)])
    assert got == [brute.Item("capacity", 12 * H, 18 * H, (1, 2))]


def test_touching_confirmed_bookings_do_not_overlap():
    assert items(STAGE, [slot(1, 8 * H, 18 * H), slot(2, 18 * H, 20 * H)]) == []


def test_touching_overbooked_stretches_merge_into_one_item_listing_every_booking():
    # [0,10) and [10,20) each overlapped by a third booking spanning both: one stretch [0,20)
    got = items(STAGE, [slot(1, 0, 10), slot(2, 10, 20), slot(3, 0, 20)])
    assert got == [brute.Item("capacity", 0, 20, (1, 2, 3))]


def test_capacity_two_workshop_is_over_only_where_three_run():
    bays = ResourceInfo(1, "workshop", 2)
    got = items(bays, [slot(1, 0, 10), slot(2, 0, 10), slot(3, 5, 15), slot(4, 14, 20)])
    assert got == [brute.Item("capacity", 5, 10, (1, 2, 3))]


def test_lowered_capacity_reports_every_stretch_above_it():
    # three identical confirmed on a stage (capacity lowered from 3 to 1)
    got = items(STAGE, [slot(1, 0, 10), slot(2, 0, 10), slot(3, 0, 10)])
    assert got == [brute.Item("capacity", 0, 10, (1, 2, 3))]


def test_holds_cancelled_and_maintenance_do_not_count_for_capacity():
    got = items(STAGE, [slot(1, 0, 10), slot(2, 0, 10, "hold", 2), slot(3, 0, 10, "cancelled", 3)])
    assert [i.rule for i in got] == ["blocked_hold"]


# ---- maintenance -------------------------------------------------------------------------

def test_maintenance_item_is_the_intersection_and_lists_m_then_b():
    got = items(STAGE, [slot(7, 8, 20), slot(3, 5, 12, activity="maintenance")])
    assert got == [brute.Item("maintenance", 8, 12, (3, 7))]


def test_held_maintenance_is_ignored():
    assert items(STAGE, [slot(7, 8, 20), slot(3, 5, 12, "hold", activity="maintenance")]) == []


def test_maintenance_overlapping_two_bookings_gives_two_items():
    got = items(STAGE, [slot(1, 0, 5), slot(2, 5, 10), slot(9, 3, 7, activity="maintenance")])
    assert got == [brute.Item("maintenance", 3, 5, (9, 1)), brute.Item("maintenance", 5, 7, (9, 2))]


# ---- blocked_hold ------------------------------------------------------------------------

def test_hold_over_a_full_stage_is_blocked_and_lists_h_first():
    got = items(STAGE, [slot(1, 0, 10), slot(5, 8, 12, "hold", 2)])
    assert got == [brute.Item("blocked_hold", 8, 12, (5, 1))]


def test_hold_touching_a_confirmed_booking_is_not_blocked():
    assert items(STAGE, [slot(1, 0, 10), slot(5, 10, 12, "hold", 2)]) == []


def test_hold_under_maintenance_is_blocked_even_with_capacity_left():
    bays = ResourceInfo(1, "workshop", 3)
    got = items(bays, [slot(1, 0, 10, activity="maintenance"), slot(2, 5, 15, "hold", 2)])
    assert got == [brute.Item("blocked_hold", 5, 15, (2, 1))]


def test_hold_with_one_bay_left_is_not_blocked():
    bays = ResourceInfo(1, "workshop", 2)
    assert items(bays, [slot(1, 0, 10), slot(2, 0, 10, "hold", 2)]) == []


# ---- hold_rank ---------------------------------------------------------------------------

def test_second_hold_of_another_production_is_ranked_2():
    got = items(STAGE, [slot(1, 0, 10, "hold", 1, created=100), slot(2, 5, 15, "hold", 2, created=200)])
    assert got == [brute.Item("hold_rank", 5, 15, (2, 1), 2)]


def test_holds_of_the_same_production_do_not_queue():
    assert items(STAGE, [slot(1, 0, 10, "hold", 1, created=1), slot(2, 5, 15, "hold", 1, created=2)]) == []


def test_equal_created_times_rank_by_lower_id():
    got = items(STAGE, [slot(4, 0, 10, "hold", 1, created=5), slot(3, 0, 10, "hold", 2, created=5),
                        slot(9, 0, 10, "hold", 3, created=5)])
    assert got == [brute.Item("hold_rank", 0, 10, (4, 3), 2), brute.Item("hold_rank", 0, 10, (9, 3, 4), 3)]


def test_earlier_hold_that_only_touches_does_not_count():
    assert items(STAGE, [slot(1, 0, 10, "hold", 1), slot(2, 10, 15, "hold", 2, created=9)]) == []


# ---- turnaround --------------------------------------------------------------------------

def test_crew_with_too_little_rest_between_shifts():
    got = items(CREW, [slot(1, 8 * H, 20 * H), slot(2, 28 * H, 36 * H, "hold")])
    assert got == [brute.Item("turnaround", 20 * H, 28 * H, (1, 2))]


def test_rest_exactly_at_the_minimum_is_enough():
    assert items(CREW, [slot(1, 8 * H, 20 * H), slot(2, 30 * H, 36 * H)]) == []
    got = items(CREW, [slot(1, 8 * H, 20 * H), slot(2, 30 * H - 1, 36 * H)])
    assert [i.rule for i in got] == ["turnaround"]


def test_back_to_back_shifts_have_zero_rest():
    got = items(CREW, [slot(1, 0, 10), slot(2, 10, 20)], min_rest=5)
    assert got == [brute.Item("turnaround", 10, 10, (1, 2))]


def test_turnaround_only_for_crew_and_ignores_maintenance_and_cancelled():
    assert items(STAGE, [slot(1, 0, 10), slot(2, 12, 20, production=2)], min_rest=5) == []
    assert items(CREW, [slot(1, 0, 10), slot(2, 11, 20, activity="maintenance", status="hold"),
                        slot(3, 12, 20, "cancelled")], min_rest=5) == []


def test_overlapping_crew_bookings_are_no_turnaround_pair():
    got = items(CREW, [slot(1, 0, 10), slot(2, 5, 20)], min_rest=5)
    assert got == [brute.Item("capacity", 5, 10, (1, 2))]


def test_overlapping_crew_hold_is_blocked_not_turnaround():
    got = items(CREW, [slot(1, 0, 10), slot(2, 5, 20, "hold", 2)], min_rest=5)
    assert got == [brute.Item("blocked_hold", 5, 20, (2, 1))]


# ---- enforcement -------------------------------------------------------------------------

def test_confirmed_candidate_over_a_full_stage_names_the_booking_in_the_way():
    others = [slot(1, 0, 10), slot(2, 10, 20), slot(3, 0, 20, "hold")]
    got = refusal_blockers(STAGE, slot(99, 9, 11), others)
    assert [b.id for b in got] == [1, 2]


def test_candidate_touching_is_accepted_and_holds_maintenance_never_refused():
    others = [slot(1, 0, 10), slot(2, 30, 40, activity="maintenance")]
    assert refusal_blockers(STAGE, slot(99, 10, 20), others) == []
    assert refusal_blockers(STAGE, slot(99, 0, 40, "hold"), others) == []
    assert refusal_blockers(STAGE, slot(99, 0, 40, activity="maintenance"), others) == []


def test_candidate_over_maintenance_is_refused_with_capacity_left():
    bays = ResourceInfo(1, "workshop", 3)
    got = refusal_blockers(bays, slot(99, 5, 6), [slot(4, 0, 10, activity="maintenance")])
    assert [b.id for b in got] == [4]


def test_editing_a_booking_does_not_block_itself():
    others = [slot(1, 0, 10)]
    assert refusal_blockers(STAGE, slot(1, 2, 12), others) == []


def test_conflicts_of_lists_only_items_with_the_candidate():
    others = [slot(1, 0, 10), slot(2, 0, 10, production=2), slot(3, 20, 30)]
    got = conflicts_of(STAGE, slot(-1, 25, 35, "hold", 3), others, 10)
    assert canon(got) == [brute.Item("blocked_hold", 25, 35, (-1, 3))]


# ---- random scenarios against the brute force -------------------------------------------

GRID = 16  # a small time grid: touching, identical and nested intervals occur often


@st.composite
def scenario(draw: st.DrawFn) -> tuple[ResourceInfo, list[Slot], int]:
    kind = draw(st.sampled_from(["stage", "workshop", "crew"]))
    cap = 1 if kind == "crew" else draw(st.integers(1, 3))
    n = draw(st.integers(0, 9))
    ids = draw(st.permutations(range(1, n + 1)))
    slots = []
    for i in ids:
        start = draw(st.integers(0, GRID - 1))
        end = draw(st.integers(start + 1, GRID))
        status = draw(st.sampled_from(["confirmed", "confirmed", "hold", "hold", "cancelled"]))
        maint = draw(st.integers(0, 5)) == 0
        slots.append(slot(i, start, end, status, draw(st.integers(1, 3)),
                          "maintenance" if maint else "shoot", draw(st.integers(0, 2))))
    min_rest = draw(st.integers(0, 4))
    return ResourceInfo(1, kind, cap), slots, min_rest


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario())
def test_detect_matches_brute_force(case: tuple[ResourceInfo, list[Slot], int]) -> None:
    resource, slots, min_rest = case
    assert canon(detect(resource, slots, min_rest)) == brute.detect(
        resource.kind, resource.capacity, slots, min_rest
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario(), st.data())
def test_refusal_matches_brute_force(case: tuple[ResourceInfo, list[Slot], int], data: st.DataObject) -> None:
    resource, slots, _ = case
    start = data.draw(st.integers(0, GRID - 1))
    end = data.draw(st.integers(start + 1, GRID))
    own = data.draw(st.sampled_from([99, *(b.id for b in slots)]))
    status = data.draw(st.sampled_from(["confirmed", "confirmed", "confirmed", "hold"]))
    activity = "maintenance" if data.draw(st.integers(0, 6)) == 0 else "shoot"
    candidate = slot(own, start, end, status, 1, activity)
    got = refusal_blockers(resource, candidate, slots)
    refused, ids = brute.refusal(resource.capacity, candidate, slots)
    assert bool(got) == refused
    assert sorted(b.id for b in got) == ids
    assert len({b.id for b in got}) == len(got)  # each blocker named once


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario(), st.data())
def test_conflicts_of_is_detect_filtered_to_the_candidate(case: tuple[ResourceInfo, list[Slot], int],
                                                          data: st.DataObject) -> None:
    resource, slots, min_rest = case
    start = data.draw(st.integers(0, GRID - 1))
    end = data.draw(st.integers(start + 1, GRID))
    candidate = slot(-1, start, end, data.draw(st.sampled_from(["confirmed", "hold"])), 2)
    want = [i for i in brute.detect(resource.kind, resource.capacity, [*slots, candidate], min_rest)
            if -1 in i.booking_ids]
    assert canon(conflicts_of(resource, candidate, slots, min_rest)) == want
