from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.fields import fit
from core.vntext import fold, name_sort_key
from units.models import Unit
from units.scoping import Capability, minimal_paths, subtree_q


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    OFFICER = "officer", _("Officer")
    VIEWER = "viewer", _("Viewer")


# What each role may do over its unit's subtree. Admins also do what officers do.
ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset({Capability.READ, Capability.WRITE, Capability.ADMIN}),
    Role.OFFICER: frozenset({Capability.READ, Capability.WRITE}),
    Role.VIEWER: frozenset({Capability.READ}),
}


class UserQuerySet(models.QuerySet):
    def visible_to(self, user, capability: Capability = Capability.ADMIN) -> UserQuerySet:
        """Accounts with a membership in a subtree the user administers.

        An account left with no membership at all is visible only to admins of a whole tree.
        """
        paths = user.scope_paths(capability)
        in_scope = Q(pk__in=Membership.objects.filter(subtree_q(paths, "unit__path")).values("user_id"))
        if any(len(path) == Unit.steplen for path in paths):
            in_scope |= Q(memberships__isnull=True)
        return self.filter(in_scope).distinct()


class AppUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    # One field for the name as Vietnamese write it ("Nguyễn Văn An"); sorting by given name.
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    search_key = models.CharField(max_length=300, editable=False, db_index=True, default="")
    # Optimistic lock on the account form: an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]

    objects: ClassVar[AppUserManager] = AppUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_key = fit(self, "search_key", fold(f"{self.full_name} {self.username} {self.email}"))
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[-1] if self.full_name else self.username

    @property
    def sort_key(self) -> tuple:
        return name_sort_key(self.full_name or self.username)

    @cached_property
    def active_memberships(self) -> list[Membership]:
        return list(self.memberships.select_related("unit").order_by("unit__path"))

    def scope_paths(self, capability: Capability = Capability.READ) -> list[str]:
        """Paths of the units under whose subtrees this user has `capability` (cached per request)."""
        if not self.is_active:
            return []
        return minimal_paths(m.unit.path for m in self.active_memberships if capability in ROLE_CAPABILITIES[m.role])

    def can(self, capability: Capability, unit: Unit) -> bool:
        return any(unit.path.startswith(path) for path in self.scope_paths(capability))

    def can_manage_account(self, account: User) -> bool:
        """Edit or deactivate `account`: only if every one of its roles lies in this admin's subtrees."""
        units = [m.unit for m in account.memberships.select_related("unit")]
        if not units:
            return any(len(path) == Unit.steplen for path in self.scope_paths(Capability.ADMIN))
        return all(self.can(Capability.ADMIN, unit) for unit in units)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user, capability: Capability = Capability.READ) -> MembershipQuerySet:
        return self.filter(subtree_q(user.scope_paths(capability), "unit__path"))


class Membership(models.Model):
    """A role held by a user at a unit, valid over the unit's whole subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("account"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("granted by")
    )
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="membership_one_role_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def get_additional_data(self) -> dict:
        # Kept in the audit row so the change stays scoped to the unit after a revocation.
        return {"unit_path": self.unit.path, "unit": self.unit.name, "user": self.user.username}


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the secret is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%d/%m/%Y})"

    # last_used_at answers "is this token still in use?"; it is not an access log, and writing it
    # on every request would turn each read into a write.
    TOUCH_INTERVAL = timedelta(minutes=1)

    def touch(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or self.last_used_at <= now - self.TOUCH_INTERVAL:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User) -> tuple[ApiToken, str]:
        secret = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            key_hash=cls.hash(secret),
            expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
        )
        return token, secret
