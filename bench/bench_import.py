"""A 10,000-row Biểu mẫu 02 import through its two pages, beside a bare openpyxl read of the file.

Builds a Form 02-style workbook (header block, title, header row, numbering row, 10,000 people
with a year of birth, circumstances, address and phone, signature block) and times, in one
process, whole requests through Django's test client:
  - the baseline: `openpyxl.load_workbook(read_only=True)` and a loop over every row's values;
  - the dry run: POST the file to the import page (safety checks, parse, every value's checks,
    duplicates, re-import keys; the file and its reading kept for the commit);
  - the commit: POST the token to the commit page (the kept reading, the registry's checks
    again, then 10,000 records, their target groups and the audit row in one transaction);
  - for reference, the commit when the kept reading is missing, so the file is read again.
The records are deleted between rounds, so every commit writes all 10,000.

    VUONLEN_VAR_DIR=/tmp/bench-import .venv/bin/python bench/bench_import.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vuonlen_bench_import VUONLEN_VAR_DIR=/tmp/bench-import \
        .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import io
import os
import re
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
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from bench.measure import signed_in_client  # noqa: E402
from units.models import Unit, UnitKind  # noqa: E402
from youth.models import RegistryAccess, Youth  # noqa: E402

ROWS = 10_000
ROUNDS = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def bench_unit() -> Unit:
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
    return commune


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> None:
    # As in production: with DEBUG on, Django also keeps the text of every query it runs.
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    unit = bench_unit()
    client = signed_in_client("bench_importer", unit)
    data = workbook_bytes()

    def dry_run() -> str:
        upload = SimpleUploadedFile("bench.xlsx", data, content_type=XLSX)
        response = client.post(reverse("youth_import"), {"file": upload, "unit": unit.pk, "default_group": "poverty"})
        page = response.content.decode()
        ready = re.search(r'data-testid="count-ready">([0-9]+)<', page)
        token = re.search(r'name="token" value="([0-9a-f]{32})"', page)
        counts = dict(re.findall(r'data-testid="count-([a-z]+)">([0-9]+)<', page))
        assert ready and int(ready.group(1)) == ROWS and token, (response.status_code, counts)
        return token.group(1)

    def commit(token: str) -> None:
        response = client.post(reverse("youth_import_commit"), {"token": token})
        assert response.status_code == 302, response.status_code
        assert Youth.objects.filter(unit=unit, deleted_at__isnull=True).count() == ROWS

    def start_over() -> None:
        Youth.objects.filter(unit=unit).delete()
        RegistryAccess.objects.filter(unit=unit).delete()

    baseline, dry_runs, commits, full_commits = [], [], [], []
    for _ in range(ROUNDS):
        start_over()
        seconds, count = timed(lambda: bare_read(data))
        assert count >= ROWS
        baseline.append(seconds)
        seconds, token = timed(dry_run)
        dry_runs.append(seconds)
        seconds, _ = timed(lambda token=token: commit(token))
        commits.append(seconds)
        # The same commit without the dry run's reading: the file is read and checked again.
        start_over()
        token = dry_run()
        (Path(settings.MEDIA_ROOT) / "imports" / f"{token}.parse").unlink()
        seconds, _ = timed(lambda token=token: commit(token))
        full_commits.append(seconds)
    base, dry, com, full = (statistics.median(s) for s in (baseline, dry_runs, commits, full_commits))
    print(f"database: {connection.vendor}; {ROWS:,} rows, {len(data) / 1024:.0f} KB; median of {ROUNDS} rounds")
    print(f"bare openpyxl read_only loop          {base:6.2f} s")
    print(f"dry run (the import page)             {dry:6.2f} s   ratio {dry / base:4.1f}×")
    print(f"commit (the commit page)              {com:6.2f} s   ratio {com / base:4.1f}×")
    print(f"dry run + commit                      {dry + com:6.2f} s   ratio {(dry + com) / base:4.1f}×")
    print(f"commit without the kept reading       {full:6.2f} s   ratio {full / base:4.1f}×")


if __name__ == "__main__":
    main()
