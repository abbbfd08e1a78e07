from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import fit
from core.vntext import fold, name_collation_key
from units.models import Unit
from units.scoping import Capability, register_path_copy, subtree_q
from youth.choices import (
    AGE_BANDS,
    GROUP_BITS,
    AreaKind,
    ConsentMethod,
    ConsentState,
    DisabilityDegree,
    DisabilityKind,
    HouseholdKind,
    Need,
    Priority,
    Sex,
    Status,
    TargetGroup,
)


class YouthQuerySet(models.QuerySet):
    def visible_to(self, user, capability: Capability = Capability.READ) -> YouthQuerySet:
        """Live records (not deleted, not merged away) in the user's subtrees."""
        return self.filter(subtree_q(user.scope_paths(capability), "unit_path"), deleted_at__isnull=True)

    def deleted_visible_to(self, user) -> YouthQuerySet:
        """The bin: soft-deleted records an officer of the unit may restore or purge."""
        return self.filter(subtree_q(user.scope_paths(Capability.WRITE), "unit_path"), deleted_at__isnull=False)

    def search(self, text: str) -> YouthQuerySet:
        """By name without diacritics or case, or by phone or citizen ID (digits only)."""
        text = (text or "").strip()
        if not text:
            return self
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and len(digits) >= 6 and len(digits) >= len(text.replace(" ", "")) - 3:
            if len(digits) == 12:
                return self.filter(citizen_id=digits)
            phone = "0" + digits[2:] if digits.startswith("84") and len(digits) == 11 else digits
            return self.filter(Q(phone__contains=phone) | Q(citizen_id__contains=digits))
        return self.filter(name_key__contains=fold(text))

    def in_group(self, code: str) -> YouthQuerySet:
        bit = GROUP_BITS[code]
        return self.annotate(_in_group=F("group_bits").bitand(bit)).filter(_in_group=bit)

    def count_by_group(self) -> dict[str, int]:
        """How many records of this queryset are in each target group, in one pass."""
        annotated = self.annotate(**{f"_bit_{code}": F("group_bits").bitand(bit) for code, bit in GROUP_BITS.items()})
        counts = annotated.aggregate(
            **{code: Count("pk", filter=Q(**{f"_bit_{code}": bit})) for code, bit in GROUP_BITS.items()}
        )
        return {code: counts[code] or 0 for code in GROUP_BITS}

    def in_age_band(self, band: str, today: datetime.date | None = None) -> YouthQuerySet:
        today = today or timezone.localdate()
        for code, _label, low, high in AGE_BANDS:
            if code == band:
                return self.filter(birth_year__gte=today.year - high, birth_year__lte=today.year - low)
        return self


