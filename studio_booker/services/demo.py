"""The demo lot: the Oriental Film Metropolis in Qingdao, a season of bookings, synthetic scale data.

`load_demo` loads the base lot once (40 stages, 6 workshops, 120 crew, 10 productions and
about sixteen weeks of bookings holding a few conflicts of every rule) and, when asked,
adds N synthetic bookings (`add_synthetic`), deterministic for a seed.

The season is written in one transaction; every confirmed booking of it is checked with
the enforcement rule (domain.rules.refusal_blockers) before it is written, exactly as a
save through services.bookings would be. The conflicts that must be there are then made
the way they happen on a real lot, through the services that never refuse them: a
workshop bay closes (capacity lowered), a pipe bursts (maintenance over confirmed
bookings), pencils compete for a stage (holds), and a crew member gets an early call.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from ..domain import rules
from ..domain.records import Activity, Kind, Slot, Status
from ..domain.timeutil import to_instant
from ..errors import InputError
from ..storage.engine import read_session, write_session
from ..storage.models import Booking, Production, Resource
from . import bookings as booking_service
from . import catalog
from .bookings import BookingDraft, bump_longest
from .settings import get_settings

BASE_SEED = 2026  # the base lot is the same every time (for a given start date)
SEASON_DAYS = 16 * 7
DAY = 86400
HOUR = 3600
CHUNK = 20_000

# ---- the lot ---------------------------------------------------------------------------

STAGE_FEATURES = ("blue screen", "green screen", "sound-proofed", "rigging grid", "cyclorama",
                  "air-conditioned", "heavy power", "loading dock", "trench floor")

PRODUCTIONS: tuple[dict[str, str], ...] = (
    dict(name="The Red Silk", company="Meridian Pictures (Los Angeles)", contact_name="Sarah Whitman",
         contact_email="s.whitman@meridianpictures.com", contact_phone="+1 310 555 0142",
         color="#c0392b", notes="Period drama; Shanghai 1930s backlot"),
    dict(name="长城之夜", company="华影星河传媒", contact_name="陈晓东",
         contact_email="chenxd@huaying-xinghe.cn", contact_phone="+86 532 8890 1123",
         color="#8e44ad", notes="Night of the Great Wall: wuxia epic"),
    dict(name="青岛往事", company="青岛东方影视", contact_name="刘芳",
         contact_email="liufang@qd-dongfang.cn", contact_phone="+86 532 8667 2040",
         color="#2980b9", notes="Once upon a time in Qingdao: TV series, 36 episodes"),
    dict(name="海上丝路", company="蓝海影业", contact_name="赵明",
         contact_email="zhaoming@lanhai-film.cn", contact_phone="+86 10 6588 3301",
         color="#16a085", notes="Maritime Silk Road: underwater sequences"),
    dict(name="Тайга", company="Северный свет", contact_name="Анна Соколова",
         contact_email="a.sokolova@severny-svet.ru", contact_phone="+7 495 555 21 08",
         color="#27ae60", notes="Taiga: winter survival drama"),
    dict(name="Степной ветер", company="Almaty Film Partners", contact_name="Айгерим Нурланова",
         contact_email="aigerim@almatyfilm.kz", contact_phone="+7 727 355 40 19",
         color="#d35400", notes="Steppe Wind: Kazakh-Chinese co-production"),
    dict(name="Последний караван", company="Samarkand Media", contact_name="Тимур Рашидов",
         contact_email="t.rashidov@samarkandmedia.uz", contact_phone="+998 71 200 45 67",
         color="#f39c12", notes="The Last Caravan: Silk Road adventure"),
    dict(name="Iron Harbor", company="Bluewater Studios", contact_name="Michael Grant",
         contact_email="mgrant@bluewaterstudios.com", contact_phone="+1 818 555 0199",
         color="#34495e", notes="Action; water-tank work on the underwater stage"),
    dict(name="Dragon Gate", company="Pacific Bridge Entertainment", contact_name="Emily Chen",
         contact_email="emily.chen@pacificbridge.com", contact_phone="+1 212 555 0117",
         color="#e84393", notes="US-China co-production; heavy VFX"),
    dict(name="Moonlight over Laoshan", company="Harbourlight Films", contact_name="James O'Neill",
         contact_email="james@harbourlightfilms.co.uk", contact_phone="+44 20 7946 0321",
         color="#b8860b", notes="Romance; location work on Mount Lao, interiors here"),
)

WORKSHOPS: tuple[tuple[str, int, float, str], ...] = (
    ("Carpentry Shop", 3, 2400.0, "table saws;CNC router;3 bays"),
    ("Props Workshop", 2, 1200.0, "props store;2 bays"),
    ("Paint Shop", 2, 1500.0, "spray booth;scenic backdrops"),
    ("Costume Workshop", 1, 900.0, "fitting rooms;dye room"),
    ("Metal Shop", 1, 800.0, "welding;plasma cutter"),
    ("Sculpture Studio", 1, 700.0, "foam carving;moulding"),
)

# department -> (members, roles)
DEPARTMENTS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("Camera", 18, ("director of photography", "camera operator", "1st AC", "2nd AC", "DIT")),
    ("Lighting & Grip", 24, ("gaffer", "best boy electric", "electrician", "key grip", "dolly grip")),
    ("Art", 16, ("production designer", "art director", "set decorator", "scenic painter")),
    ("Costume", 14, ("costume designer", "wardrobe supervisor", "dresser")),
    ("Make-up", 14, ("make-up artist", "hair stylist", "prosthetics artist")),
    ("Sound", 12, ("production sound mixer", "boom operator", "sound utility")),
    ("Rigging", 12, ("head rigger", "rigger", "high-climber")),
    ("SFX", 10, ("SFX supervisor", "pyrotechnician", "SFX technician")),
)

CHINESE = ("王伟", "李娜", "张敏", "刘洋", "陈杰", "杨静", "赵磊", "黄丽", "周强", "吴霞", "徐涛", "孙悦",
           "马超", "朱琳", "胡军", "郭芳", "何平", "高翔", "林雪", "罗斌", "梁晨", "宋佳", "郑凯", "谢娟",
           "韩冰", "唐亮", "冯雨", "董飞", "萧然", "程远", "曹颖", "袁鹏", "邓婷", "许航", "傅磊", "沈倩",
           "曾毅", "彭博", "吕薇", "苏畅", "卢鑫", "蒋欣", "蔡明", "贾超", "丁宁", "魏巍", "薛峰", "叶青")
RUSSIAN = ("Иван Петров", "Ольга Смирнова", "Алексей Кузнецов", "Наталья Иванова", "Дмитрий Попов",
           "Елена Васильева", "Сергей Морозов", "Мария Волкова", "Андрей Лебедев", "Татьяна Козлова",
           "Николай Новиков", "Ирина Павлова", "Павел Соколов", "Светлана Фёдорова", "Михаил Орлов",
           "Юлия Егорова", "Артём Зайцев", "Ксения Белова", "Руслан Ахметов", "Динара Садыкова",
           "Бахтияр Каримов", "Айдана Жумабекова", "Фарход Юсупов", "Гульнара Исмаилова",
           "Владимир Гусев", "Анастасия Киселёва", "Константин Макаров", "Вера Никитина",
           "Олег Захаров", "Людмила Степанова", "Тимофей Романов", "Дарья Полякова", "Игорь Медведев",
           "Алина Тихонова", "Максим Широков", "Евгения Борисова", "Роман Виноградов",
           "Полина Беляева", "Ербол Сейткали", "Зарина Абдуллаева")
ENGLISH = ("John Carter", "Emma Collins", "David Miller", "Olivia Bennett", "Chris Walker",
           "Sophie Turner", "Mark Hughes", "Laura Price", "Daniel Reed", "Grace Foster", "Ryan Murphy",
           "Hannah Ward", "Tom Fletcher", "Megan Brooks", "Luke Harrison", "Chloe Adams", "Sam Patel",
           "Jessica Moore", "Ben Lawson", "Amy Richardson", "Kevin O'Brien", "Rachel Stone",
           "Peter Walsh", "Natalie King", "Jack Henderson", "Lucy Morgan", "Aaron Blake", "Ella Shaw",
           "Nathan Cole", "Isabel Cruz", "Oscar Bell", "Fiona Grant", "Victor Ramos", "Zoe Hamilton",
           "Owen Parker", "Maya Singh", "Ian McAllister", "Paige Donovan", "Carlos Mendez",
           "Harriet Lowe")


def _stages() -> list[dict[str, Any]]:
    """About 40 stages: 1号摄影棚 is the 10,000 m² giant, 水下摄影棚 the underwater stage."""
    rng = random.Random(BASE_SEED)
    out: list[dict[str, Any]] = [
        dict(name="1号摄影棚", area_m2=10000.0, day_rate=180000.0,
             features="sound-proofed;rigging grid;heavy power;loading dock",
             notes="10,000 m²: one of the largest soundstages in the world"),
        dict(name="水下摄影棚", area_m2=3200.0, day_rate=95000.0,
             features="water tank;underwater windows;rigging grid;heated water",
             notes="Underwater stage: tank 60 × 30 m, 10 m deep"),
        dict(name="Красная студия", area_m2=1800.0, day_rate=36000.0,
             features="sound-proofed;cyclorama;blue screen", notes="Red studio: insert and VFX work"),
    ]
    areas = (500, 800, 1000, 1200, 1500, 2000, 2000, 2500, 3000, 3000, 4000, 4000, 5000, 6000, 8000)
    for n in range(2, 39):
        name = f"{n}号摄影棚" if n % 2 == 0 or n < 12 else f"Stage {n}"
        area = float(rng.choice(areas))
        feats = rng.sample(STAGE_FEATURES, rng.randint(2, 4))
        rate = round(area * rng.uniform(14, 20) / 100) * 100
        out.append(dict(name=name, area_m2=area, day_rate=float(rate), features=";".join(feats),
                        notes=""))
    return out


def _crew() -> list[dict[str, Any]]:
    pools = [list(CHINESE), list(RUSSIAN), list(ENGLISH)]
    out: list[dict[str, Any]] = []
    i = 0
    for dept, members, roles in DEPARTMENTS:
        for k in range(members):
            pool = pools[i % 3]
            name = pool[(i // 3) % len(pool)]
            i += 1
            rank = min(k, len(roles) - 1)  # one head of department, then the rest
            out.append(dict(name=name, department=dept, role=roles[rank],
                            day_rate=float(900 + 300 * (len(roles) - rank))))
    return out


# ---- the summary -----------------------------------------------------------------------

@dataclass(frozen=True)
class DemoSummary:
    stages: int = 0
    workshops: int = 0
    crew: int = 0
    productions: int = 0
    bookings: int = 0  # of the base lot
    synthetic: int = 0
    synthetic_resources: int = 0
    seed: int = 1
    loaded: bool = True  # False: the base lot was there already
    kinds: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        lot = (f"{self.stages:,} stages, {self.workshops:,} workshops, {self.crew:,} crew, "
               f"{self.productions:,} productions, {self.bookings:,} bookings")
        text = f"loaded {lot}" if self.loaded else f"demo lot already present ({lot}), not loaded again"
        if self.synthetic or self.synthetic_resources:
            text += f"; {self.synthetic:,} synthetic bookings (seed {self.seed})"
            if self.synthetic_resources:
                text += f" and {self.synthetic_resources:,} synthetic resources"
        return text


# ---- planning the season in memory -----------------------------------------------------

class _Lane:
    """A resource's confirmed bookings, sorted by start, for the enforcement check while planning."""

    __slots__ = ("info", "slots", "starts", "longest")

    def __init__(self, info: rules.ResourceInfo, slots: Iterable[Slot] = ()) -> None:
        self.info = info
        self.slots: list[Slot] = sorted(slots, key=lambda b: (b.start, b.end, b.id))
        self.starts = [b.start for b in self.slots]
        self.longest = max((b.end - b.start for b in self.slots), default=0)

    def near(self, start: int, end: int) -> list[Slot]:
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [b for b in self.slots[lo:hi] if b.end > start]

    def admits(self, candidate: Slot) -> bool:
        """The enforcement rule (SPEC 3), as services.bookings applies it at save time."""
        if candidate.status != Status.CONFIRMED or candidate.is_maintenance:
            return True
        near = self.near(candidate.start, candidate.end)
        return not near or not rules.refusal_blockers(self.info, candidate, near)

    def add(self, slot: Slot) -> None:
        if slot.status != Status.CONFIRMED:
            return
        i = bisect_right(self.starts, slot.start)
        self.starts.insert(i, slot.start)
        self.slots.insert(i, slot)
        self.longest = max(self.longest, slot.end - slot.start)


