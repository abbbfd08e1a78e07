"""Support initiatives (mô hình, giải pháp): what a union builds for the youth of its registry.

An initiative belongs to its implementing unit and is scoped like every record (a copy of the
unit's path, `units.scoping`). Its lifecycle is a state machine (django-fsm-2): the unit
itself submits, starts and reports; the union above accepts, returns and closes
(`initiatives.workflow`). Forms 01 and 03 read it (`initiatives.exports`).
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from core.fields import fit
from core.vntext import fold
from initiatives.choices import (
    ACTIVE_STATUSES,
    REGISTERED_STATUSES,
    Domain,
    EvidenceKind,
    Kind,
    Outcome,
    ReviewKind,
    Status,
    Step,
)
from units.models import Unit
from units.scoping import Capability, acts_for, register_path_copy, reviews, subtree_q
from youth.choices import GROUP_BITS, TargetGroup
from youth.models import Youth


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, user, capability: Capability = Capability.READ) -> InitiativeQuerySet:
        return self.filter(subtree_q(user.scope_paths(capability), "unit_path"))

    def search(self, text: str) -> InitiativeQuerySet:
        text = (text or "").strip()
        return self.filter(name_key__contains=fold(text)) if text else self

    def registered_in(self, year: int) -> InitiativeQuerySet:
        """Registered for `year` and not a draft: what Form 01 and the yearly target count."""
        return self.filter(years__year=year, status__in=REGISTERED_STATUSES)

    def active_in(self, year: int) -> InitiativeQuerySet:
        return self.filter(years__year=year, status__in=ACTIVE_STATUSES)

    def serving(self, group: str) -> InitiativeQuerySet:
        bit = GROUP_BITS[group]
        return self.annotate(_serves=models.F("group_bits").bitand(bit)).filter(_serves=bit)


def is_implementer(initiative: Any, user: Any) -> bool:
    """An officer of the implementing unit itself (see units.scoping.acts_for)."""
    return acts_for(user, initiative.unit_path or initiative.unit.path, Unit.steplen)


def is_reviewer(initiative: Any, user: Any) -> bool:
    """An officer of a union above the implementing unit (see units.scoping.reviews)."""
    return reviews(user, initiative.unit_path or initiative.unit.path, Unit.steplen)


def has_results(initiative: Any) -> bool:
    return bool(initiative.results.strip()) and initiative.supported_count is not None


def is_confirmed(initiative: Any) -> bool:
    return Confirmation.objects.filter(initiative=initiative).exists()


def has_years(initiative: Any) -> bool:
    return initiative.years.exists()


@register_path_copy
class Initiative(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("implementing unit")
    )
    unit_path = models.CharField(max_length=255, editable=False, default="", db_index=True)
    name = models.CharField(_("name of the initiative"), max_length=255)
    domain = models.CharField(_("domain"), max_length=12, choices=Domain.choices)
    kind = models.CharField(_("kind of initiative"), max_length=20, choices=Kind.choices)
    kind_other = models.CharField(_("other kind"), max_length=150, blank=True)
    # The target groups served, as bits (youth.choices.GROUP_BITS).
    group_bits = models.PositiveSmallIntegerField(_("target groups"), default=0)
    coordinating_units = models.ManyToManyField(
        Unit, blank=True, related_name="coordinated_initiatives", verbose_name=_("coordinating union units")
    )
    partners = models.TextField(_("outside partners"), blank=True, help_text=_("Agencies, enterprises, sponsors."))
    person_in_charge = models.CharField(_("person in charge"), max_length=150)
    person_in_charge_phone = models.CharField(_("phone of the person in charge"), max_length=15, blank=True)
    area = models.CharField(_("area where it runs"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    content = models.TextField(_("form and content"))
    expected_results = models.TextField(_("expected results"))
    plan = models.TextField(_("implementation plan"), blank=True)
    unnamed_beneficiaries = models.PositiveIntegerField(
        _("unnamed beneficiaries"), default=0, help_text=_("Beneficiaries not linked to a registry record.")
    )
    # The results report (guideline 6c): what was achieved and for how many.
    results = models.TextField(_("concrete results"), blank=True)
    supported_count = models.PositiveIntegerField(_("disadvantaged youth supported"), null=True, blank=True)

    status = FSMField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    adopted_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
        verbose_name=_("adopted from"),
        editable=False,
    )
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)

    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[InitiativeQuerySet] = InitiativeQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("support initiative")
        verbose_name_plural = _("support initiatives")
        indexes = [models.Index(fields=["unit_path", "status"], name="initiative_path_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="initiative_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.unit_path = self.unit.path
        self.name_key = fit(self, "name_key", fold(self.name))
        super().save(*args, **kwargs)

    @property
    def target_groups(self) -> list[str]:
        return [code for code, bit in GROUP_BITS.items() if self.group_bits & bit]

    def target_group_labels(self) -> list[str]:
        return [str(TargetGroup(code).label) for code in self.target_groups]

    def kind_display(self) -> str:
        return self.kind_other if self.kind == Kind.OTHER and self.kind_other else self.get_kind_display()

    @property
    def year_list(self) -> list[int]:
        return sorted(y.year for y in self.years.all())

    @property
    def is_editable(self) -> bool:
        return self.status != Status.CLOSED

    # The lifecycle. Each method only moves the state; initiatives.workflow.apply() checks the
    # role, locks the row, records the transition and saves.

    @transition(
        field=status, source=Status.DRAFT, target=Status.REGISTERED, permission=is_implementer, conditions=[has_years]
    )
    def submit(self) -> None:
        """Register it with the union above."""

    @transition(
        field=status,
        source=Status.RETURNED,
        target=Status.REGISTERED,
        permission=is_implementer,
        conditions=[has_years],
    )
    def resubmit(self) -> None:
        """Send it again after the changes asked for."""

    @transition(field=status, source=Status.REGISTERED, target=Status.RETURNED, permission=is_reviewer)
    def return_for_changes(self) -> None:
        """Send it back to the implementing unit with comments."""

    @transition(field=status, source=Status.REGISTERED, target=Status.ACCEPTED, permission=is_reviewer)
    def accept(self) -> None:
        """Accept the registration."""

    @transition(field=status, source=Status.ACCEPTED, target=Status.UNDER_WAY, permission=is_implementer)
    def start(self) -> None:
        """Begin carrying it out."""

    @transition(
        field=status,
        source=Status.UNDER_WAY,
        target=Status.REPORTED,
        permission=is_implementer,
        conditions=[has_results, is_confirmed],
    )
    def report(self) -> None:
        """File the results, confirmed by the local government."""

    @transition(field=status, source=Status.REPORTED, target=Status.UNDER_WAY, permission=is_reviewer)
    def return_results(self) -> None:
        """Send the results back for changes."""

    @transition(field=status, source=Status.REPORTED, target=Status.CLOSED, permission=is_reviewer)
    def close(self) -> None:
        """Close it: the results are taken into account."""


class InitiativeYear(models.Model):
    """A year the initiative is registered for: one kept up for several years counts in each."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year"], name="initiative_year_once"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="initiative_year_range"),
        ]
        indexes = [models.Index(fields=["year", "initiative"], name="initiative_year_lookup")]

    def __str__(self) -> str:
        return str(self.year)


