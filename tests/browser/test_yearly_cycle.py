"""The yearly cycle on phones: a commune sends its registration up, the province returns it with a
comment, the commune is told, sends version 2, the province accepts it, and the province's
compliance board counts the commune as registered (issue 5)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from cycle.models import Kind, ProgrammeYear, Submission
from initiatives import services
from initiatives.choices import Status
from tests.browser.support import PHONE, no_errors, page_width, phone_of, programme_year_now, screenshot, shown
from units.models import Unit

pytestmark = pytest.mark.browser

THANH_SEN = "18073"
UNIT_NAME = "Đoàn phường Thành Sen"
INITIATIVE = "Tổ hợp tác may mặc cho thanh niên khuyết tật"
COMMENT = "Bổ sung người phụ trách và số điện thoại liên hệ."
REGISTRATION = Kind.REGISTRATION.value


@pytest.fixture
def programme_year(world) -> ProgrammeYear:
    """This year, with both deadlines still ahead (the guideline's 20/03 may have passed)."""
    return programme_year_now()


@pytest.fixture
def draft(programme_year):
    """Thành Sen's initiative for the year, still a draft: it counts nowhere yet."""
    unit = Unit.objects.in_force().get(code=THANH_SEN)
    return services.create_initiative(
        unit,
        {
            "name": INITIATIVE,
            "domain": "livelihood",
            "kind": "job_placement",
            "person_in_charge": "Lê Văn Nam",
            "content": "Tổ hợp tác nhận may gia công, đào tạo tại chỗ.",
            "expected_results": "Sáu bạn có thu nhập ổn định.",
        },
        by=User.objects.get(username="officer_a"),
        groups=["disability"],
        years=[programme_year.year],
    )


def tile(page, name: str) -> int:
    """The number on one of the compliance board's tiles (or timeliness cells)."""
    hook = f"[data-tile='{name}']"
    found = page.locator(f"[data-testid='tiles'] {hook}, [data-testid='timeliness'] {hook}").first
    return int(found.get_attribute("data-count") or "")


def board_counts(page, year: int) -> dict[str, int]:
    page.goto(f"/cycle/{year}/compliance/")
    expect(page.get_by_test_id("tiles")).to_be_visible()
    names = ("all", "registered", f"{REGISTRATION}_on_time", f"{REGISTRATION}_pending")
    return {name: tile(page, name) for name in names}


def judge(page, year: int, decision: str, comment: str = "") -> None:
    """The province opens Thành Sen's submission from its year page and records its decision."""
    page.goto(f"/cycle/{year}/")
    awaiting = page.get_by_test_id("awaiting").locator("li", has_text=UNIT_NAME)
    expect(awaiting).to_have_count(1)
    with page.expect_navigation():
        awaiting.locator("a[href*='/cycle/submissions/']").click()
    review = page.get_by_test_id("review-form")
    review.locator(f"input[name='decision'][value='{decision}']").check()
    if comment:
        review.locator("textarea[name='comment']").fill(comment)
    with page.expect_navigation():
        review.locator("button[type='submit']").click()
    expect(page.get_by_test_id("review-form")).to_have_count(0)


def test_registration_returned_resubmitted_accepted_and_counted(
    sign_in, console_errors, browser, browser_context_args, programme_year, draft
):
    year = programme_year.year
    with phone_of(browser, browser_context_args, "prov_officer") as province:
        p = province.page
        before = board_counts(p, year)
        assert before["all"] > 1, "the province's board counts its commune unions"
        assert before["registered"] == 0
        assert before[f"{REGISTRATION}_on_time"] == 0

        # The commune registers its initiative with the union above, then sends the year's registration.
        page = sign_in("officer_a")
        page.goto(f"/initiatives/{draft.pk}/")
        with page.expect_navigation():
            page.get_by_test_id("action-submit").click()
        expect(page.get_by_test_id("initiative-status")).to_have_text(shown(Status.REGISTERED))

        page.goto("/cycle/")
        expect(page).to_have_url(re.compile(rf"/cycle/{year}/"))
        expect(page.get_by_test_id("cycle-unit")).to_have_text(UNIT_NAME)
        card = page.get_by_test_id(f"kind-{REGISTRATION}")
        expect(card.get_by_test_id(f"latest-{REGISTRATION}")).to_have_count(0)
        submit = card.get_by_test_id(f"submit-{REGISTRATION}")
        submit.locator("textarea[name='note']").fill("Đăng ký một mô hình.")
        assert page_width(page) <= PHONE["width"], "the year page scrolls sideways on a 360-px phone"
        with page.expect_navigation():
            submit.locator("button[type='submit']").click()
        latest = card.get_by_test_id(f"latest-{REGISTRATION}")
        expect(latest).to_contain_text(shown(Submission.Status.SUBMITTED))
        expect(card.get_by_test_id(f"submit-{REGISTRATION}")).to_have_count(0)

        # The province returns it with a comment.
        judge(p, year, "return", COMMENT)
        expect(p.get_by_test_id("submission-state")).to_contain_text(shown(Submission.Status.RETURNED))
        expect(p.get_by_test_id("review-comment")).to_have_text(COMMENT)

        # The commune is told: the bell, the notification, and the year page with the comment.
        page.goto("/")
        expect(page.get_by_test_id("unread-count")).to_have_text("1")
        page.get_by_test_id("nav-bell").click()
        notification = page.get_by_test_id("notification-unread")
        expect(notification).to_have_count(1)
        expect(notification).to_contain_text(COMMENT)
        with page.expect_navigation():
            notification.locator("button[name='open']").click()
        expect(page).to_have_url(re.compile(rf"/cycle/{year}/"))
        expect(page.get_by_test_id("unread-count")).to_have_count(0)
        card = page.get_by_test_id(f"kind-{REGISTRATION}")
        expect(card.get_by_test_id(f"latest-{REGISTRATION}")).to_contain_text(shown(Submission.Status.RETURNED))
        expect(card).to_contain_text(COMMENT)
        screenshot(page, "cycle-year-returned-phone")

        # It sends version 2.
        submit = card.get_by_test_id(f"submit-{REGISTRATION}")
        submit.locator("textarea[name='note']").fill("Đã bổ sung người phụ trách.")
        with page.expect_navigation():
            submit.locator("button[type='submit']").click()
        card = page.get_by_test_id(f"kind-{REGISTRATION}")
        expect(card.get_by_test_id(f"latest-{REGISTRATION}")).to_contain_text(shown(Submission.Status.SUBMITTED))
        versions = card.get_by_test_id(f"versions-{REGISTRATION}").locator("li")
        expect(versions).to_have_count(2)
        expect(versions.first).to_contain_text("v2")
        expect(versions.nth(1)).to_contain_text(shown(Submission.Status.RETURNED))

        # The province accepts version 2.
        judge(p, year, "accept")
        expect(p.get_by_test_id("submission-state")).to_contain_text(shown(Submission.Status.ACCEPTED))
        expect(p.get_by_test_id("versions").locator("li")).to_have_count(2)

        page.reload()
        expect(page.get_by_test_id(f"latest-{REGISTRATION}")).to_contain_text(shown(Submission.Status.ACCEPTED))

        # The board now counts Thành Sen as registered, and its registration as on time.
        after = board_counts(p, year)
        assert after["all"] == before["all"]
        assert after["registered"] == before["registered"] + 1
        assert after[f"{REGISTRATION}_on_time"] == before[f"{REGISTRATION}_on_time"] + 1
        assert after[f"{REGISTRATION}_pending"] == before[f"{REGISTRATION}_pending"] - 1
        with p.expect_navigation():
            p.locator("[data-testid='tiles'] [data-tile='registered']").click()
        rows = p.get_by_test_id("compliance-row")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text(UNIT_NAME)
        expect(p.get_by_test_id("shown-count")).to_have_text("1")
        assert page_width(p) <= PHONE["width"], "the compliance board scrolls sideways on a 360-px phone"
        screenshot(p, "compliance-board-phone")
        assert not province.errors, no_errors(province.errors)

    assert not console_errors, no_errors(console_errors)
