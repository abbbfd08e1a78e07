"""The initiative pages: list, create and edit, transitions, steps, activities, beneficiaries,
replication, the timeline and the support history on a young person's page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from initiatives import services, workflow
from initiatives.choices import Status
from initiatives.models import Activity, Beneficiary, Initiative, StepEntry
from initiatives.tests.conftest import complete_results

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def form_data(**changes):
    data = {
        "unit": "",
        "name": "Câu lạc bộ “Vươn lên” cho thanh niên khuyết tật",
        "domain": "social",
        "kind": "self_help_group",
        "kind_other": "",
        "groups": ["disability"],
        "years": [str(THIS_YEAR)],
        "coordinating_units": [],
        "partners": "Hội Người khuyết tật phường",
        "person_in_charge": "Trần Thị Hoa",
        "person_in_charge_phone": "0912 345 678",
        "area": "Tổ dân phố 3",
        "start_date": "01/03/2026",
        "end_date": "",
        "content": "Sinh hoạt định kỳ hằng tháng.",
        "expected_results": "10 thanh niên tham gia thường xuyên.",
        "plan": "",
        "unnamed_beneficiaries": "2",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def version_on(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


# The list


def test_the_list_is_scoped(login, make_initiative, persona, unit):
    make_initiative("Mô hình Thành Sen")
    services.create_initiative(
        unit("18685"),
        {"name": "Mô hình Cẩm Bình", "domain": "health", "kind": "insurance_cards", "content": "c"},
        by=persona("officer_b"),
        years=[2026],
    )
    html = login("officer_a").get(reverse("initiative_list")).content.decode()
    assert "Mô hình Thành Sen" in html and "Mô hình Cẩm Bình" not in html
    html = login("prov_viewer").get(reverse("initiative_list")).content.decode()
    assert "Mô hình Thành Sen" in html and "Mô hình Cẩm Bình" in html


def test_search_ignores_diacritics_and_case(login, make_initiative):
    make_initiative("Câu lạc bộ Đồng hành")
    make_initiative("Quỹ khởi nghiệp", domain="livelihood", kind="fund")
    client = login("officer_a")
    for query in ("cau lac bo dong hanh", "CÂU LẠC BỘ", "dong hanh", "Đồng Hành"):
        html = client.get(reverse("initiative_list"), {"q": query}).content.decode()
        assert "Câu lạc bộ Đồng hành" in html, query
        assert "Quỹ khởi nghiệp" not in html, query


def test_filters_and_counts_per_status(login, make_initiative, persona, unit):
    make_initiative("Mô hình nháp")
    make_initiative("Quỹ đã đăng ký", status=Status.REGISTERED, domain="livelihood", kind="fund")
    old = make_initiative("Mô hình năm trước", status=Status.ACCEPTED)
    services.update_initiative(old, {}, years=[2024], expected_version=old.version, by=persona("officer_a"))
    services.create_initiative(
        unit("18073"),
        {"name": "Thẻ BHYT cho thanh niên nghèo", "domain": "health", "kind": "insurance_cards", "content": "c"},
        by=persona("officer_a"),
        groups=["poverty"],
        years=[2026],
    )
    client = login("prov_officer")

    def names(**params):
        response = client.get(reverse("initiative_list"), params)
        return {i.name for i in response.context["page"].object_list}, response

    assert names(year="2024")[0] == {"Mô hình năm trước"}
    assert names(domain="livelihood")[0] == {"Quỹ đã đăng ký"}
    assert names(group="poverty")[0] == {"Thẻ BHYT cho thanh niên nghèo"}
    assert names(unit=unit("18685").pk)[0] == set()
    assert "Mô hình nháp" in names(unit=unit("18073").pk)[0]
    found, response = names(status="registered")
    assert found == {"Quỹ đã đăng ký"}
    counts = {code: n for code, _label, n in response.context["status_counts"]}
    assert (counts["draft"], counts["registered"], counts["accepted"]) == (2, 1, 1)
    assert login("officer_b").get(reverse("initiative_list"), {"unit": unit("18073").pk}).status_code == 404


def test_list_query_count_does_not_grow_with_rows(login, make_initiative, django_assert_max_num_queries):
    for index in range(30):
        make_initiative(f"Mô hình số {index}")
    client = login("officer_a")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("initiative_list"))
    assert len(response.context["page"].object_list) == 25


def test_the_list_answers_htmx_with_the_results_only(login, make_initiative):
    make_initiative("Câu lạc bộ Đồng hành")
    response = login("officer_a").get(reverse("initiative_list"), {"q": "dong"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Câu lạc bộ Đồng hành" in html and "<nav" not in html


# Create and edit


def test_officer_creates_an_initiative(login, unit):
    data = form_data(unit=unit("18073").pk, groups=["disability", "poverty"], coordinating_units=[unit("18685").pk])
    response = login("officer_a").post(reverse("initiative_create"), data)
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert response["Location"] == reverse("initiative_detail", args=[initiative.pk])
    assert initiative.unit == unit("18073") and initiative.status == Status.DRAFT
    assert set(initiative.target_groups) == {"disability", "poverty"}
    assert initiative.year_list == [THIS_YEAR]
    assert list(initiative.coordinating_units.all()) == [unit("18685")]
    assert initiative.person_in_charge_phone == "0912345678"


def test_the_new_form_offers_this_year_and_the_kinds_by_domain(login):
    html = login("officer_a").get(reverse("initiative_create")).content.decode()
    assert re.search(rf'value="{THIS_YEAR}"[^>]*checked', html)
    assert "<optgroup" in html


def test_a_kind_of_another_domain_is_refused_and_the_text_kept(login, unit):
    data = form_data(unit=unit("18073").pk, domain="health", kind="fund", content="Nội dung tôi đã gõ")
    response = login("officer_a").post(reverse("initiative_create"), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("kind")
    assert "Nội dung tôi đã gõ" in response.content.decode()
    assert not Initiative.objects.exists()


def test_other_kind_needs_a_name_and_groups_are_required(login, unit):
    response = login("officer_a").post(
        reverse("initiative_create"), form_data(unit=unit("18073").pk, kind="other", groups=[])
    )
    form = response.context["form"]
    assert form.has_error("kind_other") and form.has_error("groups")


START_RANGE = (
    "The start date must fall between %(first)s and %(last)s.",
    f"01/01/{THIS_YEAR - 10}",
    f"31/12/{THIS_YEAR}",
)
END_RANGE = ("The end date cannot be after %(last)s.", "", f"31/12/{THIS_YEAR + 5}")


@pytest.mark.parametrize(
    ("start", "end", "field", "rule"),
    [
        ("01/01/0001", "31/12/9999", "start_date", START_RANGE),
        ("01/01/0001", "31/12/9999", "end_date", END_RANGE),
        ("31/12/9999", "", "start_date", START_RANGE),
        ("01/01/1900", "02/01/1900", "start_date", START_RANGE),
        (f"01/03/{THIS_YEAR - 11}", "", "start_date", START_RANGE),
        (f"01/03/{THIS_YEAR + 1}", "", "start_date", START_RANGE),
    ],
    ids=["year-1", "end-9999", "start-9999", "1900", "11-years-before", "after-its-year"],
)
def test_dates_far_from_the_registered_year_are_refused_and_kept(login, unit, start, end, field, rule):
    data = form_data(unit=unit("18073").pk, start_date=start, end_date=end)
    response = login("officer_a").post(reverse("initiative_create"), data)
    assert response.status_code == 200
    message, first, last = rule
    with translation.override("vi"):
        assert response.context["form"].errors[field] == [translation.gettext(message) % {"first": first, "last": last}]
    assert f'value="{start}"' in response.content.decode()
    assert not Initiative.objects.exists()


def test_dates_at_the_edges_of_the_range_are_accepted(login, unit):
    data = form_data(unit=unit("18073").pk, start_date=f"01/01/{THIS_YEAR - 10}", end_date=f"31/12/{THIS_YEAR + 5}")
    assert login("officer_a").post(reverse("initiative_create"), data).status_code == 302


def test_officer_cannot_create_in_a_unit_outside_their_scope(login, unit):
    response = login("officer_a").post(reverse("initiative_create"), form_data(unit=unit("18685").pk))
    assert response.status_code == 200 and response.context["form"].has_error("unit")
    assert not Initiative.objects.exists()


def test_anonymous_is_sent_to_sign_in_stranger_gets_404_viewer_403(client, login, make_initiative):
    initiative = make_initiative()
    response = client.get(reverse("initiative_detail", args=[initiative.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert login("officer_b").get(reverse("initiative_detail", args=[initiative.pk])).status_code == 404
    assert login("officer_b").get(reverse("initiative_edit", args=[initiative.pk])).status_code == 404
    assert login("prov_viewer").get(reverse("initiative_detail", args=[initiative.pk])).status_code == 200
    assert login("prov_viewer").get(reverse("initiative_edit", args=[initiative.pk])).status_code == 403
    assert login("prov_viewer").get(reverse("initiative_create")).status_code == 403


def test_two_officers_edit_at_once_and_the_later_save_is_refused_with_the_text_kept(login, make_initiative):
    initiative = make_initiative(status=Status.ACCEPTED)
    url = reverse("initiative_edit", args=[initiative.pk])
    seen_by_a = version_on(login("officer_a").get(url).content.decode())
    seen_by_province = version_on(login("prov_officer").get(url).content.decode())
    assert seen_by_a == seen_by_province

    client = login("officer_a")
    response = client.post(url, form_data(version=seen_by_a, area="Tổ dân phố 5"))
    assert response.status_code == 302

    client = login("prov_officer")
    response = client.post(url, form_data(version=seen_by_province, area="Toàn phường", plan="Kế hoạch tôi vừa gõ"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this initiative" in html or "người khác" in html.lower()
    assert "Kế hoạch tôi vừa gõ" in html and "Toàn phường" in html
    initiative.refresh_from_db()
    assert initiative.area == "Tổ dân phố 5" and initiative.plan == ""
    # Saving again, knowingly, on the version the refusal showed, goes through.
    retry = form_data(version=version_on(html), area="Toàn phường", plan="Kế hoạch tôi vừa gõ")
    assert client.post(url, retry).status_code == 302
    initiative.refresh_from_db()
    assert initiative.area == "Toàn phường"


def test_a_change_to_a_part_makes_an_open_edit_form_stale(login, make_initiative, make_youth):
    initiative = make_initiative()
    client = login("officer_a")
    url = reverse("initiative_edit", args=[initiative.pk])
    seen = version_on(client.get(url).content.decode())
    client.post(reverse("step_add", args=[initiative.pk]), {"step": "2", "done_on": "02/02/2026", "note": "Ý tưởng"})
    assert client.post(url, form_data(version=seen)).status_code == 200


def test_results_are_filed_on_their_own_form_once_accepted(login, make_initiative):
    draft = make_initiative()
    client = login("officer_a")
    assert client.get(reverse("initiative_results", args=[draft.pk])).status_code == 302
    initiative = make_initiative("Mô hình đang làm", status=Status.UNDER_WAY)
    url = reverse("initiative_results", args=[initiative.pk])
    seen = version_on(client.get(url).content.decode())
    data = {"version": seen, "results": "15 thanh niên có việc làm.", "supported_count": "15"}
    assert client.post(url, data).status_code == 302
    initiative.refresh_from_db()
    assert (initiative.results, initiative.supported_count) == ("15 thanh niên có việc làm.", 15)
    stale = client.post(url, {**data, "results": "Bản cũ của tôi"})
    assert stale.status_code == 200 and "Bản cũ của tôi" in stale.content.decode()


def test_only_a_draft_is_deleted(login, make_initiative):
    registered = make_initiative(status=Status.REGISTERED)
    client = login("officer_a")
    assert client.post(reverse("initiative_delete", args=[registered.pk])).status_code == 302
    assert Initiative.objects.filter(pk=registered.pk).exists()
    draft = make_initiative("Bản nháp")
    assert client.post(reverse("initiative_delete", args=[draft.pk]))["Location"] == reverse("initiative_list")
    assert not Initiative.objects.filter(pk=draft.pk).exists()


# Transitions


def test_transitions_from_the_page(login, make_initiative):
    initiative = make_initiative()
    detail = reverse("initiative_detail", args=[initiative.pk])
    url = reverse("initiative_transition", args=[initiative.pk])
    client = login("officer_a")
    html = client.get(detail).content.decode()
    assert 'value="submit"' in html and 'value="accept"' not in html
    client.post(url, {"action": "submit", "comment": "Kính gửi Tỉnh đoàn", "version": version_on(html)})
    client = login("prov_officer")
    html = client.get(detail).content.decode()
    assert 'value="accept"' in html and 'value="return_for_changes"' in html
    response = client.post(url, {"action": "accept", "version": version_on(html)})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.ACCEPTED
    html = client.get(detail).content.decode()
    assert "Kính gửi Tỉnh đoàn" in html  # the timeline keeps the comment


def test_a_refused_move_says_why_and_keeps_the_comment(login, make_initiative):
    initiative = make_initiative(status=Status.REGISTERED)
    url = reverse("initiative_transition", args=[initiative.pk])
    client = login("prov_officer")
    response = client.post(url, {"action": "return_for_changes", "comment": "   "})
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]]
    # Someone changed it meanwhile: refused, and what was typed is on the page again.
    seen = initiative.version
    services.update_initiative(initiative, {"area": "Phường"}, expected_version=seen, by=initiative.created_by)
    response = client.post(
        url, {"action": "return_for_changes", "comment": "Bổ sung kế hoạch chi tiết", "version": seen}
    )
    assert response.status_code == 200
    assert "Bổ sung kế hoạch chi tiết" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == Status.REGISTERED


def test_a_move_for_another_role_is_forbidden(login, make_initiative):
    initiative = make_initiative(status=Status.REGISTERED)
    url = reverse("initiative_transition", args=[initiative.pk])
    assert login("officer_a").post(url, {"action": "accept"}).status_code == 403
    assert login("prov_viewer").post(url, {"action": "accept"}).status_code == 403
    assert login("officer_b").post(url, {"action": "accept"}).status_code == 404


def test_what_is_missing_before_reporting_is_listed_and_the_report_refused(login, make_initiative, persona):
    initiative = make_initiative(status=Status.UNDER_WAY)
    client = login("officer_a")
    html = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    checklist = re.search(r'data-testid="missing-report">(.*?)</ul>', html, re.S).group(1)
    assert checklist.count("<li>") == 2
    assert re.search(r'value="report"[^>]*disabled', html)
    response = client.post(reverse("initiative_transition", args=[initiative.pk]), {"action": "report"})
    assert response.status_code == 200
    assert Initiative.objects.get(pk=initiative.pk).status == Status.UNDER_WAY
    complete_results(initiative, persona("officer_a"))
    html = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert 'data-testid="missing-report"' not in html
    response = client.post(reverse("initiative_transition", args=[initiative.pk]), {"action": "report"})
    assert response.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).status == Status.REPORTED


# Steps


def test_steps_are_recorded_and_deleted(login, make_initiative, make_youth):
    initiative = make_initiative()
    surveyed = make_youth("Nguyễn Văn Khảo")
    client = login("officer_a")
    url = reverse("step_add", args=[initiative.pk])
    assert 'value="5" selected' in client.get(url, {"step": 5}).content.decode()
    client.post(url, {"step": "1", "done_on": "05/01/2026", "note": "Khảo sát 12 hộ", "youth": [surveyed.pk]})
    client.post(url, {"step": "5", "done_on": "10/02/2026", "reference": "15-CV/ĐTN"})
    response = client.post(url, {"step": "7", "done_on": "10/06/2026", "lessons": "Cần thêm nguồn lực"})
    assert response.status_code == 200 and response.context["form"].has_error("review_kind")
    assert "Cần thêm nguồn lực" in response.content.decode()
    client.post(url, {"step": "7", "done_on": "10/06/2026", "review_kind": "interim", "lessons": "Cần thêm nguồn lực"})
    html = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    for text in ("Khảo sát 12 hộ", "Nguyễn Văn Khảo", "15-CV/ĐTN", "Cần thêm nguồn lực", "10/06/2026"):
        assert text in html
    entry = StepEntry.objects.get(step=5)
    assert entry.review_kind == ""
    client.post(reverse("step_delete", args=[entry.pk]))
    assert not StepEntry.objects.filter(pk=entry.pk).exists()


def test_a_closed_initiative_keeps_its_parts(login, make_initiative):
    initiative = make_initiative(status=Status.CLOSED)
    client = login("officer_a")
    response = client.post(reverse("step_add", args=[initiative.pk]), {"step": "2", "done_on": "01/01/2026"})
    assert response.status_code == 302
    assert not initiative.step_entries.filter(step=2).exists()
    assert client.get(reverse("initiative_edit", args=[initiative.pk])).status_code == 302


# Activities


def test_an_activity_with_the_youth_it_reached_and_its_resources(login, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    reached = make_youth("Lê Thị Mai")
    client = login("officer_a")
    data = {
        "held_on": "15/04/2026",
        "description": "Tặng thẻ BHYT",
        "youth": [reached.pk],
        "unnamed_count": "3",
        "money": "2500000",
        "insurance_cards": "4",
    }
    assert client.post(reverse("activity_add", args=[initiative.pk]), data).status_code == 302
    activity = Activity.objects.get()
    assert list(activity.youth.all()) == [reached]
    assert (activity.money, activity.insurance_cards, activity.gifts) == (2500000, 4, 0)
    assert Beneficiary.objects.filter(initiative=initiative, youth=reached).exists()
    html = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert "Tặng thẻ BHYT" in html and "Lê Thị Mai" in html
    client.post(reverse("activity_delete", args=[activity.pk]))
    assert not Activity.objects.exists()


def test_find_searches_without_saving_and_keeps_the_typed_text(login, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    make_youth("Phạm Văn Tìm")
    data = {"held_on": "15/04/2026", "description": "Mô tả đã gõ", "q": "pham van", "find": "1"}
    response = login("officer_a").post(reverse("activity_add", args=[initiative.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Activity.objects.exists()
    assert "Phạm Văn Tìm" in html and "Mô tả đã gõ" in html and "invalid-feedback" not in html


def test_the_live_search_lists_only_records_the_user_may_see(login, make_initiative, make_youth):
    initiative = make_initiative()
    mine = make_youth("Nguyễn Thị Gần")
    make_youth("Nguyễn Thị Xa", code="18685", by="officer_b")
    url = reverse("initiative_youth_search", args=[initiative.pk])
    html = login("officer_a").get(url, {"q": "nguyen thi"}).content.decode()
    assert "Nguyễn Thị Gần" in html and "Nguyễn Thị Xa" not in html
    html = login("prov_officer").get(url, {"q": "nguyen thi xa", "youth": [mine.pk]}).content.decode()
    assert "Nguyễn Thị Xa" in html
    assert re.search(rf'value="{mine.pk}"[^>]*checked', html)  # picked before: still ticked


# Beneficiaries


def test_beneficiaries_from_two_units_and_one_the_reader_may_not_see(login, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    here = make_youth("Võ Văn Thành", code="18073")
    there = make_youth("Hồ Thị Bình", code="18685", by="officer_b")
    client = login("prov_officer")
    response = client.post(reverse("beneficiary_add", args=[initiative.pk]), {"youth": [here.pk, there.pk]})
    assert response.status_code == 302
    assert set(initiative.beneficiaries.values_list("youth_id", flat=True)) == {here.pk, there.pk}
    html = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert "Võ Văn Thành" in html and "Hồ Thị Bình" in html

    html = login("officer_a").get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert "Võ Văn Thành" in html
    assert "Hồ Thị Bình" not in html
    assert "Đoàn xã Cẩm Bình" in html  # shown only as a young person of that unit


def test_an_officer_cannot_link_someone_they_may_not_see(login, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    there = make_youth("Hồ Thị Bình", code="18685", by="officer_b")
    response = login("officer_a").post(reverse("beneficiary_add", args=[initiative.pk]), {"youth": [there.pk]})
    assert response.status_code == 200 and response.context["form"].has_error("youth")
    assert not initiative.beneficiaries.exists()
    response = login("officer_a").post(reverse("beneficiary_add", args=[initiative.pk]), {})
    assert response.context["form"].has_error("youth")


def test_the_outcome_is_recorded_and_its_note_hidden_from_viewers(login, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    youth = make_youth("Đặng Văn Việc")
    client = login("officer_a")
    client.post(reverse("beneficiary_add", args=[initiative.pk]), {"youth": [youth.pk]})
    beneficiary = Beneficiary.objects.get()
    data = {"outcome": "job", "outcome_on": "20/08/2026", "note": "Làm ở xưởng may, lương 6 triệu", "version": "1"}
    assert client.post(reverse("beneficiary_edit", args=[beneficiary.pk]), data).status_code == 302
    beneficiary.refresh_from_db()
    assert (beneficiary.outcome, str(beneficiary.outcome_on)) == ("job", "2026-08-20")
    assert "Làm ở xưởng may" in client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    html = login("prov_viewer").get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert "Đặng Văn Việc" in html and "Làm ở xưởng may" not in html
    login("officer_a").post(reverse("beneficiary_remove", args=[beneficiary.pk]))
    assert not Beneficiary.objects.exists()


def test_a_stale_outcome_is_refused_and_the_typed_text_kept(login, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    services.add_beneficiaries(initiative, [make_youth("Đặng Văn Việc")], by=initiative.created_by)
    beneficiary = Beneficiary.objects.get()
    url = reverse("beneficiary_edit", args=[beneficiary.pk])
    first, second = login("officer_a"), login("prov_officer")
    opened = second.get(url).context["form"]["version"].value()
    first_data = {"outcome": "job", "outcome_on": "", "note": "Có việc ở xưởng may", "version": opened}
    assert first.post(url, first_data).status_code == 302

    second_data = {"outcome": "course_finished", "outcome_on": "", "note": "Học xong lớp nghề hàn", "version": opened}
    response = second.post(url, second_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Học xong lớp nghề hàn" in html
    assert "Someone else saved this outcome" in html or "Người khác vừa lưu" in html
    beneficiary.refresh_from_db()
    assert (beneficiary.outcome, beneficiary.note) == ("job", "Có việc ở xưởng may")

    # Saving the kept form again is a deliberate choice, made on the current version.
    assert second.post(url, {**second_data, "version": response.context["form"]["version"].value()}).status_code == 302
    beneficiary.refresh_from_db()
    assert (beneficiary.outcome, beneficiary.note) == ("course_finished", "Học xong lớp nghề hàn")


def test_parts_of_an_initiative_out_of_scope_answer_404_and_read_only_403(login, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    login("officer_a").post(reverse("beneficiary_add", args=[initiative.pk]), {"youth": [make_youth("A B").pk]})
    beneficiary = Beneficiary.objects.get()
    url = reverse("beneficiary_edit", args=[beneficiary.pk])
    assert login("officer_b").get(url).status_code == 404
    assert login("prov_viewer").get(url).status_code == 403
    assert login("officer_b").post(reverse("beneficiary_remove", args=[beneficiary.pk])).status_code == 404


# Replication


def test_replication_copies_no_personal_data_and_links_both_ways(login, make_initiative, make_youth, persona):
    source = make_initiative(status=Status.UNDER_WAY, plan="Kế hoạch chi tiết", area="Tổ dân phố 2")
    officer = persona("officer_a")
    services.add_activity(source, {"held_on": timezone.localdate(), "description": "Buổi sinh hoạt"}, by=officer)
    services.add_beneficiaries(source, [make_youth("Trương Văn Nhận")], by=officer)
    complete_results(source, officer)

    response = login("prov_officer").post(reverse("initiative_replicate", args=[source.pk]))
    copy = Initiative.objects.exclude(pk=source.pk).get()
    assert response["Location"] == reverse("initiative_edit", args=[copy.pk])
    assert copy.unit.code == "42" and copy.status == Status.DRAFT and copy.adopted_from == source
    assert (copy.name, copy.plan, copy.content, copy.target_groups) == (
        source.name,
        "Kế hoạch chi tiết",
        source.content,
        source.target_groups,
    )
    assert copy.person_in_charge == "" and copy.area == ""
    assert copy.results == "" and copy.supported_count is None
    assert not copy.beneficiaries.exists() and not copy.activities.exists()
    assert not copy.evidence.exists() and not hasattr(copy, "confirmation")
    assert copy.year_list == [THIS_YEAR]

    html = login("prov_officer").get(reverse("initiative_detail", args=[source.pk])).content.decode()
    assert reverse("initiative_detail", args=[copy.pk]) in html  # replicated in: linked
    html = login("prov_officer").get(reverse("initiative_detail", args=[copy.pk])).content.decode()
    assert reverse("initiative_detail", args=[source.pk]) in html  # adopted from: linked
    html = login("officer_a").get(reverse("initiative_detail", args=[source.pk])).content.decode()
    replicated = re.search(r'data-testid="replicated-in">(.*?)</div>', html, re.S).group(1)
    assert "Tỉnh đoàn Hà Tĩnh" in replicated and "href" not in replicated  # not theirs to see


def test_replication_into_one_of_several_units_asks_which(login, make_initiative, persona, unit):
    from accounts.models import Membership

    source = make_initiative()
    officer = persona("officer_b")
    Membership.objects.create(user=officer, unit=unit("18073"), role="officer")
    client = login("officer_b")
    response = client.post(reverse("initiative_replicate", args=[source.pk]))
    assert response.status_code == 200 and not Initiative.objects.exclude(pk=source.pk).exists()
    response = client.post(reverse("initiative_replicate", args=[source.pk]), {"unit": unit("18685").pk})
    assert response.status_code == 302
    assert Initiative.objects.exclude(pk=source.pk).get().unit == unit("18685")
    assert login("prov_viewer").post(reverse("initiative_replicate", args=[source.pk])).status_code == 403


# Timeline


def test_the_timeline_shows_moves_later_changes_and_activities_newest_first(login, make_initiative, persona):
    initiative = make_initiative(area="Tổ 1")
    officer = persona("officer_a")
    initiative = Initiative.objects.get(pk=initiative.pk)
    services.update_initiative(initiative, {"area": "Tổ 2"}, expected_version=initiative.version, by=officer)
    initiative = workflow.apply(initiative, "submit", by=officer, comment="Xin chủ trương")
    initiative = workflow.apply(initiative, "accept", by=persona("prov_officer"))
    services.update_initiative(initiative, {"area": "Cả phường"}, expected_version=initiative.version, by=officer)
    initiative = workflow.apply(Initiative.objects.get(pk=initiative.pk), "start", by=officer)
    services.add_activity(initiative, {"held_on": timezone.localdate(), "description": "Ra mắt câu lạc bộ"}, by=officer)

    response = login("prov_viewer").get(reverse("initiative_detail", args=[initiative.pk]))
    events = response.context["timeline"]
    kinds = [event.kind for event in events]
    assert kinds.count("transition") == 3 and kinds.count("activity") == 1
    changes = [event for event in events if event.kind == "change"]
    assert len(changes) == 1  # before acceptance: not tracked here
    assert [(old, new) for _label, old, new in changes[0].changes] == [("Tổ 2", "Cả phường")]
    assert [event.at for event in events] == sorted((event.at for event in events), reverse=True)
    html = response.content.decode()
    assert "Xin chủ trương" in html and "Ra mắt câu lạc bộ" in html


def test_a_beneficiary_change_on_the_timeline_names_nobody(login, make_initiative, make_youth, persona):
    initiative = make_initiative(status=Status.UNDER_WAY)
    services.add_beneficiaries(
        initiative, [make_youth("Tên Bí Mật", code="18685", by="officer_b")], by=persona("prov_officer")
    )
    html = login("officer_a").get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert "Tên Bí Mật" not in html


# The young person's support history


def test_a_young_persons_page_lists_the_initiatives_supporting_them(login, make_initiative, make_youth, persona, unit):
    youth = make_youth("Nguyễn Văn Được")
    mine = make_initiative("Mô hình của phường", status=Status.UNDER_WAY)
    services.add_beneficiaries(mine, [youth], by=persona("officer_a"))
    Beneficiary.objects.filter(initiative=mine).update(outcome="job")
    province = services.create_initiative(
        unit("42"),
        {"name": "Mô hình của Tỉnh đoàn", "domain": "livelihood", "kind": "fund", "content": "c"},
        by=persona("prov_officer"),
        years=[2026],
    )
    services.add_beneficiaries(province, [youth], by=persona("prov_officer"))

    html = login("officer_a").get(reverse("youth_detail", args=[youth.pk])).content.decode()
    history = re.search(r'data-testid="support-history">(.*?)</div></div>', html, re.S).group(1)
    assert "Mô hình của phường" in history and "Mô hình của Tỉnh đoàn" not in history
    html = login("prov_viewer").get(reverse("youth_detail", args=[youth.pk])).content.decode()
    assert "Mô hình của phường" in html and "Mô hình của Tỉnh đoàn" in html


def test_detail_query_count_does_not_grow_with_parts(
    login, make_initiative, make_youth, persona, django_assert_max_num_queries
):
    initiative = make_initiative(status=Status.UNDER_WAY)
    officer = persona("officer_a")
    people = [make_youth(f"Nguyễn Văn Số {index}") for index in range(12)]
    for index in range(6):
        services.add_activity(
            initiative,
            {"held_on": timezone.localdate(), "description": f"Hoạt động {index}"},
            by=officer,
            youth=people[:4],
        )
        services.add_step_entry(
            initiative, {"step": index + 1, "done_on": timezone.localdate()}, by=officer, youth=people[:3]
        )
    services.add_beneficiaries(initiative, people, by=officer)
    client = login("officer_a")
    with django_assert_max_num_queries(30):
        client.get(reverse("initiative_detail", args=[initiative.pk]))
