"""A commune officer on a phone adds a young person, finds them again by typing the name
without diacritics, and downloads Biểu mẫu 02."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import PHONE, page_width, screenshot

pytestmark = pytest.mark.browser


def test_officer_adds_finds_and_exports_on_a_phone(sign_in, console_errors, tmp_path):
    page = sign_in("officer_b")
    page.goto("/youth/")
    page.get_by_test_id("youth-add").click()

    form = page.get_by_test_id("youth-form")
    form.locator("input[name='full_name']").fill("Nguyễn Thị Ánh Tuyết")
    form.locator("input[name='birth_date']").fill("05/06/2006")
    form.locator("select[name='sex']").select_option("female")
    form.locator("input[name='phone']").fill("0912 345 678")
    form.locator("input[name='group_disability']").check()
    form.locator("select[name='disability__disability_kind']").select_option("mobility")
    form.locator("textarea[name='circumstances']").fill("Khuyết tật vận động, cần xe lăn")
    form.locator("input[name='need_health']").check()
    assert page_width(page) <= PHONE["width"], "the record form scrolls sideways on a 360-px phone"
    screenshot(page, "youth-form-phone")
    with page.expect_navigation():
        form.locator("button[type='submit']").click()

    expect(page.get_by_test_id("youth-name")).to_have_text("Nguyễn Thị Ánh Tuyết")
    expect(page.get_by_test_id("circumstances")).to_contain_text("cần xe lăn")

    page.goto("/youth/")
    page.locator("#id_q").press_sequentially("nguyen thi anh tuyet", delay=20)
    results = page.get_by_test_id("youth-list")
    expect(results).to_contain_text("Nguyễn Thị Ánh Tuyết")
    screenshot(page, "youth-search-phone")

    page.locator("#id_unit").select_option(label="Đoàn xã Cẩm Bình")
    with page.expect_download() as download_info:
        page.get_by_test_id("export-xlsx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    from openpyxl import load_workbook

    sheet = load_workbook(saved, read_only=True).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Nguyễn Thị Ánh Tuyết" in cells
    assert page_width(page) <= PHONE["width"]
    assert not console_errors, "the browser console shows errors:\n" + "\n".join(console_errors)
