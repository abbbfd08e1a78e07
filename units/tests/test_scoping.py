from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Membership
from units.models import Unit
from units.reference import LEGACY_LAST_DAY
from units.scoping import Capability, get_for_user, minimal_paths

pytestmark = pytest.mark.django_db


def test_minimal_paths_drops_nested_ones():
    assert minimal_paths(["0001", "00010002", "0003", "0001"]) == ["0001", "0003"]


def test_province_roles_see_the_whole_tree_including_history(persona):
    for username in ("prov_viewer", "prov_officer", "prov_admin"):
        assert Unit.objects.visible_to(persona(username)).count() == Unit.objects.count()


def test_commune_officer_sees_only_their_subtree(persona, unit):
    thanh_sen = unit("18073")
    branch = Unit.objects.add_child(thanh_sen, create_kwargs={"kind": "branch", "name": "Chi đoàn Tổ dân phố 1"})
    visible = set(Unit.objects.visible_to(persona("officer_a")))
    assert visible == {thanh_sen, branch}


def test_historical_namesake_is_not_in_the_successors_scope(persona, unit):
    # Code 18073 was Phường Nam Hà until 30/06/2025; Thành Sen's officer does not inherit it.
    nam_ha = unit("18073", legacy=True)
    assert nam_ha.valid_to == LEGACY_LAST_DAY
    assert nam_ha not in Unit.objects.visible_to(persona("officer_a"))


def test_a_district_role_covers_its_legacy_communes(persona):
    district = Unit.objects.get(code="446", kind="district")  # Huyện đoàn Cẩm Xuyên
    user = persona("officer_b")
    Membership.objects.create(user=user, unit=district, role="viewer")
    user = persona("officer_b")
    visible = Unit.objects.visible_to(user)
    assert visible.filter(path__startswith=district.path).count() == district.numchild + 1
    assert visible.in_force(datetime.date(2024, 1, 1)).filter(kind="commune").count() == district.numchild
    # Read through the district role, write only through the commune role.
    assert not Unit.objects.visible_to(user, Capability.WRITE).filter(pk=district.pk).exists()


def test_several_memberships_add_up(persona, unit):
    user = persona("officer_a")
    Membership.objects.create(user=user, unit=unit("18685"), role="viewer")
    user = persona("officer_a")
    codes = set(Unit.objects.visible_to(user).values_list("code", flat=True))
    assert {"18073", "18685"} <= codes
    assert set(Unit.objects.visible_to(user, Capability.WRITE).values_list("code", flat=True)) == {"18073"}


def test_inactive_account_sees_nothing(persona):
    user = persona("prov_admin")
    user.is_active = False
    assert not Unit.objects.visible_to(user).exists()


def test_get_for_user_out_of_scope_is_404_like_missing(persona, unit):
    with pytest.raises(Http404):
        get_for_user(Unit, persona("officer_a"), unit("18685").pk)
    with pytest.raises(Http404):
        get_for_user(Unit, persona("officer_a"), 10**9)
    with pytest.raises(Http404):
        get_for_user(Unit, persona("officer_a"), "not-a-number")


def test_get_for_user_read_only_write_is_403(persona, unit):
    province = unit("42")
    assert get_for_user(Unit, persona("prov_viewer"), province.pk) == province
    with pytest.raises(PermissionDenied):
        get_for_user(Unit, persona("prov_viewer"), province.pk, write=Capability.WRITE)
    with pytest.raises(PermissionDenied):
        get_for_user(Unit, persona("prov_officer"), province.pk, write=Capability.ADMIN)
    assert get_for_user(Unit, persona("prov_admin"), province.pk, write=Capability.ADMIN) == province
