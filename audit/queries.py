"""The audit rows an administrator may read: those about the units, accounts and memberships
of the subtrees they administer, the accesses to data of those subtrees that keep the data's
unit path in the row (full views of a record, downloads of an initiative's files), and the
exports and imports of those subtrees' data (the logs registered in `core.transfers`)."""

from __future__ import annotations

from auditlog.models import LogEntry
from axes.models import AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet, Value

from accounts.models import Membership, User
from core import transfers
from units.models import Unit
from units.scoping import Capability, subtree_q


def _visible_usernames(user) -> QuerySet:
    return User.objects.visible_to(user, Capability.ADMIN).values("username")


def changes_visible_to(user) -> QuerySet[LogEntry]:
    paths = user.scope_paths(Capability.ADMIN)
    unit_type = ContentType.objects.get_for_model(Unit)
    user_type = ContentType.objects.get_for_model(User)
    membership_type = ContentType.objects.get_for_model(Membership)
    unit_ids = Unit.objects.filter(subtree_q(paths, "path")).values("pk")
    account_ids = User.objects.visible_to(user, Capability.ADMIN).values("pk")
    membership_q = Q(pk__in=[])
    for path in paths:
        # The unit's path is kept in the row, so the change stays visible after a revocation.
        membership_q |= Q(additional_data__unit_path__startswith=path)
    # An access row names its data's unit path, kept as it was when the data was read.
    access_q = Q(action=LogEntry.Action.ACCESS) & subtree_q(paths, "additional_data__unit_path")
    return (
        LogEntry.objects.filter(
            Q(content_type=unit_type, object_id__in=unit_ids)
            | Q(content_type=user_type, object_id__in=account_ids)
            | (Q(content_type=membership_type) & membership_q)
            | access_q
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )


def sign_ins_visible_to(user) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(username__in=_visible_usernames(user)).order_by("-attempt_time")


def failures_visible_to(user) -> QuerySet[AccessFailureLog]:
    return AccessFailureLog.objects.filter(username__in=_visible_usernames(user)).order_by("-attempt_time")


TRANSFER_FIELDS = ("at", "source", "action", "user_id", "unit_id", "detail", "record_count")


def transfers_visible_to(user) -> QuerySet:
    """Every registered log's exports and imports of data in the admin's subtrees, newest
    first, in one query (a UNION): rows of `TRANSFER_FIELDS`; `describe_transfers` names them."""
    paths = user.scope_paths(Capability.ADMIN)
    parts = [
        log.model._default_manager.filter(subtree_q(paths, "unit__path"))
        .annotate(source=Value(log.key, output_field=CharField()))
        .values_list(*TRANSFER_FIELDS)
        .order_by()
        for log in transfers.LOGS.values()
    ]
    if not parts:
        return Unit.objects.none().values_list("pk")
    first, *others = parts
    return first.union(*others, all=True).order_by("-at") if others else first.order_by("-at")


def describe_transfers(rows) -> list[dict]:
    """The rows of one page with their user, unit and labels (two queries, whatever the page)."""
    rows = [dict(zip(TRANSFER_FIELDS, row, strict=True)) for row in rows]
    users = User.objects.in_bulk({row["user_id"] for row in rows if row["user_id"]})
    units = Unit.objects.in_bulk({row["unit_id"] for row in rows})
    for row in rows:
        log = transfers.LOGS[row["source"]]
        row |= {
            "user": users.get(row["user_id"]),
            "unit": units.get(row["unit_id"]),
            "source_label": log.label,
            "action_label": log.action_label(row["action"]),
        }
    return rows
