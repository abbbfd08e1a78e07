from __future__ import annotations

from units.scoping import Capability


def nav(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {"can_admin": False}}
    return {"nav": {"can_admin": bool(user.scope_paths(Capability.ADMIN))}}
