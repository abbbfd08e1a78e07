from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from accounts.models import Membership, User

pytestmark = pytest.mark.django_db


def new_account(unit, **changes):
    data = {
        "username": "bithu_tp1",
        "full_name": "Nguyễn  Thị Hoa",
        "email": "hoa@example.vn",
        "phone": "0912345678",
        "password": "Mat-khau-ban-dau-2026",
        "unit": unit.pk,
        "role": "officer",
    }
    return {**data, **changes}


def test_non_admins_get_403_on_account_pages(login):
    for username in ("prov_viewer", "prov_officer", "officer_a"):
        client = login(username)
        assert client.get(reverse("account_list")).status_code == 403
        assert client.get(reverse("account_create")).status_code == 403


def test_account_pages_of_others_are_404_for_non_admins(login, persona):
    pk = persona("officer_b").pk
    for username in ("prov_viewer", "prov_officer", "officer_a"):
        assert login(username).get(reverse("account_detail", args=[pk])).status_code == 404


def test_commune_admin_lists_only_accounts_of_their_subtree(login):
    html = login("admin_a").get(reverse("account_list")).content.decode()
    assert "officer_a" in html
    assert "officer_b" not in html
    assert "prov_admin" not in html


def test_account_list_is_in_vietnamese_name_order(login, persona):
    for username, name in [("u1", "Trần Văn Bình"), ("u2", "Lê Thị An"), ("u3", "Nguyễn Ánh")]:
        user = User.objects.create(username=username, full_name=name)
        Membership.objects.create(user=user, unit=persona("officer_a").memberships.get().unit, role="viewer")
    html = login("admin_a").get(reverse("account_list")).content.decode()
    assert html.index("Lê Thị An") < html.index("Nguyễn Ánh") < html.index("Trần Văn Bình")


def test_admin_creates_an_account_with_a_role(login, unit, persona):
    response = login("admin_a").post(reverse("account_create"), new_account(unit("18073")))
    assert response.status_code == 302
    user = User.objects.get(username="bithu_tp1")
    assert user.full_name == "Nguyễn Thị Hoa"
    assert user.check_password("Mat-khau-ban-dau-2026")
    membership = user.memberships.get()
    assert (membership.unit, membership.role, membership.granted_by) == (unit("18073"), "officer", persona("admin_a"))
    assert LogEntry.objects.get_for_object(user).filter(actor=persona("admin_a")).exists()


def test_commune_admin_cannot_grant_outside_their_subtree(login, unit):
    response = login("admin_a").post(reverse("account_create"), new_account(unit("18685")))
    assert response.status_code == 200  # not a valid choice
    assert not User.objects.filter(username="bithu_tp1").exists()


def test_bad_input_keeps_what_was_typed(login, unit):
    response = login("admin_a").post(
        reverse("account_create"), new_account(unit("18073"), username="Bí Thư", password="123")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn  Thị Hoa" in html  # exactly as typed
    assert "hoa@example.vn" in html
    assert not User.objects.filter(email="hoa@example.vn").exists()


def test_grant_and_revoke_are_audited(login, unit, persona):
    client = login("prov_admin")
    target = persona("officer_b")
    client.post(reverse("membership_grant", args=[target.pk]), {"unit": unit("18073").pk, "role": "viewer"})
    membership = Membership.objects.get(user=target, unit=unit("18073"))
    assert membership.role == "viewer"
    client.post(reverse("membership_revoke", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entries = LogEntry.objects.filter(additional_data__user="officer_b", actor=persona("prov_admin"))
    assert {e.action for e in entries} == {LogEntry.Action.CREATE, LogEntry.Action.DELETE}


def test_deactivate_and_reactivate(login, persona):
    client = login("prov_admin")
    pk = persona("officer_b").pk
    client.post(reverse("account_set_active", args=[pk]), {"active": "0"})
    assert not persona("officer_b").is_active
    client.post(reverse("account_set_active", args=[pk]), {"active": "1"})
    assert persona("officer_b").is_active


def test_commune_admin_cannot_deactivate_an_account_with_a_role_above_them(login, persona, unit):
    Membership.objects.create(user=persona("prov_officer"), unit=unit("18073"), role="viewer")
    response = login("admin_a").post(reverse("account_set_active", args=[persona("prov_officer").pk]), {"active": "0"})
    assert response.status_code == 403
    assert persona("prov_officer").is_active


def test_admin_cannot_deactivate_themselves(login, persona):
    login("prov_admin").post(reverse("account_set_active", args=[persona("prov_admin").pk]), {"active": "0"})
    assert persona("prov_admin").is_active


def test_an_account_edit_is_saved_and_a_stale_one_refused_with_the_typed_text_kept(login, persona):
    viewer = persona("viewer_a")
    url = reverse("account_edit", args=[viewer.pk])
    first, second = login("prov_admin"), login("admin_a")
    opened = second.get(url).context["form"]["version"].value()
    first_data = {"full_name": "Lê Văn Một", "email": viewer.email, "phone": "", "version": opened}
    assert first.post(url, first_data).status_code == 302

    second_data = {"full_name": "Lê Văn Hai", "email": viewer.email, "phone": "0912345678", "version": opened}
    response = second.post(url, second_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lê Văn Hai" in html and "0912345678" in html
    assert "Someone else saved this account" in html or "Người khác vừa lưu" in html
    viewer.refresh_from_db()
    assert (viewer.full_name, viewer.phone) == ("Lê Văn Một", "")

    # Saving the kept form again is a deliberate choice, made on the current version.
    assert second.post(url, {**second_data, "version": response.context["form"]["version"].value()}).status_code == 302
    viewer.refresh_from_db()
    assert (viewer.full_name, viewer.phone) == ("Lê Văn Hai", "0912345678")
