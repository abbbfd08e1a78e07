from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accounts.models import Membership, User

        auditlog.register(
            User,
            exclude_fields=["password", "last_login", "search_key", "version"],
            mask_fields=[],
        )
        auditlog.register(Membership)
