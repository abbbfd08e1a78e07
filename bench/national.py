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


INITIATIVES_PER_COMMUNE = 6  # two years of three registrations each
INITIATIVE_NAMES = [
    ("health", "insurance_cards", "Trao thẻ bảo hiểm y tế cho thanh niên hộ nghèo"),
    ("social", "self_help_group", "Câu lạc bộ thanh niên khuyết tật sống độc lập"),
    ("social", "culture_club", "Đội văn nghệ thanh thiếu niên yếu thế"),
    ("learning", "vocational", "Hướng nghiệp, dạy nghề miễn phí"),
    ("livelihood", "economic_support", "Hỗ trợ vốn, ngày công làm kinh tế"),
    ("livelihood", "job_placement", "Giới thiệu việc làm cho thanh niên hoàn lương"),
]


def build_initiatives(*, seed: int = 2026, verbose: bool = True) -> int:
    """Initiatives of every commune union over two years, each with its years, steps,
    activities, five linked beneficiaries from the commune's registry, transitions and, for
    those that reported, links as evidence and the local government's confirmation.
    Returns how many initiatives exist afterwards. Needs build_youth first."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from core.vntext import fold
    from initiatives.models import (
        Activity,
        Beneficiary,
        Confirmation,
        Evidence,
        Initiative,
        InitiativeYear,
        StepEntry,
        Transition,
    )
    from units.models import Unit, UnitKind
    from youth.choices import group_bits
    from youth.models import Youth

    existing = Initiative.objects.count()
    if existing:
        return existing
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("path").values_list("pk", "path", "name"))
    rng = random.Random(seed)
    started = time.perf_counter()
    statuses = ["closed", "reported", "reported", "under_way", "accepted", "registered"]
    now = timezone.now()
    for offset in range(0, len(communes), 200):
        chunk = communes[offset : offset + 200]
        with transaction.atomic():
            youth_by_unit: dict[int, list[int]] = {}
            for youth_id, unit_id in Youth.objects.filter(unit_id__in=[c[0] for c in chunk]).values_list(
                "pk", "unit_id"
            ):
                youth_by_unit.setdefault(unit_id, []).append(youth_id)
            rows, plans = [], []
            for unit_id, unit_path, unit_name in chunk:
                for n in range(INITIATIVES_PER_COMMUNE):
                    domain, kind, title = INITIATIVE_NAMES[(n + unit_id) % len(INITIATIVE_NAMES)]
                    year = 2025 + n // 3
                    status = statuses[(n + unit_id) % len(statuses)] if year == 2025 else statuses[3 + n % 3]
                    name = f"{title} ({unit_name}, {year})"
                    rows.append(
                        Initiative(
                            unit_id=unit_id,
                            unit_path=unit_path,
                            name=name,
                            name_key=fold(name),
                            domain=domain,
                            kind=kind,
                            group_bits=group_bits(rng.sample(GROUPS, 2)),
                            person_in_charge=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                            person_in_charge_phone=f"091{rng.randint(0, 9_999_999):07d}",
                            area=f"Thôn {rng.randint(1, 12)}",
                            start_date=datetime.date(year, 3, 1),
                            content="Sinh hoạt định kỳ hằng tháng; hỗ trợ học nghề, vốn và giới thiệu việc làm.",
                            expected_results="Ít nhất 10 thanh niên yếu thế được hỗ trợ.",
                            plan="Khảo sát, lập danh sách, phối hợp doanh nghiệp, triển khai theo quý.",
                            unnamed_beneficiaries=rng.randint(0, 20),
                            results="Hỗ trợ 12 thanh niên; 5 người có việc làm ổn định."
                            if status in ("reported", "closed")
                            else "",
                            supported_count=12 if status in ("reported", "closed") else None,
                            status=status,
                            accepted_at=now if status not in ("registered",) else None,
                        )
                    )
                    plans.append((year, status, youth_by_unit.get(unit_id, [])))
            Initiative.objects.bulk_create(rows, batch_size=2000)
            years, steps, activities, beneficiaries, transitions, evidence = [], [], [], [], [], []
            for initiative, (year, status, youth_ids) in zip(rows, plans, strict=True):
                years.append(InitiativeYear(initiative_id=initiative.pk, year=year))
                for step in range(1, 6):
                    steps.append(
                        StepEntry(initiative_id=initiative.pk, step=step, done_on=datetime.date(year, 2, step))
                    )
                transitions.append(
                    Transition(initiative_id=initiative.pk, action="submit", source="draft", target="registered")
                )
                for k in range(3):
                    activities.append(
                        Activity(
                            initiative_id=initiative.pk,
                            held_on=datetime.date(year, 4 + k, 10),
                            description="Buổi sinh hoạt, trao quà và tư vấn việc làm.",
                            unnamed_count=rng.randint(0, 10),
                            money=rng.randint(1, 50) * 100_000,
                            gifts=rng.randint(0, 20),
                        )
                    )
                for youth_id in rng.sample(youth_ids, min(5, len(youth_ids))):
                    beneficiaries.append(
                        Beneficiary(
                            initiative_id=initiative.pk,
                            youth_id=youth_id,
                            outcome=rng.choice(["supported", "job", "insurance_card"]),
                        )
                    )
                if status in ("reported", "closed"):
                    for k in range(2):
                        evidence.append(
                            Evidence(
                                initiative_id=initiative.pk,
                                kind="link",
                                title=f"Bài viết {k + 1}",
                                url=f"https://thanhnien.example.vn/bai-{initiative.pk}-{k}",
                            )
                        )
                    evidence.append(
                        Evidence(
                            initiative_id=initiative.pk,
                            kind="photo",
                            purpose="confirmation",
                            title="Trang xác nhận đã ký.jpg",
                            file=f"evidence/{initiative.pk}/scan.jpg",
                            content_type="image/jpeg",
                        )
                    )
            InitiativeYear.objects.bulk_create(years, batch_size=5000)
            StepEntry.objects.bulk_create(steps, batch_size=5000)
            Activity.objects.bulk_create(activities, batch_size=5000)
            Beneficiary.objects.bulk_create(beneficiaries, batch_size=5000)
            Transition.objects.bulk_create(transitions, batch_size=5000)
            Evidence.objects.bulk_create(evidence, batch_size=5000)
            Confirmation.objects.bulk_create(
                [
                    Confirmation(
                        initiative_id=e.initiative_id,
                        confirmer_name="Nguyễn Văn Bình",
                        confirmer_title="Chủ tịch UBND xã",
                        confirmed_on=datetime.date(2025, 9, 30),
                        scan_id=e.pk,
                    )
                    for e in evidence
                    if e.purpose == "confirmation"
                ],
                batch_size=5000,
            )
        if verbose:
            print(
                f"  {offset + len(chunk):,} communes' initiatives ({time.perf_counter() - started:.0f} s)", flush=True
            )
    return Initiative.objects.count()
