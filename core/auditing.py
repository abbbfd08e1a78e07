from __future__ import annotations

import contextlib
from collections.abc import Iterator

from auditlog.context import auditlog_value, set_actor


@contextlib.contextmanager
def acting_as(user) -> Iterator[None]:
    """Attribute the audit rows written inside to `user`.

    In a request the audit middleware has already set the actor (with the address); nesting
    another `set_actor` would detach it, so only commands and tasks set one here.
    """
    try:
        current = auditlog_value.get()
    except LookupError:
        current = None
    if (
        current
        and current.get("actor") is not None
        and getattr(current["actor"], "pk", None) == getattr(user, "pk", None)
    ):
        yield
        return
    with set_actor(user):
        yield
