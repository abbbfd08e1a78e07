"""The audit rows an administrator may read: those about the units, accounts and memberships
of the subtrees they administer, and the accesses to data of those subtrees that keep the
data's unit path in the row (downloads of an initiative's files, `initiatives.services`)."""

from __future__ import annotations

from auditlog.models import LogEntry
from axes.models import AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from accounts.models import Membership, User
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
