"""Shared fixtures: a fresh real SQLite database per test, small factories, Qt offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads anywhere
os.environ.setdefault("STUDIO_BOOKER_NO_DEMO_PROMPT", "1")
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):  # English unless a test asks for a language
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"
if "STUDIO_BOOKER_TEST_DATA" not in os.environ:  # the user data folder (backups, log): never the real one
    import tempfile

    os.environ["STUDIO_BOOKER_TEST_DATA"] = tempfile.mkdtemp(prefix="studio-booker-test-data-")
    os.environ["XDG_DATA_HOME"] = os.environ["STUDIO_BOOKER_TEST_DATA"]

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from studio_booker.domain.timeutil import lot_zone, parse_instant  # noqa: E402
from studio_booker.services import bookings, catalog  # noqa: E402
from studio_booker.services.bookings import BookingDraft  # noqa: E402
from studio_booker.storage.engine import open_database  # noqa: E402

TZ = lot_zone("Asia/Shanghai")


def dump(db_path: Path) -> list[str]:
    """Every row and schema statement of a database file, read with plain sqlite3: compare two
    dumps to show that a refused import or command wrote nothing."""
    import sqlite3

    con = sqlite3.connect(db_path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def t(text: str) -> int:
    """`t("2026-12-03 08:00")`: an instant, read in lot time."""
    return parse_instant(text, TZ)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "lot.sqlite3"


@pytest.fixture
def engine(db_path: Path):
    eng = open_database(db_path)
    yield eng
    eng.dispose()


@pytest.fixture
def tz():
    return TZ


@pytest.fixture
def make_stage(engine) -> Callable[..., object]:
    def make(name: str = "Stage 7", capacity: int = 1, **kw: object):
        return catalog.create_resource(engine, name=name, kind="stage", capacity=capacity, **kw)

    return make


@pytest.fixture
def make_workshop(engine) -> Callable[..., object]:
    def make(name: str = "Carpentry", capacity: int = 2, **kw: object):
        return catalog.create_resource(engine, name=name, kind="workshop", capacity=capacity, **kw)

    return make


@pytest.fixture
def make_crew(engine) -> Callable[..., object]:
    def make(name: str = "Zhang Wei", **kw: object):
        kw.setdefault("department", "Lighting")
        kw.setdefault("role", "gaffer")
        return catalog.create_resource(engine, name=name, kind="crew", **kw)

    return make


@pytest.fixture
def make_production(engine) -> Callable[..., object]:
    def make(name: str = "The Red Silk", **kw: object):
        return catalog.create_production(engine, name=name, **kw)

    return make


@pytest.fixture
def make_booking(engine) -> Callable[..., object]:
    """make_booking("Stage 7", "The Red Silk", "2026-12-03 08:00", "2026-12-03 18:00", status=...)"""

    def make(resource: str, production: str | None, start: str, end: str,
             status: str = "confirmed", activity: str | None = None, ref: str | None = None,
             notes: str = "", user: str = "tester"):
        draft = BookingDraft(resource, production, t(start), t(end), status, activity, ref, notes)
        return bookings.create_booking(engine, draft, user)

    return make
