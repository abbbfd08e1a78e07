from __future__ import annotations

import uuid
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import Unit
from units.scoping import Capability, subtree_q


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user, capability: Capability = Capability.READ) -> ExportJobQuerySet:
        """A job is its requester's alone, while it lasts and while the unit is still in their scope."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            subtree_q(user.scope_paths(capability), "unit__path"), requested_by=user, expires_at__gt=timezone.now()
        ).select_related("unit")

    def expired(self) -> ExportJobQuerySet:
        return self.filter(expires_at__lte=timezone.now())


class ExportJob(models.Model):
    """A large export prepared in the background: its progress, then its file until it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    # A random id: the job page's address tells nothing and cannot be guessed.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)  # what to export, e.g. "youth.form02"
    fmt = models.CharField(max_length=8)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    ascii_file_name = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last sign of life: each status change and progress report (reports.jobs._update).
    touched_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    objects: ClassVar[ExportJobQuerySet] = ExportJobQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"], name="export_job_expiry")]

    def __str__(self) -> str:
        return f"{self.kind}.{self.fmt} {self.get_status_display()}"

    @property
    def path(self) -> Path:
        return export_dir() / f"{self.pk}.{self.fmt}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, 100 * self.rows_done // self.rows_total) if self.rows_total else 0


def export_dir() -> Path:
    return Path(settings.VAR_DIR) / "exports"
