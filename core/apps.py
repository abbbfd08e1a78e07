from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core.middleware import refreshed_at_sign_in

        user_logged_in.connect(refreshed_at_sign_in, dispatch_uid="core.session_refreshed_at_sign_in")