class _Plan:
    """Bookings to write, each confirmed one checked against the ones planned (and stored) before."""

    def __init__(self, lanes: dict[int, _Lane], user: str, created0: int) -> None:
        self.lanes = lanes
        self.user = user
        self.created = created0
        self.rows: list[dict[str, Any]] = []
        self._tmp = 0

    def add(self, rid: int, pid: int | None, start: int, end: int, status: str, activity: str,
            notes: str = "", ref: str | None = None, created: int | None = None,
            demote: bool = True) -> str | None:
        """Plan one booking; a confirmed one the rule refuses becomes a hold (or is dropped)."""
        self._tmp -= 1
        if created is None:
            self.created += 211
            created = self.created
        slot = Slot(self._tmp, rid, pid, start, end, status, activity, created)
        lane = self.lanes[rid]
        if not lane.admits(slot):
            if not demote:
                return None
            status = Status.HOLD
            slot = slot._replace(status=status)
        lane.add(slot)
        self.rows.append(dict(
            resource_id=rid, production_id=pid, start_utc=start, end_utc=end, status=str(status),
            activity=str(activity), ref=ref, notes=notes, created_utc=created, created_by=self.user,
            updated_utc=created, updated_by=self.user, version=1,
        ))
        return status


def _insert(s: Session, rows: Sequence[dict[str, Any]]) -> None:
    conn = s.connection()
    for i in range(0, len(rows), CHUNK):
        conn.execute(insert(Booking), list(rows[i : i + CHUNK]))
    if rows:
        bump_longest(s, max(r["end_utc"] - r["start_utc"] for r in rows))


