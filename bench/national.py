"""A national-scale data set for benchmarks, reused by every issue's bench script.

34 provinces (the 2025 structure), 3,321 commune unions, 10 branches each (36,565 units), and
up to 1,000,000 young people with Vietnamese names, birth years, phones, citizen IDs for some,
one or two target groups and a need each. Deterministic (seeded), idempotent (a second call
adds nothing), and fast enough to build once: bulk inserts, derived columns computed as
`Youth.save()` computes them.

    from bench.national import setup_django, build_tree, build_youth
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVINCES, COMMUNES, BRANCHES = 34, 3321, 10
YOUTH = 1_000_000

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Xuân", "Thu", "Hồng", "Công", "Anh", "Bảo"]
GIVEN = [
    "An", "Ân", "Anh", "Ánh", "Bình", "Châu", "Chi", "Cường", "Dũng", "Dung", "Duy", "Đạt", "Điệp", "Giang", "Hà",
    "Hải", "Hạnh", "Hiếu", "Hoa", "Hòa", "Hùng", "Hương", "Huy", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh",
    "Nam", "Nga", "Ngọc", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng",
    "Trang", "Trung", "Tú", "Tuấn", "Vân", "Việt", "Vy", "Yến",
]  # fmt: skip
GROUPS = [
    "disability",
    "serious_illness",
    "poverty",
    "unemployment",
    "ethnic_minority",
    "rehabilitation",
    "reintegration",
]
NEEDS = ["health", "education", "job", "livelihood", "psychosocial", "other"]


def setup_django(var_dir: str = "bench/out") -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("VUONLEN_VAR_DIR", str(ROOT / var_dir))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_tree():
    """The tree with treebeard's path layout, in one bulk insert; returns the first province."""
    from units.models import Unit, UnitKind

    if Unit.objects.count() >= PROVINCES + COMMUNES:
        return Unit.objects.filter(depth=1).order_by("path").first()
    from core.vntext import fold

    step, num = Unit.steplen, Unit.numconv_obj()
    rows, made = [], 0
    per_province = -(-COMMUNES // PROVINCES)
    for p in range(PROVINCES):
        ppath = num.int2str(p + 1).rjust(step, "0")
        count = min(per_province, COMMUNES - made)
        rows.append(
            Unit(
                path=ppath,
                depth=1,
                numchild=count,
                kind=UnitKind.PROVINCE,
                code=f"P{p:02d}",
                name=f"Tỉnh đoàn số {p + 1}",
                place_name=f"Tỉnh {p + 1}",
            )
        )
        for c in range(count):
            cpath = ppath + num.int2str(c + 1).rjust(step, "0")
            rows.append(
                Unit(
                    path=cpath,
                    depth=2,
                    numchild=BRANCHES,
                    kind=UnitKind.COMMUNE,
                    code=f"{made:05d}",
                    name=f"Đoàn xã Phước Hòa {made}",
                    place_name=f"Phước Hòa {made}",
                )
            )
            for b in range(BRANCHES):
                rows.append(
                    Unit(
                        path=cpath + num.int2str(b + 1).rjust(step, "0"),
                        depth=3,
                        kind=UnitKind.BRANCH,
                        name=f"Chi đoàn thôn {b + 1} xã {made}",
                    )
                )
            made += 1
    for row in rows:
        row.search_key = fold(f"{row.name} {row.code}")
    Unit.objects.bulk_create(rows, batch_size=5000)
    return Unit.objects.get(path=num.int2str(1).rjust(step, "0"))


def build_youth(total: int = YOUTH, *, seed: int = 2026, batch: int = 20_000, verbose: bool = True) -> int:
    """Young people spread over the commune unions; returns how many exist afterwards."""
    from core.vntext import fold, name_collation_key
    from units.models import Unit, UnitKind
    from youth.choices import group_bits
    from youth.models import Youth, YouthGroup, YouthNeed

    existing = Youth.objects.count()
    if existing >= total:
        return existing
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("path").values_list("pk", "path"))
    rng = random.Random(seed + existing)
    started = time.perf_counter()
    made = existing
    while made < total:
        size = min(batch, total - made)
        people, chosen = [], []
        for index in range(made, made + size):
            codes = rng.sample(GROUPS, rng.choice([1, 1, 1, 2]))
            chosen.append(codes)
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            year = rng.randint(1992, 2012)
            people.append(
                Youth(
                    unit_id=communes[index % len(communes)][0],
                    unit_path=communes[index % len(communes)][1],
                    full_name=name,
                    birth_year=year,
                    sex=rng.choice(["male", "female"]),
                    phone=f"09{index:08d}",
                    citizen_id=f"042{rng.choice('0123')}{year % 100:02d}{index:06d}" if index % 3 == 0 else "",
                    village=f"Thôn {rng.randint(1, 12)}",
                    circumstances="Hộ nghèo, bố mẹ làm nông, đang tìm việc làm.",
                    name_key=fold(name),
                    sort_key=name_collation_key(name),
                    group_bits=group_bits(codes),
                )
            )
        Youth.objects.bulk_create(people, batch_size=5000)
        groups, needs = [], []
        for person, codes in zip(people, chosen, strict=True):
            for code in codes:
                groups.append(YouthGroup(youth_id=person.pk, group=code))
            needs.append(YouthNeed(youth_id=person.pk, need=rng.choice(NEEDS), priority=rng.randint(1, 3)))
        YouthGroup.objects.bulk_create(groups, batch_size=5000)
        YouthNeed.objects.bulk_create(needs, batch_size=5000)
        made += size
        if verbose:
            print(f"  {made:,} young people ({time.perf_counter() - started:.0f} s)", flush=True)
    return made
