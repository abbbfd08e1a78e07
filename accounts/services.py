"""Named operations on accounts and memberships: atomic, audited, used by pages, API and commands."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Membership, Role, User
from core.auditing import acting_as
from core.vntext import nfc
from units.models import Unit


def create_account(
    *, username: str, full_name: str, email: str, phone: str, password: str | None, unit: Unit, role: Role | str, by
) -> User:
    """An account always starts with one membership, so it is never outside every admin's scope."""
    with transaction.atomic(), acting_as(by):
        user = User(username=nfc(username), full_name=nfc(full_name), email=nfc(email), phone=nfc(phone))
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, unit=unit, role=role, granted_by=by)
        return user


class StaleEdit(Exception):
    """The account changed since the form was opened; the edit was not applied."""


def update_account(user: User, *, full_name: str, email: str, phone: str, expected_version: int, by) -> User:
    """Apply the edit if nobody saved the account since `expected_version`, else raise StaleEdit."""
    with transaction.atomic(), acting_as(by):
        current = User.objects.select_for_update().get(pk=user.pk)
        if current.version != expected_version:
            raise StaleEdit
        current.full_name, current.email, current.phone = nfc(full_name), nfc(email), nfc(phone)
        current.version += 1
        current.save(update_fields=["full_name", "email", "phone", "search_key", "version"])
        return current


def grant_membership(user: User, unit: Unit, role: Role | str, *, by) -> Membership:
    """Give `user` the role at `unit`, replacing the role they held there, if any."""
    with transaction.atomic(), acting_as(by):
        membership = Membership.objects.filter(user=user, unit=unit).first()
        if membership is None:
            membership = Membership.objects.create(user=user, unit=unit, role=role, granted_by=by)
        elif membership.role != role:
            membership.role = role
            membership.granted_by = by
            membership.save(update_fields=["role", "granted_by"])
        user.__dict__.pop("active_memberships", None)
        return membership


def revoke_membership(membership: Membership, *, by) -> None:
    with transaction.atomic(), acting_as(by):
        membership.delete()
        membership.user.__dict__.pop("active_memberships", None)


def set_account_active(user: User, active: bool, *, by) -> None:
    """Deactivate (or reactivate) an account; its sessions and API tokens stop working at once."""
    with transaction.atomic(), acting_as(by):
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            user.api_tokens.all().delete()
