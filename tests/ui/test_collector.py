"""Full garbage collections while the timeline is still: the IdleCollector's policy and wiring.

What "due" means here (middle-generation collections counted by gc.get_count()[2], which
gc.collect(1) advances) is CPython's generational collector, as measured on 3.11; on a Python
where ui/perf.py leaves the collector alone (3.14's incremental one), the IdleCollector must do
nothing, and that is what runs there instead.
"""

from __future__ import annotations

import gc

import pytest

from studio_booker.ui import collector, perf
from studio_booker.ui.collector import IdleCollector

measured = pytest.mark.skipif(not perf.GENERATIONAL_GC,
                              reason="gc.collect(1) and the thresholds mean this on 3.11's collector only")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_due() -> None:  # (3.11's meaning of gc.collect(1): see the module docstring)
    """As many middle-generation collections as Python waits for before a full one."""
    gc.collect()
    for _ in range(12):  # (Python's default: 10)
        gc.collect(1)


@pytest.fixture
def idle(qapp):
    clock = Clock()
    c = IdleCollector(clock=clock)
    yield c, clock
    c.close()


@measured
def test_while_installed_python_runs_no_full_collection_of_its_own(qapp):
    before = gc.get_threshold()
    first, second = IdleCollector(), IdleCollector()
    assert gc.get_threshold() == (before[0], before[1], collector.NO_AUTOMATIC)
    first.close()
    assert gc.get_threshold()[2] == collector.NO_AUTOMATIC  # the other window still runs them
    second.close()
    second.close()  # twice: nothing more handed back
    assert gc.get_threshold() == before


@measured
def test_a_due_collection_waits_until_the_timeline_has_been_still(idle):
    c, clock = idle
    make_due()
    c.activity()  # a scroll step
    clock.now += collector.IDLE_S / 2
    assert not c.check() and c.collections == 0
    c.activity()
    clock.now += collector.IDLE_S + 0.1
    assert c.check() and c.collections == 1
    assert gc.get_count()[2] == 0  # it was a full collection
    clock.now += collector.IDLE_S * 10
    assert not c.check()  # nothing due: nothing run, however still


@measured
def test_in_long_continuous_use_a_short_pause_will_do_and_at_last_it_runs_anyway(idle):
    c, clock = idle
    make_due()
    while clock.now - c._last_full < collector.MAX_WAIT_S - 2:  # scrolling for a minute
        clock.now += 1.0
        c.activity()
        clock.now += collector.SHORT_IDLE_S + 0.01  # short pauses between: not enough yet
        assert not c.check()
    clock.now += 2.0
    c.activity()
    clock.now += collector.SHORT_IDLE_S + 0.01
    assert c.check()  # a minute due: a short pause will do
    make_due()
    while clock.now - c._last_full < collector.LAST_RESORT_S - 1:  # scrolling without a pause
        clock.now += 0.1
        c.activity()
        assert not c.check()
    clock.now += 1.0
    c.activity()
    assert c.check()  # garbage cycles do not pile up, whatever the timeline does
    assert c.collections == 2


@measured
def test_a_closed_collector_runs_nothing(idle):
    c, clock = idle
    make_due()
    c.close()
    clock.now += collector.MAX_WAIT_S * 2
    assert not c.check() and c.collections == 0


def test_where_the_collector_is_not_tuned_python_keeps_running_full_collections(qapp, monkeypatch):
    """perf leaves the collector alone (another collector than the one measured): the
    IdleCollector changes no threshold and never collects; Python does, as by default."""
    monkeypatch.setattr(perf, "GENERATIONAL_GC", False)
    before = gc.get_threshold()
    clock = Clock()
    c = IdleCollector(clock=clock)
    assert gc.get_threshold() == before and not c.is_active()
    for _ in range(12):
        gc.collect(1)
    clock.now += collector.LAST_RESORT_S * 2
    assert not c.check() and c.collections == 0
    c.close()
    assert gc.get_threshold() == before
