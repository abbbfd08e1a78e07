from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "cycle"
    verbose_name = _("Yearly cycle")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from cycle.models import Extension, Period, ProgrammeYear

        auditlog.register(Period)
        auditlog.register(ProgrammeYear)
        auditlog.register(Extension)
