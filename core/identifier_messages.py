"""User-facing words for `core.identifiers.InvalidIdentifier` codes: one table for forms,
imports and the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.identifiers import ERROR_CODES, InvalidIdentifier

MESSAGES = {
    "phone_invalid": _("This is not a Vietnamese phone number."),
    "phone_excel_rounded": _("Excel rounded this phone number; format the column as Text and type it again."),
    "cccd_invalid": _("A citizen ID has 12 digits and nothing else."),
    "cccd_excel_rounded": _("Excel rounded this citizen ID; format the column as Text and type it again."),
    "cccd_length": _("A citizen ID has 12 digits; this one has %(length)s."),
    "cccd_province": _("A citizen ID starts with a province code; %(province_code)s is not one."),
    "cccd_birth_year": _("This citizen ID does not match the year of birth."),
    "cccd_sex": _("This citizen ID does not match the sex."),
}
assert set(MESSAGES) == ERROR_CODES, "every InvalidIdentifier code needs a message"


def describe(error: InvalidIdentifier) -> str:
    message = str(MESSAGES.get(error.code, _("This value is not valid.")))
    try:
        return message % error.message_args if error.message_args else message
    except (KeyError, TypeError, ValueError):
        return message
