from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation

from youth.models import Youth

pytestmark = pytest.mark.django_db


def form_data(unit, **changes):
    data = {
        "unit": unit.pk,
        "full_name": "Nguyễn Văn Ân",
        "birth_date": "15/03/2005",
        "birth_year": "",
        "sex": "male",
        "ethnicity": "01",
        "citizen_id": "",
        "phone": "0912 345 678",
        "village": "Tổ dân phố 3",
        "address_detail": "",
        "circumstances": "Mồ côi cha, mẹ ốm nặng",
        "notes": "",
        "status": "supported",
        "status_changed_on": "",
        "group_poverty": "on",
        "poverty__household_kind": "poor",
        "poverty__certificate_year": "2025",
        "need_job": "on",
        "need_job_priority": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_officer_adds_a_record_with_groups_and_needs(login, unit):
    response = login("officer_a").post(reverse("youth_create"), form_data(unit("18073")))
    assert response.status_code == 302
    youth = Youth.objects.get(name_key="nguyen van an")
    assert youth.phone == "0912345678"
    assert youth.birth_year == 2005
    group = youth.groups.get()
    assert (group.group, group.household_kind, group.certificate_year) == ("poverty", "poor", 2025)
    assert youth.needs.get().priority == 1


def test_a_group_is_required_and_typed_text_is_kept(login, unit):
    data = form_data(unit("18073"), group_poverty=None, phone="12345")
    response = login("officer_a").post(reverse("youth_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mồ côi cha, mẹ ốm nặng" in html
    assert not Youth.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("01/01/1800", "Năm sinh phải từ năm 1900 đến năm nay."),
        ("01/01/0001", "Năm sinh phải từ năm 1900 đến năm nay."),
        ("31/12/9999", "Ngày sinh không được là một ngày trong tương lai."),
    ],
    ids=["1800", "year-1", "9999"],
)
def test_a_birth_date_out_of_range_is_refused_on_its_field(login, unit, typed, message):
    # Its year used to reach the database constraint, shown as an English form-wide error.
    response = login("officer_a").post(reverse("youth_create"), form_data(unit("18073"), birth_date=typed))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["birth_date"] == [message]
    assert not form.non_field_errors()
    assert f'value="{typed}"' in response.content.decode()
    assert not Youth.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"status_changed_on": "31/12/9999"}, "status_changed_on", "The date cannot be in the future."),
        ({"status_changed_on": "01/01/0001"}, "status_changed_on", "The date cannot be before 1900."),
        ({"status_changed_on": "01/01/2000"}, "status_changed_on", "The date is before the date of birth."),
        (
            {"birth_date": "", "birth_year": "2005", "status_changed_on": "31/12/2004"},
            "status_changed_on",
            "The date is before the date of birth.",
        ),
        (
            {"group_unemployment": "on", "unemployment__unemployed_since": "31/12/9999"},
            "unemployment__unemployed_since",
            "The date cannot be in the future.",
        ),
        (
            {"group_reintegration": "on", "reintegration__released_on": "01/01/1899"},
            "reintegration__released_on",
            "The date cannot be before 1900.",
        ),
    ],
    ids=["status-9999", "status-year-1", "before-birth", "before-birth-year", "unemployed-9999", "released-1899"],
)
def test_a_date_of_the_persons_life_is_after_the_birth_and_not_ahead(login, unit, changes, field, message):
    response = login("officer_a").post(reverse("youth_create"), form_data(unit("18073"), **changes))
    assert response.status_code == 200
    with translation.override("vi"):
        assert response.context["form"].errors[field] == [translation.gettext(message)]
    assert f'value="{changes[field]}"' in response.content.decode()
    assert not Youth.objects.exists()


def test_the_date_of_an_unticked_group_is_not_checked(login, unit):
    data = form_data(unit("18073"), unemployment__unemployed_since="31/12/9999")
    assert login("officer_a").post(reverse("youth_create"), data).status_code == 302


def test_search_ignores_diacritics_and_case(login, make_youth):
    make_youth("Nguyễn Văn Ân", phone="0912345678")
    make_youth("Trần Thị Bình")
    client = login("officer_a")
    for query in ("nguyen van an", "NGUYEN VĂN ÂN", "Nguyễn Văn Ân", "0912 345 678", "+84912345678"):
        html = client.get(reverse("youth_list"), {"q": query}).content.decode()
        assert "Nguyễn Văn Ân" in html, query
        assert "Trần Thị Bình" not in html, query


def test_list_is_in_vietnamese_name_order(login, make_youth):
    for name in ("Trần Văn Bình", "Lê Thị An", "Nguyễn Ánh", "Phạm Ân"):
        make_youth(name)
    html = login("officer_a").get(reverse("youth_list")).content.decode()
    positions = [html.index(name) for name in ("Lê Thị An", "Nguyễn Ánh", "Phạm Ân", "Trần Văn Bình")]
    assert positions == sorted(positions)