@register_path_copy
class Youth(models.Model):
    """A disadvantaged young person in the registry of a union unit (Biểu mẫu 02)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="youth", verbose_name=_("unit"))
    # A copy of unit.path (see units.scoping.register_path_copy): a province's count over a
    # million records is one index range here instead of a join.
    unit_path = models.CharField(max_length=255, editable=False, default="")
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, help_text=_("When only the year is known.")
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=2, blank=True)
    citizen_id = models.CharField(_("citizen ID (CCCD)"), max_length=12, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True, db_index=True)
    village = models.CharField(_("village / hamlet / residential group"), max_length=150, blank=True)
    address_detail = models.CharField(_("address details"), max_length=255, blank=True)
    circumstances = models.TextField(_("current circumstances"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUPPORTED)
    status_changed_on = models.DateField(_("status changed on"), default=timezone.localdate)
    # The target groups as bits (youth.choices.GROUP_BITS), kept by youth.services with the rows.
    group_bits = models.PositiveSmallIntegerField(default=0, editable=False)
    consent_state = models.CharField(
        _("consent"), max_length=10, choices=ConsentState.choices, default=ConsentState.NONE, editable=False
    )

    # Derived columns, kept by save(): search and Vietnamese name order work the same on
    # SQLite and PostgreSQL, and a list of a million rows orders by an index.
    name_key = models.CharField(max_length=150, editable=False, db_index=True)
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    # Imports find the row they wrote before through this key, so a re-import adds nothing.
    source_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    delete_reason = models.CharField(_("reason for deletion"), max_length=255, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from", editable=False
    )
    purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[YouthQuerySet] = YouthQuerySet.as_manager()  # type: ignore[assignment]

    # Shown only to officers of the record's unit and of the units above it.
    SENSITIVE_FIELDS = ("citizen_id", "circumstances", "notes")

    class Meta:
        verbose_name = _("young person")
        verbose_name_plural = _("young people")
        indexes = [
            # Live records by subtree; varchar_pattern_ops lets PostgreSQL serve LIKE 'path%'
            # under any collation (other databases ignore opclasses).
            # group_bits rides along (PostgreSQL INCLUDE) so counts per group over a province
            # read the index alone, never the table.
            models.Index(
                fields=["unit_path"],
                name="youth_live_unit_path",
                condition=Q(deleted_at__isnull=True),
                opclasses=["varchar_pattern_ops"],
                include=["group_bits"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="youth_birth_year_range",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    @classmethod
    def name_key_of(cls, full_name: str) -> str:
        """The search key of a name, as `name_key` keeps it (duplicate checks compare it)."""
        return fit(cls, "name_key", fold(full_name))

    def fill_derived(self) -> Youth:
        """The columns derived from others; bulk writers (imports) call it as save() does."""
        self.unit_path = self.unit.path
        if self.birth_date:
            self.birth_year = self.birth_date.year
        self.name_key = self.name_key_of(self.full_name)
        self.sort_key = fit(self, "sort_key", name_collation_key(self.full_name))
        return self

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def age(self, on: datetime.date | None = None) -> int | None:
        on = on or timezone.localdate()
        if self.birth_date:
            return on.year - self.birth_date.year - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))
        if self.birth_year:
            return on.year - self.birth_year
        return None

    def is_child(self, on: datetime.date | None = None) -> bool:
        """Under 16: a parent or guardian must consent too (Law 91/2025/QH15, art. on children's data)."""
        age = self.age(on)
        return age is not None and age < 16

    def birth_display(self) -> str:
        return format_birth(self.birth_date, self.birth_year)

    def address_display(self) -> str:
        return format_address(self.address_detail, self.village, self.unit.place_name if self.unit_id else "")


def format_birth(birth_date: datetime.date | None, birth_year: int | None) -> str:
    """dd/mm/yyyy, or the year alone when that is all that is known."""
    if birth_date:
        return birth_date.strftime("%d/%m/%Y")
    return str(birth_year) if birth_year else ""


def format_address(detail: str, village: str, place: str) -> str:
    return ", ".join(part for part in (detail, village, place) if part)


class YouthGroup(models.Model):
    """One target group a young person belongs to, with that group's own details."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    disability_kind = models.CharField(
        _("kind of disability"), max_length=20, choices=DisabilityKind.choices, blank=True
    )
    disability_degree = models.CharField(
        _("degree of disability"), max_length=20, choices=DisabilityDegree.choices, blank=True
    )
    illness = models.CharField(_("illness"), max_length=200, blank=True)
    household_kind = models.CharField(_("household"), max_length=12, choices=HouseholdKind.choices, blank=True)
    certificate_year = models.PositiveSmallIntegerField(_("year of the certificate"), null=True, blank=True)
    unemployed_since = models.DateField(_("unemployed since"), null=True, blank=True)
    area_kind = models.CharField(_("area"), max_length=12, choices=AreaKind.choices, blank=True)
    rehabilitation_finished_on = models.DateField(_("rehabilitation finished on"), null=True, blank=True)
    released_on = models.DateField(_("released on"), null=True, blank=True)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [models.UniqueConstraint(fields=["youth", "group"], name="youth_group_once")]

    def __str__(self) -> str:
        return self.get_group_display()

    def get_additional_data(self) -> dict:
        # Lets the record's history page find this row's audit entries.
        return {"youth_id": self.youth_id}


class YouthNeed(models.Model):
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(_("need"), max_length=16, choices=Need.choices)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [models.UniqueConstraint(fields=["youth", "need"], name="youth_need_once")]

    def __str__(self) -> str:
        return self.get_need_display()

    def get_additional_data(self) -> dict:
        # Lets the record's history page find this row's audit entries.
        return {"youth_id": self.youth_id}


class Consent(models.Model):
    """Consent to process the young person's data; withdrawal is recorded, never erased."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="consents")
    by_subject = models.BooleanField(_("the young person consents"), default=False)
    by_guardian = models.BooleanField(_("a parent or guardian consents"), default=False)
    guardian_name = models.CharField(_("parent or guardian"), max_length=150, blank=True)
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how"), max_length=12, choices=ConsentMethod.choices)
    for_support = models.BooleanField(_("to organise support"), default=False)
    for_reporting = models.BooleanField(_("to report to the unions above"), default=False)
    for_partners = models.BooleanField(_("to share with supporting partners"), default=False)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.CharField(_("withdrawal note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.youth} {self.given_on:%d/%m/%Y}"

    def get_additional_data(self) -> dict:
        # Lets the record's history page find this row's audit entries.
        return {"youth_id": self.youth_id}

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class RegistryAccess(models.Model):
    """Who exported or imported which records, and when (views of one record go to the audit log)."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")
        PURGE = "purge", _("Purge")

    action = models.CharField(max_length=10, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    detail = models.CharField(max_length=255, blank=True)
    record_count = models.PositiveIntegerField(default=0)
    record_ids = models.JSONField(default=list)

    class Meta:
        verbose_name = _("registry access")
        verbose_name_plural = _("registry accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.record_count} @ {self.at:%d/%m/%Y %H:%M}"
