"""Who may open a unit's edit form, seen from a phone: a viewer may not, the province admin may."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import PHONE, VIETNAMESE_LETTER, page_width
from units.models import Unit

pytestmark = pytest.mark.browser

CAM_BINH = "18685"


def cam_binh() -> Unit:
    return Unit.objects.in_force().get(code=CAM_BINH)


def test_viewer_gets_a_vietnamese_403_instead_of_the_edit_form(sign_in):
    unit = cam_binh()
    page = sign_in("prov_viewer")

    response = page.goto(f"/units/{unit.pk}/edit/")

    assert response is not None
    assert response.status == 403
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("input[name='name']")).to_have_count(0)
    # The page's own words, not the navbar's and footer's (which always say "Vươn Lên", "Hà Tĩnh").
    message = page.locator("main").inner_text()
    assert VIETNAMESE_LETTER.search(message), f"the 403 page is not in Vietnamese: {message!r}"


def test_viewer_sees_the_unit_but_no_edit_link(sign_in, console_errors):
    unit = cam_binh()
    page = sign_in("prov_viewer")

    response = page.goto(f"/units/{unit.pk}/")

    assert response is not None
    assert response.status == 200
    expect(page.locator("body")).to_contain_text(unit.name)
    expect(page.get_by_test_id("unit-edit")).to_have_count(0)
    assert page_width(page) <= PHONE["width"], "the unit page scrolls sideways on a 360-px phone"
    assert not console_errors, "the browser console shows errors:\n" + "\n".join(console_errors)


def test_province_admin_follows_the_edit_link_to_the_form(sign_in, console_errors):
    unit = cam_binh()
    page = sign_in("prov_admin")

    page.goto(f"/units/{unit.pk}/")
    edit = page.get_by_test_id("unit-edit")
    expect(edit).to_be_visible()
    edit.click()

    expect(page).to_have_url(re.compile(rf"/units/{unit.pk}/edit/$"))
    expect(page.locator("input[name='name']")).to_have_value(unit.name)
    assert page_width(page) <= PHONE["width"], "the edit form scrolls sideways on a 360-px phone"
    assert not console_errors, "the browser console shows errors:\n" + "\n".join(console_errors)
