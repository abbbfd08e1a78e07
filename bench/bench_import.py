"""A 10,000-row Biểu mẫu 02 import, beside a bare openpyxl read of the same file.

Builds a Form 02-style workbook (header block, title, header row, numbering row, 10,000 people
with a year of birth, circumstances, address and phone, signature block) and times, in one
process:
  - the baseline: `openpyxl.load_workbook(read_only=True)` and a loop over every row's values;
  - the dry run: `build_report` (safety checks, parse, checks, duplicates, re-import keys);
  - the commit: what the commit request does, `build_report` again then `commit_import`
    (10,000 records, their target groups and the audit row, in one transaction).
The records are deleted between rounds, so every commit writes all 10,000.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("VUONLEN_VAR_DIR", str(Path(__file__).resolve().parent / "out"))

import django

django.setup()

import openpyxl  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from accounts.models import Membership, User  # noqa: E402
from units.models import Unit, UnitKind  # noqa: E402
from youth.importing import build_report, commit_import  # noqa: E402
from youth.models import RegistryAccess, Youth  # noqa: E402

ROWS = 10_000
ROUNDS = 3
HEADERS = ["TT", "Họ và tên", "Năm sinh", "Hoàn cảnh cụ thể hiện nay", "Địa chỉ", "SĐT liên hệ", "Ghi chú"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoa", "Lan", "Mai", "Nam", "Phúc", "Quỳnh", "Sơn", "Tâm", "Uyên", "Vinh"]


def workbook_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Biểu mẫu 02"
    sheet["A1"], sheet["E1"] = "TỈNH ĐOÀN HÀ TĨNH", "ĐOÀN TNCS HỒ CHÍ MINH"
    sheet["A2"], sheet["E2"] = "BCH ĐOÀN XÃ THỬ NGHIỆM", "……, ngày … tháng … năm 2025"
    sheet["A5"] = "DANH SÁCH CÁC THANH THIẾU NIÊN YẾU THẾ TẠI ĐỊA PHƯƠNG"
    sheet.append([])
    sheet.append(HEADERS)
    sheet.append([f"({n})" for n in range(1, len(HEADERS) + 1)])
    for n in range(1, ROWS + 1):
        name = f"{FAMILY[n % 10]} {MIDDLE[n % 8]} {GIVEN[n % 14]} {n}"
        sheet.append(
            [
                n,
                name,
                1995 + n % 15,
                "Gia đình thuộc hộ nghèo, bố mẹ làm nông, bản thân chưa có việc làm ổn định",
                f"Thôn {n % 12 + 1}, xã Thử Nghiệm",
                f"09{n:08d}",
                "",
            ]
        )
    sheet.append([])
    sheet.append([None, "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG", None, None, "TM. BAN THƯỜNG VỤ"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bare_read(data: bytes) -> int:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    count = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            count += row[1] is not None
    workbook.close()
    return count


def bench_unit() -> tuple[Unit, User]:
    root = Unit.objects.filter(depth=1, code="BENCH-IMPORT").first()
    if root is None:
        root = Unit.objects.add_root(
            create_kwargs={"kind": UnitKind.PROVINCE, "code": "BENCH-IMPORT", "name": "Tỉnh đoàn thử nhập"}
        )
    commune = Unit.objects.children_of(root).first()
    if commune is None:
        commune = Unit.objects.add_child(
            root, create_kwargs={"kind": UnitKind.COMMUNE, "code": "", "name": "Đoàn xã Thử Nghiệm"}
        )
    user, _ = User.objects.get_or_create(username="bench_importer", defaults={"full_name": "Bench"})
    Membership.objects.get_or_create(user=user, unit=commune, defaults={"role": "officer"})
    return commune, user


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> None:
    # As in production: with DEBUG on, Django also keeps the text of every query it runs.
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    unit, user = bench_unit()
    data = workbook_bytes()
    baseline, dry_runs, commits = [], [], []
    for _ in range(ROUNDS):
        Youth.objects.filter(unit=unit).delete()
        RegistryAccess.objects.filter(unit=unit).delete()
        seconds, count = timed(lambda: bare_read(data))
        baseline.append(seconds)
        seconds, report = timed(
            lambda: build_report(data, filename="bench.xlsx", unit=unit, user=user, default_group="poverty")
        )
        dry_runs.append(seconds)
        assert report.ready == ROWS and report.error_count == 0, (report.ready, report.problems[:3])

        def commit():
            again = build_report(data, filename="bench.xlsx", unit=unit, user=user, default_group="poverty")
            return commit_import(again, unit=unit, by=user)

        seconds, ids = timed(commit)
        commits.append(seconds)
        assert len(ids) == ROWS and count >= ROWS, (len(ids), count)
    base, dry, com = (statistics.median(s) for s in (baseline, dry_runs, commits))
    print(f"database: {connection.vendor}; {ROWS:,} rows, {len(data) / 1024:.0f} KB; median of {ROUNDS} rounds")
    print(f"bare openpyxl read_only loop   {base:6.2f} s")
    print(f"dry run (build_report)         {dry:6.2f} s   ratio {dry / base:4.1f}×")
    print(f"commit (re-check + write)      {com:6.2f} s   ratio {com / base:4.1f}×")
    print(f"dry run + commit               {dry + com:6.2f} s   ratio {(dry + com) / base:4.1f}×")


if __name__ == "__main__":
    main()
