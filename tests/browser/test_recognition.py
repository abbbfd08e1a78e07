"""Recognition on a phone: the province draws communes to inspect, records the inspection of Thành
Sen from its draw and sets a follow-up, evaluates Thành Sen's reported initiative against the three
criteria and recognises it, and its compliance board then counts Thành Sen as recognised (issue 6).

The draw's seed comes from `secrets`; here it is fixed (one that draws Thành Sen among the five), so
that the inspection is always recorded from the draw page. Everything else is the real draw: the
candidates, the pick, the stored record and its check.
"""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from cycle.models import ProgrammeYear
from initiatives import services, workflow
from initiatives.choices import Status
from initiatives.models import Initiative
from initiatives.tests.conftest import complete_results
from recognition import draws
from recognition.models import Decision, DrawTarget, FollowUp, Inspection, Rating, Strata
from tests.browser.support import (
    expect_clean_phone_page,
    no_errors,
    programme_year_now,
    said,
    screenshot,
    shown,
)
from units.models import Unit, UnitKind

pytestmark = pytest.mark.browser

THANH_SEN = "18073"
UNIT_NAME = "Đoàn phường Thành Sen"
NAME = "Xưởng mộc Vươn lên cho thanh niên khuyết tật phường Thành Sen"
DRAW_SIZE = 5
TEAM = "Nguyễn Văn An, Ban Thanh niên\nPhạm Thị Bình, Văn phòng Tỉnh đoàn"
FINDINGS = "Xưởng hoạt động đều; gặp 10 trong 12 bạn được hỗ trợ. Sổ theo dõi chưa ghi đủ buổi học."
FOLLOW_UP = "Ghi đủ sổ theo dõi các buổi dạy nghề."
FOLLOW_UP_OWNER = "Bí thư Đoàn phường Thành Sen"
COMMENT = "Mô hình hiệu quả, duy trì đều, kế hoạch và báo cáo đầy đủ."
REASON = "Đạt cả ba tiêu chí: hiệu quả và duy trì, có kế hoạch, có báo cáo kết quả được chính quyền xác nhận."


@pytest.fixture
def programme_year(world) -> ProgrammeYear:
    return programme_year_now()


@pytest.fixture
def reported(programme_year) -> Initiative:
    """Thành Sen's initiative for this year, carried out and reported with its results and confirmation."""
    year = programme_year.year
    commune = User.objects.get(username="officer_a")
    province = User.objects.get(username="prov_officer")
    initiative = services.create_initiative(
        Unit.objects.in_force().get(code=THANH_SEN),
        {
            "name": NAME,
            "domain": "livelihood",
            "kind": "job_placement",
            "person_in_charge": "Lê Văn Nam",
            "area": "Phường Thành Sen",
            "start_date": datetime.date(year, 1, 15),
            "content": "Dạy nghề mộc tại xưởng, nhận gia công đồ gỗ.",
            "expected_results": "Mười hai bạn có thu nhập ổn định.",
            "plan": "Tháng 1: chọn học viên; tháng 2–10: dạy nghề; tháng 11: tổng kết.",
        },
        by=commune,
        groups=["disability"],
        years=[year],
    )
    for action, by in (("submit", commune), ("accept", province), ("start", commune)):
        initiative = workflow.apply(initiative, action, by=by)
    complete_results(initiative, commune)
    initiative = workflow.apply(Initiative.objects.get(pk=initiative.pk), "report", by=commune)
    assert initiative.status == Status.REPORTED
    return initiative


@pytest.fixture
def draw_setup(programme_year, monkeypatch) -> SimpleNamespace:
    """The province, Thành Sen, the draw's candidates, and a fixed seed that draws Thành Sen."""
    province = Unit.objects.get(kind=UnitKind.PROVINCE, code="42")
    thanh_sen = Unit.objects.in_force().get(code=THANH_SEN)
    pool = draws.candidates(province, programme_year.year, DrawTarget.UNITS, Strata.NONE, 0)
    assert thanh_sen.pk in {pk for pk, _stratum in pool}
    assert len(pool) > DRAW_SIZE, "the draw should leave some communes out"
    seed = next(s for s in (f"{i:032x}" for i in range(10_000)) if thanh_sen.pk in draws.pick(pool, DRAW_SIZE, s))
    # Only the draws' own `secrets` is replaced: CSP nonces and tokens keep theirs.
    monkeypatch.setattr(draws, "secrets", SimpleNamespace(token_hex=lambda nbytes=None: seed))
    return SimpleNamespace(province=province, thanh_sen=thanh_sen, candidates=len(pool), seed=seed)


def recognised_tile(page, year: int):
    """The compliance board of the province, and its 'recognised' tile."""
    page.goto(f"/cycle/{year}/compliance/")
    expect(page.get_by_test_id("tiles")).to_be_visible()
    return page.locator("[data-testid='tiles'] [data-tile='recognised']")


