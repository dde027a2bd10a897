"""Full garbage collections while the timeline is still: the IdleCollector's policy and wiring."""

from __future__ import annotations

import gc

import pytest

from studio_booker.ui import collector
from studio_booker.ui.collector import IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_due() -> None:
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


def test_while_installed_python_runs_no_full_collection_of_its_own(qapp):
    before = gc.get_threshold()
    first, second = IdleCollector(), IdleCollector()
    assert gc.get_threshold() == (before[0], before[1], collector.NO_AUTOMATIC)
    first.close()
    assert gc.get_threshold()[2] == collector.NO_AUTOMATIC  # the other window still runs them
    second.close()
    second.close()  # twice: nothing more handed back
    assert gc.get_threshold() == before


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


def test_in_continuous_use_it_runs_after_the_longest_wait(idle):
    c, clock = idle
    make_due()
    for _ in range(int(collector.MAX_WAIT_S) - 1):  # a scroll step every second for a minute
        clock.now += 1.0
        c.activity()
        assert not c.check()
    clock.now += 1.5
    c.activity()
    assert c.check()  # garbage cycles do not pile up in a long session


def test_a_closed_collector_runs_nothing(idle):
    c, clock = idle
    make_due()
    c.close()
    clock.now += collector.MAX_WAIT_S * 2
    assert not c.check() and c.collections == 0