def test_filters_and_counts_per_group(login, make_youth):
    make_youth("Nguyễn Văn A", groups={"disability": {"disability_kind": "mobility"}, "poverty": {}})
    make_youth("Nguyễn Văn B", groups={"unemployment": {}})
    client = login("officer_a")
    response = client.get(reverse("youth_list"), {"group": "disability"})
    html = response.content.decode()
    assert "Nguyễn Văn A" in html and "Nguyễn Văn B" not in html
    counts = {code: n for code, _label, n in response.context["group_counts"]}
    assert counts["disability"] == 1 and counts["poverty"] == 1 and counts["unemployment"] == 0


def test_the_list_is_scoped(login, make_youth):
    make_youth("Người Ở Thành Sen")
    make_youth("Người Ở Cẩm Bình", code="18685", by="officer_b")
    html = login("officer_a").get(reverse("youth_list")).content.decode()
    assert "Người Ở Thành Sen" in html and "Người Ở Cẩm Bình" not in html
    html = login("prov_viewer").get(reverse("youth_list")).content.decode()
    assert "Người Ở Thành Sen" in html and "Người Ở Cẩm Bình" in html


def test_list_query_count_does_not_grow_with_rows(login, make_youth, django_assert_max_num_queries):
    for index in range(30):
        make_youth(f"Nguyễn Văn Số {index}")
    client = login("officer_a")
    with django_assert_max_num_queries(12):
        client.get(reverse("youth_list"))


def test_viewer_sees_sensitive_details_masked(login, make_youth):
    youth = make_youth("Nguyễn Văn Ân", citizen_id="042205001234", circumstances="Bí mật hoàn cảnh", sex="male")
    html = login("prov_viewer").get(reverse("youth_detail", args=[youth.pk])).content.decode()
    assert "Bí mật hoàn cảnh" not in html
    assert "042205001234" not in html
    assert "0422••••••34" in html
    html = login("prov_officer").get(reverse("youth_detail", args=[youth.pk])).content.decode()
    assert "Bí mật hoàn cảnh" in html and "042205001234" in html


def test_every_full_view_is_audited(login, make_youth, persona):
    youth = make_youth("Nguyễn Văn Ân")
    login("officer_a").get(reverse("youth_detail", args=[youth.pk]))
    login("prov_viewer").get(reverse("youth_detail", args=[youth.pk]))  # masked: not a full view
    views = LogEntry.objects.get_for_object(youth).filter(action=LogEntry.Action.ACCESS)
    assert [entry.actor for entry in views] == [persona("officer_a")]


def test_stranger_gets_404_and_viewer_403(login, make_youth):
    youth = make_youth("Nguyễn Văn Ân")
    assert login("officer_b").get(reverse("youth_detail", args=[youth.pk])).status_code == 404
    assert login("officer_b").get(reverse("youth_edit", args=[youth.pk])).status_code == 404
    assert login("prov_viewer").get(reverse("youth_edit", args=[youth.pk])).status_code == 403
    assert login("prov_viewer").post(reverse("youth_delete", args=[youth.pk]), {"reason": "x"}).status_code == 403


def test_a_likely_duplicate_is_warned_and_can_be_confirmed(login, make_youth, unit):
    make_youth("Nguyễn Văn Ân", code="18685", by="officer_b", birth_date=None, birth_year=2005)
    client = login("officer_a")
    response = client.post(reverse("youth_create"), form_data(unit("18073")))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đoàn xã Cẩm Bình" in html  # where the other record is; no personal details from there
    assert Youth.objects.count() == 1
    response = client.post(reverse("youth_create"), form_data(unit("18073"), confirm_duplicates="1"))
    assert response.status_code == 302
    assert Youth.objects.count() == 2


def test_a_stale_edit_is_refused_and_the_text_kept(login, make_youth, unit):
    youth = make_youth("Nguyễn Văn Ân")
    client = login("officer_a")
    stale = form_data(unit("18073"), version=youth.version, full_name="Tên mới của tôi")
    client.post(reverse("youth_edit", args=[youth.pk]), form_data(unit("18073"), version=youth.version))
    response = client.post(reverse("youth_edit", args=[youth.pk]), stale)
    assert response.status_code == 200
    assert "Tên mới của tôi" in response.content.decode()
    assert Youth.objects.get(pk=youth.pk).full_name == "Nguyễn Văn Ân"


