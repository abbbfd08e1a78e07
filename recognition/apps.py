from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "recognition"
    verbose_name = _("Recognition and inspections")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from recognition.models import Commendation, Decision, Draw, Evaluation, FollowUp, Inspection

        for model in (Evaluation, Decision, Draw, Inspection, FollowUp, Commendation):
            auditlog.register(model)
