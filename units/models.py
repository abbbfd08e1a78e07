from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from core.fields import fit
from core.vntext import fold
from units.scoping import Capability, subtree_q


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Provincial union")
    DISTRICT = "district", _("District-level union")
    BLOC = "bloc", _("Bloc / directly attached union")
    COMMUNE = "commune", _("Commune / ward union")
    SCHOOL = "school", _("School union")
    AGENCY = "agency", _("Agency union")
    ENTERPRISE = "enterprise", _("Enterprise union")
    BRANCH = "branch", _("Branch")


# Kinds whose unions build initiatives themselves (the guideline's "cơ sở").
GRASSROOTS_KINDS = frozenset({UnitKind.COMMUNE, UnitKind.SCHOOL, UnitKind.AGENCY, UnitKind.ENTERPRISE})


class UnitQuerySet(MP_NodeQuerySet):
    def visible_to(self, user, capability: Capability = Capability.READ) -> UnitQuerySet:
        """The units in the subtrees where `user` holds a role giving `capability`."""
        return self.filter(subtree_q(user.scope_paths(capability), "path"))

    def in_force(self, on: datetime.date | None = None) -> UnitQuerySet:
        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        )

    def children_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path, depth=unit.depth + 1)

    def ancestors_by_path(self, units: list[Unit], *, parents_only: bool = False) -> dict[str, Unit]:
        """The ancestors (or just the parents) of `units`, keyed by path, in one query.

        Not scoped: a commune officer's own unit still hangs under the province, and the trail
        above a unit is part of where it sits, not a record of those units.
        """
        if parents_only:
            paths = {unit.path[: -unit.steplen] for unit in units if unit.depth > 1}
        else:
            paths = {path for unit in units for path in unit.ancestor_paths()}
        return {a.path: a for a in self.model.objects.filter(path__in=paths)} if paths else {}

    def search(self, text: str) -> UnitQuerySet:
        key = fold(text)
        if not key:
            return self
        return self.filter(Q(search_key__contains=key) | Q(code=text.strip()))


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(MP_Node):
    """A union organisation: the province, a district-level union, a commune union, a branch…

    Depth is not fixed. History is kept, never deleted: a unit that ceases to exist gets a
    `valid_to`, and the units that took it over are its `successors`.
    """

    steplen = 4

    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    code = models.CharField(
        _("official code"),
        max_length=20,
        blank=True,
        help_text=_("The General Statistics Office's administrative-unit code, if any."),
    )
    name = models.CharField(_("name"), max_length=200)
    header_line_1 = models.CharField(
        _("document header, line 1"),
        max_length=120,
        blank=True,
        help_text=_("Usually the union above, e.g. TỈNH ĐOÀN HÀ TĨNH."),
    )
    header_line_2 = models.CharField(
        _("document header, line 2"), max_length=120, blank=True, help_text=_("This union, e.g. BCH ĐOÀN XÃ CẨM BÌNH.")
    )
    place_name = models.CharField(
        _("place name for the date line"),
        max_length=80,
        blank=True,
        help_text=_("As in “Cẩm Bình, ngày … tháng … năm …”."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, related_name="predecessors", blank=True, verbose_name=_("went into")
    )
    search_key = models.CharField(max_length=300, editable=False, db_index=True)
    # Optimistic lock: an edit based on an older version is refused, never silently applied.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitManager()

    class Meta:
        verbose_name = _("union unit")
        verbose_name_plural = _("union units")
        constraints = [
            # A code may be reused after a restructuring (18073: Nam Hà, then Thành Sen), so it is
            # unique among the units in force, and per closing date among the closed ones.
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_to__isnull=True) & ~Q(code=""),
                name="unit_code_unique_in_force",
            ),
            models.UniqueConstraint(
                fields=["code", "valid_to"],
                condition=Q(valid_to__isnull=False) & ~Q(code=""),
                name="unit_code_unique_per_era",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # A derived column, kept here so that every path that saves a unit keeps it in step.
        self.search_key = fit(self, "search_key", fold(f"{self.name} {self.code}"))
        super().save(*args, **kwargs)

    def is_in_force(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or self.valid_to >= on)

    @property
    def is_closed(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    def ancestor_paths(self) -> list[str]:
        return [self.path[:end] for end in range(self.steplen, len(self.path), self.steplen)]

    def contains(self, other: Unit) -> bool:
        return other.path.startswith(self.path)
