"""Signing in on a 360-px phone: the commune officer's first screen, and a mistyped password."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import PHONE, page_width, screenshot

pytestmark = pytest.mark.browser


def test_commune_officer_signs_in_on_a_phone_and_sees_their_commune(sign_in, console_errors):
    page = sign_in("officer_b")

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    my_units = page.get_by_test_id("my-units")
    expect(my_units).to_contain_text("Đoàn xã Cẩm Bình")
    expect(my_units).not_to_contain_text("Đoàn phường Thành Sen")
    assert page_width(page) <= PHONE["width"], "the home page scrolls sideways on a 360-px phone"
    assert not console_errors, "the browser console shows errors:\n" + "\n".join(console_errors)


def test_other_commune_officer_sees_their_own_commune(sign_in):
    page = sign_in("officer_a")

    expect(page.get_by_test_id("my-units")).to_contain_text("Đoàn phường Thành Sen")
    expect(page.get_by_test_id("my-units")).not_to_contain_text("Đoàn xã Cẩm Bình")


def test_login_page_fits_a_phone(phone, console_errors):
    phone.goto("/login/")

    expect(phone.locator("html")).to_have_attribute("lang", "vi")
    expect(phone.locator("input[name='username']")).to_be_visible()
    expect(phone.locator("input[name='password']")).to_be_visible()
    assert page_width(phone) <= PHONE["width"], "the sign-in page scrolls sideways on a 360-px phone"
    assert not console_errors, "the browser console shows errors:\n" + "\n".join(console_errors)


def test_wrong_password_keeps_the_username_and_shows_an_error(sign_in):
    page = sign_in("officer_b", "not-the-password")

    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.locator(".alert").first).to_be_visible()
    expect(page.locator(".alert").first).not_to_be_empty()
    form = page.locator("form:has(input[name='password'])")
    expect(form.locator("input[name='username']")).to_have_value("officer_b")
    expect(form.locator("input[name='password']")).to_have_value("")

    # Still signed out: the home page sends the visitor back to sign in.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))


def test_navbar_collapses_behind_a_toggler_on_a_phone(sign_in):
    page = sign_in("officer_b")

    toggler = page.locator(".navbar .navbar-toggler")
    menu = page.locator(".navbar .navbar-collapse")
    expect(toggler).to_be_visible()
    expect(menu).to_be_hidden()
    toggler.tap()
    expect(menu).to_be_visible()
    assert page_width(page) <= PHONE["width"], "the open menu scrolls sideways on a 360-px phone"


def test_screenshots_of_the_phone_screens(phone, sign_in):
    """Not an assertion: pictures in var/screenshots/ for people to look at."""
    phone.goto("/login/")
    screenshot(phone, "login-phone")

    page = sign_in("officer_b")
    expect(page.get_by_test_id("my-units")).to_be_visible()
    path = screenshot(page, "home-phone")

    page.locator(".navbar .navbar-toggler").tap()
    expect(page.locator(".navbar .navbar-collapse")).to_be_visible()
    page.wait_for_timeout(400)  # Bootstrap's collapse animation
    screenshot(page, "home-phone-menu")
    assert path.stat().st_size > 0
