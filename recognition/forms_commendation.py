"""The commendation form: who, for what, level and form, the decision, the linked initiatives.

The awarding unit is one the user may write; the initiatives offered are those the user may
see (recognised ones first), so an id from outside the user's scope is refused like any
unknown choice. Links the editor cannot see (made by a union above) are kept on save.
"""

from __future__ import annotations

import hashlib
from typing import Any, cast

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from initiatives.choices import Status
from initiatives.models import Initiative
from recognition.models import Commendation, CommendationLevel, Decision
from units.models import Unit, UnitKind
from units.scoping import Capability

FIRST_YEAR = 2019  # the guideline's year (Hướng dẫn 2019)
FIELDS = (
    "unit",
    "year",
    "level",
    "form",
    "recipient_kind",
    "recipient_name",
    "recipient_unit",
    "reason",
    "decision_number",
    "decision_date",
)
# The level a union's own commendations usually have, to pre-fill a new one.
KIND_LEVEL = {UnitKind.PROVINCE: CommendationLevel.PROVINCE, UnitKind.DISTRICT: CommendationLevel.DISTRICT}


def state_token(commendation: Commendation) -> str:
    """A fingerprint of the saved commendation and its links: the "version" an edit form
    carries, since the model keeps no version number. Any change by someone else alters it."""
    values = [str(getattr(commendation, field.attname)) for field in Commendation._meta.concrete_fields]
    links = sorted(commendation.initiatives.values_list("pk", flat=True))
    return hashlib.sha256(repr((values, links)).encode()).hexdigest()[:32]


def year_choices(extra: int | None = None) -> list[tuple[int, str]]:
    """Next year back to the guideline's first year, plus a year already chosen."""
    this_year = timezone.localdate().year
    years = sorted({*range(FIRST_YEAR, this_year + 2), *([extra] if extra else [])}, reverse=True)
    return [(year, str(year)) for year in years]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


def initiative_choices(user, linked: list[int]) -> tuple[list, set[int]]:
    """The initiatives `user` may see, not drafts (unless already linked), grouped: recognised
    ones first. Returns the grouped choices and the ids offered."""
    recognised = Exists(Decision.objects.filter(initiative=OuterRef("pk"), recognised=True))
    rows = (
        Initiative.objects.visible_to(user)
        .filter(~Q(status=Status.DRAFT) | Q(pk__in=linked))
        .annotate(recognised=recognised)
        .order_by("-recognised", "name_key", "pk")
        .values_list("pk", "name", "unit__name", "recognised")
    )
    groups: dict[bool, list[tuple[int, str]]] = {True: [], False: []}
    for pk, name, unit_name, is_recognised in rows:
        groups[bool(is_recognised)].append((pk, f"{name} — {unit_name}"))
    choices = [
        (label, items)
        for label, items in (
            (_("Recognised initiatives"), groups[True]),
            (_("Other initiatives"), groups[False]),
        )
        if items
    ]
    offered = {pk for items in groups.values() for pk, _label in items}
    return choices, offered


class CommendationForm(StyledFormMixin, forms.ModelForm):
    state = forms.CharField(widget=forms.HiddenInput, required=False)
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Awarding union"),
        help_text=_("The union whose decision this is."),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    recipient_unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Recipient's unit"),
        required=False,
        help_text=_("Optional: the union unit the person or collective belongs to."),
    )
    initiatives = forms.TypedMultipleChoiceField(
        label=_("Linked initiatives"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The initiatives this commendation is for, among those you can see; several may be chosen."),
    )

    class Meta:
        model = Commendation
        fields = FIELDS
        widgets = {
            "recipient_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "decision_number": forms.TextInput(attrs={"autocomplete": "off", "placeholder": "12-QĐ/TĐTN"}),
            "decision_date": DateInput(),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        instance: Commendation = self.instance
        writable = Unit.objects.visible_to(user, Capability.WRITE)
        in_force = Q(pk__in=Unit.objects.in_force())
        linked = list(instance.initiatives.values_list("pk", flat=True)) if instance.pk else []
        if instance.pk:
            self.fields["state"].initial = state_token(instance)
            self.fields["state"].required = True
            units = writable.filter(in_force | Q(pk=instance.unit_id))
            recipient_units = Unit.objects.filter(in_force | Q(pk=instance.recipient_unit_id))
        else:
            units = writable.filter(in_force)
            recipient_units = Unit.objects.in_force()
            own = Unit.objects.filter(path__in=user.scope_paths(Capability.WRITE)).in_force().order_by("path").first()
            if own is not None:
                self.fields["unit"].initial = own.pk
                self.fields["level"].initial = KIND_LEVEL.get(own.kind, CommendationLevel.COMMUNE)
            self.fields["year"].initial = timezone.localdate().year
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units.order_by("path")
        cast(forms.ModelChoiceField, self.fields["recipient_unit"]).queryset = recipient_units.order_by("path")
        cast(forms.TypedChoiceField, self.fields["year"]).choices = year_choices(instance.year if instance.pk else None)
        choices, offered = initiative_choices(user, linked)
        cast(forms.TypedMultipleChoiceField, self.fields["initiatives"]).choices = choices
        self.fields["initiatives"].initial = [pk for pk in linked if pk in offered]
        # Links made by someone who sees more (a union above) stay when this user saves.
        self.kept_links = [pk for pk in linked if pk not in offered]
        self.fields["recipient_name"].label = _("Name of the person or collective")
        self.fields["reason"].label = _("For what (achievement)")
        self.style_fields()

    # Layout helpers for the template (no logic there).
    def decision_fields(self):
        return [self[name] for name in ("unit", "year", "level", "form", "decision_number", "decision_date")]

    def recipient_fields(self):
        return [self[name] for name in ("recipient_kind", "recipient_name", "recipient_unit", "reason")]

    def linked_initiatives(self) -> list[Initiative]:
        chosen: list[int] = self.cleaned_data.get("initiatives") or []
        return list(Initiative.objects.filter(pk__in=[*chosen, *self.kept_links]))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("decision_date") and cleaned["decision_date"] > timezone.localdate():
            self.add_error("decision_date", _("The decision date cannot be in the future."))
        return cleaned