def default_start(today: dt.date | None = None) -> dt.date:
    """Monday of the current week, minus four weeks: the season is partly in the past."""
    today = today or dt.date.today()
    return today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=4)


# ---- the base lot ----------------------------------------------------------------------

def _demo_names() -> tuple[list[str], list[str]]:
    resources = [d["name"] for d in _stages()] + [w[0] for w in WORKSHOPS] + [c["name"] for c in _crew()]
    return resources, [p["name"] for p in PRODUCTIONS]


def _base_present(s: Session) -> bool:
    res_names, prod_names = _demo_names()
    have_p = s.scalar(select(func.count()).where(Production.name.in_(prod_names))) or 0
    have_r = 0
    for i in range(0, len(res_names), 500):
        have_r += s.scalar(select(func.count()).where(Resource.name.in_(res_names[i : i + 500]))) or 0
    if have_p == len(prod_names) and have_r == len(res_names):
        return True
    if have_p or have_r:
        raise InputError(
            f"this database already holds {have_p} of the demo productions and {have_r} of the demo "
            "resources, but not the whole demo lot; load the demo into a new database (--db NEW_FILE)"
        )
    return False


def _create_catalog(s: Session) -> None:
    for st in _stages():
        s.add(Resource(**catalog.validate_resource(dict(kind="stage", capacity=1, department="",
                                                        role="", **st))))
    for name, cap, rate, feats in WORKSHOPS:
        s.add(Resource(**catalog.validate_resource(dict(
            name=name, kind="workshop", capacity=cap, day_rate=rate, features=feats,
            department="", role="", notes=""))))
    for c in _crew():
        s.add(Resource(**catalog.validate_resource(dict(kind="crew", capacity=1, features="",
                                                        notes="", **c))))
    for p in PRODUCTIONS:
        s.add(Production(**catalog.validate_production(dict(p))))
    s.flush()


