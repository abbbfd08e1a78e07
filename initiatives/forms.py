"""The forms of the initiative pages: the record, its results, steps, activities, beneficiaries."""

from __future__ import annotations

import datetime
import json
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from core.identifier_messages import describe
from core.identifiers import InvalidIdentifier, normalize_phone
from initiatives.choices import KIND_DOMAIN, Domain, Kind, Outcome, ReviewKind, Step
from initiatives.models import Activity, Beneficiary, Initiative, StepEntry
from initiatives.services import INITIATIVE_FIELDS
from units.models import Unit
from youth.choices import TargetGroup
from youth.models import Youth


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


def kind_choices() -> list:
    """The kinds grouped under their domain (an <optgroup> each); "Other" fits any domain."""
    grouped = [
        (label, [(kind, Kind(kind).label) for kind, of in KIND_DOMAIN.items() if of == domain])
        for domain, label in Domain.choices
    ]
    return [("", "—"), *grouped, (Kind.OTHER.value, Kind.OTHER.label)]


# How far an initiative's dates may lie from the years it is registered for.
START_YEARS_BEFORE = 10  # kept up for years before it was registered
END_YEARS_AFTER = 5


def date_errors(start: datetime.date | None, end: datetime.date | None, years: list[int]) -> dict[str, str]:
    """Field -> message for start and end dates far from the years the initiative is registered
    for (9999 is a typo), or an end before the start. The form and the Form 01 import both ask."""
    years = years or [timezone.localdate().year]
    first = datetime.date(min(years) - START_YEARS_BEFORE, 1, 1)
    last_start = datetime.date(max(years), 12, 31)
    last_end = datetime.date(max(years) + END_YEARS_AFTER, 12, 31)
    errors = {}
    if start and not first <= start <= last_start:
        errors["start_date"] = _("The start date must fall between %(first)s and %(last)s.") % {
            "first": first.strftime("%d/%m/%Y"),
            "last": last_start.strftime("%d/%m/%Y"),
        }
    if end and end > last_end:
        errors["end_date"] = _("The end date cannot be after %(last)s.") % {"last": last_end.strftime("%d/%m/%Y")}
    elif start and end and end < start:
        errors["end_date"] = str(_("The end date is before the start date."))
    return errors


def year_choices(extra: list[int] | tuple[int, ...] = ()) -> list[tuple[int, str]]:
    """Last year to next year, plus any year already chosen."""
    this_year = timezone.localdate().year
    years = sorted({*range(this_year - 1, this_year + 2), *extra}, reverse=True)
    return [(year, str(year)) for year in years]


