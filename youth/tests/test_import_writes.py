"""The import's own INSERTs write what the ORM would: every column, derived ones included, and
each target group and need on the record of its own row."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from youth import services
from youth.choices import group_bits
from youth.importing import build_report, commit_import
from youth.importing_commit import DERIVED_FIELDS, insert_rows
from youth.models import Youth, YouthGroup
from youth.tests import import_files as files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_derived_columns_are_the_ones_fill_derived_writes(unit):
    youth = Youth(unit=unit("18073"), full_name="Đặng Thị Ánh Tuyết", birth_date=datetime.date(2004, 5, 6))
    before = {f.attname: getattr(youth, f.attname) for f in Youth._meta.concrete_fields}

    youth.fill_derived()

    changed = {name for name, value in before.items() if getattr(youth, name) != value}
    assert changed == set(DERIVED_FIELDS)


def test_an_imported_record_has_every_column_a_saved_one_has(persona, unit):
    row = ["Lê Thị Hoa", "05/03/2004", "Nữ", "Kinh", "042304012345", "0912345678", "Thôn 1", "Số 5",
           "Khuyết tật, hộ cận nghèo", "Việc làm", "Mồ côi cha", "Ưu tiên"]  # fmt: skip
    started = timezone.now()
    report = build_report(files.template_bytes([row]), filename="m.xlsx", unit=unit("18073"), user=persona("officer_a"))
    imported = Youth.objects.get(pk=commit_import(report, unit=unit("18073"), by=persona("officer_a"))[0])
    parsed = report.rows[0]
    saved = services.create_youth(
        unit("18073"), parsed.data, groups=parsed.groups, needs=parsed.needs, by=persona("officer_a")
    )

    differ = {"id", "created_at", "updated_at", "source_key"}
    columns = [f.attname for f in Youth._meta.concrete_fields if f.attname not in differ]
    assert {name: getattr(imported, name) for name in columns} == {name: getattr(saved, name) for name in columns}
    assert imported.group_bits == group_bits(["disability", "poverty"])
    assert started <= imported.created_at <= timezone.now() and started <= imported.updated_at <= timezone.now()
    assert imported.source_key == parsed.source
    detail = ("group", "household_kind", "certificate_year", "disability_kind", "illness")
    assert sorted(imported.groups.values_list(*detail)) == sorted(saved.groups.values_list(*detail))
    assert sorted(imported.needs.values_list("need", "priority", "note")) == sorted(
        saved.needs.values_list("need", "priority", "note")
    )


GROUPS = ["Khuyết tật", "Hộ nghèo", "Thất nghiệp", "Dân tộc thiểu số, hộ cận nghèo", "Hoàn lương"]
NEEDS = ["Việc làm", "Học tập, học nghề", "", "Vốn, sinh kế; Chăm sóc sức khỏe"]


def test_each_row_keeps_its_own_groups_and_needs_across_batches(persona, unit):
    rows = [
        [f"Người Thử {n}", 2000 + n % 10, "", "", "", f"09{n:08d}", "", "", GROUPS[n % 5], NEEDS[n % 4], "", ""]
        for n in range(1, 1202)
    ]
    report = build_report(files.template_bytes(rows), filename="m.xlsx", unit=unit("18073"), user=persona("officer_a"))
    assert report.ready == 1201 and report.error_count == 0

    ids = commit_import(report, unit=unit("18073"), by=persona("officer_a"))

    records = Youth.objects.in_bulk(ids)
    groups: dict[int, set[str]] = {}
    for youth_id, group in YouthGroup.objects.filter(youth__in=ids).values_list("youth_id", "group"):
        groups.setdefault(youth_id, set()).add(group)
    for pk, row in zip(ids, report.rows, strict=True):
        youth = records[pk]
        assert youth.full_name == row.data["full_name"] and youth.phone == row.data["phone"]
        assert groups[pk] == set(row.groups) and youth.group_bits == group_bits(row.groups)
        assert {need.need: need.note for need in youth.needs.all()} == {c: v["note"] for c, v in row.needs.items()}


def test_nothing_to_insert_is_no_query():
    with CaptureQueriesContext(connection) as queries:
        assert insert_rows(YouthGroup(), []) == []
    assert len(queries) == 0