class _Season:
    """The base season: build → prelight → shoot → strike per production, workshops, crew shifts."""

    def __init__(self, s: Session, start: dt.date, user: str, tz: tzinfo) -> None:
        self.start = start
        self.day0 = to_instant(start, tz)
        self.rng = random.Random(BASE_SEED)
        res = s.execute(select(Resource.id, Resource.name, Resource.kind, Resource.capacity,
                               Resource.department)).all()
        self.rid = {r[1]: r[0] for r in res}
        self.dept: dict[str, list[str]] = {}
        for r in res:
            if r[2] == Kind.CREW:
                self.dept.setdefault(r[4], []).append(r[1])
        self.pid = dict(s.execute(select(Production.name, Production.id)).all())
        lanes = {r[0]: _Lane(rules.ResourceInfo(r[0], r[2], r[3])) for r in res}
        self.plan = _Plan(lanes, user, self.day0 - 45 * DAY)
        self.crew_free: dict[str, int] = {}
        self.stage_free: dict[str, int] = {}

    def at(self, day: int, hour: float) -> int:
        return self.day0 + day * DAY + int(hour * HOUR)

    def weekday(self, day: int) -> int:
        return (self.start.weekday() + day) % 7

    def book(self, resource: str, production: str | None, d0: int, h0: float, d1: int, h1: float,
             status: str, activity: str, notes: str = "", ref: str | None = None) -> str | None:
        pid = self.pid[production] if production else None
        return self.plan.add(self.rid[resource], pid, self.at(d0, h0), self.at(d1, h1), status,
                             activity, notes, ref)

    def build(self) -> list[dict[str, Any]]:
        rng = self.rng
        stage_names = [d["name"] for d in _stages()]
        ordinary = stage_names[2:]
        rng.shuffle(ordinary)
        names = [p["name"] for p in PRODUCTIONS]
        # the carpentry shop fills all three bays in week 3 (the bay closure later overbooks it)
        for k, who in enumerate(names[:3]):
            self.book("Carpentry Shop", who, 14 + k, 8, 19 + k, 18, Status.CONFIRMED, Activity.BUILD,
                      "set build: bay " + str(k + 1))
        for k, who in enumerate(names[3:5]):
            self.book("Props Workshop", who, 24 + k, 8, 27 + k, 18, Status.CONFIRMED, Activity.PREP,
                      "props prep")
        for i, prod in enumerate(names):
            first = 2 + i * 7 + rng.randint(0, 3)
            stages = [ordinary[(2 * i) % len(ordinary)], ordinary[(2 * i + 1) % len(ordinary)]]
            if prod == "The Red Silk":
                stages.insert(0, "1号摄影棚")
            if prod in ("Iron Harbor", "海上丝路"):
                stages = ["水下摄影棚", *stages[:1]]
            self._production(i, prod, first, stages)
        return self.plan.rows

    def _production(self, i: int, prod: str, first: int, stages: list[str]) -> None:
        rng = self.rng
        night = i % 3 == 1
        shoot_days: list[int] = []
        for j, stage in enumerate(stages):
            b0 = max(first + j * 4, self.stage_free.get(stage, -1) + 1)  # after the last strike
            b_len, shoot_len = rng.randint(5, 8), rng.randint(12, 20)
            p0 = b0 + b_len
            s0 = p0 + 2
            x0 = s0 + shoot_len
            pencil = j == len(stages) - 1 and i % 4 == 3  # the last stage still pencilled
            status = Status.HOLD if pencil else Status.CONFIRMED
            ref = f"{prod[:2].upper()}-{j + 1:02d}" if i % 2 == 0 else None
            self.book(stage, prod, b0, 8, p0 - 1, 20, status, Activity.BUILD, "set construction",
                      f"{ref}B" if ref else None)
            self.book(stage, prod, p0, 8, s0 - 1, 20, status, Activity.PRELIGHT, "pre-light and pre-rig")
            self.book(stage, prod, s0, 7, x0 - 1, 22, status, Activity.SHOOT, "principal photography",
                      f"{ref}S" if ref else None)
            self.book(stage, prod, x0, 8, x0 + 2, 18, status, Activity.STRIKE, "strike and clear")
            self.stage_free[stage] = x0 + 2
            if j == 0:
                shoot_days = [d for d in range(s0, x0) if self.weekday(d) != 6]
                self._workshops(prod, b0, p0, s0)
                self._crew(prod, b0, p0, shoot_days, night, x0)

    def _workshops(self, prod: str, b0: int, p0: int, s0: int) -> None:
        rng = self.rng
        plan = (("Carpentry Shop", b0 - 6, b0 + 1, Activity.BUILD, "flats and platforms"),
                ("Paint Shop", b0 - 2, p0 - 1, Activity.BUILD, "scenic painting"),
                ("Props Workshop", b0, s0, Activity.PREP, "props build and dressing"),
                ("Costume Workshop", b0 - 8, b0 - 2, Activity.PREP, "costume fittings"),
                ("Metal Shop", b0 - 5, b0 - 1, Activity.BUILD, "steelwork"),
                ("Sculpture Studio", b0 - 7, b0 - 3, Activity.BUILD, "sculpted set pieces"))
        for name, d0, d1, act, notes in plan:
            if rng.random() < 0.2:
                continue
            st = Status.HOLD if rng.random() < 0.15 else Status.CONFIRMED
            self.book(name, prod, max(d0, 0), 8, max(d1, 1), 18, st, act, notes)

    def _pick(self, dept: str, begin: int, end: int) -> str | None:
        for name in self.dept[dept]:
            if self.crew_free.get(name, -99) < begin:
                self.crew_free[name] = end
                return name
        return None

    def _crew(self, prod: str, b0: int, p0: int, shoot_days: list[int], night: bool, x0: int) -> None:
        rng = self.rng
        team = (("Camera", 3), ("Lighting & Grip", 4), ("Costume", 2), ("Make-up", 2), ("Sound", 2),
                ("SFX", 1))
        for dept, n in team:
            for _ in range(n):
                who = self._pick(dept, shoot_days[0] - 1, x0 + 1)
                if who is None:
                    continue
                for d in shoot_days:
                    wd = self.weekday(d)
                    if night and wd == 5:
                        continue  # the day after a Friday night shoot is off
                    status = Status.CANCELLED if rng.random() < 0.03 else Status.CONFIRMED
                    if night and wd == 4:
                        self.book(who, prod, d, 18, d + 1, 6, status, Activity.SHIFT, "night shoot")
                    else:
                        self.book(who, prod, d, 8, d, 20, status, Activity.SHIFT, "")
        for dept, n in (("Art", 2), ("Rigging", 2)):
            for _ in range(n):
                who = self._pick(dept, b0 - 1, p0 + 2)
                if who is None:
                    continue
                for d in range(b0, p0 + 2):
                    if self.weekday(d) != 6:
                        self.book(who, prod, d, 7, d, 19, Status.CONFIRMED, Activity.SHIFT,
                                  "build" if dept == "Art" else "pre-rig")


