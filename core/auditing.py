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
        and _still_listening(current.get("signal_duid"))
    ):
        yield
        return
    with set_actor(user):
        yield


def _still_listening(duid) -> bool:
    """Whether the receiver that stamps the actor on audit rows is still connected.

    auditlog's `set_actor` leaves its context value behind when it ends (it only disconnects the
    receiver), so a value alone does not mean an actor is being recorded: after one operation
    ends, the next by the same user outside a request would be logged without its author.
    """
    from django.db.models.signals import pre_save

    return duid is not None and any(key[0] == duid for key, *_rest in pre_save.receivers)
