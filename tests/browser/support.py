"""Small helpers shared by the browser tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

PHONE = {"width": 360, "height": 740}
# In the checkout's git-ignored var/, even when VUONLEN_VAR_DIR moves the databases elsewhere.
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
# A letter only Vietnamese uses among the two languages we serve: proof a page is not English.
VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]", re.IGNORECASE)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under var/screenshots/ (git-ignored) for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def page_width(page) -> int:
    """The document's scroll width in CSS pixels: more than the phone's 360 means sideways scrolling."""
    return page.evaluate("document.documentElement.scrollWidth")


# --- Added for the initiative lifecycle and yearly cycle tests -------------------------------

PHONE_TIMEOUT_MS = 10_000


def watch_console(page) -> list[str]:
    """The errors `page` logs from now on (as the `console_errors` fixture, for a second page)."""
    errors: list[str] = []

    def on_console(msg) -> None:
        url = msg.location.get("url") or ""
        if msg.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"{msg.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


def sign_in_as(page, username: str):
    """Fill in /login/ on `page` and submit it (as the `sign_in` fixture, for any page)."""
    from conftest import PASSWORD

    page.goto("/login/")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='username']").fill(username)
    form.locator("input[name='password']").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    return page


@dataclass
class Phone:
    """A second person's phone: its own browser context (own cookies), page and console errors."""

    page: Any
    errors: list[str]


@contextmanager
def phone_of(browser, context_args: dict, username: str) -> Iterator[Phone]:
    """Another person signs in on their own phone (a new context); closed on leaving the block."""
    context = browser.new_context(**context_args)
    try:
        page = context.new_page()
        page.set_default_timeout(PHONE_TIMEOUT_MS)
        page.set_default_navigation_timeout(15_000)
        errors = watch_console(page)
        sign_in_as(page, username)
        yield Phone(page, errors)
    finally:
        context.close()


def shown(choice) -> str:
    """A choice's label as the pages show it (in Vietnamese), whatever the catalogue holds now."""
    from django.utils import translation

    with translation.override("vi"):
        return str(choice.label)


def image_file(path: Path, fmt: str = "PNG", size: tuple[int, int] = (320, 240), colour=(30, 120, 200)) -> Path:
    """A real photo file (a coloured rectangle with a stripe), made with Pillow."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((0, size[1] // 3, size[0], size[1] // 2), fill=(250, 200, 0))
    image.save(path, fmt)
    return path


def no_errors(errors: list[str]) -> str:
    return "the browser console shows errors:\n" + "\n".join(errors)


# --- Added for the recognition test (issue 6) ---------------------------------------------------


def said(message: str) -> str:
    """A gettext'd message as the pages say it (in Vietnamese), whatever the catalogue holds now."""
    from django.utils import translation

    with translation.override("vi"):
        return translation.gettext(message)


def expect_clean_phone_page(page, errors: list[str], what: str) -> None:
    """The page fits a 360-px phone (no sideways scrolling) and the console has shown no error so far."""
    assert page_width(page) <= PHONE["width"], f"{what} scrolls sideways on a 360-px phone ({page.url})"
    assert not errors, f"on {what}: " + no_errors(errors)


def programme_year_now():
    """A Period and this year's ProgrammeYear, both deadlines still ahead (20/03 may have passed)."""
    import datetime

    from django.utils import timezone

    from cycle.models import Period, ProgrammeYear

    today = timezone.localdate()
    period = Period.objects.create(name="Giai đoạn thử", start_year=today.year, end_year=today.year + 4)
    registration = today + datetime.timedelta(days=30)
    return ProgrammeYear.objects.create(
        period=period,
        year=today.year,
        registration_deadline=registration,
        results_deadline=max(registration, datetime.date(today.year, 12, 31)),
    )
