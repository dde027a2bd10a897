"""services.catalog on a real SQLite file: resources and productions (SPEC 2)."""

from __future__ import annotations

import pytest

from studio_booker.errors import InputError, NotFound
from studio_booker.services import catalog


def test_resource_names_in_any_script_are_trimmed_and_unique(engine):
    for name in ("  1号摄影棚 ", "Stage 7", "Красная студия"):
        catalog.create_resource(engine, name=name, kind="stage")
    assert catalog.get_resource(engine, "1号摄影棚").name == "1号摄影棚"
    assert catalog.get_resource(engine, "красная студия").name == "Красная студия"  # case-insensitive
    with pytest.raises(InputError, match="'Stage 7' already exists"):
        catalog.create_resource(engine, name="stage 7", kind="workshop")
    with pytest.raises(InputError, match="needs a name"):
        catalog.create_resource(engine, name="   ", kind="stage")
    r = catalog.get_resource(engine, "Stage 7")
    with pytest.raises(InputError, match="already exists"):
        catalog.update_resource(engine, r.id, name="1号摄影棚")
    assert catalog.update_resource(engine, r.id, name="Stage 7A").name == "Stage 7A"
    assert len(catalog.list_resources(engine)) == 3


def test_resource_fields_are_checked_and_normalised(engine):
    r = catalog.create_resource(engine, name="Water Stage", kind=" Stage ", area_m2="2400.5",
                                features="water tank; blue screen;;", day_rate=15000, notes="deep end 6 m")
    assert (r.kind, r.capacity, r.active, r.area_m2) == ("stage", 1, True, 2400.5)
    assert r.features == ("water tank", "blue screen")
    bad = [
        (dict(kind="garage"), "kind: 'garage' is not a kind; use stage, workshop or crew"),
        (dict(kind="stage", capacity=0), "capacity: 0 is not a whole number >= 1"),
        (dict(kind="stage", capacity="two"), "capacity: 'two'"),
        (dict(kind="crew", capacity=2), "crew members are always 1"),
        (dict(kind="stage", area_m2="big"), "area_m2: 'big' is not a number"),
        (dict(kind="stage", day_rate=-5), "day_rate: -5.0 must not be negative"),
        (dict(kind="stage", colour="red"), "unknown resource field(s): colour"),
    ]
    for values, message in bad:
        with pytest.raises(InputError) as err:
            catalog.create_resource(engine, name="X", **values)
        assert message in str(err.value)
    assert [x.name for x in catalog.list_resources(engine)] == ["Water Stage"]
    crew = catalog.create_resource(engine, name="Li Na", kind="crew", department="Camera", role="focus")
    with pytest.raises(InputError, match="crew members are always 1"):
        catalog.update_resource(engine, crew.id, capacity=2)
    assert catalog.get_resource(engine, "Li Na").capacity == 1


def test_resources_are_listed_stages_workshops_crew_in_natural_order(engine):
    for name, kind, dept in [("Stage 10", "stage", ""), ("Li Na", "crew", "Camera"),
                             ("Props", "workshop", ""), ("Stage 2", "stage", ""),
                             ("Wang Fang", "crew", "Art"), ("Carpentry", "workshop", ""),
                             ("Chen Jie", "crew", "Camera")]:
        catalog.create_resource(engine, name=name, kind=kind, department=dept)
    catalog.set_resource_active(engine, catalog.get_resource(engine, "Stage 10").id, False)
    assert [r.name for r in catalog.list_resources(engine)] == [
        "Stage 2", "Stage 10", "Carpentry", "Props", "Wang Fang", "Chen Jie", "Li Na"]
    assert "Stage 10" not in [r.name for r in catalog.list_resources(engine, include_retired=False)]


def test_lookups_by_id_and_name_with_hints(engine):
    r = catalog.create_resource(engine, name="Stage 7", kind="stage")
    catalog.create_resource(engine, name="Stage 17", kind="stage")
    assert catalog.get_resource(engine, r.id).name == "Stage 7"
    with pytest.raises(NotFound, match="no resource with id 999"):
        catalog.get_resource(engine, 999)
    with pytest.raises(NotFound) as err:
        catalog.get_resource(engine, "Stage 8")
    assert "unknown resource 'Stage 8'" in str(err.value) and "did you mean" in str(err.value)
    near = catalog.closest("stage 71", ["Stage 7", "Stage 17", "Carpentry"])
    assert near[:1] in (["Stage 7"], ["Stage 17"]) and "Carpentry" not in near
    assert catalog.hint("zzz", ["Stage 7"]) == ""
    assert catalog.hint("Stage", ["Stage 7", "Carpentry"]) == "; did you mean 'Stage 7'?"


def test_productions(engine):
    p = catalog.create_production(engine, name=" The Red Silk ", company="Silk Road Pictures",
                                  contact_email="li@silk.cn", color="#C0392B")
    assert (p.name, p.color) == ("The Red Silk", "#c0392b")
    catalog.create_production(engine, name="北方")
    catalog.create_production(engine, name="Красная студия")
    assert [x.name for x in catalog.list_productions(engine)] == ["The Red Silk", "Красная студия", "北方"]
    for values, message in [
        (dict(name="the red silk"), "'The Red Silk' already exists"),
        (dict(name=""), "needs a name"),
        (dict(name="X", color="red"), "color: 'red' is not a colour; use #RRGGBB"),
        (dict(name="X", contact_email="nobody"), "contact_email: 'nobody' is not an e-mail address"),
        (dict(name="X", budget="1"), "unknown production field(s): budget"),
    ]:
        with pytest.raises(InputError) as err:
            catalog.create_production(engine, **values)
        assert message in str(err.value)
    assert catalog.update_production(engine, p.id, contact_phone=" 0532 1234 ").contact_phone == "0532 1234"
    assert catalog.get_production(engine, "THE RED SILK").id == p.id
    with pytest.raises(NotFound, match="did you mean 'The Red Silk'"):
        catalog.get_production(engine, "The Red Silc")
    assert len(catalog.list_productions(engine)) == 3


def test_case_is_ignored_in_every_script_for_lookups_and_uniqueness(engine):
    catalog.create_resource(engine, name="Красная студия", kind="stage")
    catalog.create_production(engine, name="ÉTÉ Films")
    assert catalog.get_resource(engine, "КРАСНАЯ СТУДИЯ").name == "Красная студия"
    assert catalog.get_production(engine, "été films").name == "ÉTÉ Films"
    with pytest.raises(InputError, match="already exists"):
        catalog.create_resource(engine, name="красная студия", kind="stage")
    with pytest.raises(InputError, match="already exists"):
        catalog.create_production(engine, name="été FILMS")
    r = catalog.get_resource(engine, "Красная студия")
    assert catalog.update_resource(engine, r.id, name="КРАСНАЯ СТУДИЯ").name == "КРАСНАЯ СТУДИЯ"