def _conflicts_on_purpose(engine: Engine, user: str, start: dt.date) -> int:
    """The conflicts every demo shows, made through the services that never refuse them."""
    tz = get_settings(engine).tz
    day0 = to_instant(start, tz)

    def at(day: int, hour: float) -> int:
        return day0 + day * DAY + int(hour * HOUR)

    made = 0
    with read_session(engine) as s:
        def first_confirmed(resource: str, activity: str) -> Any:
            return s.execute(
                select(Booking.start_utc, Booking.end_utc, Booking.production_id)
                .join(Resource).where(Resource.name == resource, Booking.activity == activity,
                                      Booking.status == Status.CONFIRMED)
                .order_by(Booking.start_utc)
            ).first()

        red_shoot = first_confirmed("1号摄影棚", Activity.SHOOT)
        tank_shoot = first_confirmed("水下摄影棚", Activity.SHOOT)
        shifts = s.execute(
            select(Resource.name, Booking.start_utc, Booking.end_utc)
            .join(Resource).where(Resource.kind == Kind.CREW, Booking.status == Status.CONFIRMED,
                                  Booking.notes == "")
            .order_by(Booking.start_utc, Resource.name).limit(400)
        ).all()
        free_stage = s.scalar(select(Resource.name).where(Resource.name == "Красная студия"))
        idle_stage = s.scalar(
            select(Resource.name).where(
                Resource.kind == Kind.STAGE,
                ~Resource.id.in_(select(Booking.resource_id).where(
                    Booking.start_utc < at(43, 0), Booking.end_utc > at(40, 0))),
            ).order_by(Resource.id.desc())
        )

    def book(resource: str, production: str | None, start_: int, end_: int, status: str,
             activity: str | None = None, notes: str = "") -> None:
        nonlocal made
        booking_service.create_booking(
            engine, BookingDraft(resource, production, start_, end_, status, activity, None, notes), user
        )
        made += 1

    # maintenance: a burst pipe floods the big stage for two days in the middle of a shoot
    if red_shoot is not None:  # the day before the shoot and the first day of it
        mid = red_shoot[0] - DAY
        book("1号摄影棚", None, mid, mid + 2 * DAY, Status.CONFIRMED, Activity.MAINTENANCE,
             "burst sprinkler pipe: floor dried and re-sealed")
    if tank_shoot is not None:
        mid = tank_shoot[0] + 3 * DAY
        book("水下摄影棚", None, mid, mid + DAY, Status.CONFIRMED, Activity.MAINTENANCE,
             "tank filter pump failed: water treatment")
        # another production pencils the tank while Iron Harbor shoots (a blocked hold)
        book("水下摄影棚", "Dragon Gate", tank_shoot[0] + 6 * DAY, tank_shoot[0] + 9 * DAY,
             Status.HOLD, Activity.SHOOT, "second unit, if the tank frees up")
    if red_shoot is not None:
        book("1号摄影棚", "Тайга", red_shoot[0] + 8 * DAY, red_shoot[0] + 12 * DAY, Status.HOLD,
             Activity.SHOOT, "pencil: snow forest set, if The Red Silk wraps early")
    # a planned closure on an empty stage (no conflict)
    if idle_stage is not None:
        book(idle_stage, None, at(40, 8), at(42, 18), Status.CONFIRMED, Activity.MAINTENANCE,
             "annual rigging-grid inspection")
    # three productions pencil the same free stage for the same weeks (hold_rank)
    if free_stage is not None:
        for k, who in enumerate(("Dragon Gate", "Степной ветер", "青岛往事")):
            book(free_stage, who, at(50 + k, 8), at(58 + k, 20), Status.HOLD, Activity.SHOOT,
                 "pencil: VFX inserts")
    # a cancelled pencil
    book("Stage 37", "Moonlight over Laoshan", at(30, 8), at(33, 20), Status.CANCELLED, Activity.SHOOT,
         "dropped: location instead")
    # turnaround: two crew members get a late pick-up shoot between two day shifts
    seen: dict[str, list[tuple[int, int]]] = {}
    for name, s0, e0 in shifts:
        seen.setdefault(name, []).append((s0, e0))
    picked = 0
    for name, days in seen.items():
        pairs = [(a, b) for a, b in zip(days, days[1:], strict=False) if b[0] - a[1] >= 11 * HOUR]
        if not pairs:
            continue
        a, _b = pairs[0]
        book(name, "Dragon Gate", a[1] + 3 * HOUR, a[1] + 7 * HOUR, Status.CONFIRMED, Activity.SHIFT,
             "pick-up shots, night unit")
        picked += 1
        if picked == 3:
            break
    # a workshop bay closes: lowering capacity is never refused; the overbooking shows in the report
    with read_session(engine) as s:
        carpentry = s.scalar(select(Resource.id).where(Resource.name == "Carpentry Shop"))
        props = s.scalar(select(Resource.id).where(Resource.name == "Props Workshop"))
    if carpentry is not None:
        catalog.update_resource(engine, carpentry, capacity=2,
                                notes="bay 3 closed for re-wiring until further notice")
    if props is not None:
        catalog.update_resource(engine, props, capacity=1, notes="bay 2 flooded by the burst pipe")
    return made


