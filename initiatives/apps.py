from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Support initiatives")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from initiatives.models import Activity, Beneficiary, Confirmation, Evidence, Initiative, StepEntry

        # Every change is kept with its author; the timeline shows those made after acceptance.
        auditlog.register(
            Initiative,
            exclude_fields=["name_key", "version", "updated_at", "unit_path"],
            m2m_fields={"coordinating_units"},
        )
        auditlog.register(StepEntry)
        auditlog.register(Activity)
        auditlog.register(Beneficiary, exclude_fields=["version"])
        auditlog.register(Confirmation)
        auditlog.register(Evidence, exclude_fields=["thumbnail", "sha256"])

        from core import transfers
        from initiatives.models import InitiativeAccess

        # Exports of Forms 01/03 and of commendation lists, imports of Form 01.
        transfers.register("initiatives", _("Initiatives"), InitiativeAccess)

        # The import's upload store registers itself for the daily purge (manage.py purge_exports).
        from initiatives import import_views  # noqa: F401
