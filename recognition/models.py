"""Recognition of initiatives against the guideline's three criteria, random inspections,
commendations (guideline, section 6).

An initiative counts toward the yearly target only once recognised: evaluators (the union
above) score the criteria, pre-filled by `recognition.prechecks`, and one decision per
initiative and year is recorded with who, when and why; `cycle.compliance` reads the
recognised ones. The province draws units or initiatives to inspect (`recognition.draws`:
seeded, stored, never silently redrawn); each inspection has a checklist, findings, a rating
and follow-ups tracked to closure.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from units.models import Unit
from units.scoping import Capability, register_path_copy, subtree_q


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, capability: Capability = Capability.READ):
        return self.filter(subtree_q(user.scope_paths(capability), "unit_path"))


@register_path_copy
class Evaluation(models.Model):
    """One evaluator's assessment of an initiative for a year against criteria (a), (b), (c)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)  # the initiative's
    year = models.PositiveSmallIntegerField(_("year"))
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    effective = models.BooleanField(
        _("(a) effective, kept up regularly, helps a target group and solves its problem"), default=False
    )
    has_plan = models.BooleanField(_("(b) has an implementation plan"), default=False)
    has_report = models.BooleanField(_("(c) has a complete results report"), default=False)
    score = models.PositiveSmallIntegerField(_("score (0–100)"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # What the system knew when the evaluator looked (recognition.prechecks), kept with the judgment.
    prechecks = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[ScopedQuerySet] = ScopedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year", "evaluator"], name="evaluation_once_per_evaluator")
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.year} ({self.evaluator_id})"

    def save(self, *args, **kwargs):
        self.unit_path = self.initiative.unit_path
        super().save(*args, **kwargs)

    @property
    def meets_all(self) -> bool:
        return self.effective and self.has_plan and self.has_report


@register_path_copy
class Decision(models.Model):
    """Recognised or not, for a year, with the reason: what counts toward the target."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="decisions")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    recognised = models.BooleanField(_("recognised"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[ScopedQuerySet] = ScopedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        constraints = [models.UniqueConstraint(fields=["initiative", "year"], name="decision_once_a_year")]
        indexes = [models.Index(fields=["year", "recognised", "unit_path"], name="decision_year_path")]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.year}: {self.recognised}"

    def save(self, *args, **kwargs):
        self.unit = self.initiative.unit
        self.unit_path = self.initiative.unit_path
        super().save(*args, **kwargs)


class DrawTarget(models.TextChoices):
    UNITS = "units", _("Units")
    INITIATIVES = "initiatives", _("Initiatives")


class Strata(models.TextChoices):
    NONE = "", _("No stratification")
    PARENT = "parent", _("By former district or cluster (the unit above)")
    DOMAIN = "domain", _("By domain")


@register_path_copy
class Draw(models.Model):
    """A reproducible random draw: its seed, parameters, candidates and result are stored."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("within"))
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.CharField(_("draw"), max_length=12, choices=DrawTarget.choices, default=DrawTarget.UNITS)
    size = models.PositiveIntegerField(_("how many"), null=True, blank=True)
    share = models.DecimalField(_("or what share (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    strata = models.CharField(_("stratified"), max_length=8, choices=Strata.choices, blank=True, default="")
    exclude_years = models.PositiveSmallIntegerField(_("leave out units inspected in the last N years"), default=0)
    seed = models.CharField(max_length=64, editable=False)
    candidates = models.JSONField(default=list, editable=False)  # [[id, stratum], …] in a fixed order
    drawn = models.JSONField(default=list, editable=False)  # ids
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by", editable=False
    )
    redraw_reason = models.TextField(_("reason for the redraw"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[ScopedQuerySet] = ScopedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inspection draw")
        verbose_name_plural = _("inspection draws")
        constraints = [
            models.CheckConstraint(
                condition=Q(size__isnull=False) | Q(share__isnull=False), name="draw_has_size_or_share"
            ),
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | ~Q(redraw_reason=""), name="redraw_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} #{self.pk}"

    def save(self, *args, **kwargs):
        self.unit_path = self.unit.path
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "replaced_by")


class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Not up to standard")


@register_path_copy
class Inspection(models.Model):
    """A visit to an inspected unit (and, optionally, one of its initiatives)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("inspected unit"))
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.PROTECT, related_name="inspections"
    )
    draw = models.ForeignKey(Draw, null=True, blank=True, on_delete=models.PROTECT, related_name="inspections")
    year = models.PositiveSmallIntegerField(_("year"))
    team = models.TextField(_("team"), help_text=_("The members of the inspection team, one per line."))
    inspected_on = models.DateField(_("date of the inspection"))
    # The checklist.
    initiative_exists = models.BooleanField(_("the initiative exists and runs"), default=False)
    plan_exists = models.BooleanField(_("the implementation plan exists"), default=False)
    beneficiaries_reported = models.PositiveIntegerField(_("beneficiaries reported"), default=0)
    beneficiaries_met = models.PositiveIntegerField(_("of whom met by the team"), default=0)
    evidence_checked = models.BooleanField(_("the evidence was checked"), default=False)
    findings = models.TextField(_("findings"), blank=True)
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices, blank=True)
    inspected_by = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("inspecting union")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects: ClassVar[ScopedQuerySet] = ScopedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-inspected_on", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.CheckConstraint(
                condition=Q(beneficiaries_met__lte=models.F("beneficiaries_reported")),
                name="inspection_met_at_most_reported",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.inspected_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.unit_path = self.unit.path
        super().save(*args, **kwargs)


class FollowUp(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=150)
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.action[:60]

    @property
    def is_open(self) -> bool:
        return self.done_on is None


class CommendationLevel(models.TextChoices):
    CENTRAL = "central", _("Central Committee")
    PROVINCE = "province", _("Provincial union")
    DISTRICT = "district", _("District-level union")
    COMMUNE = "commune", _("Commune union")


class CommendationForm(models.TextChoices):
    PRAISE = "praise", _("Praise (biểu dương)")
    CERTIFICATE = "certificate", _("Certificate of merit (giấy khen / bằng khen)")


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


@register_path_copy
class Commendation(models.Model):
    """A commendation decided by a union (`unit`), for an individual or a collective."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("awarded by"))
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=10, choices=CommendationLevel.choices)
    form = models.CharField(_("form"), max_length=12, choices=CommendationForm.choices)
    recipient_kind = models.CharField(_("recipient"), max_length=10, choices=RecipientKind.choices)
    recipient_name = models.CharField(_("name of the recipient"), max_length=255)
    recipient_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient's unit")
    )
    reason = models.TextField(_("for what"))
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    initiatives = models.ManyToManyField(Initiative, blank=True, related_name="commendations")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[ScopedQuerySet] = ScopedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-decision_date", "-pk"]
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")

    def __str__(self) -> str:
        return f"{self.recipient_name} ({self.decision_number})"

    def save(self, *args, **kwargs):
        self.unit_path = self.unit.path
        super().save(*args, **kwargs)