def _counts(s: Session) -> tuple[Counter[str], int, int]:
    kinds: Counter[str] = Counter(dict(s.execute(
        select(Resource.kind, func.count()).group_by(Resource.kind)).all()))
    prods = int(s.scalar(select(func.count()).select_from(Production)) or 0)
    res_names, _ = _demo_names()
    ids: list[int] = []
    for i in range(0, len(res_names), 500):
        ids += s.scalars(select(Resource.id).where(Resource.name.in_(res_names[i : i + 500]))).all()
    base = int(s.scalar(select(func.count()).select_from(Booking).where(
        Booking.resource_id.in_(ids), Booking.notes.not_like("synthetic%"))) or 0)
    return kinds, prods, base


def load_demo(engine: Engine, user: str, bookings: int = 0, seed: int = 1,
              start: dt.date | None = None, resources: int | None = None) -> DemoSummary:
    """Load the demo lot unless it is there already; then add `bookings` synthetic bookings.

    `resources`: make sure at least this many resources exist (synthetic ones are added),
    for scale tests.
    """
    start = start or default_start()
    if bookings < 0:
        raise InputError(f"--bookings: {bookings} is not a whole number >= 0")
    tz = get_settings(engine).tz
    with write_session(engine) as s:
        present = _base_present(s)
        if not present:
            _create_catalog(s)
            rows = _Season(s, start, user, tz).build()
            _insert(s, rows)
    if not present:
        _conflicts_on_purpose(engine, user, start)
    extra_res = 0
    if bookings or resources:
        extra_res = add_synthetic(engine, user, bookings, seed, resources=resources, start=start)
    with read_session(engine) as s:
        kinds, prods, base = _counts(s)
    return DemoSummary(
        stages=kinds.get(Kind.STAGE, 0), workshops=kinds.get(Kind.WORKSHOP, 0),
        crew=kinds.get(Kind.CREW, 0), productions=prods, bookings=base, synthetic=bookings,
        synthetic_resources=extra_res, seed=seed, loaded=not present, kinds=dict(kinds),
    )


