from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from units import services
from units.models import Unit

pytestmark = pytest.mark.django_db


def unit_data(unit: Unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "kind": unit.kind,
        "code": unit.code,
        "header_line_1": unit.header_line_1,
        "header_line_2": unit.header_line_2,
        "place_name": unit.place_name,
        "valid_from": unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "",
        "valid_to": unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "",
        "version": unit.version,
    }
    return {**data, **changes}


def test_anonymous_is_sent_to_sign_in(client, unit):
    response = client.get(reverse("unit_detail", args=[unit("18073").pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_shows_the_users_unit_and_where_it_sits(login):
    response = login("officer_b").get(reverse("home"))
    html = response.content.decode()
    assert "Đoàn xã Cẩm Bình" in html
    assert "Tỉnh đoàn Hà Tĩnh" in html  # the trail above it


def test_search_ignores_diacritics_and_case(login):
    client = login("prov_viewer")
    for query in ("cam binh", "CẨM BÌNH", "Cẩm Bình", "18685"):
        html = client.get(reverse("unit_list"), {"q": query}).content.decode()
        assert "Đoàn xã Cẩm Bình" in html, query
        assert "Đoàn phường Thành Sen" not in html


def test_list_on_a_past_date_shows_the_legacy_tree(login):
    client = login("prov_viewer")
    html = client.get(reverse("unit_list"), {"q": "nam ha", "at": "01/01/2024"}).content.decode()
    assert "Đoàn phường Nam Hà" in html
    html = client.get(reverse("unit_list"), {"q": "nam ha"}).content.decode()
    assert "Đoàn phường Nam Hà" not in html


def test_list_is_scoped(login):
    html = login("officer_a").get(reverse("unit_list"), {"q": "doan"}).content.decode()
    assert "Đoàn phường Thành Sen" in html
    assert "Đoàn xã Cẩm Bình" not in html


def test_list_query_count_does_not_grow_with_the_page(login, django_assert_max_num_queries):
    client = login("prov_viewer")
    with django_assert_max_num_queries(12):
        client.get(reverse("unit_list"), {"history": "1"})


def test_htmx_search_returns_only_the_results_fragment(login):
    response = login("prov_viewer").get(reverse("unit_list"), {"q": "cam binh"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Đoàn xã Cẩm Bình" in html
    assert "<nav" not in html.split("<table")[0]  # no page chrome, just the fragment


def test_stranger_gets_404_on_detail_and_edit(login, unit):
    client = login("officer_b")
    pk = unit("18073").pk
    assert client.get(reverse("unit_detail", args=[pk])).status_code == 404
    assert client.get(reverse("unit_edit", args=[pk])).status_code == 404


def test_viewer_and_officer_get_403_on_edit_forms(login, unit):
    pk = unit("18073").pk
    for username in ("prov_viewer", "prov_officer", "officer_a"):
        client = login(username)
        assert client.get(reverse("unit_edit", args=[pk])).status_code == 403
        assert client.post(reverse("unit_edit", args=[pk]), unit_data(unit("18073"), name="X")).status_code == 403
        assert "unit-edit" not in client.get(reverse("unit_detail", args=[pk])).content.decode()
    assert unit("18073").name == "Đoàn phường Thành Sen"


def test_admin_edits_a_unit_and_the_change_is_audited(login, unit, persona):
    target = unit("18685")
    response = login("prov_admin").post(
        reverse("unit_edit", args=[target.pk]), unit_data(target, place_name="Cẩm  Bình ", name="Đoàn xã Cẩm Bình mới")
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.name == "Đoàn xã Cẩm Bình mới"
    assert target.place_name == "Cẩm Bình"  # normalised
    assert target.version == 2
    entry = LogEntry.objects.get_for_object(target).latest("timestamp")
    assert entry.actor == persona("prov_admin")
    assert entry.changes_dict["name"] == ["Đoàn xã Cẩm Bình", "Đoàn xã Cẩm Bình mới"]


def test_a_stale_edit_is_refused_and_the_typed_text_kept(login, unit, persona):
    target = unit("18685")
    opened_version = target.version
    services.update_unit(
        target, {"name": "Saved by someone else"}, expected_version=opened_version, by=persona("prov_admin")
    )
    response = login("admin_a").post(
        reverse("unit_edit", args=[unit("18073").pk]), unit_data(unit("18073"), version=opened_version - 1)
    )
    assert response.status_code == 200  # admin_a's own unit, but an old version
    response = login("prov_admin").post(
        reverse("unit_edit", args=[target.pk]), unit_data(target, name="My typed name", version=opened_version)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "My typed name" in html
    assert "Someone else saved this unit" in html or "Người khác vừa lưu" in html
    assert unit("18685").name == "Saved by someone else"


def test_duplicate_code_in_force_is_a_form_error(login, unit):
    target = unit("18685")
    response = login("prov_admin").post(reverse("unit_edit", args=[target.pk]), unit_data(target, code="18073"))
    assert response.status_code == 200
    assert unit("18685").code == "18685"


def test_admin_creates_a_branch_below_their_unit(login, unit):
    parent = unit("18073")
    response = login("admin_a").post(
        reverse("unit_create", args=[parent.pk]),
        {
            "name": "Chi đoàn khu phố 3",
            "kind": "branch",
            "code": "",
            "header_line_1": "",
            "header_line_2": "",
            "place_name": "",
            "valid_from": "01/01/2026",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    child = Unit.objects.get(name="Chi đoàn khu phố 3")
    assert Unit.objects.get_parent(child) == parent
    assert str(child.valid_from) == "2026-01-01"


def test_commune_admin_cannot_create_under_the_province(login, unit):
    # The province is outside admin_a's subtree: 404, as if it did not exist.
    response = login("admin_a").post(reverse("unit_create", args=[unit("42").pk]), {"name": "X", "kind": "bloc"})
    assert response.status_code == 404
    assert not Unit.objects.filter(name="X").exists()


def test_move_keeps_the_subtree_and_is_audited(login, unit):
    branch = Unit.objects.add_child(unit("18073"), create_kwargs={"kind": "branch", "name": "Chi đoàn 1"})
    target = unit("18685")
    response = login("prov_admin").post(reverse("unit_move", args=[unit("18073").pk]), {"new_parent": target.pk})
    assert response.status_code == 302
    moved = unit("18073")
    assert Unit.objects.get_parent(moved) == target
    branch.refresh_from_db()
    assert branch.path.startswith(moved.path)
    assert LogEntry.objects.get_for_object(moved).filter(changes__icontains="parent").exists()


def test_a_unit_cannot_be_moved_under_itself(login, unit):
    thanh_sen = unit("18073")
    branch = Unit.objects.add_child(thanh_sen, create_kwargs={"kind": "branch", "name": "Chi đoàn 1"})
    response = login("prov_admin").post(reverse("unit_move", args=[thanh_sen.pk]), {"new_parent": branch.pk})
    assert response.status_code == 200  # not a valid choice
    assert unit("18073").depth == 2


def test_close_keeps_history(login, unit):
    thanh_sen = unit("18073")
    Unit.objects.add_child(thanh_sen, create_kwargs={"kind": "branch", "name": "Chi đoàn 1"})
    response = login("prov_admin").post(
        reverse("unit_close", args=[thanh_sen.pk]), {"closed_on": "31/12/2026", "confirm": "on"}
    )
    assert response.status_code == 302
    closed = Unit.objects.filter(path__startswith=thanh_sen.path)
    assert closed.count() == 2
    assert {str(u.valid_to) for u in closed} == {"2026-12-31"}
    assert login("prov_viewer").get(reverse("unit_detail", args=[thanh_sen.pk])).status_code == 200


def test_a_move_carries_the_records_path_copies(login, unit, persona):
    from youth import services as youth_services
    from youth.models import Youth

    thanh_sen = unit("18073")
    branch = Unit.objects.add_child(thanh_sen, create_kwargs={"kind": "branch", "name": "Chi đoàn 1"})
    record = youth_services.create_youth(
        branch, {"full_name": "Nguyễn Văn Ân", "birth_year": 2004}, groups={"poverty": {}}, by=persona("officer_a")
    )
    login("prov_admin").post(reverse("unit_move", args=[thanh_sen.pk]), {"new_parent": unit("18685").pk})
    branch.refresh_from_db()
    assert Youth.objects.get(pk=record.pk).unit_path == branch.path
    assert Youth.objects.visible_to(persona("officer_b")).filter(pk=record.pk).exists()  # now under Cẩm Bình
