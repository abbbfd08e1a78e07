"""Small helpers shared by the API tests."""

from __future__ import annotations

from django.utils import translation


def vi(msgid: str) -> str:
    """The message as a caller sees it: the site speaks Vietnamese unless asked otherwise."""
    with translation.override("vi"):
        return translation.gettext(msgid)
