"""The inspection pages: draws from the page (reproducible, redrawn only with a reason, scoped),
inspections recorded from a draw, follow-ups tracked to closure, stale edits, and who may do what."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from initiatives.choices import Status
from recognition import draws, services
from recognition.models import Draw, DrawTarget, FollowUp, Inspection, Strata

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def login(login):
    """The root `login`, reading the pages in English: these tests check the messages' meaning."""

    def sign_in(username):
        client = login(username)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return sign_in


def draw_data(unit, **changes):
    data = {
        "unit": unit.pk,
        "year": "2026",
        "target": "units",
        "size": "5",
        "share": "",
        "strata": "",
        "exclude_years": "0",
    }
    data.update(changes)
    return data


def inspection_data(**changes):
    data = {
        "initiative": "",
        "year": "2026",
        "inspected_on": f"{YESTERDAY:%d/%m/%Y}",
        "team": "Nguyễn Văn An\nTrần Thị Bình",
        "initiative_exists": "on",
        "plan_exists": "on",
        "beneficiaries_reported": "12",
        "beneficiaries_met": "8",
        "evidence_checked": "on",
        "findings": "Duy trì đều đặn, sổ sách đầy đủ.",
        "rating": "good",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def make_inspection(unit, persona, **fields) -> Inspection:
    fields = {"year": 2026, "team": "Đoàn kiểm tra Tỉnh đoàn", "inspected_on": datetime.date(2026, 10, 20), **fields}
    inspection = Inspection(unit=unit, **fields)
    return services.save_inspection(inspection, by=persona("prov_officer"))


def version_on(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


# Who


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("inspection_list", "draw_list", "draw_create", "inspection_create"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_viewers_and_communes_do_not_draw(login):
    assert login("prov_viewer").get(reverse("draw_create")).status_code == 403
    assert login("officer_a").get(reverse("draw_create")).status_code == 403
    assert "draw-add" not in login("officer_a").get(reverse("draw_list")).content.decode()


# Draws


def test_the_province_draws_from_the_page_and_the_stored_seed_reproduces_it(login, persona, unit):
    province = unit("42")
    client = login("prov_officer")
    form = client.get(reverse("draw_create")).content.decode()
    assert f'value="{province.pk}" selected' in form  # their own union first
    response = client.post(reverse("draw_create"), draw_data(province, strata="parent", exclude_years="2"))
    draw = Draw.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("draw_detail", args=[draw.pk])
    assert (draw.unit, draw.year, draw.size, draw.strata, draw.exclude_years) == (province, 2026, 5, "parent", 2)
    assert draw.created_by == persona("prov_officer") and len(draw.drawn) == 5 and len(draw.candidates) == 69
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="draw-verified"' in html and draw.seed in html
    assert html.count('data-testid="drawn-row"') == 5
    assert 'data-testid="draw-candidate-count">69<' in html
    # Drawing again with the same seed and parameters gives the same units; another seed, others.
    again = draws.create_draw(
        province, year=2026, size=5, strata=Strata.PARENT, exclude_years=2, seed=draw.seed, by=persona("prov_officer")
    )
    assert again.drawn == draw.drawn and again.candidates == draw.candidates
    assert any(
        draws.create_draw(province, year=2026, size=5, seed=f"khác {n}", by=persona("prov_officer")).drawn != draw.drawn
        for n in range(3)
    )


def test_a_refused_draw_keeps_what_was_typed(login, unit):
    client = login("prov_officer")
    response = client.post(reverse("draw_create"), draw_data(unit("42"), size="7", share="12.5"))
    html = response.content.decode()
    assert response.status_code == 200 and not Draw.objects.exists()
    assert "Give a number or a share, not both." in html
    assert 'value="7"' in html and 'value="12.5"' in html
    response = client.post(reverse("draw_create"), draw_data(unit("42"), size="7", strata="domain"))
    assert "not by domain" in response.content.decode() and not Draw.objects.exists()
    response = client.post(reverse("draw_create"), draw_data(unit("42"), size=""))
    assert "Say how many to draw, or what share." in response.content.decode()


def test_initiatives_are_drawn_by_domain_and_recorded_with_the_reported_beneficiaries(
    login, make_initiative, persona, unit
):
    initiative = make_initiative(status=Status.REPORTED)
    client = login("prov_officer")
    response = client.post(
        reverse("draw_create"), draw_data(unit("42"), target="initiatives", size="", share="100", strata="domain")
    )
    draw = Draw.objects.get()
    assert draw.target == DrawTarget.INITIATIVES and draw.drawn == [initiative.pk]
    html = client.get(response["Location"]).content.decode()
    assert initiative.name in html and "Stratum: Exchange, sharing and spiritual life" in html  # its domain
    link = f"?unit={unit('18073').pk}&amp;draw={draw.pk}&amp;initiative={initiative.pk}"
    assert link in html
    form = client.get(reverse("inspection_create") + link.replace("&amp;", "&")).content.decode()
    assert re.search(r'name="beneficiaries_reported" value="12"', form)  # from its results report
    assert f'<option value="{initiative.pk}" selected>' in form


def test_a_redraw_needs_a_reason_and_links_the_chain(login, persona, unit):
    first = draws.create_draw(unit("42"), year=2025, size=3, by=persona("prov_officer"))
    client = login("prov_officer")
    redraw = reverse("draw_redraw", args=[first.pk])
    response = client.post(redraw, {**draw_data(unit("42"), year="2026", size="3"), "reason": "  "})
    assert response.status_code == 200 and Draw.objects.count() == 1
    html = response.content.decode()
    assert "This field is required." in html and "<details open>" in html
    assert 'name="year" value="2026"' in html  # what was typed stays
    response = client.post(redraw, {**draw_data(unit("42"), year="2026", size="3"), "reason": "Chọn nhầm năm 2025."})
    second = Draw.objects.get(replaces=first)
    assert response["Location"] == reverse("draw_detail", args=[second.pk])
    assert (second.year, second.redraw_reason, second.created_by) == (
        2026,
        "Chọn nhầm năm 2025.",
        persona("prov_officer"),
    )
    old = client.get(reverse("draw_detail", args=[first.pk])).content.decode()
    assert 'data-testid="draw-replaced"' in old and "Chọn nhầm năm 2025." in old
    assert reverse("draw_detail", args=[second.pk]) in old and 'data-testid="redraw-form"' not in old
    assert 'data-testid="record-inspection"' not in old  # a replaced draw is not inspected from
    new = client.get(reverse("draw_detail", args=[second.pk])).content.decode()
    assert reverse("draw_detail", args=[first.pk]) in new and "Chọn nhầm năm 2025." in new
    listed = client.get(reverse("draw_list")).content.decode()
    assert listed.count('data-testid="draw-row"') == 2 and listed.count('data-testid="draw-replaced"') == 1
    # Never replaced twice: the refusal is a message, nothing is drawn.
    response = client.post(redraw, {**draw_data(unit("42"), size="3"), "reason": "Lần nữa"})
    assert response.status_code == 200 and "This draw was already replaced." in response.content.decode()
    assert Draw.objects.count() == 2


def test_the_draw_list_query_count_does_not_grow_with_draws(login, persona, unit, django_assert_max_num_queries):
    draw = None
    for index in range(12):
        reason = f"Lần {index}" if draw else ""
        draw = draws.create_draw(
            unit("42"), year=2026, size=2, by=persona("prov_officer"), replaces=draw, reason=reason
        )
    client = login("prov_viewer")
    with django_assert_max_num_queries(11):
        html = client.get(reverse("draw_list")).content.decode()
    assert html.count('data-testid="draw-row"') == 12 and html.count('data-testid="draw-replaced"') == 11


def test_the_provinces_draw_is_out_of_a_communes_scope(login, persona, unit):
    draw = draws.create_draw(unit("42"), year=2026, size=3, by=persona("prov_officer"))
    assert login("officer_a").get(reverse("draw_detail", args=[draw.pk])).status_code == 404
    assert login("officer_a").post(reverse("draw_redraw", args=[draw.pk]), {"reason": "x"}).status_code == 404
    assert 'data-testid="draw-row"' not in login("officer_a").get(reverse("draw_list")).content.decode()
    assert login("prov_viewer").get(reverse("draw_detail", args=[draw.pk])).status_code == 200
    assert login("prov_viewer").post(reverse("draw_redraw", args=[draw.pk]), {"reason": "x"}).status_code == 403


def test_a_tampered_draw_is_shown_as_not_reproduced(login, persona, unit):
    draw = draws.create_draw(unit("42"), year=2026, size=3, seed="cố định", by=persona("prov_officer"))
    missing = next(pk for pk, _stratum in draw.candidates if pk not in draw.drawn)
    Draw.objects.filter(pk=draw.pk).update(drawn=sorted([*draw.drawn[1:], missing]))
    html = login("prov_viewer").get(reverse("draw_detail", args=[draw.pk])).content.decode()
    assert 'data-testid="draw-not-verified"' in html


# Inspections


def test_an_inspection_is_recorded_from_a_drawn_unit(login, persona, unit):
    thanh_sen = unit("18073")
    draw = draws.create_draw(unit("42"), year=2026, share=100, by=persona("prov_officer"))
    client = login("prov_officer")
    html = client.get(reverse("draw_detail", args=[draw.pk])).content.decode()
    query = f"unit={thanh_sen.pk}&draw={draw.pk}"
    assert query.replace("&", "&amp;") in html
    url = f"{reverse('inspection_create')}?{query}"
    form = client.get(url).content.decode()
    assert thanh_sen.name in form and 'name="year" value="2026"' in form
    response = client.post(url, inspection_data())
    inspection = Inspection.objects.get()
    assert response["Location"] == reverse("inspection_detail", args=[inspection.pk])
    assert (inspection.unit, inspection.draw, inspection.inspected_by) == (thanh_sen, draw, unit("42"))
    assert (inspection.beneficiaries_met, inspection.rating, inspection.created_by) == (
        8,
        "good",
        persona("prov_officer"),
    )
    assert inspection.team == "Nguyễn Văn An\nTrần Thị Bình"
    detail = client.get(response["Location"]).content.decode()
    assert "Trần Thị Bình" in detail and reverse("draw_detail", args=[draw.pk]) in detail
    # The draw's page shows it done.
    assert (
        reverse("inspection_detail", args=[inspection.pk])
        in client.get(reverse("draw_detail", args=[draw.pk])).content.decode()
    )


def test_an_inspection_form_with_errors_keeps_what_was_typed(login, unit):
    client = login("prov_officer")
    url = f"{reverse('inspection_create')}?unit={unit('18073').pk}"
    response = client.post(url, inspection_data(beneficiaries_met="20", findings="Ghi chép của đoàn"))
    html = response.content.decode()
    assert response.status_code == 200 and not Inspection.objects.exists()
    assert "cannot have met more beneficiaries" in html and "Ghi chép của đoàn" in html


def test_a_unit_not_drawn_cannot_borrow_the_draw(login, persona, unit):
    draw = draws.create_draw(unit("42"), year=2026, size=1, seed="một", by=persona("prov_officer"))
    other = next(pk for pk, _stratum in draw.candidates if pk not in draw.drawn)
    url = f"{reverse('inspection_create')}?unit={other}&draw={draw.pk}"
    assert login("prov_officer").get(url).status_code == 404


def test_a_unit_does_not_inspect_itself(login, unit):
    url = f"{reverse('inspection_create')}?unit={unit('18073').pk}"
    assert login("officer_a").get(url).status_code == 403
    assert login("officer_a").post(url, inspection_data()).status_code == 403
    assert not Inspection.objects.exists()
    assert login("prov_viewer").get(url).status_code == 403
    assert login("officer_b").get(url).status_code == 404
    assert login("officer_a").get(reverse("inspection_create")).status_code == 403  # nobody below to inspect


def test_the_inspected_unit_reads_its_inspections_and_the_stranger_gets_404(login, persona, unit):
    inspection = make_inspection(unit("18073"), persona, findings="Cần bổ sung sổ")
    make_inspection(unit("18685"), persona, findings="Cẩm Bình ổn")
    html = login("officer_a").get(reverse("inspection_list")).content.decode()
    assert html.count('data-testid="inspection-row"') == 1 and unit("18073").name in html
    detail = login("officer_a").get(reverse("inspection_detail", args=[inspection.pk])).content.decode()
    assert "Cần bổ sung sổ" in detail and 'data-testid="inspection-edit"' not in detail
    assert 'data-testid="follow-up-form"' not in detail
    assert login("officer_a").get(reverse("inspection_edit", args=[inspection.pk])).status_code == 403
    for name, method in (
        ("inspection_detail", "get"),
        ("inspection_edit", "get"),
        ("inspection_edit", "post"),
        ("followup_add", "post"),
    ):
        response = getattr(login("officer_b"), method)(reverse(name, args=[inspection.pk]))
        assert response.status_code == 404, name
    assert login("prov_viewer").get(reverse("inspection_edit", args=[inspection.pk])).status_code == 403
    assert (
        login("prov_viewer").get(reverse("inspection_list")).content.decode().count('data-testid="inspection-row"') == 2
    )


def test_the_list_filters_by_year_rating_and_open_follow_ups(login, persona, unit, django_assert_max_num_queries):
    late = make_inspection(unit("18073"), persona, rating="fair")
    make_inspection(unit("18685"), persona, rating="good", year=2025, inspected_on=datetime.date(2025, 6, 1))
    for index in range(28):
        make_inspection(unit("18073"), persona, rating="excellent", inspected_on=datetime.date(2026, 1, 1 + index))
    FollowUp.objects.create(inspection=late, action="Bổ sung", owner="Bí thư", due_on=datetime.date(2026, 11, 1))
    client = login("prov_officer")
    with django_assert_max_num_queries(11):  # session, user, roles, count, years, units, bell, page, session save
        response = client.get(reverse("inspection_list"))
    assert len(response.context["page"].object_list) == 25

    def rows(**query) -> int:
        return client.get(reverse("inspection_list"), query).content.decode().count('data-testid="inspection-row"')

    assert rows(year="2025") == 1 and rows(rating="fair") == 1 and rows(open="1") == 1
    html = client.get(reverse("inspection_list"), {"open": "1"}).content.decode()
    assert 'data-testid="overdue"' in html  # due 01/11/2026, still open
    partial = client.get(reverse("inspection_list"), {"rating": "fair"}, headers={"HX-Request": "true"})
    assert "<nav" not in partial.content.decode()


# Follow-ups


def test_follow_ups_are_set_by_the_province_and_closed_by_the_unit(login, persona, unit):
    inspection = make_inspection(unit("18073"), persona)
    client = login("prov_officer")
    add = reverse("followup_add", args=[inspection.pk])
    response = client.post(add, {"action": "Cập nhật sổ theo dõi", "owner": "", "due_on": "30/11/2026"})
    assert response.status_code == 200 and "Cập nhật sổ theo dõi" in response.content.decode()  # kept
    assert not FollowUp.objects.exists()
    response = client.post(add, {"action": "Cập nhật sổ theo dõi", "owner": "Bí thư Đoàn", "due_on": "30/11/2026"})
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert login("officer_a").post(add, {"action": "x", "owner": "y", "due_on": "30/12/2026"}).status_code == 403
    # The unit's officer sees it open and overdue (due yesterday), then closes it.
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=YESTERDAY)
    detail = login("officer_a").get(reverse("inspection_detail", args=[inspection.pk])).content.decode()
    assert 'data-testid="follow-up-overdue"' in detail and 'data-testid="follow-up-close"' in detail
    close = reverse("followup_close", args=[follow_up.pk])
    prefix = f"close-{follow_up.pk}"
    response = login("officer_a").post(close, {f"{prefix}-done_on": "", f"{prefix}-note": "Đã cập nhật đủ"})
    assert response.status_code == 200 and "Đã cập nhật đủ" in response.content.decode()
    response = login("officer_a").post(
        close, {f"{prefix}-done_on": f"{TODAY:%d/%m/%Y}", f"{prefix}-note": "Đã cập nhật đủ"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.done_on, follow_up.note) == (TODAY, "Đã cập nhật đủ")
    detail = login("prov_viewer").get(reverse("inspection_detail", args=[inspection.pk])).content.decode()
    assert 'data-testid="follow-up-done"' in detail and 'data-testid="follow-up-overdue"' not in detail
    assert login("officer_b").post(close, {f"{prefix}-done_on": "01/11/2026"}).status_code == 404
    assert login("prov_viewer").post(close, {f"{prefix}-done_on": "01/11/2026"}).status_code == 403


# Edit


def test_a_stale_edit_is_refused_and_the_typed_text_kept(login, persona, unit):
    inspection = make_inspection(unit("18073"), persona, findings="Bản đầu")
    client = login("prov_officer")
    url = reverse("inspection_edit", args=[inspection.pk])
    opened = version_on(client.get(url).content.decode())
    # Someone else saves first.
    inspection.findings = "Bản của người khác"
    services.save_inspection(inspection, by=persona("prov_admin"), expected_version=inspection.version)
    response = client.post(url, {**inspection_data(findings="Điều tôi vừa gõ"), "version": opened})
    html = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this inspection" in html
    assert "Điều tôi vừa gõ" in html
    assert Inspection.objects.get(pk=inspection.pk).findings == "Bản của người khác"
    # Saved again on the current version, it goes through.
    response = client.post(url, {**inspection_data(findings="Điều tôi vừa gõ"), "version": version_on(html)})
    assert response.status_code == 302
    assert Inspection.objects.get(pk=inspection.pk).findings == "Điều tôi vừa gõ"


# On the initiative's page


def test_the_initiative_page_lists_its_inspections(login, make_initiative, persona, unit):
    initiative = make_initiative(status=Status.REPORTED)
    page = reverse("initiative_detail", args=[initiative.pk])
    assert 'data-testid="initiative-inspections"' not in login("officer_a").get(page).content.decode()
    html = login("prov_officer").get(page).content.decode()
    assert f"{reverse('inspection_create')}?initiative={initiative.pk}" in html  # the union above inspects
    inspection = make_inspection(
        unit("18073"), persona, initiative=initiative, beneficiaries_reported=12, beneficiaries_met=9
    )
    html = login("officer_a").get(page).content.decode()
    assert reverse("inspection_detail", args=[inspection.pk]) in html and "9 of 12 beneficiaries met" in html
    assert 'data-testid="initiative-inspect"' not in html
