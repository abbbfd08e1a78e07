"""Django's own messages that its Vietnamese catalogue leaves untranslated and our users can
meet. Listed here so that `make messages` puts them in ours, which comes first (LOCALE_PATHS)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

MESSAGES = (
    # Every form field refuses a NUL character (ProhibitNullCharactersValidator).
    gettext_noop("Null characters are not allowed."),
)