def test_delete_restore_and_history(login, make_youth):
    youth = make_youth("Nguyễn Văn Ân")
    client = login("officer_a")
    client.post(reverse("youth_delete", args=[youth.pk]), {"reason": "Nhập trùng"})
    assert "Nguyễn Văn Ân" not in client.get(reverse("youth_list")).content.decode()
    assert "Nhập trùng" in client.get(reverse("youth_bin")).content.decode()
    assert client.get(reverse("youth_detail", args=[youth.pk])).status_code == 404
    client.post(reverse("youth_restore", args=[youth.pk]))
    html = client.get(reverse("youth_detail", args=[youth.pk])).content.decode()
    assert "Nguyễn Văn Ân" in html


def test_purge_erases_personal_data_and_keeps_anonymous_counts(login, make_youth):
    youth = make_youth("Nguyễn Văn Ân", phone="0912345678", circumstances="Hoàn cảnh riêng", sex="male")
    login("officer_a").post(reverse("youth_delete", args=[youth.pk]), {"reason": "Yêu cầu xoá dữ liệu"})
    assert login("officer_a").post(reverse("youth_purge", args=[youth.pk]), {"confirm": "1"}).status_code == 403
    login("admin_a").post(reverse("youth_purge", args=[youth.pk]), {"confirm": "1"})
    youth.refresh_from_db()
    assert (youth.full_name, youth.phone, youth.circumstances) == ("", "", "")
    assert youth.purged_at is not None
    assert (youth.birth_year, youth.sex, youth.unit.code) == (2004, "male", "18073")
    assert list(youth.groups.values_list("group", "household_kind")) == [("poverty", "")]
    assert not LogEntry.objects.get_for_object(youth).filter(changes_text__contains="Ân").exists()
    assert all(entry.changes is None for entry in LogEntry.objects.get_for_object(youth))


def test_merge_moves_groups_and_keeps_history(login, make_youth):
    keep = make_youth("Nguyễn Văn Ân", groups={"poverty": {}})
    remove = make_youth("Nguyễn Văn Ân", groups={"unemployment": {}}, phone="0912345678")
    client = login("officer_a")
    client.post(reverse("youth_merge", args=[keep.pk]), {"other": remove.pk})
    keep.refresh_from_db()
    remove.refresh_from_db()
    assert set(keep.groups.values_list("group", flat=True)) == {"poverty", "unemployment"}
    assert keep.phone == "0912345678"
    assert remove.merged_into == keep and remove.deleted_at is not None
    assert LogEntry.objects.get_for_object(remove).exists()


def test_consent_for_a_child_needs_a_guardian(login, make_youth):
    child = make_youth("Lê Văn Nhỏ", birth_date=None, birth_year=2015)
    client = login("officer_a")
    data = {"by_subject": "on", "given_on": "01/09/2026", "method": "written", "for_support": "on"}
    response = client.post(reverse("consent_add", args=[child.pk]), data)
    assert response.status_code == 200
    assert not child.consents.exists()
    client.post(reverse("consent_add", args=[child.pk]), {**data, "by_guardian": "on", "guardian_name": "Lê Văn Bố"})
    child.refresh_from_db()
    assert child.consent_state == "given"


def test_consent_is_never_pre_ticked(login, make_youth):
    youth = make_youth("Nguyễn Văn Ân")
    html = login("officer_a").get(reverse("consent_add", args=[youth.pk])).content.decode()
    assert "checked" not in html


def test_withdrawal_is_recorded(login, make_youth):
    youth = make_youth("Nguyễn Văn Ân")
    client = login("officer_a")
    data = {"by_subject": "on", "given_on": "01/09/2026", "method": "verbal", "for_reporting": "on"}
    client.post(reverse("consent_add", args=[youth.pk]), data)
    consent = youth.consents.get()
    client.post(reverse("consent_withdraw", args=[consent.pk]), {"withdrawn_on": "02/10/2026", "note": "Không muốn"})
    youth.refresh_from_db()
    consent.refresh_from_db()
    assert youth.consent_state == "withdrawn"
    assert str(consent.withdrawn_on) == "2026-10-02"


def test_a_second_withdrawal_from_a_stale_page_is_refused(login, make_youth):
    youth = make_youth("Nguyễn Văn Ân")
    first, second = login("officer_a"), login("prov_officer")
    data = {"by_subject": "on", "given_on": "01/09/2026", "method": "verbal", "for_reporting": "on"}
    first.post(reverse("consent_add", args=[youth.pk]), data)
    consent = youth.consents.get()
    url = reverse("consent_withdraw", args=[consent.pk])
    first.post(url, {"withdrawn_on": "02/10/2026", "note": "Không muốn"})
    response = second.post(url, {"withdrawn_on": "05/10/2026", "note": "Chuyển đi nơi khác"}, follow=True)
    html = response.content.decode()
    assert "Someone else recorded the withdrawal" in html or "Người khác vừa ghi nhận" in html
    consent.refresh_from_db()
    assert (str(consent.withdrawn_on), consent.withdrawal_note) == ("2026-10-02", "Không muốn")
