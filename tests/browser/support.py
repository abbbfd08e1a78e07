"""Small helpers shared by the browser tests."""

from __future__ import annotations

import re
from pathlib import Path

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
