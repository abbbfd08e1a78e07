"""The logs of exports and imports of personal data, gathered for the audit trail.

An app that records who exported or imported which records (`youth.models.RegistryAccess`,
`initiatives.form_records.InitiativeAccess`) registers its model here from its `ready()`; the
audit trail lists every registered log together, scoped, without importing those apps. A
registered model has the fields `action` (with choices), `user`, `unit`, `at`, `detail` and
`record_count`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class TransferLog:
    key: str
    label: str | Promise  # what the records are, e.g. "Disadvantaged youth"
    model: type[models.Model]

    def action_label(self, action: str) -> Any:
        choices = getattr(self.model._meta.get_field("action"), "choices", None)
        return dict(choices or []).get(action, action)


LOGS: dict[str, TransferLog] = {}


def register(key: str, label: str | Promise, model: type[models.Model]) -> None:
    LOGS[key] = TransferLog(key, label, model)
