from __future__ import annotations

from functools import cached_property

from cycle.models import Notification


class Bell:
    """The unread count of the nav's bell: one COUNT, only when a page shows the nav."""

    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def unread(self) -> int:
        return Notification.objects.filter(user=self.user, read_at__isnull=True).count()


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": Bell(user)}
