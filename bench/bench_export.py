"""Biểu mẫu 02 as .xlsx at 10k, 50k and 100k rows, beside two baselines.

Builds three scratch units under the province holding 10,000, 50,000 and 100,000 records (bulk
insert, with the derived columns computed as `Youth.save` does), then, for each size, runs in a
fresh subprocess each of:
  - form02: the real export (`youth.exports.write`: scoped, masked query, the official document,
    XlsxWriter streaming, the audit row with every id);
  - bare: a bare XlsxWriter constant_memory loop writing the same six columns from
    `.values_list().iterator()` (no header block, no masking, no audit);
  - import-export: django-import-export exporting the same queryset to .xlsx.
and prints rows/s, the ratio to the bare loop and the subprocess's peak RSS (one process per
run, so one run's memory does not hide another's).

    VUONLEN_VAR_DIR=/tmp/bench-export .venv/bin/python bench/bench_export.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vuonlen_bench_export VUONLEN_VAR_DIR=/tmp/bench-export \
        .venv/bin/python bench/bench_export.py

A database of its own on PostgreSQL: vuonlen_bench holds the national data set of
bench_youth.py, whose figures 160,000 more rows would shift.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("VUONLEN_VAR_DIR", str(Path(__file__).resolve().parent / "out"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import Membership, User  # noqa: E402
from core.vntext import fold, name_collation_key  # noqa: E402
from units.models import Unit, UnitKind  # noqa: E402
from youth.choices import ConsentState  # noqa: E402
from youth.models import Youth  # noqa: E402

SIZES = (10_000, 50_000, 100_000)
MODES = ("form02", "bare", "import-export")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Khánh", "Linh", "Nam", "Phúc", "Quỳnh", "Sơn"]
CIRCUMSTANCES = [
    "Hộ nghèo, mồ côi cha, mẹ ốm đau thường xuyên",
    "Khuyết tật vận động, đang học nghề may",
    "Thất nghiệp sau khi hết hợp đồng lao động",
    "Hộ cận nghèo, đang học lớp 11",
]


def build() -> dict[int, Unit]:
    """A root of its own with one scratch commune per size: nothing else in the database is touched."""
    root = Unit.objects.filter(code="BENCHEXPORT").first() or Unit.objects.add_root(
        {"kind": UnitKind.PROVINCE, "code": "BENCHEXPORT", "name": "Tỉnh đoàn Thử Nghiệm"}
    )
    units = {}
    for size in SIZES:
        code = f"BENCH{size // 1000}K"
        unit = Unit.objects.filter(code=code).first() or Unit.objects.add_child(
            root,
            create_kwargs={
                "kind": UnitKind.COMMUNE,
                "code": code,
                "name": f"Đoàn xã Thử Nghiệm {size // 1000}K",
                "header_line_1": "TỈNH ĐOÀN THỬ NGHIỆM",
                "header_line_2": f"BCH ĐOÀN XÃ THỬ NGHIỆM {size // 1000}K",
                "place_name": "Thử Nghiệm",
            },
        )
        have = Youth.objects.filter(unit=unit).count()
        if have < size:
            _insert(unit, size - have)
        units[size] = unit
    return units


def _insert(unit: Unit, count: int) -> None:
    rng = random.Random(unit.pk)
    batch = []
    for n in range(count):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        batch.append(
            Youth(
                unit=unit,
                full_name=name,
                birth_year=rng.randint(1990, 2012),
                phone=f"09{rng.randint(0, 99_999_999):08d}",
                village=f"Thôn {rng.randint(1, 12)}",
                circumstances=rng.choice(CIRCUMSTANCES),
                notes="=cmd|' /C calc'!A0" if n % 997 == 0 else "",
                consent_state=ConsentState.WITHDRAWN if n % 500 == 0 else ConsentState.NONE,
                # As Youth.save() computes them: bulk_create does not call save().
                unit_path=unit.path,
                name_key=fold(name),
                sort_key=name_collation_key(name),
            )
        )
        if len(batch) == 5000:
            Youth.objects.bulk_create(batch)
            batch = []
    Youth.objects.bulk_create(batch)


def bench_user() -> User:
    """An officer of the three scratch units: sees every record with its sensitive details."""
    user, _ = User.objects.get_or_create(username="bench_exporter", defaults={"full_name": "Bench Exporter"})
    for unit in Unit.objects.filter(code__in=[f"BENCH{size // 1000}K" for size in SIZES]):
        Membership.objects.get_or_create(user=user, unit=unit, defaults={"role": "officer"})
    return User.objects.get(pk=user.pk)


# --- one run, in its own process ----------------------------------------------------------------


def run_form02(unit: Unit, out) -> int:
    from youth import exports

    return exports.write(bench_user(), unit, "xlsx", out)


def _same_rows(unit: Unit):
    from youth.queries import form02_queryset

    return form02_queryset(bench_user(), unit)


def run_bare(unit: Unit, out) -> int:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet()
    rows = _same_rows(unit).values_list("full_name", "circumstances", "village", "address_detail", "phone", "notes")
    count = 0
    for count, (name, circumstances, village, detail, phone, notes) in enumerate(rows.iterator(chunk_size=2000), 1):
        sheet.write_number(count, 0, count)
        sheet.write_string(count, 1, name)
        sheet.write_string(count, 2, circumstances)
        sheet.write_string(count, 3, ", ".join(p for p in (detail, village) if p))
        sheet.write_string(count, 4, phone)
        sheet.write_string(count, 5, notes)
    workbook.close()
    return count


def run_import_export(unit: Unit, out) -> int:
    from import_export import resources
    from import_export.formats.base_formats import XLSX

    class YouthResource(resources.ModelResource):
        class Meta:
            model = Youth
            fields = ("id", "full_name", "circumstances", "village", "phone", "notes")

    dataset = YouthResource().export(queryset=_same_rows(unit))
    out.write(XLSX().export_data(dataset))
    return len(dataset)


def _memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process; unlike ru_maxrss, VmHWM starts afresh at exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, unit_id: int) -> None:
    unit = Unit.objects.get(pk=unit_id)
    run = {"form02": run_form02, "bare": run_bare, "import-export": run_import_export}[mode]
    bench_user()  # warm the connection and the user's memberships before measuring
    before = _memory_mb("VmRSS")
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        rows = run(unit, out)
        seconds = time.perf_counter() - start
        size = out.tell()
    peak = _memory_mb("VmHWM")
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak, "growth_mb": peak - before, "bytes": size}))


def main() -> None:
    call_command("migrate", verbosity=0)
    units = build()
    print(f"database: {connection.vendor}; Python {sys.version.split()[0]}; one subprocess per run")
    columns = ("rows", "mode", "seconds", "rows/s", "× bare", "peak RSS", "growth", "file")
    print("{:>8} {:<14} {:>8} {:>9} {:>7} {:>9} {:>8} {:>7}".format(*columns))
    for size in SIZES:
        results = {}
        for mode in MODES:
            output = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--child", mode, str(units[size].pk)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[mode] = json.loads(output.strip().splitlines()[-1])
        bare_rate = results["bare"]["rows"] / results["bare"]["seconds"]
        for mode in MODES:
            r = results[mode]
            rate = r["rows"] / r["seconds"]
            print(
                f"{r['rows']:>8,} {mode:<14} {r['seconds']:>8.2f} {rate:>9,.0f} {rate / bare_rate:>7.2f} "
                f"{r['peak_mb']:>7.0f}MB {r['growth_mb']:>6.0f}MB {r['bytes'] / 1e6:>5.1f}MB"
            )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