# ---- synthetic bookings for scale tests ------------------------------------------------

def _add_resources(s: Session, wanted: int, rng: random.Random) -> int:
    have = int(s.scalar(select(func.count()).select_from(Resource)) or 0)
    if wanted <= have:
        return 0
    names = set(s.scalars(select(Resource.name)).all())
    depts = [d[0] for d in DEPARTMENTS]
    added = 0
    n = 0
    while have + added < wanted:
        n += 1
        kind = ("crew", "stage", "crew", "workshop", "crew", "stage")[n % 6]
        name = f"Synthetic {kind} {n:04d}"
        if name in names:
            continue
        values: dict[str, Any] = dict(name=name, kind=kind, capacity=1, features="", department="",
                                      role="", notes="synthetic")
        if kind == "stage":
            values.update(area_m2=float(rng.choice((800, 1500, 2500, 4000))), day_rate=30000.0)
        elif kind == "workshop":
            values.update(capacity=rng.randint(1, 3), day_rate=1000.0)
        else:
            values.update(department=depts[n % len(depts)], role="technician", day_rate=1000.0)
        s.add(Resource(**values))
        added += 1
    s.flush()
    return added


def add_synthetic(engine: Engine, user: str, bookings: int, seed: int = 1,
                  resources: int | None = None, start: dt.date | None = None) -> int:
    """Add `bookings` synthetic bookings (random.Random(seed): the same seed gives the same rows).

    They are spread over every resource (after adding synthetic resources until there are at
    least `resources`), mostly back to back without overlap, with about 17 % holds and 8 %
    cancelled. Every confirmed one satisfies the enforcement rule against what is stored;
    one that would not is written as a hold. Returns the number of resources added.
    """
    start = start or default_start()
    rng = random.Random(seed)
    st = get_settings(engine)
    day0, min_rest = to_instant(start, st.tz), st.min_rest_s
    with write_session(engine) as s:
        added = _add_resources(s, resources or 0, rng)
        if bookings <= 0:
            return added
        res = s.execute(select(Resource.id, Resource.kind, Resource.capacity)
                        .where(Resource.active.is_(True)).order_by(Resource.id)).all()
        prods = list(s.scalars(select(Production.id).order_by(Production.id)).all())
        if not res or not prods:
            raise InputError("synthetic bookings need resources and productions: load the demo lot first")
        stored: dict[int, list[Slot]] = {}
        for row in s.execute(
            select(Booking.id, Booking.resource_id, Booking.production_id, Booking.start_utc,
                   Booking.end_utc, Booking.status, Booking.activity, Booking.created_utc)
            .where(Booking.status != Status.CANCELLED)
        ):
            stored.setdefault(row[1], []).append(Slot(*row))
        lanes: dict[int, _Lane] = {}
        busy: dict[int, _Lane] = {}  # what is stored already: new bookings go around it
        for rid, kind, cap in res:
            info = rules.ResourceInfo(rid, kind, cap)
            mine = stored.get(rid, [])
            lanes[rid] = _Lane(info, (b for b in mine if b.status == Status.CONFIRMED))
            busy[rid] = _Lane(info, mine)
        plan = _Plan(lanes, user, day0)
        weights = [3.0 if k == Kind.CREW else 1.5 * c if k == Kind.WORKSHOP else 1.0 for _, k, c in res]
        per = Counter(rng.choices(range(len(res)), weights=weights, k=bookings))
        note = f"synthetic (seed {seed})"
        for idx in range(len(res)):
            n = per.get(idx, 0)
            if not n:
                continue
            rid, kind, cap = res[idx]
            lanes_n = cap if kind == Kind.WORKSHOP else 1
            pad = min_rest if kind == Kind.CREW else 0
            cursors = [day0 + rng.randint(0, 3) * DAY for _ in range(lanes_n)]
            made = 0
            while made < n:
                lane = made % lanes_n
                t = cursors[lane]
                while True:
                    start_, end_, activity = _synthetic_slot(rng, kind, t)
                    clash = busy[rid].near(start_ - pad, end_ + pad)
                    if not clash:
                        break
                    t = _next_cursor(rng, kind, max(b.end for b in clash) + pad, day0)
                cursors[lane] = _next_cursor(rng, kind, end_, day0)
                roll = rng.random()
                status = (Status.CONFIRMED if roll < 0.75 else Status.HOLD if roll < 0.92
                          else Status.CANCELLED)
                pid: int | None = rng.choice(prods)
                if rng.random() < 0.005 and status == Status.CONFIRMED and not lanes[rid].near(start_, end_):
                    activity, pid = Activity.MAINTENANCE, None
                created = start_ - rng.randint(1, 60) * DAY
                plan.add(rid, pid, start_, end_, status, activity, note, None, created)
                made += 1
                if status == Status.HOLD and made < n and rng.random() < 0.1:  # a competing pencil
                    made += 1
                    other = rng.choice(prods)
                    plan.add(rid, other, start_ + HOUR, end_, Status.HOLD, activity, note, None,
                             created + rng.randint(1, 5) * DAY)
        _insert(s, plan.rows)
    return added