class Transition(models.Model):
    """One move of the lifecycle: who, when, from what to what, and why."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=24)
    source = models.CharField(max_length=12, choices=Status.choices)
    target = models.CharField(max_length=12, choices=Status.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.source} → {self.target}"


class StepEntry(models.Model):
    """Work done on one of the seven steps, with its date, note, reference and files.

    A step is done once it has an entry; the review step may have several (interim, final).
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="step_entries")
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    done_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    # Step 5: the approval's document reference (số, ký hiệu văn bản) and who approved.
    reference = models.CharField(_("document reference"), max_length=100, blank=True)
    # Step 7: interim or final review, its lessons and adjustments.
    review_kind = models.CharField(_("review"), max_length=8, choices=ReviewKind.choices, blank=True)
    lessons = models.TextField(_("lessons learnt"), blank=True)
    adjustments = models.TextField(_("adjustments"), blank=True)
    # Step 1: the youth surveyed; step 4: the youth consulted.
    youth = models.ManyToManyField(Youth, blank=True, related_name="+", verbose_name=_("young people"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["step", "done_on", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return f"{self.get_step_display()} ({self.done_on:%d/%m/%Y})"

    def get_additional_data(self) -> dict:
        # Lets the initiative's timeline find this row's audit entries, deleted rows included.
        return {"initiative_id": self.initiative_id}


class Activity(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="activities")
    held_on = models.DateField(_("date"))
    description = models.TextField(_("what was done"))
    youth = models.ManyToManyField(Youth, blank=True, related_name="+", verbose_name=_("young people reached"))
    unnamed_count = models.PositiveIntegerField(_("other youth reached"), default=0)
    # Resources used.
    money = models.PositiveBigIntegerField(_("money (VND)"), default=0)
    gifts = models.PositiveIntegerField(_("gifts"), default=0)
    workdays = models.PositiveIntegerField(_("workdays"), default=0)
    insurance_cards = models.PositiveIntegerField(_("health-insurance cards"), default=0)
    training_places = models.PositiveIntegerField(_("training places"), default=0)
    jobs = models.PositiveIntegerField(_("jobs"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    RESOURCE_FIELDS = ("money", "gifts", "workdays", "insurance_cards", "training_places", "jobs")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y}: {self.description[:60]}"

    def get_additional_data(self) -> dict:
        # Lets the initiative's timeline find this row's audit entries, deleted rows included.
        return {"initiative_id": self.initiative_id}


class Beneficiary(models.Model):
    """A registry record the initiative supports, with the outcome for that person where known.

    The youth's support history is the list of these rows.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="beneficiaries")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="support")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.SUPPORTED)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    # Optimistic lock: an outcome saved from a form opened before another save is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "youth"], name="beneficiary_once")]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.youth_id}"

    def get_additional_data(self) -> dict:
        # Lets the initiative's timeline find this row's audit entries, deleted rows included.
        return {"initiative_id": self.initiative_id}


def evidence_path(instance: Evidence, filename: str) -> str:
    """Stored under a random name: the user's file name is kept only as the title."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"evidence/{instance.initiative_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A photo, a document or a link; also the plan document, a step's files and the signed page."""

    class Purpose(models.TextChoices):
        RESULT = "result", _("Evidence of results")
        PLAN = "plan", _("Implementation plan")
        STEP = "step", _("Step document")
        CONFIRMATION = "confirmation", _("Signed confirmation")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind of evidence"), max_length=8, choices=EvidenceKind.choices)
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices, default=Purpose.RESULT)
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(upload_to=evidence_path, blank=True, max_length=255)
    thumbnail = models.FileField(upload_to=evidence_path, blank=True, max_length=255)
    url = models.URLField(_("link"), max_length=500, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    step_entry = models.ForeignKey(StepEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title or self.url or self.get_kind_display()

    def get_additional_data(self) -> dict:
        # Lets the initiative's timeline find this row's audit entries, deleted rows included.
        return {"initiative_id": self.initiative_id}


class Confirmation(models.Model):
    """The local government's confirmation of the results: required before Form 03 shows them."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="confirmation")
    confirmer_name = models.CharField(_("confirmed by"), max_length=150)
    confirmer_title = models.CharField(_("position"), max_length=150)
    confirmed_on = models.DateField(_("date of confirmation"))
    scan = models.ForeignKey(
        Evidence, on_delete=models.PROTECT, related_name="+", verbose_name=_("scan of the signed page")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("local government confirmation")
        verbose_name_plural = _("local government confirmations")

    def __str__(self) -> str:
        return f"{self.confirmer_name}, {self.confirmed_on:%d/%m/%Y}"

    def get_additional_data(self) -> dict:
        # Lets the initiative's timeline find this row's audit entries, deleted rows included.
        return {"initiative_id": self.initiative_id}


# The records Forms 01 and 03 leave (export audit, import keys), kept in their own module.
from initiatives.form_records import ImportedInitiative, InitiativeAccess  # noqa: E402, F401
