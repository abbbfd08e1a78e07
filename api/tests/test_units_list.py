"""GET /api/v1/units."""

from __future__ import annotations

import pytest

from api.tests.support import vi
from units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

URL = "/api/v1/units"
BEFORE_REFORM = "2024-06-01"  # 12 district-level unions and 209 communes under them
NEW_COMMUNES = 69  # since 1 July 2025, directly under the province
LEGACY_COMMUNES = 209
DISTRICTS = 12


def get_all(client, **params):
    body = client.get(URL, {"limit": 500, **params}).json()
    assert body["count"] == len(body["items"])
    return body["items"]


def test_commune_officer_sees_only_their_commune_subtree(bearer, unit):
    items = get_all(bearer("officer_a"))

    assert [item["code"] for item in items] == ["18073"]
    assert items[0]["name"] == "Đoàn phường Thành Sen"
    assert items[0]["id"] == unit("18073").pk


def test_commune_officer_b_does_not_see_commune_a(bearer):
    items = get_all(bearer("officer_b"))

    assert [item["code"] for item in items] == ["18685"]


def test_a_commune_officer_sees_nothing_of_the_legacy_structure(bearer):
    assert get_all(bearer("officer_a"), at=BEFORE_REFORM) == []


def test_province_today_sees_the_new_communes_not_the_legacy_ones(bearer):
    items = get_all(bearer("prov_viewer"))

    kinds = [item["kind"] for item in items]
    assert kinds.count(UnitKind.PROVINCE) == 1
    assert kinds.count(UnitKind.COMMUNE) == NEW_COMMUNES
    assert len(items) == 1 + NEW_COMMUNES
    assert all(item["valid_to"] is None for item in items)


def test_province_before_the_reform_sees_districts_and_legacy_communes(bearer):
    items = get_all(bearer("prov_viewer"), at=BEFORE_REFORM)

    kinds = [item["kind"] for item in items]
    assert kinds.count(UnitKind.PROVINCE) == 1
    assert kinds.count(UnitKind.DISTRICT) == DISTRICTS
    assert kinds.count(UnitKind.COMMUNE) == LEGACY_COMMUNES
    assert all(item["valid_from"] is None for item in items)  # none of the 69 new communes


def test_province_sees_all_291_units_across_both_eras(bearer):
    client = bearer("prov_officer")

    ids = {item["id"] for item in get_all(client)} | {item["id"] for item in get_all(client, at="2024-01-01")}

    assert len(ids) == 1 + NEW_COMMUNES + DISTRICTS + LEGACY_COMMUNES == 291


def test_items_carry_their_fields_and_parent_id(bearer, unit):
    items = get_all(bearer("prov_viewer"), at=BEFORE_REFORM)
    nam_ha = unit("18073", legacy=True)
    by_id = {item["id"]: item for item in items}

    assert by_id[nam_ha.pk] == {
        "id": nam_ha.pk,
        "code": "18073",
        "name": "Đoàn phường Nam Hà",
        "kind": "commune",
        "parent_id": unit("436", legacy=True).pk,
        "depth": 3,
        "valid_from": None,
        "valid_to": "2025-06-30",
    }
    assert by_id[unit("42").pk]["parent_id"] is None


def test_parent_id_of_the_scope_root_is_its_real_parent(bearer, unit):
    (item,) = get_all(bearer("officer_a"))

    assert item["parent_id"] == unit("42").pk


def test_kind_filter(bearer):
    items = get_all(bearer("prov_viewer"), at=BEFORE_REFORM, kind="district")

    assert len(items) == DISTRICTS
    assert {item["kind"] for item in items} == {"district"}


def test_unknown_kind_gets_422(bearer):
    response = bearer("prov_viewer").get(URL, {"kind": "galaxy"})

    assert response.status_code == 422
    assert response.json()["detail"] == vi("The request is not valid.")


def test_parent_filter_gives_the_direct_children(bearer, unit):
    province = unit("42")

    items = get_all(bearer("prov_viewer"), parent=province.pk)

    assert len(items) == NEW_COMMUNES
    assert {item["parent_id"] for item in items} == {province.pk}


def test_parent_filter_with_a_date(bearer, unit):
    district = unit("436", legacy=True)  # Thành đoàn Hà Tĩnh, until 30 June 2025

    items = get_all(bearer("prov_viewer"), parent=district.pk, at=BEFORE_REFORM)

    assert "Đoàn phường Nam Hà" in [item["name"] for item in items]
    assert {item["parent_id"] for item in items} == {district.pk}
    assert {item["depth"] for item in items} == {district.depth + 1}


def test_parent_outside_the_scope_gets_404_like_a_missing_one(bearer, unit):
    client = bearer("officer_a")
    missing_id = Unit.objects.order_by("-pk").first().pk + 1000

    above = client.get(URL, {"parent": unit("42").pk})
    beside = client.get(URL, {"parent": unit("18685").pk})
    missing = client.get(URL, {"parent": missing_id})

    assert above.status_code == beside.status_code == missing.status_code == 404
    assert above.json() == beside.json() == missing.json() == {"detail": vi("Not found.")}


def test_search_ignores_diacritics_and_case(bearer):
    client = bearer("prov_viewer")

    for query in ["thanh sen", "THÀNH SEN", "Thành Sen"]:
        names = [item["name"] for item in get_all(client, q=query)]
        assert names == ["Đoàn phường Thành Sen"], query


def test_search_by_code(bearer):
    names = [item["name"] for item in get_all(bearer("prov_viewer"), q="18685")]

    assert names == ["Đoàn xã Cẩm Bình"]


def test_search_stays_within_the_scope(bearer):
    assert get_all(bearer("officer_a"), q="cam binh") == []


def test_pages_in_tree_order(bearer):
    client = bearer("prov_viewer")
    everything = get_all(client)

    page = client.get(URL, {"limit": 10, "offset": 10}).json()

    assert page["count"] == 1 + NEW_COMMUNES
    assert page["items"] == everything[10:20]


def test_default_limit_is_100_and_at_most_500(bearer):
    client = bearer("prov_viewer")

    assert len(client.get(URL, {"at": BEFORE_REFORM}).json()["items"]) == 100
    assert client.get(URL, {"limit": 501}).status_code == 422


def test_query_count_does_not_grow_with_the_page(bearer, django_assert_num_queries):
    client = bearer("prov_viewer")
    client.get(URL)  # writes the token's last_used_at, once a minute

    # token with its user, memberships, count, page, parents of the page
    with django_assert_num_queries(5):
        small = client.get(URL, {"at": BEFORE_REFORM, "limit": 2})
    with django_assert_num_queries(5):
        large = client.get(URL, {"at": BEFORE_REFORM, "limit": 500})

    assert len(small.json()["items"]) == 2
    assert len(large.json()["items"]) == 1 + DISTRICTS + LEGACY_COMMUNES
