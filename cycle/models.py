"""The programme's calendar and what units send up the tree.

A period (2019–2022, then later ones) holds years; each year has its two deadlines
(registration, default 20 March; results, default 10 October), editable, and units may be
granted extensions. A unit that reports upward submits, per year and kind, a snapshot of its
rows (versioned, hashed) that the union above accepts or returns; a resubmission is a new
version. Compliance (`cycle.compliance`) and reminders (`cycle.reminders`) read these.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Unit
from units.scoping import Capability, register_path_copy, subtree_q


class Period(models.Model):
    name = models.CharField(_("name"), max_length=150)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    note = models.TextField(_("note"), blank=True, help_text=_("The guideline or plan it follows."))

    class Meta:
        ordering = ["start_year"]
        verbose_name = _("programme period")
        verbose_name_plural = _("programme periods")
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="period_years_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}–{self.end_year})"


class Kind(models.TextChoices):
    REGISTRATION = "registration", _("Registration of initiatives (Form 01)")
    RESULTS = "results", _("Results report (Forms 02 and 03)")


def default_deadline(year: int, kind: str) -> datetime.date:
    """20 March for registrations, 10 October for results (the guideline's dates)."""
    return datetime.date(year, 3, 20) if kind == Kind.REGISTRATION else datetime.date(year, 10, 10)


class ProgrammeYear(models.Model):
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="years", verbose_name=_("period"))
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    registration_deadline = models.DateField(_("registration deadline"))
    results_deadline = models.DateField(_("results deadline"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("programme year")
        verbose_name_plural = _("programme years")

    def __str__(self) -> str:
        return str(self.year)

    def save(self, *args, **kwargs):
        self.registration_deadline = self.registration_deadline or default_deadline(self.year, Kind.REGISTRATION)
        self.results_deadline = self.results_deadline or default_deadline(self.year, Kind.RESULTS)
        super().save(*args, **kwargs)

    def deadline(self, kind: str) -> datetime.date:
        return self.registration_deadline if kind == Kind.REGISTRATION else self.results_deadline


class Extension(models.Model):
    """More time for one unit, one year and one kind of submission."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="extensions")
    kind = models.CharField(_("submission"), max_length=12, choices=Kind.choices)
    until = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=255)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year", "kind"], name="extension_once")]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.kind} → {self.until:%d/%m/%Y}"


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    EXTENDED = "extended", _("Within the extension")
    LATE = "late", _("Late")
    MISSING = "missing", _("Missing")


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user, capability: Capability = Capability.READ) -> SubmissionQuerySet:
        return self.filter(subtree_q(user.scope_paths(capability), "unit_path"))

    def latest_versions(self) -> SubmissionQuerySet:
        """The newest version of each (unit, year, kind)."""
        newer = Submission.objects.filter(
            unit_id=models.OuterRef("unit_id"),
            year_id=models.OuterRef("year_id"),
            kind=models.OuterRef("kind"),
            version__gt=models.OuterRef("version"),
        )
        return self.exclude(models.Exists(newer))


@register_path_copy
class Submission(models.Model):
    """What a unit sent up for a year: a frozen snapshot of its rows, judged by the union above."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting the union above")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("unit"))
    unit_path = models.CharField(max_length=255, editable=False, default="", db_index=True)
    year = models.ForeignKey(ProgrammeYear, on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(_("submission"), max_length=12, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    timeliness = models.CharField(_("timeliness"), max_length=10, choices=Timeliness.choices)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("note"), blank=True)
    # The rows as they were at submission (cycle.snapshots) and their SHA-256.
    snapshot = models.JSONField(default=dict, editable=False)
    content_hash = models.CharField(max_length=64, editable=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("comment"), blank=True)

    objects: ClassVar[SubmissionQuerySet] = SubmissionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind", "version"], name="submission_version_once")
        ]
        indexes = [models.Index(fields=["year", "kind", "unit_path"], name="submission_year_kind_path")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.get_kind_display()} v{self.version}"

    def save(self, *args, **kwargs):
        self.unit_path = self.unit.path
        super().save(*args, **kwargs)


class Notification(models.Model):
    """An in-app message (a reminder, a returned submission); e-mailed too where it matters."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text[:60]


@register_path_copy
class Reminder(models.Model):
    """A reminder sent to a unit about a deadline: never twice for the same unit, deadline and day."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255, db_index=True)
    year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    deadline = models.DateField()
    sent_on = models.DateField()
    days_before = models.SmallIntegerField(help_text="Negative after the deadline.")
    recipients = models.PositiveSmallIntegerField(default=0)
    emails = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_on", "unit_path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind", "deadline", "sent_on"], name="reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.kind} {self.deadline:%d/%m/%Y} ({self.sent_on:%d/%m/%Y})"
