"""The demo lot's fixture data: the Oriental Film Metropolis in Qingdao.

About forty stages (1号摄影棚 is the 10,000 m² giant, 水下摄影棚 the underwater stage),
six workshops, 120 crew in eight departments with Chinese, Russian and English names,
and ten productions from four continents. The same every time (`BASE_SEED`).
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy.orm import Session

from ..storage.models import Production, Resource
from . import catalog

BASE_SEED = 2026  # the base lot is the same every time (for a given start date)

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


def stage_specs() -> list[dict[str, Any]]:
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


def crew_specs() -> list[dict[str, Any]]:
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


def demo_names() -> tuple[list[str], list[str]]:
    """The names of the lot's resources and of its productions."""
    resources = [d["name"] for d in stage_specs()] + [w[0] for w in WORKSHOPS]
    resources += [c["name"] for c in crew_specs()]
    return resources, [p["name"] for p in PRODUCTIONS]


def create_catalog(s: Session) -> None:
    """The lot's resources and productions, each through the catalogue's own checks."""
    for st in stage_specs():
        s.add(Resource(**catalog.validate_resource(dict(kind="stage", capacity=1, department="",
                                                        role="", **st))))
    for name, cap, rate, feats in WORKSHOPS:
        s.add(Resource(**catalog.validate_resource(dict(
            name=name, kind="workshop", capacity=cap, day_rate=rate, features=feats,
            department="", role="", notes=""))))
    for c in crew_specs():
        s.add(Resource(**catalog.validate_resource(dict(kind="crew", capacity=1, features="",
                                                        notes="", **c))))
    for p in PRODUCTIONS:
        s.add(Production(**catalog.validate_production(dict(p))))
    s.flush()
