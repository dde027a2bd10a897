"""services.bookings on a real SQLite file: enforcement (SPEC 3), input checks (SPEC 2),
optimistic locking, retired resources, the editor's live check and the suggestions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from studio_booker.errors import ConflictRefused, InputError, InputProblems, NotFound, StaleEdit
from studio_booker.services import bookings, catalog
from studio_booker.services.bookings import BookingDraft, BookingFilter
from studio_booker.services.settings import set_setting
from studio_booker.storage.engine import read_session
from studio_booker.storage.models import Booking
from tests.conftest import t


def count(engine) -> int:
    with read_session(engine) as s:
        return int(s.scalar(select(func.count(Booking.id))) or 0)


@pytest.fixture
def lot(make_stage, make_workshop, make_crew, make_production):
    make_stage("Stage 7", area_m2=2000)
    make_workshop("Carpentry", capacity=2)
    make_crew("Zhang Wei")
    for name in ("The Red Silk", "Красная студия", "北方"):
        make_production(name)


# ---- refusals name the bookings in the way -------------------------------------------------

def test_create_confirmed_over_a_confirmed_is_refused_naming_the_blocker(engine, lot, make_booking):
    first = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00", ref="RS-1")
    before = count(engine)
    with pytest.raises(ConflictRefused) as err:
        make_booking("Stage 7", "Красная студия", "2026-12-03 17:00", "2026-12-03 20:00")
    msg = str(err.value)
    assert f"#{first.id}" in msg and "The Red Silk" in msg and "RS-1" in msg
    assert "2026-12-03 08:00" in msg  # lot time
    assert [b.id for b in err.value.blockers] == [first.id]
    assert err.value.exit_code == 3
    assert count(engine) == before


def test_touching_confirmed_bookings_are_accepted(engine, lot, make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    make_booking("Stage 7", "Красная студия", "2026-12-03 18:00", "2026-12-03 22:00")
    make_booking("Stage 7", "北方", "2026-12-03 06:00", "2026-12-03 08:00")
    assert count(engine) == 3


def test_capacity_two_refuses_only_the_third(engine, lot, make_booking):
    a = make_booking("Carpentry", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    b = make_booking("Carpentry", "Красная студия", "2026-12-03 12:00", "2026-12-03 20:00")
    make_booking("Carpentry", "北方", "2026-12-03 18:00", "2026-12-03 22:00")  # only b runs then
    with pytest.raises(ConflictRefused) as err:
        make_booking("Carpentry", "北方", "2026-12-03 13:00", "2026-12-03 14:00")
    assert sorted(v.id for v in err.value.blockers) == [a.id, b.id]
    assert "The Red Silk" in str(err.value) and "Красная студия" in str(err.value)


def test_confirmed_over_maintenance_is_refused(engine, lot, make_booking):
    m = make_booking("Carpentry", None, "2026-12-03 00:00", "2026-12-04 00:00", activity="maintenance")
    with pytest.raises(ConflictRefused) as err:
        make_booking("Carpentry", "The Red Silk", "2026-12-03 23:00", "2026-12-04 02:00")
    assert [v.id for v in err.value.blockers] == [m.id]
    assert "maintenance" in str(err.value)


def test_holds_and_maintenance_are_never_refused(engine, lot, make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    h = make_booking("Stage 7", "Красная студия", "2026-12-03 08:00", "2026-12-03 18:00", status="hold")
    m = make_booking("Stage 7", None, "2026-12-03 10:00", "2026-12-03 12:00", activity="maintenance")
    assert (h.status, m.status, m.production) == ("hold", "confirmed", None)
    assert count(engine) == 3


def test_cancelled_bookings_are_ignored(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    bookings.set_status(engine, a.id, "cancelled", "tester")
    b = make_booking("Stage 7", "Красная студия", "2026-12-03 08:00", "2026-12-03 18:00")
    assert b.status == "confirmed"
    # and putting the cancelled one back to confirmed is refused now
    with pytest.raises(ConflictRefused) as err:
        bookings.set_status(engine, a.id, "confirmed", "tester")
    assert [v.id for v in err.value.blockers] == [b.id]
    assert bookings.get_booking(engine, a.id).status == "cancelled"


def test_confirming_a_hold_is_refused_when_full(engine, lot, make_booking):
    h = make_booking("Stage 7", "Красная студия", "2026-12-03 08:00", "2026-12-03 18:00", status="hold")
    c = make_booking("Stage 7", "The Red Silk", "2026-12-03 16:00", "2026-12-03 20:00")
    with pytest.raises(ConflictRefused) as err:
        bookings.set_status(engine, str(h.id), "confirmed", "tester")
    assert [v.id for v in err.value.blockers] == [c.id]
    assert f"booking #{h.id}" in str(err.value)
    assert bookings.get_booking(engine, h.id).status == "hold"


def test_move_and_resize_into_a_confirmed_are_refused(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 12:00")
    b = make_booking("Stage 7", "Красная студия", "2026-12-03 14:00", "2026-12-03 18:00")
    with pytest.raises(ConflictRefused) as err:  # move
        bookings.move_booking(engine, b.id, "tester", start=t("2026-12-03 11:00"), end=t("2026-12-03 15:00"))
    assert [v.id for v in err.value.blockers] == [a.id]
    with pytest.raises(ConflictRefused):  # resize
        bookings.update_booking(engine, b.id, "tester", start=t("2026-12-03 11:59"))
    make_booking("Carpentry", "北方", "2026-12-03 14:00", "2026-12-03 18:00")
    make_booking("Carpentry", "北方", "2026-12-03 14:00", "2026-12-03 18:00")
    with pytest.raises(ConflictRefused):  # move onto another resource where it does not fit
        bookings.move_booking(engine, b.id, "tester", resource="Carpentry", start=t("2026-12-03 14:00"),
                              end=t("2026-12-03 18:00"))
    got = bookings.get_booking(engine, b.id)
    assert (got.resource, got.start, got.end) == ("Stage 7", t("2026-12-03 14:00"), t("2026-12-03 18:00"))
    # moving within its own time (overlapping its old self) is fine
    moved = bookings.move_booking(engine, b.id, "tester", start=t("2026-12-03 12:00"),
                                  end=t("2026-12-03 17:00"))
    assert moved.start == t("2026-12-03 12:00") and moved.version == b.version + 1


def test_capacity_reduction_is_never_refused_and_then_reported(engine, lot, make_booking):
    from studio_booker.services.conflicts import conflict_report

    a = make_booking("Carpentry", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    b = make_booking("Carpentry", "Красная студия", "2026-12-03 12:00", "2026-12-03 20:00")
    assert conflict_report(engine) == []
    r = catalog.get_resource(engine, "Carpentry")
    assert catalog.update_resource(engine, r.id, capacity=1).capacity == 1
    report = conflict_report(engine)
    assert [(c.rule, c.booking_ids, c.start, c.end) for c in report] == [
        ("capacity", (a.id, b.id), t("2026-12-03 12:00"), t("2026-12-03 18:00"))]
    # editing the notes of an overbooked confirmed booking is not a new save of its time
    assert bookings.update_booking(engine, a.id, "tester", notes="rebook").notes == "rebook"


# ---- input -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "word"), [
    ("2026-12-03 18:00", "2026-12-03 08:00", "ends before it starts"),
    ("2026-12-03 08:00", "2026-12-03 08:00", "ends when it starts"),
])
def test_reversed_and_zero_length_bookings_are_refused(engine, lot, make_booking, start, end, word):
    with pytest.raises(InputError) as err:
        make_booking("Stage 7", "The Red Silk", start, end)
    assert word in str(err.value) and "the end must be after the start" in str(err.value)
    assert start.split()[1] in str(err.value)
    assert count(engine) == 0
    ok = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 09:00")
    with pytest.raises(InputError, match="ends"):
        bookings.update_booking(engine, ok.id, "tester", end=t("2026-12-03 07:00"))
    assert bookings.get_booking(engine, ok.id).end == t("2026-12-03 09:00")


def test_refs_are_unique(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 09:00", ref="R-7")
    with pytest.raises(InputError, match=f"'R-7' is already used by booking #{a.id}"):
        make_booking("Stage 7", "北方", "2026-12-04 08:00", "2026-12-04 09:00", ref="R-7", status="hold")
    b = make_booking("Stage 7", "北方", "2026-12-04 08:00", "2026-12-04 09:00", ref="R-8")
    with pytest.raises(InputError, match="already used"):
        bookings.update_booking(engine, b.id, "tester", ref="R-7")
    assert bookings.get_booking(engine, "R-8").id == b.id  # found by ref
    assert bookings.update_booking(engine, "R-8", "tester", ref=" ").ref is None  # blank ref = none
    make_booking("Stage 7", "北方", "2026-12-05 08:00", "2026-12-05 09:00", ref="")
    assert count(engine) == 3


def test_unknown_names_and_bad_fields_are_input_errors(engine, lot, make_booking):
    with pytest.raises(NotFound, match="did you mean 'Stage 7'"):
        make_booking("Stage 77", "The Red Silk", "2026-12-03 08:00", "2026-12-03 09:00")
    with pytest.raises(NotFound, match="The Red Silk"):
        make_booking("Stage 7", "The Red Silc", "2026-12-03 08:00", "2026-12-03 09:00")
    with pytest.raises(InputError, match="status: 'pencil'"):
        make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 09:00", status="pencil")
    with pytest.raises(InputError, match="activity: 'party'"):
        make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 09:00", activity="party")
    with pytest.raises(InputError, match="needs a production"):
        make_booking("Stage 7", None, "2026-12-03 08:00", "2026-12-03 09:00")
    assert count(engine) == 0


def test_every_bad_part_of_a_booking_is_named_at_once(engine, lot, make_booking):
    make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 09:00", ref="R-1")
    draft = BookingDraft("Stage 77", "The Red Silc", t("2026-12-03 18:00"), t("2026-12-03 08:00"),
                         "pencil", "party", "R-1")
    with pytest.raises(InputProblems) as err:
        bookings.create_booking(engine, draft, "tester")
    assert err.value.exit_code == 2
    texts = [str(e) for e in err.value.errors]
    assert [type(e) for e in err.value.errors[:1]] == [NotFound]
    assert texts == [
        "unknown resource 'Stage 77'; did you mean 'Stage 7'?",
        "the booking ends before it starts (start 2026-12-03 18:00, end 2026-12-03 08:00); "
        "the end must be after the start",
        "status: 'pencil' is not a status; use hold, confirmed or cancelled",
        "activity: 'party' is not an activity; use build, prelight, shoot, strike, prep, shift, "
        "maintenance, other",
        "unknown production 'The Red Silc'; did you mean 'The Red Silk'?",
        "ref: 'R-1' is already used by booking #1",
    ]
    assert str(err.value) == "6 problems:\n" + "\n".join("  " + x for x in texts)
    assert bookings.check_booking(engine, draft).problems == tuple(texts)  # the editor's check agrees
    assert count(engine) == 1


def test_a_refusal_has_one_wording_for_the_save_and_the_editors_check(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00", ref="RS-1")
    draft = BookingDraft("Stage 7", "北方", t("2026-12-03 17:00"), t("2026-12-03 19:00"), "confirmed")
    check = bookings.check_booking(engine, draft)
    with pytest.raises(ConflictRefused) as err:
        bookings.create_booking(engine, draft, "tester")
    assert check.refusal == str(err.value) == (
        "refused: cannot be confirmed on Stage 7 from 2026-12-03 17:00 to 2026-12-03 19:00: Stage 7 "
        f"takes 1 confirmed booking at a time; in the way: #{a.id} (ref RS-1) The Red Silk, shoot, "
        "2026-12-03 08:00 – 2026-12-03 18:00, confirmed")
    hold = make_booking("Stage 7", "北方", "2026-12-03 17:00", "2026-12-03 19:00", status="hold")
    moved = bookings.check_booking(engine, BookingDraft("Stage 7", "北方", hold.start, hold.end,
                                                        "confirmed"), booking_id=hold.id)
    with pytest.raises(ConflictRefused) as err:
        bookings.set_status(engine, hold.id, "confirmed", "tester")
    assert moved.refusal == str(err.value)
    assert str(err.value).startswith(f"refused: booking #{hold.id} cannot be confirmed on Stage 7 ")


def test_optimistic_locking(engine, lot, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 09:00", status="hold")
    seen = b.version
    bookings.update_booking(engine, b.id, "alice", expected_version=seen, notes="alice was here")
    with pytest.raises(StaleEdit) as err:
        bookings.update_booking(engine, b.id, "bob", expected_version=seen, notes="bob was here")
    assert "alice" in str(err.value) and "reload" in str(err.value)
    with pytest.raises(StaleEdit):
        bookings.move_booking(engine, b.id, "bob", start=t("2026-12-03 10:00"), end=t("2026-12-03 11:00"),
                              expected_version=seen)
    got = bookings.get_booking(engine, b.id)
    assert (got.notes, got.version, got.updated_by) == ("alice was here", seen + 1, "alice")


def test_default_activity_and_times_stored_utc(engine, lot, make_booking, tz):
    s = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    c = make_booking("Zhang Wei", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    assert (s.activity, c.activity) == ("shoot", "shift")
    with read_session(engine) as sess:
        raw = sess.execute(select(Booking.start_utc, Booking.end_utc).where(Booking.id == s.id)).one()
    assert tuple(raw) == (1796256000, 1796292000)  # 2026-12-03 00:00 / 10:00 UTC
    assert s.to_json(tz)["start"] == "2026-12-03T08:00:00+08:00"


def test_retired_resources_refuse_new_bookings_but_keep_history(engine, lot, make_booking):
    old = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    other = make_booking("Carpentry", "The Red Silk", "2026-12-05 08:00", "2026-12-05 18:00")
    r = catalog.get_resource(engine, "Stage 7")
    catalog.set_resource_active(engine, r.id, False)
    with pytest.raises(InputError, match="retired"):
        make_booking("Stage 7", "北方", "2026-12-10 08:00", "2026-12-10 18:00", status="hold")
    with pytest.raises(InputError, match="retired"):
        bookings.move_booking(engine, other.id, "tester", resource="Stage 7", start=other.start,
                              end=other.end)
    history = bookings.find_bookings(engine, BookingFilter(resource="Stage 7"))
    assert [b.id for b in history] == [old.id]
    assert bookings.set_status(engine, old.id, "cancelled", "tester").status == "cancelled"
    assert not catalog.get_resource(engine, r.id).active
    assert r.id not in [x.id for x in catalog.list_resources(engine, include_retired=False)]
    check = bookings.check_booking(engine, BookingDraft("Stage 7", "北方", t("2026-12-11"), t("2026-12-12")))
    assert not check.can_save and "retired" in check.problems[0]


def test_find_bookings_filters(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    b = make_booking("Zhang Wei", "北方", "2026-12-04 08:00", "2026-12-04 18:00", status="hold")
    c = make_booking("Carpentry", "The Red Silk", "2026-12-05 08:00", "2026-12-05 18:00")
    bookings.set_status(engine, c.id, "cancelled", "tester")
    ids = lambda f: [v.id for v in bookings.find_bookings(engine, f)]  # noqa: E731
    assert ids(BookingFilter()) == [a.id, b.id, c.id]
    assert ids(BookingFilter(start=t("2026-12-03 18:00"), end=t("2026-12-05 08:00"))) == [b.id]
    assert ids(BookingFilter(production="The Red Silk")) == [a.id, c.id]
    assert ids(BookingFilter(status="cancelled")) == [c.id]
    assert ids(BookingFilter(kinds=("crew",))) == [b.id]
    assert ids(BookingFilter(text="北")) == [b.id]
    with pytest.raises(InputError, match="status"):
        bookings.find_bookings(engine, BookingFilter(status="maybe"))


def test_delete_and_restore_keep_the_id(engine, lot, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00", ref="X-1")
    bookings.delete_booking(engine, b.id)
    assert count(engine) == 0
    back = bookings.restore_booking(engine, b, "tester")
    assert (back.id, back.ref, back.start) == (b.id, "X-1", b.start)
    with pytest.raises(NotFound):
        bookings.delete_booking(engine, 999)


# ---- the editor's live check -----------------------------------------------------------------

def test_check_booking_reports_refusal_and_never_writes(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    before = count(engine)
    check = bookings.check_booking(engine, BookingDraft("Stage 7", "北方", t("2026-12-03 17:00"),
                                                         t("2026-12-03 19:00"), "confirmed"))
    assert not check.can_save and check.problems == ()
    assert [v.id for v in check.blockers] == [a.id]
    assert f"#{a.id}" in (check.refusal or "") and "The Red Silk" in (check.refusal or "")
    assert [c.rule for c in check.conflicts] == ["capacity"]
    hold = bookings.check_booking(engine, BookingDraft("Stage 7", "北方", t("2026-12-03 17:00"),
                                                        t("2026-12-03 19:00"), "hold"))
    assert hold.can_save and [c.rule for c in hold.conflicts] == ["blocked_hold"]
    assert hold.conflicts[0].booking_ids == (-1, a.id)
    assert "this booking (北方)" in hold.conflicts[0].message
    assert count(engine) == before


def test_check_booking_warns_of_turnaround_and_second_hold(engine, lot, make_booking):
    set_setting(engine, "min_rest_hours", "11")
    a = make_booking("Zhang Wei", "The Red Silk", "2026-12-03 08:00", "2026-12-03 20:00")
    check = bookings.check_booking(engine, BookingDraft("Zhang Wei", "The Red Silk", t("2026-12-04 06:00"),
                                                         t("2026-12-04 18:00"), "confirmed"))
    assert check.can_save
    (item,) = check.conflicts
    assert (item.rule, item.booking_ids) == ("turnaround", (a.id, -1))
    assert "10 h rest" in item.message and "minimum 11 h" in item.message
    h = make_booking("Stage 7", "The Red Silk", "2026-12-10 08:00", "2026-12-10 18:00", status="hold")
    second = bookings.check_booking(engine, BookingDraft("Stage 7", "北方", t("2026-12-10 12:00"),
                                                          t("2026-12-10 20:00"), "hold"))
    assert [(c.rule, c.rank, c.booking_ids) for c in second.conflicts] == [("hold_rank", 2, (-1, h.id))]
    assert "2nd in the queue" in second.conflicts[0].message


def test_check_booking_of_an_existing_booking_does_not_meet_itself(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    check = bookings.check_booking(engine, BookingDraft("Stage 7", "The Red Silk", t("2026-12-03 09:00"),
                                                         t("2026-12-03 19:00"), "confirmed"), booking_id=a.id)
    assert check.can_save and check.conflicts == ()


@pytest.mark.parametrize(("draft", "fragment"), [
    (BookingDraft("Stage 77", "The Red Silk", 10, 20), "unknown resource 'Stage 77'"),
    (BookingDraft("Stage 7", "Nobody", 10, 20), "unknown production 'Nobody'"),
    (BookingDraft("Stage 7", "The Red Silk", 20, 10), "ends before it starts"),
    (BookingDraft("Stage 7", "The Red Silk", 10, 20, "pencil"), "status"),
])
def test_check_booking_lists_input_problems(engine, lot, draft, fragment):
    check = bookings.check_booking(engine, draft)
    assert not check.can_save and fragment in check.problems[0]
    assert count(engine) == 0


# ---- suggestions -----------------------------------------------------------------------------

def test_suggest_alternatives_same_kind_same_or_larger_and_free(engine, make_stage, make_workshop,
                                                                make_production, make_booking):
    make_production("The Red Silk")
    make_production("北方")
    make_stage("Stage 7", area_m2=2000)
    make_stage("Stage 2", area_m2=1000)  # too small
    make_stage("Stage 9", area_m2=2000)  # busy
    make_stage("Stage 12", area_m2=3000)  # free
    make_stage("Stage 14", area_m2=2500)  # free (a hold does not make it busy)
    make_stage("Stage 15", area_m2=5000)  # retired
    make_stage("Stage 16", area_m2=2000)  # free: its booking only touches
    make_workshop("Big Shop", area_m2=9000)  # other kind
    catalog.set_resource_active(engine, catalog.get_resource(engine, "Stage 15").id, False)
    make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    make_booking("Stage 7", "The Red Silk", "2026-12-03 20:00", "2026-12-04 02:00")
    make_booking("Stage 9", "The Red Silk", "2026-12-03 12:00", "2026-12-03 13:00")
    make_booking("Stage 14", "The Red Silk", "2026-12-03 12:00", "2026-12-03 13:00", status="hold")
    make_booking("Stage 16", "The Red Silk", "2026-12-03 06:00", "2026-12-03 10:00")
    draft = BookingDraft("Stage 7", "北方", t("2026-12-03 10:00"), t("2026-12-03 14:00"), "confirmed")
    sug = bookings.suggest_alternatives(engine, draft)
    # smallest fitting first
    assert [r.name for r in sug.resources] == ["Stage 16", "Stage 14", "Stage 12"]
    # 4 hours: 18:00-20:00 is too short, the first free start is 02:00 the next day
    assert sug.earliest_start == t("2026-12-04 02:00")
    moved = BookingDraft("Stage 7", "北方", sug.earliest_start, sug.earliest_start + 4 * 3600, "confirmed")
    assert bookings.check_booking(engine, moved).can_save
    short = BookingDraft("Stage 7", "北方", t("2026-12-03 10:00"), t("2026-12-03 12:00"), "confirmed")
    assert bookings.suggest_alternatives(engine, short).earliest_start == t("2026-12-03 18:00")
    assert bookings.suggest_alternatives(engine, moved).earliest_start == moved.start  # already free


def test_earliest_free_start_ignores_the_booking_being_moved(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    draft = BookingDraft("Stage 7", "The Red Silk", t("2026-12-03 09:00"), t("2026-12-03 19:00"), "confirmed")
    assert bookings.suggest_alternatives(engine, draft, booking_id=a.id).earliest_start == draft.start
    assert bookings.suggest_alternatives(engine, draft).earliest_start == t("2026-12-03 18:00")


def test_turning_maintenance_into_work_is_checked(engine, lot, make_booking):
    a = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    m = make_booking("Stage 7", None, "2026-12-03 10:00", "2026-12-03 12:00", activity="maintenance")
    with pytest.raises(ConflictRefused) as err:
        bookings.update_booking(engine, m.id, "tester", activity="shoot", production="北方")
    assert [v.id for v in err.value.blockers] == [a.id]
    assert bookings.get_booking(engine, m.id).activity == "maintenance"


def test_restoring_into_a_taken_slot_is_refused(engine, lot, make_booking):
    b = make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00")
    make_booking("Stage 7", "The Red Silk", "2026-12-09 08:00", "2026-12-09 18:00")  # b's id stays free
    bookings.delete_booking(engine, b.id)
    c = make_booking("Stage 7", "北方", "2026-12-03 12:00", "2026-12-03 14:00")
    with pytest.raises(ConflictRefused) as err:
        bookings.restore_booking(engine, b, "tester")
    assert [v.id for v in err.value.blockers] == [c.id]
    assert count(engine) == 2
