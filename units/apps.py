from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Union units")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from units.models import Unit

        auditlog.register(Unit, exclude_fields=["search_key", "version", "numchild", "updated_at"])
