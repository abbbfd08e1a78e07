"""GET /api/v1/units/{unit_id}."""

from __future__ import annotations

import pytest

from api.tests.support import vi
from units.models import Unit

pytestmark = pytest.mark.django_db


def url(pk: int) -> str:
    return f"/api/v1/units/{pk}"


def test_officer_reads_their_commune(bearer, unit):
    thanh_sen = unit("18073")
    predecessors = list(thanh_sen.predecessors.order_by("path").values_list("pk", flat=True))

    response = bearer("officer_a").get(url(thanh_sen.pk))

    assert response.status_code == 200
    assert response.json() == {
        "id": thanh_sen.pk,
        "code": "18073",
        "name": "Đoàn phường Thành Sen",
        "kind": "commune",
        "parent_id": unit("42").pk,
        "depth": 2,
        "valid_from": "2025-07-01",
        "valid_to": None,
        "header_line_1": "TỈNH ĐOÀN HÀ TĨNH",
        "header_line_2": "BCH ĐOÀN PHƯỜNG THÀNH SEN",
        "place_name": "Thành Sen",
        "successor_ids": [],
        "predecessor_ids": predecessors,
    }
    assert unit("18073", legacy=True).pk in predecessors  # Nam Hà went into Thành Sen


def test_legacy_commune_links_to_its_successor(bearer, unit):
    nam_ha = unit("18073", legacy=True)

    body = bearer("prov_viewer").get(url(nam_ha.pk)).json()

    assert body["successor_ids"] == [unit("18073").pk]
    assert body["predecessor_ids"] == []
    assert body["parent_id"] == unit("436", legacy=True).pk


def test_viewer_may_read(bearer, unit):
    assert bearer("viewer_a").get(url(unit("18073").pk)).status_code == 200


def test_stranger_gets_404_exactly_like_a_missing_id(bearer, unit):
    client = bearer("officer_a")
    missing_id = Unit.objects.order_by("-pk").first().pk + 1000

    beside = client.get(url(unit("18685").pk))  # commune B
    above = client.get(url(unit("42").pk))  # the province over commune A
    missing = client.get(url(missing_id))

    assert beside.status_code == above.status_code == missing.status_code == 404
    assert beside.content == above.content == missing.content
    assert missing.json() == {"detail": vi("Not found.")}
