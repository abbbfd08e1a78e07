"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

pytest-playwright provides `playwright`, `browser`, `context` and `page`; this file only points its
launcher at Debian's `chromium` (never `playwright install`: downloads are blocked) and makes
every context a 360×740 Vietnamese phone. Each test gets a fresh context, so no cookies leak
between tests.

The live server needs a transactional database, which is flushed after every test, so the
`world` fixture loads the union tree and the personas again at the start of each test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

import pytest

from conftest import PASSWORD, load_world
from tests.browser.support import PHONE

# Playwright's sync API keeps an asyncio loop running in the main thread for the whole
# session; Django would then refuse ORM calls from the test body and from the database
# flush after each test (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, pointed at Debian's Chromium."""
    executable = shutil.which("chromium")
    if not executable:
        reason = "Debian's chromium is not installed: apt-get install -y --no-install-recommends chromium"
        if _in_ci():
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(live_server):
    """Every context is a phone in Hà Tĩnh, with relative URLs resolved against the live server.

    pytest-playwright's own version is not extended: it only adds --device, --video and
    --base-url, and its base_url fixture raises a deprecation warning under pytest 9.
    """
    return {
        "base_url": live_server.url,
        "viewport": PHONE,
        "screen": PHONE,
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
    }


@pytest.fixture
def world(transactional_db, live_server):
    """The union tree and the personas, loaded again after the previous test's flush."""
    load_world()


@pytest.fixture
def phone(world, page):
    """A Playwright page on the phone viewport, with the world loaded; fails fast (10 s)."""
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)
    return page


@pytest.fixture
def console_errors(phone) -> list[str]:
    """Errors the page logs: scripts that throw, resources that fail, CSP violations."""
    errors: list[str] = []

    def on_console(msg) -> None:
        url = msg.location.get("url") or ""
        # Chromium asks for /favicon.ico on its own, at a moment of its choosing: not a page error.
        if msg.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"{msg.text} ({url})")

    phone.on("console", on_console)
    phone.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


@pytest.fixture
def sign_in(phone) -> Callable[..., object]:
    """sign_in("officer_b") fills in /login/ and submits it; returns the page (wherever it landed)."""

    def submit(username: str, password: str = PASSWORD):
        phone.goto("/login/")
        form = phone.locator("form:has(input[name='password'])")
        form.locator("input[name='username']").fill(username)
        form.locator("input[name='password']").fill(password)
        with phone.expect_navigation():
            form.locator("button[type='submit']").click()
        return phone

    return submit
