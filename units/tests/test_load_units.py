from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from units.models import Unit, UnitKind
from units.reference import LEGACY_LAST_DAY, REFORM_DAY

pytestmark = pytest.mark.django_db


def test_the_2025_tree_has_69_communes_under_the_province():
    province = Unit.objects.get(kind=UnitKind.PROVINCE, code="42")
    current = Unit.objects.in_force(datetime.date(2026, 1, 1)).filter(kind=UnitKind.COMMUNE)
    assert current.count() == 69
    assert all(u.depth == province.depth + 1 and u.valid_from == REFORM_DAY for u in current)
    assert current.filter(name__startswith="Đoàn phường").count() == 9


def test_the_legacy_tree_has_12_districts_and_209_communes():
    on = datetime.date(2024, 6, 1)
    assert Unit.objects.in_force(on).filter(kind=UnitKind.DISTRICT).count() == 12
    legacy = Unit.objects.in_force(on).filter(kind=UnitKind.COMMUNE)
    assert legacy.count() == 209
    assert not legacy.filter(valid_from=REFORM_DAY).exists()
    assert set(legacy.values_list("valid_to", flat=True)) == {LEGACY_LAST_DAY}
    assert all(u.depth == 3 for u in legacy)


def test_each_old_commune_links_to_the_units_it_went_into():
    nam_ha = Unit.objects.get(code="18073", valid_to=LEGACY_LAST_DAY)
    thanh_sen = Unit.objects.in_force().get(code="18073")
    assert nam_ha.name == "Đoàn phường Nam Hà"
    assert thanh_sen.name == "Đoàn phường Thành Sen"
    assert list(nam_ha.successors.all()) == [thanh_sen]
    assert thanh_sen.predecessors.count() > 1
    legacy = Unit.objects.filter(valid_to=LEGACY_LAST_DAY, kind=UnitKind.COMMUNE)
    assert Unit.successors.through.objects.filter(from_unit__in=legacy).count() == 212  # one row per link in the CSV
    assert Unit.objects.get(code="18082", valid_to=LEGACY_LAST_DAY).successors.count() == 2
    assert Unit.objects.get(code="18796", valid_to=LEGACY_LAST_DAY).successors.count() == 3


def test_headers_and_place_names_follow_the_union_format():
    cam_binh = Unit.objects.in_force().get(code="18685")
    assert (cam_binh.header_line_1, cam_binh.header_line_2) == ("TỈNH ĐOÀN HÀ TĨNH", "BCH ĐOÀN XÃ CẨM BÌNH")
    assert cam_binh.place_name == "Cẩm Bình"
    district = Unit.objects.get(code="436", kind=UnitKind.DISTRICT)
    assert district.name == "Thành đoàn Hà Tĩnh"
    legacy = Unit.objects.filter(path__startswith=district.path, depth=district.depth + 1).first()
    assert legacy.header_line_1 == "THÀNH ĐOÀN HÀ TĨNH"


def test_loading_again_creates_nothing_and_keeps_edits():
    unit = Unit.objects.in_force().get(code="18685")
    unit.name = "Đoàn xã Cẩm Bình (đã sửa)"
    unit.save()
    before = Unit.objects.count()
    call_command("load_units", verbosity=0)
    assert Unit.objects.count() == before
    unit.refresh_from_db()
    assert unit.name == "Đoàn xã Cẩm Bình (đã sửa)"
