"""An initiative's whole life, on phones: the commune registers it, the province accepts it, the
commune carries it out, files the results, a photo and the local government's confirmation,
reports them, and the province downloads Biểu mẫu 03 with them in it (issue 4)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from initiatives.choices import Status
from initiatives.models import Initiative
from tests.browser.support import PHONE, image_file, no_errors, page_width, phone_of, screenshot, shown

pytestmark = pytest.mark.browser

NAME = "Câu lạc bộ Vươn lên cho thanh niên khuyết tật phường Thành Sen"
RESULTS = "Mười hai buổi sinh hoạt; tám bạn được dạy nghề may và có việc làm ổn định."
SUPPORTED = "8"
CONFIRMER = "Trần Văn Hùng"


def expect_status(page, status: Status) -> None:
    expect(page.get_by_test_id("initiative-status")).to_have_text(shown(status))


def expect_picture(img) -> None:
    """The image is shown: scrolled to (thumbnails load lazily), fetched and decoded."""
    img.scroll_into_view_if_needed()
    expect(img).to_be_visible()
    img.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())


def act(page, action: str) -> None:
    """Press a lifecycle button on the initiative page and wait for the page it leads to."""
    button = page.get_by_test_id(f"action-{action}")
    expect(button).to_be_enabled()
    with page.expect_navigation():
        button.click()


def test_commune_registers_reports_and_province_downloads_form_03(
    sign_in, console_errors, browser, browser_context_args, tmp_path
):
    # The commune officer registers the initiative on her phone.
    page = sign_in("officer_a")
    page.goto("/initiatives/")
    page.get_by_test_id("initiative-add").click()

    form = page.get_by_test_id("initiative-form")
    expect(form.locator("select[name='unit']")).to_have_value(str(_thanh_sen_pk()))
    form.locator("input[name='name']").fill(NAME)
    form.locator("select[name='domain']").select_option("social")
    form.locator("select[name='kind']").select_option("club")
    form.locator("input[name='groups'][value='disability']").check()
    form.locator("input[name='groups'][value='unemployment']").check()
    this_year = timezone.localdate().year
    expect(form.locator(f"input[name='years'][value='{this_year}']")).to_be_checked()
    form.locator("input[name='person_in_charge']").fill("Nguyễn Thị Mai")
    form.locator("input[name='person_in_charge_phone']").fill("0912 345 678")
    form.locator("textarea[name='content']").fill("Sinh hoạt hằng tháng, dạy nghề may, kết nối việc làm.")
    form.locator("textarea[name='expected_results']").fill("Mười bạn có việc làm ổn định.")
    assert page_width(page) <= PHONE["width"], "the initiative form scrolls sideways on a 360-px phone"
    with page.expect_navigation():
        page.get_by_test_id("initiative-save").click()

    expect(page).to_have_url(re.compile(r"/initiatives/\d+/$"))
    expect(page.get_by_test_id("initiative-name")).to_have_text(NAME)
    expect_status(page, Status.DRAFT)
    detail_url = page.url
    act(page, "submit")
    expect_status(page, Status.REGISTERED)
    expect(page.get_by_test_id("action-start")).to_have_count(0)

    with phone_of(browser, browser_context_args, "prov_officer") as province:
        # The province finds it among the registrations awaiting it, and accepts it.
        p = province.page
        p.goto(f"/initiatives/?status={Status.REGISTERED.value}")
        p.get_by_test_id("initiative-list").get_by_role("link", name=NAME).click()
        expect(p.get_by_test_id("initiative-name")).to_have_text(NAME)
        expect(p.get_by_test_id("action-return_for_changes")).to_be_visible()
        act(p, "accept")
        expect_status(p, Status.ACCEPTED)

        # The commune starts it: reporting waits for the results and the confirmation.
        page.goto(detail_url)
        expect_status(page, Status.ACCEPTED)
        act(page, "start")
        expect_status(page, Status.UNDER_WAY)
        expect(page.get_by_test_id("missing-report").locator("li")).to_have_count(2)
        expect(page.get_by_test_id("action-report")).to_be_disabled()

        page.get_by_test_id("initiative-results").click()
        results_form = page.get_by_test_id("results-form")
        results_form.locator("textarea[name='results']").fill(RESULTS)
        results_form.locator("input[name='supported_count']").fill(SUPPORTED)
        with page.expect_navigation():
            results_form.locator("button[type='submit']").click()
        expect(page.get_by_test_id("results")).to_contain_text(RESULTS)
        expect(page.get_by_test_id("results")).to_contain_text(SUPPORTED)
        expect(page.get_by_test_id("missing-report").locator("li")).to_have_count(1)

        # A photo of an activity, as evidence of the results.
        page.get_by_test_id("evidence-add-photo").click()
        evidence_form = page.get_by_test_id("evidence-form")
        evidence_form.locator("input[name='file']").set_input_files(image_file(tmp_path / "sinh-hoat.png"))
        evidence_form.locator("input[name='title']").fill("Buổi sinh hoạt tháng 5")
        with page.expect_navigation():
            evidence_form.locator("button[type='submit']").click()
        photos = page.get_by_test_id("evidence-photos")
        expect(photos.locator("figure")).to_have_count(1)
        expect(photos).to_contain_text("Buổi sinh hoạt tháng 5")
        expect_picture(photos.locator("img").first)

        # The local government's confirmation, with the scan of the signed page.
        expect(page.get_by_test_id("confirmation-missing")).to_be_visible()
        page.get_by_test_id("confirmation-edit").click()
        confirmation_form = page.get_by_test_id("confirmation-form")
        confirmation_form.locator("input[name='confirmer_name']").fill(CONFIRMER)
        confirmation_form.locator("input[name='confirmer_title']").fill("Chủ tịch UBND phường Thành Sen")
        confirmation_form.locator("input[name='confirmed_on']").fill(f"{timezone.localdate():%d/%m/%Y}")
        scan = image_file(tmp_path / "xac-nhan.jpg", "JPEG", (600, 800), (245, 245, 240))
        confirmation_form.locator("input[name='scan']").set_input_files(scan)
        with page.expect_navigation():
            confirmation_form.locator("button[type='submit']").click()
        expect(page.get_by_test_id("confirmation-details")).to_contain_text(CONFIRMER)
        expect(page.get_by_test_id("confirmation-scan")).to_be_visible()
        expect(page.get_by_test_id("missing-report")).to_have_count(0)
        assert page_width(page) <= PHONE["width"], "the initiative page scrolls sideways on a 360-px phone"
        expect_picture(page.get_by_test_id("evidence-photos").locator("img").first)
        screenshot(page, "initiative-under-way-phone")

        act(page, "report")
        expect_status(page, Status.REPORTED)
        expect(page.get_by_test_id("timeline-transition")).to_have_count(4)

        # The province downloads Biểu mẫu 03 for the year: the results and the confirmation are in it.
        p.goto("/initiatives/")
        with p.expect_download() as download_info:
            p.get_by_test_id("form03-buttons").locator("a[href*='fmt=xlsx']").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".xlsx")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        assert not province.errors, no_errors(province.errors)

    from openpyxl import load_workbook

    sheet = load_workbook(saved, read_only=True).active
    text = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
    assert NAME in text
    assert RESULTS in text
    assert "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG" in text
    assert CONFIRMER in text
    assert Initiative.objects.get(name=NAME).status == Status.REPORTED
    assert not console_errors, no_errors(console_errors)


def _thanh_sen_pk() -> int:
    from units.models import Unit

    return Unit.objects.in_force().get(code="18073").pk
