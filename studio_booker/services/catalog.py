"""Resources and productions: list, look up by name (with hints), create, edit, retire."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ..domain.records import KINDS, Kind
from ..domain.wording import one_of
from ..errors import InputError, NotFound
from ..storage.engine import read_session, write_session
from ..storage.models import Production, Resource
from .views import ProductionView, ResourceView

COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
Named = TypeVar("Named", Resource, Production)


def resource_view(r: Resource) -> ResourceView:
    return ResourceView(
        id=r.id,
        name=r.name,
        kind=r.kind,
        capacity=r.capacity,
        active=r.active,
        area_m2=r.area_m2,
        features=split_features(r.features),
        department=r.department,
        role=r.role,
        day_rate=r.day_rate,
        notes=r.notes,
    )


def production_view(p: Production) -> ProductionView:
    return ProductionView(
        id=p.id,
        name=p.name,
        company=p.company,
        contact_name=p.contact_name,
        contact_email=p.contact_email,
        contact_phone=p.contact_phone,
        color=p.color,
        notes=p.notes,
        countries=p.countries or "",
        languages=p.languages or "zh;en",
    )


def split_features(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(";") if t.strip())


def closest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The closest existing names, for "did you mean" hints (case-insensitive)."""
    by_fold: dict[str, str] = {}
    for c in candidates:
        by_fold.setdefault(c.casefold(), c)
    hits = difflib.get_close_matches(name.casefold(), list(by_fold), n=n, cutoff=0.5)
    if not hits:  # a containment hint helps with short names ("Stage 7" in "Stage 17")
        hits = [f for f in by_fold if name.casefold() in f][:n]
    return [by_fold[h] for h in hits]


def hint(name: str, candidates: Iterable[str]) -> str:
    near = closest(name, candidates)
    return f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""


def _folded(s: Session, model: type[Named], name: str, skip_id: int | None = None) -> Named | None:
    """The row whose name equals `name` ignoring case in any script (SQLite's lower() folds
    ASCII only, so "красная студия" would miss "Красная студия"); names are few."""
    want = name.casefold()
    for row_id, row_name in s.execute(select(model.id, model.name)).all():
        if row_id != skip_id and row_name.casefold() == want:
            return s.get(model, row_id)
    return None


def _find(s: Session, model: type[Named], what: str, name_or_id: str | int) -> Named:
    """A row by id, or by name: exact first, then ignoring case; unknown names get a hint."""
    if isinstance(name_or_id, int):
        row = s.get(model, name_or_id)
        if row is None:
            raise NotFound(f"no {what} with id {name_or_id}")
        return row
    name = name_or_id.strip()
    row = s.scalars(select(model).where(model.name == name)).first() or _folded(s, model, name)
    if row is None:
        raise NotFound(f"unknown {what} {name!r}" + hint(name, s.scalars(select(model.name)).all()))
    return row


def find_resource(s: Session, name_or_id: str | int) -> Resource:
    return _find(s, Resource, "resource", name_or_id)


def find_production(s: Session, name_or_id: str | int) -> Production:
    return _find(s, Production, "production", name_or_id)


# ---- resources ---------------------------------------------------------------------------

RESOURCE_FIELDS = (
    "name", "kind", "capacity", "active", "area_m2", "features",
    "department", "role", "day_rate", "notes",
)


def list_resources(engine: Engine, include_retired: bool = True) -> list[ResourceView]:
    with read_session(engine) as s:
        q = select(Resource)
        if not include_retired:
            q = q.where(Resource.active.is_(True))
        rows = s.scalars(q).all()
        views = [resource_view(r) for r in rows]
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(views, key=lambda r: (order.get(r.kind, 9), r.department, _natural(r.name)))


