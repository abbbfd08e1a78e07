from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from conftest import PASSWORD
from core import transfers
from initiatives.models import InitiativeAccess
from units import services
from youth.models import RegistryAccess

pytestmark = pytest.mark.django_db


def test_only_admins_read_the_audit_trail(login):
    for username in ("prov_viewer", "prov_officer", "officer_a"):
        assert login(username).get(reverse("audit_log")).status_code == 403
    assert login("prov_admin").get(reverse("audit_log")).status_code == 200


def test_changes_are_scoped_to_the_admins_subtree(login, unit, persona):
    services.update_unit(unit("18073"), {"place_name": "Thành Sen A"}, expected_version=1, by=persona("prov_admin"))
    services.update_unit(unit("18685"), {"place_name": "Cẩm Bình B"}, expected_version=1, by=persona("prov_admin"))
    html = login("admin_a").get(reverse("audit_log")).content.decode()
    assert "Thành Sen A" in html
    assert "Cẩm Bình B" not in html
    html = login("prov_admin").get(reverse("audit_log")).content.decode()
    assert "Thành Sen A" in html and "Cẩm Bình B" in html


def test_sign_ins_and_failures_are_listed_and_scoped(client, login):
    client.post(reverse("login"), {"username": "officer_a", "password": PASSWORD})
    client.logout()
    client.post(reverse("login"), {"username": "officer_b", "password": "wrong"})
    admin_a = login("admin_a")
    assert "officer_a" in admin_a.get(reverse("audit_log"), {"tab": "signins"}).content.decode()
    failures = admin_a.get(reverse("audit_log"), {"tab": "failures"}).content.decode()
    assert "officer_b" not in failures
    failures = login("prov_admin").get(reverse("audit_log"), {"tab": "failures"}).content.decode()
    assert "officer_b" in failures


def test_full_views_of_a_record_reach_the_admins_of_its_subtree(login, make_youth):
    """Reading a young person's full record is an access to sensitive data: the audit trail of
    the administrators above the record lists it, and no one else's."""
    in_a = make_youth("Nguyễn Văn Ân")
    in_b = make_youth("Lê Thị Bình", code="18685", by="officer_b")
    assert login("officer_a").get(reverse("youth_detail", args=[in_a.pk])).status_code == 200
    assert login("officer_b").get(reverse("youth_detail", args=[in_b.pk])).status_code == 200
    seen_a, seen_b = (
        LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(youth.pk)) for youth in (in_a, in_b)
    )
    assert seen_a.additional_data == {"unit_path": in_a.unit_path}

    def listed(username: str) -> set[int]:
        response = login(username).get(reverse("audit_log"))
        return {entry.pk for entry in response.context["page"].object_list}

    assert {seen_a.pk, seen_b.pk} <= listed("prov_admin")
    assert seen_a.pk in listed("admin_a") and seen_b.pk not in listed("admin_a")


def test_exports_and_imports_of_every_log_reach_the_admins_of_their_subtree(login, unit, persona, make_youth):
    """Exports of personal data, from the registry and from the initiatives, are listed together
    on the audit trail's own tab, newest first, to the administrators above the data only."""
    make_youth("Nguyễn Văn Ân")
    make_youth("Lê Thị Bình", code="18685", by="officer_b")
    assert login("officer_a").get(reverse("youth_export", kwargs={"fmt": "xlsx"})).status_code == 200
    assert login("officer_b").get(reverse("youth_export", kwargs={"fmt": "docx"})).status_code == 200
    InitiativeAccess.objects.create(
        action=InitiativeAccess.Action.IMPORT, user=persona("officer_a"), unit=unit("18073"), detail="bieu-mau-01.xlsx"
    )

    def listed(username: str) -> list[tuple[str, str, str, str, int]]:
        response = login(username).get(reverse("audit_log"), {"tab": "transfers"})
        assert response.status_code == 200
        rows = response.context["page"].object_list
        return [
            (row["source_label"], row["action_label"], row["unit"].code, row["user"].username, row["record_count"])
            for row in rows
        ]

    with translation.override("vi"):
        initiatives, youth = transfers.LOGS["initiatives"].label, transfers.LOGS["youth"].label
        imported, exported = InitiativeAccess.Action.IMPORT.label, RegistryAccess.Action.EXPORT.label
        assert listed("admin_a") == [
            (initiatives, imported, "18073", "officer_a", 0),
            (youth, exported, "18073", "officer_a", 1),
        ]
        assert listed("prov_admin") == [
            (initiatives, imported, "18073", "officer_a", 0),
            (youth, exported, "18685", "officer_b", 1),
            (youth, exported, "18073", "officer_a", 1),
        ]
    html = login("admin_a").get(reverse("audit_log"), {"tab": "transfers"}).content.decode()
    assert "bieu-mau-01.xlsx" in html and "Đoàn phường Thành Sen" in html


def test_the_exports_tab_costs_the_same_queries_for_one_row_and_for_a_page(login, unit, persona):
    client = login("prov_admin")

    def log(*codes: str) -> None:
        for code in codes:
            RegistryAccess.objects.create(
                action=RegistryAccess.Action.EXPORT,
                user=persona(f"officer_{'a' if code == '18073' else 'b'}"),
                unit=unit(code),
            )

    log("18073")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("audit_log"), {"tab": "transfers"})
    log("18073", "18685", "18685", "18073")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("audit_log"), {"tab": "transfers"})
    assert len(response.context["page"].object_list) == 5
    assert len(many) == len(one)
