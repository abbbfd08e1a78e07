"""The Hà Tĩnh union tree from the statistics office's unit lists (copied into units/data/).

Idempotent: units are found by code and era, created when missing, never overwritten, so an
administrator's edits to names and headers survive a reload.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from core.vntext import vn_upper
from units.models import Unit, UnitKind

DATA_DIR = Path(__file__).resolve().parent / "data"
PROVINCE_CODE = "42"
REFORM_DAY = datetime.date(2025, 7, 1)  # Nghị quyết 1665/NQ-UBTVQH15: communes report to the province
LEGACY_LAST_DAY = REFORM_DAY - datetime.timedelta(days=1)

# "Thành phố Hà Tĩnh" -> "Thành đoàn Hà Tĩnh"; the union of a district-level unit takes its own word.
_DISTRICT_UNION_WORD = {"thành phố": "Thành đoàn", "thị xã": "Thị đoàn", "huyện": "Huyện đoàn"}


@dataclass
class LoadReport:
    created: int = 0
    existing: int = 0
    links: int = 0


def _place(name: str, division_type: str) -> str:
    prefix = division_type.strip().lower()
    return name[len(prefix) :].strip() if name.lower().startswith(prefix + " ") else name


def _read(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _commune_fields(code: str, name: str, division_type: str, header_above: str) -> dict:
    place = _place(name, division_type)
    union_name = f"Đoàn {division_type.strip().lower()} {place}"
    return {
        "kind": UnitKind.COMMUNE,
        "code": code,
        "name": union_name,
        "header_line_1": header_above,
        "header_line_2": f"BCH {vn_upper(union_name)}",
        "place_name": place,
    }


class _Loader:
    def __init__(self) -> None:
        self.report = LoadReport()

    def get_or_add(self, parent: Unit | None, lookup: dict, fields: dict) -> Unit:
        unit = Unit.objects.filter(**lookup).first()
        if unit:
            self.report.existing += 1
            return unit
        self.report.created += 1
        if parent is None:
            return Unit.objects.add_root(create_kwargs=fields)
        return Unit.objects.add_child(parent, create_kwargs=fields)

    def run(self) -> LoadReport:
        province = self.get_or_add(
            None,
            {"code": PROVINCE_CODE, "kind": UnitKind.PROVINCE, "valid_to__isnull": True},
            {
                "kind": UnitKind.PROVINCE,
                "code": PROVINCE_CODE,
                "name": "Tỉnh đoàn Hà Tĩnh",
                "header_line_1": "BCH TỈNH ĐOÀN HÀ TĨNH",
                "header_line_2": "",
                "place_name": "Hà Tĩnh",
            },
        )
        province_header = "TỈNH ĐOÀN HÀ TĨNH"

        # Since 1 July 2025: 69 communes and wards directly under the province.
        current: dict[str, Unit] = {}
        for row in _read("ha-tinh-communes-2025.csv"):
            fields = _commune_fields(row["code"], row["name"], row["division_type"], province_header)
            fields["valid_from"] = REFORM_DAY
            current[row["code"]] = self.get_or_add(
                province, {"code": row["code"], "valid_to__isnull": True, "kind": UnitKind.COMMUNE}, fields
            )

        # Until 30 June 2025: 12 district-level unions and their communes.
        districts: dict[str, Unit] = {}
        for row in _read("ha-tinh-districts-legacy.csv"):
            place = _place(row["name"], row["division_type"])
            union_name = f"{_DISTRICT_UNION_WORD[row['division_type'].strip().lower()]} {place}"
            districts[row["code"]] = self.get_or_add(
                province,
                {"code": row["code"], "valid_to": LEGACY_LAST_DAY, "kind": UnitKind.DISTRICT},
                {
                    "kind": UnitKind.DISTRICT,
                    "code": row["code"],
                    "name": union_name,
                    "header_line_1": province_header,
                    "header_line_2": f"BCH {vn_upper(union_name)}",
                    "place_name": place,
                    "valid_to": LEGACY_LAST_DAY,
                },
            )

        legacy: dict[str, Unit] = {}
        for row in _read("ha-tinh-communes-legacy-to-2025.csv"):
            code = row["legacy_code"]
            if code not in legacy:
                district = districts[row["legacy_district_code"]]
                fields = _commune_fields(code, row["legacy_name"], row["legacy_division_type"], vn_upper(district.name))
                fields["valid_to"] = LEGACY_LAST_DAY
                legacy[code] = self.get_or_add(
                    district, {"code": code, "valid_to": LEGACY_LAST_DAY, "kind": UnitKind.COMMUNE}, fields
                )
            successor = current[row["new_code"]]
            if not legacy[code].successors.filter(pk=successor.pk).exists():
                legacy[code].successors.add(successor)
                self.report.links += 1
        return self.report


def load_hatinh_tree() -> LoadReport:
    with transaction.atomic():
        return _Loader().run()