def test_province_draws_inspects_evaluates_and_recognises(
    sign_in, console_errors, programme_year, reported, draw_setup
):
    year = programme_year.year
    today = timezone.localdate()
    thanh_sen = draw_setup.thanh_sen
    page = sign_in("prov_officer")

    # (1) Nothing is recognised yet on the province's compliance board.
    tile = recognised_tile(page, year)
    expect(tile).to_have_attribute("data-count", "0")
    expect(tile.get_by_test_id("recognised-none")).to_be_visible()
    expect_clean_phone_page(page, console_errors, "the compliance board")

    # (2) The province draws five communes to inspect this year.
    page.goto("/inspections/draws/")
    expect(page.get_by_test_id("draw-row")).to_have_count(0)
    expect_clean_phone_page(page, console_errors, "the draws page")
    with page.expect_navigation():
        page.get_by_test_id("draw-add").click()
    form = page.get_by_test_id("draw-form")
    form.locator("select[name='unit']").select_option(str(draw_setup.province.pk))
    expect(form.locator("input[name='year']")).to_have_value(str(year))
    form.locator(f"input[name='target'][value='{DrawTarget.UNITS.value}']").check()
    form.locator("input[name='size']").fill(str(DRAW_SIZE))
    expect(form.locator("input[name='strata'][value='']")).to_be_checked()
    expect_clean_phone_page(page, console_errors, "the draw form")
    with page.expect_navigation():
        page.get_by_test_id("draw-submit").click()

    expect(page).to_have_url(re.compile(r"/inspections/draws/\d+/$"))
    draw_url = page.url
    expect(page.get_by_test_id("draw-verified")).to_be_visible()
    expect(page.get_by_test_id("draw-not-verified")).to_have_count(0)
    expect(page.get_by_test_id("draw-seed")).to_have_text(draw_setup.seed)
    expect(page.get_by_test_id("draw-candidate-count")).to_have_text(str(draw_setup.candidates))
    drawn = page.get_by_test_id("drawn-row")
    expect(drawn).to_have_count(DRAW_SIZE)
    expect(page.get_by_test_id("record-inspection")).to_have_count(DRAW_SIZE)
    row = drawn.filter(has=page.locator(f"a[href*='unit={thanh_sen.pk}&']"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(UNIT_NAME)
    expect_clean_phone_page(page, console_errors, "the draw page")
    screenshot(page, "draw-phone")

    # (3) It records the inspection of Thành Sen from the draw: team, date, checklist, findings, rating.
    with page.expect_navigation():
        row.get_by_test_id("record-inspection").click()
    expect(page.get_by_test_id("inspection-context")).to_contain_text(UNIT_NAME)
    form = page.get_by_test_id("inspection-form")
    form.locator("select[name='initiative']").select_option(str(reported.pk))
    form.locator("input[name='inspected_on']").fill(f"{today:%d/%m/%Y}")
    expect(form.locator("input[name='year']")).to_have_value(str(year))
    form.locator("textarea[name='team']").fill(TEAM)
    for box in ("initiative_exists", "plan_exists", "evidence_checked"):
        form.locator(f"input[name='{box}']").check()
    form.locator("input[name='beneficiaries_reported']").fill("12")
    form.locator("input[name='beneficiaries_met']").fill("10")
    form.locator("textarea[name='findings']").fill(FINDINGS)
    form.locator("select[name='rating']").select_option(Rating.GOOD.value)
    expect_clean_phone_page(page, console_errors, "the inspection form")
    with page.expect_navigation():
        page.get_by_test_id("inspection-save").click()

    expect(page).to_have_url(re.compile(r"/inspections/\d+/$"))
    inspection_path = re.sub(r"^https?://[^/]+", "", page.url)
    expect(page.get_by_test_id("inspection-title")).to_contain_text(UNIT_NAME)
    expect(page.get_by_test_id("inspection-rating")).to_have_text(shown(Rating.GOOD))
    expect(page.get_by_test_id("inspection-draw")).to_be_visible()
    expect(page.get_by_test_id("inspection-met")).to_contain_text("10")
    expect(page.get_by_test_id("inspection-checklist")).to_contain_text(NAME)
    expect(page.get_by_test_id("inspection-checklist")).to_contain_text("Phạm Thị Bình")
    expect(page.get_by_test_id("inspection-findings")).to_contain_text(FINDINGS)

    # ... and a follow-up action for the commune, due in a month.
    follow_ups = page.get_by_test_id("follow-ups")
    expect(follow_ups.get_by_test_id("follow-up")).to_have_count(0)
    follow_ups.locator("details:has([data-testid='follow-up-form']) > summary").click()
    form = page.get_by_test_id("follow-up-form")
    form.locator("textarea[name='action']").fill(FOLLOW_UP)
    form.locator("input[name='owner']").fill(FOLLOW_UP_OWNER)
    form.locator("input[name='due_on']").fill(f"{today + datetime.timedelta(days=30):%d/%m/%Y}")
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    added = page.get_by_test_id("follow-ups").get_by_test_id("follow-up")
    expect(added).to_have_count(1)
    expect(added).to_contain_text(FOLLOW_UP)
    expect(added).to_contain_text(FOLLOW_UP_OWNER)
    expect(added.get_by_test_id("follow-up-overdue")).to_have_count(0)
    expect_clean_phone_page(page, console_errors, "the inspection page")
    screenshot(page, "inspection-phone")

    # The draw shows Thành Sen inspected, with its rating.
    page.goto(draw_url)
    row = page.get_by_test_id("drawn-row").filter(has=page.locator(f"a[href*='unit={thanh_sen.pk}&']"))
    expect(row).to_contain_text(shown(Rating.GOOD))
    expect(row.locator(f"a[href='{inspection_path}']")).to_have_count(1)

    # (4) From the initiative's page (its inspection listed) to its evaluation.
    page.goto(f"/initiatives/{reported.pk}/")
    listed = page.get_by_test_id("initiative-inspections").get_by_test_id("initiative-inspection")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(shown(Rating.GOOD))
    expect_clean_phone_page(page, console_errors, "the initiative page")
    with page.expect_navigation():
        page.get_by_test_id(f"evaluate-{year}").click()
    expect(page).to_have_url(re.compile(rf"/recognition/initiatives/{reported.pk}/evaluate/\?year={year}$"))
    expect(page.get_by_test_id("evaluation-title")).to_contain_text(NAME)

    # The pre-checks: the year, the inspection and its rating, the plan, a complete and confirmed report.
    expect(page.get_by_test_id("check-years")).to_have_text(str(year))
    inspection_check = page.get_by_test_id("check-inspection")
    expect(inspection_check).to_contain_text(f"{today:%d/%m/%Y}")
    expect(inspection_check).to_contain_text(shown(Rating.GOOD))
    expect(page.get_by_test_id("check-plan").locator(".bi-check-square")).to_have_count(1)
    report = page.get_by_test_id("check-report")
    expect(report.locator("li")).to_have_count(7)
    expect(report.locator(".bi-x-square")).to_have_count(0)
    expect(page.get_by_test_id("check-confirmed").locator(".bi-patch-check")).to_have_count(1)
    expect_clean_phone_page(page, console_errors, "the evaluation page")

    # An assessment: (b) and (c) come ticked from the pre-checks; (a) is the evaluator's.
    form = page.get_by_test_id("evaluation-form")
    expect(form.locator("input[name='has_plan']")).to_be_checked()
    expect(form.locator("input[name='has_report']")).to_be_checked()
    expect(form.locator("input[name='effective']")).not_to_be_checked()
    form.locator("input[name='effective']").check()
    form.locator("input[name='score']").fill("85")
    form.locator("textarea[name='comment']").fill(COMMENT)
    with page.expect_navigation():
        page.get_by_test_id("evaluation-save").click()
    assessed = page.get_by_test_id("evaluation-row")
    expect(assessed).to_have_count(1)
    expect(assessed).to_contain_text("85")
    expect(assessed).to_contain_text(COMMENT)

    # The decision: recognised, with the reason.
    expect(page.get_by_test_id("no-decision")).to_be_visible()
    form = page.get_by_test_id("decision-form")
    form.locator("input[name='recognised'][value='yes']").check()
    form.locator("textarea[name='reason']").fill(REASON)
    with page.expect_navigation():
        page.get_by_test_id("decision-save").click()
    decision = page.get_by_test_id("current-decision")
    expect(decision).to_contain_text(said("Recognised"))
    expect(decision).to_contain_text(REASON)
    expect(page.get_by_test_id("no-decision")).to_have_count(0)
    expect_clean_phone_page(page, console_errors, "the evaluation page, decided")
    screenshot(page, "evaluation-phone")

    # (5) The board now counts Thành Sen as recognised, and its list shows it.
    tile = recognised_tile(page, year)
    expect(tile).to_have_attribute("data-count", "1")
    expect(tile.get_by_test_id("recognised-none")).to_have_count(0)
    with page.expect_navigation():
        tile.click()
    rows = page.get_by_test_id("compliance-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(UNIT_NAME)
    expect(page.get_by_test_id("shown-count")).to_have_text("1")
    expect_clean_phone_page(page, console_errors, "the compliance board, recognised")

    inspection = Inspection.objects.get()
    assert (inspection.unit_id, inspection.initiative_id, inspection.rating) == (thanh_sen.pk, reported.pk, "good")
    assert inspection.draw is not None and inspection.draw.seed == draw_setup.seed
    assert FollowUp.objects.get().inspection == inspection
    assert Decision.objects.get(initiative=reported, year=year).recognised
    assert not console_errors, no_errors(console_errors)