def _synthetic_slot(rng: random.Random, kind: str, t: int) -> tuple[int, int, str]:
    """One booking starting on the day of `t` (lot midnight), realistic for the kind."""
    if kind == Kind.CREW:
        if rng.random() < 0.1:
            return t + 18 * HOUR, t + 30 * HOUR, Activity.SHIFT
        begin = t + rng.choice((6, 7, 8)) * HOUR
        return begin, begin + rng.choice((10, 11, 12)) * HOUR, Activity.SHIFT
    if kind == Kind.WORKSHOP:
        days = rng.randint(1, 5)
        return t + 8 * HOUR, t + (days - 1) * DAY + 18 * HOUR, rng.choice((Activity.BUILD, Activity.PREP))
    days = rng.randint(1, 10)
    activity = rng.choice((Activity.BUILD, Activity.PRELIGHT, Activity.SHOOT, Activity.SHOOT,
                           Activity.STRIKE))
    return t + 8 * HOUR, t + (days - 1) * DAY + 20 * HOUR, activity


def _next_cursor(rng: random.Random, kind: str, end: int, day0: int) -> int:
    """Lot midnight of the day the next booking on the lane may start (after a gap).

    A day shift ends by 20:00 and the next starts at 06:00 or later: at least 10 h rest.
    """
    midnight = day0 + ((end - day0) // DAY + 1) * DAY
    gap = rng.choice((0, 0, 0, 1)) if kind == Kind.CREW else rng.randint(0, 3)
    return midnight + gap * DAY
