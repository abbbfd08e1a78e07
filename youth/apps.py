from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthConfig(AppConfig):
    name = "youth"
    verbose_name = _("Youth registry")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from youth.models import Consent, Youth, YouthGroup, YouthNeed

        # Sensitive values are masked in the audit rows: the log must not become a second,
        # less protected copy of them.
        auditlog.register(
            Youth,
            exclude_fields=["name_key", "sort_key", "version", "updated_at", "source_key"],
            mask_fields=["citizen_id", "circumstances", "notes"],
        )
        auditlog.register(YouthGroup, mask_fields=["illness"])
        auditlog.register(YouthNeed)
        auditlog.register(Consent)

        from core import transfers
        from youth.models import RegistryAccess

        # Exports, imports and purges of the registry, on the audit trail's "Exports and imports".
        transfers.register("youth", _("Disadvantaged youth"), RegistryAccess)

        # The import's upload store registers itself for the daily purge (manage.py purge_exports).
        from youth import import_views  # noqa: F401