def _check_boxes(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        form.fields[name].widget.attrs["class"] = "form-check-input"


class InitiativeForm(StyledFormMixin, forms.ModelForm):
    """The record, with its target groups, years and coordinating union units.

    On a new initiative `units` are those the user may choose as the implementing unit; an
    existing one keeps its unit (and carries the version it was opened on).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Implementing unit"))
    kind = forms.ChoiceField(label=_("Kind of initiative"), choices=kind_choices)
    groups = forms.MultipleChoiceField(
        label=_("Target groups served"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    years = forms.TypedMultipleChoiceField(
        label=_("Registered for the year(s)"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("An initiative kept up for several years counts in each year it is registered for."),
    )
    coordinating_units = UnitsChoiceField(
        queryset=Unit.objects.none(),
        label=_("Coordinating union units"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Union units that take part; outside partners have their own field below."),
    )

    class Meta:
        model = Initiative
        fields = list(INITIATIVE_FIELDS)
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
            "plan": forms.Textarea(attrs={"rows": 4}),
            "person_in_charge_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "unnamed_beneficiaries": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        years = instance.year_list if instance.pk else []
        cast(forms.TypedMultipleChoiceField, self.fields["years"]).choices = year_choices(years)
        coordinating = cast(forms.ModelMultipleChoiceField, self.fields["coordinating_units"])
        if instance.pk:
            del self.fields["unit"]
            self.fields["version"].required = True
            self.fields["version"].initial = instance.version
            self.fields["groups"].initial = instance.target_groups
            self.fields["years"].initial = years
            chosen = list(instance.coordinating_units.values_list("pk", flat=True))
            self.fields["coordinating_units"].initial = chosen
            coordinating.queryset = Unit.objects.filter(Q(pk__in=Unit.objects.in_force()) | Q(pk__in=chosen))
        else:
            cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
            self.fields["years"].initial = [timezone.localdate().year]
            coordinating.queryset = Unit.objects.in_force()
        # static/js/initiatives.js offers only the kinds of the chosen domain.
        self.fields["name"].label = _("Name of the initiative")
        cast(forms.ChoiceField, self.fields["domain"]).choices = [("", "—"), *Domain.choices]
        self.fields["unnamed_beneficiaries"].required = False
        self.fields["kind"].widget.attrs["data-kind-domains"] = json.dumps(KIND_DOMAIN)
        _check_boxes(self, "groups", "years")
        self.style_fields()

    # Layout helpers for the template (no logic there).
    def about_fields(self):
        names = ["unit", "name", "domain", "kind", "kind_other"]
        return [self[name] for name in names if name in self.fields]

    def people_fields(self):
        names = ("person_in_charge", "person_in_charge_phone", "partners", "area", "start_date", "end_date")
        return [self[name] for name in names]

    def content_fields(self):
        return [self[name] for name in ("content", "expected_results", "plan", "unnamed_beneficiaries")]

    def clean_person_in_charge_phone(self) -> str:
        try:
            return normalize_phone(self.cleaned_data.get("person_in_charge_phone", ""))
        except InvalidIdentifier as error:
            raise forms.ValidationError(describe(error)) from error

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        domain, kind = cleaned.get("domain"), cleaned.get("kind")
        if domain and kind and kind != Kind.OTHER and KIND_DOMAIN.get(kind) != domain:
            self.add_error(
                "kind",
                _(
                    "“%(kind)s” is an initiative of the domain “%(its_domain)s”, not “%(domain)s”. "
                    "Choose a kind listed under the domain you chose, or “Other”."
                )
                % {
                    "kind": Kind(kind).label,
                    "its_domain": Domain(KIND_DOMAIN[kind]).label,
                    "domain": Domain(domain).label,
                },
            )
        if kind == Kind.OTHER and not cleaned.get("kind_other"):
            self.add_error("kind_other", _("Say what kind of initiative it is."))
        if kind != Kind.OTHER:
            cleaned["kind_other"] = ""
        self._check_dates(cleaned)
        return cleaned

    def _check_dates(self, cleaned: dict[str, Any]) -> None:
        years = cleaned.get("years") or (self.instance.year_list if self.instance.pk else [])
        for name, message in date_errors(cleaned.get("start_date"), cleaned.get("end_date"), years).items():
            self.add_error(name, message)

    def record_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in INITIATIVE_FIELDS}
        for name in ("kind_other", "partners", "person_in_charge_phone", "area", "plan"):
            data[name] = data.get(name) or ""
        data["unnamed_beneficiaries"] = data.get("unnamed_beneficiaries") or 0
        return data


class ResultsForm(StyledFormMixin, forms.ModelForm):
    """The results report (guideline 6c), filled once the initiative is under way."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Initiative
        fields = ["results", "supported_count"]
        widgets = {
            "results": forms.Textarea(attrs={"rows": 6}),
            "supported_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=24)
    comment = forms.CharField(required=False, max_length=2000)
    version = forms.IntegerField(required=False)


class YouthPickerMixin:
    """A `youth` field over the registry records the user may see (picked with a live search)."""

    def add_youth_field(self, user, *, label, required: bool = False) -> None:
        self.fields["youth"] = forms.ModelMultipleChoiceField(  # type: ignore[attr-defined]
            queryset=Youth.objects.visible_to(user),
            label=label,
            required=required,
            widget=forms.MultipleHiddenInput,
            error_messages={"invalid_choice": _("One of the young people chosen cannot be linked.")},
        )


class StepEntryForm(YouthPickerMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = StepEntry
        fields = ["step", "done_on", "note", "reference", "review_kind", "lessons", "adjustments"]
        widgets = {
            "done_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
            "adjustments": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"reference": _("Number and sign of the approval document, e.g. 12-CV/ĐTN.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate
        cast(forms.TypedChoiceField, self.fields["step"]).choices = [("", "—")] + [
            (value, f"{value}. {label}") for value, label in Step.choices
        ]
        cast(forms.TypedChoiceField, self.fields["review_kind"]).choices = [("", "—"), *ReviewKind.choices]
        self.add_youth_field(user, label=_("Young people surveyed or consulted"))
        self.style_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("step") == Step.REVIEW and not cleaned.get("review_kind"):
            self.add_error("review_kind", _("Say whether this is an interim or a final review."))
        return cleaned

    def entry_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        for name in ("note", "reference", "review_kind", "lessons", "adjustments"):
            data[name] = data.get(name) or ""
        return data


class ActivityForm(YouthPickerMixin, StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["held_on", "description", "unnamed_count", *Activity.RESOURCE_FIELDS]
        widgets = {
            "held_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            **{
                name: forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})
                for name in ("unnamed_count", *Activity.RESOURCE_FIELDS)
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate
        for name in ("unnamed_count", *Activity.RESOURCE_FIELDS):
            self.fields[name].required = False
        self.add_youth_field(user, label=_("Young people reached"))
        self.style_fields()

    def resource_fields(self):
        return [self[name] for name in Activity.RESOURCE_FIELDS]

    def activity_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        for name in ("unnamed_count", *Activity.RESOURCE_FIELDS):
            data[name] = data.get(name) or 0
        return data


class BeneficiaryAddForm(YouthPickerMixin, StyledFormMixin, forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_youth_field(user, label=_("Young people supported"), required=True)
        self.fields["youth"].error_messages["required"] = _("Choose at least one young person.")


class OutcomeForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Beneficiary
        fields = ["outcome", "outcome_on", "note"]
        widgets = {"outcome_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["outcome"]).choices = Outcome.choices
        self.fields["version"].initial = self.instance.version


class ReplicateForm(StyledFormMixin, forms.Form):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Replicate in"), empty_label=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