def _natural(name: str) -> tuple[Any, ...]:
    """Stage 2 before Stage 10."""
    return tuple(int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", name))


def get_resource(engine: Engine, name_or_id: str | int) -> ResourceView:
    with read_session(engine) as s:
        return resource_view(find_resource(s, name_or_id))


def validate_resource(values: dict[str, Any]) -> dict[str, Any]:
    """Checks and normalises resource fields; raises InputError naming the field."""
    out = dict(values)
    if "name" in out:
        name = str(out["name"] or "").strip()
        if not name:
            raise InputError("name: a resource needs a name")
        out["name"] = name
    if "kind" in out:
        kind = str(out["kind"] or "").strip().lower()
        if kind not in KINDS:
            raise InputError(f"kind: {out['kind']!r} is not a kind; use {one_of(KINDS)}")
        out["kind"] = kind
    if "capacity" in out and out["capacity"] is not None:
        try:
            cap = int(out["capacity"])
        except (TypeError, ValueError) as exc:
            raise InputError(f"capacity: {out['capacity']!r} is not a whole number >= 1") from exc
        if cap < 1:
            raise InputError(f"capacity: {cap} is not a whole number >= 1")
        out["capacity"] = cap
    crew_problem = crew_capacity_problem(out.get("kind"), out.get("capacity"))
    if crew_problem is not None:
        raise InputError(f"capacity: {crew_problem}")
    for key in ("area_m2", "day_rate"):
        if key in out and out[key] not in (None, ""):
            try:
                number = float(out[key])
            except (TypeError, ValueError) as exc:
                raise InputError(f"{key}: {out[key]!r} is not a number") from exc
            if number < 0:
                raise InputError(f"{key}: {number} must not be negative")
            out[key] = number
        elif key in out:
            out[key] = None
    if "features" in out:
        f = out["features"]
        tags = split_features(f) if isinstance(f, str) else tuple(str(t).strip() for t in f or ())
        out["features"] = ";".join(t for t in tags if t)
    for key in ("department", "role", "notes"):
        if key in out:
            out[key] = str(out[key] or "").strip() if key != "notes" else str(out[key] or "")
    unknown = set(out) - set(RESOURCE_FIELDS)
    if unknown:
        raise InputError(f"unknown resource field(s): {', '.join(sorted(unknown))}")
    return out


def crew_capacity_problem(kind: str | None, capacity: int | None) -> str | None:
    """SPEC 2: crew are always capacity 1 (None: not given, the default 1)."""
    if kind == Kind.CREW and capacity not in (None, 1):
        return f"crew members are always 1, not {capacity}"
    return None


def _unique_name(s: Session, model: type[Named], name: str, own_id: int | None, what: str) -> None:
    clash = _folded(s, model, name, skip_id=own_id)
    if clash is not None and clash.id != own_id:
        raise InputError(f"name: a {what} called {clash.name!r} already exists")


def _add(s: Session, model: type[Named], values: dict[str, Any], what: str) -> Named:
    """A new resource or production (values checked), its name unique in any case."""
    _unique_name(s, model, values["name"], None, what)
    row = model(**values)
    s.add(row)
    s.flush()
    return row


def _change(s: Session, row: Named, values: dict[str, Any], what: str) -> Named:
    """Edit a resource or production (values checked); a new name stays unique in any case."""
    if "name" in values:
        _unique_name(s, type(row), values["name"], row.id, what)
    for key, value in values.items():
        setattr(row, key, value)
    s.flush()
    return row


def create_resource(engine: Engine, **values: Any) -> ResourceView:
    v = validate_resource(values)
    if "name" not in v or "kind" not in v:
        raise InputError("a resource needs a name and a kind (stage, workshop or crew)")
    v.setdefault("capacity", 1)
    v["capacity"] = v["capacity"] or 1
    v.setdefault("active", True)
    for key in ("features", "department", "role", "notes"):
        v.setdefault(key, "")
    with write_session(engine) as s:
        return resource_view(_add(s, Resource, v, "resource"))


def update_resource(engine: Engine, resource_id: int, **changes: Any) -> ResourceView:
    """Edit a resource. Lowering capacity is never refused: the conflicts report shows the fallout."""
    v = validate_resource(changes)
    with write_session(engine) as s:
        r = find_resource(s, resource_id)
        crew_problem = crew_capacity_problem(v.get("kind", r.kind), v.get("capacity", r.capacity))
        if crew_problem is not None:
            raise InputError(f"capacity: {crew_problem}")
        return resource_view(_change(s, r, v, "resource"))


def set_resource_active(engine: Engine, resource_id: int, active: bool) -> ResourceView:
    """Retire (or bring back) a resource; its bookings stay as history."""
    return update_resource(engine, resource_id, active=active)


# ---- productions -------------------------------------------------------------------------

PRODUCTION_FIELDS = (
    "name", "company", "contact_name", "contact_email", "contact_phone", "color", "notes",
)


def validate_production(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: ("" if v is None else str(v)) for k, v in values.items()}
    unknown = set(out) - set(PRODUCTION_FIELDS)
    if unknown:
        raise InputError(f"unknown production field(s): {', '.join(sorted(unknown))}")
    if "name" in out:
        out["name"] = out["name"].strip()
        if not out["name"]:
            raise InputError("name: a production needs a name")
    if out.get("color"):
        color = out["color"].strip()
        if not COLOR_RE.match(color):
            raise InputError(f"color: {color!r} is not a colour; use #RRGGBB such as #c0392b")
        out["color"] = color.lower()
    email = out.get("contact_email", "").strip()
    if email and ("@" not in email or " " in email):
        raise InputError(f"contact_email: {email!r} is not an e-mail address")
    for key in ("company", "contact_name", "contact_email", "contact_phone"):
        if key in out:
            out[key] = out[key].strip()
    return out


def list_productions(engine: Engine) -> list[ProductionView]:
    with read_session(engine) as s:
        views = [production_view(p) for p in s.scalars(select(Production)).all()]
    return sorted(views, key=lambda p: p.name.casefold())


def get_production(engine: Engine, name_or_id: str | int) -> ProductionView:
    with read_session(engine) as s:
        return production_view(find_production(s, name_or_id))


def create_production(engine: Engine, **values: Any) -> ProductionView:
    v = validate_production(values)
    if not v.get("name"):
        raise InputError("name: a production needs a name")
    for key in PRODUCTION_FIELDS:
        v.setdefault(key, "")
    with write_session(engine) as s:
        return production_view(_add(s, Production, v, "production"))


def update_production(engine: Engine, production_id: int, **changes: Any) -> ProductionView:
    v = validate_production(changes)
    with write_session(engine) as s:
        return production_view(_change(s, find_production(s, production_id), v, "production"))
