"""Who sees the sensitive details of a record (Law 91/2025/QH15; Decree 356/2025).

By default the officers (and admins) of the record's unit and of the units above it; viewers
see the record with those details masked.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from units.scoping import Capability
from youth.models import Youth

MASK = "••••••"
MASKED_LABEL = _("hidden")


def can_see_sensitive(user, youth: Youth) -> bool:
    return user.can(Capability.WRITE, youth.unit)


def sensitive_paths(user) -> list[str]:
    """The subtrees in which `user` sees sensitive details, for masking many rows at once."""
    return user.scope_paths(Capability.WRITE)


def sees_sensitive_in(paths: list[str], youth: Youth) -> bool:
    return any(youth.unit.path.startswith(path) for path in paths)


def mask_citizen_id(value: str) -> str:
    return f"{value[:4]}{'•' * 6}{value[-2:]}" if len(value) == 12 else (MASK if value else "")
