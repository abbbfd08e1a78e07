from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.ethnicities import ETHNICITIES
from core.forms import DateInput, StyledFormMixin
from core.identifier_messages import describe
from core.identifiers import InvalidIdentifier, normalize_citizen_id, normalize_phone
from units.models import Unit
from youth.choices import (
    GROUP_DETAIL_FIELDS,
    AreaKind,
    DisabilityDegree,
    DisabilityKind,
    HouseholdKind,
    Need,
    Priority,
    Sex,
    Status,
    TargetGroup,
)
from youth.models import Consent, Youth
from youth.services import DETAIL_EMPTY, YOUTH_FIELDS

# The registry's earliest year (the youth_birth_year_range constraint); no record dates from before it.
EARLIEST_YEAR = 1900
DETAIL_DATES = {"unemployed_since", "rehabilitation_finished_on", "released_on"}


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


def _detail_field(name: str) -> forms.Field:
    """The form field for one target-group detail (see GROUP_DETAIL_FIELDS)."""
    choices = {
        "disability_kind": DisabilityKind.choices,
        "disability_degree": DisabilityDegree.choices,
        "household_kind": HouseholdKind.choices,
        "area_kind": AreaKind.choices,
    }
    labels = {
        "disability_kind": _("Kind of disability"),
        "disability_degree": _("Degree"),
        "illness": _("Illness"),
        "household_kind": _("Household"),
        "certificate_year": _("Year of the certificate"),
        "unemployed_since": _("Unemployed since"),
        "area_kind": _("Area"),
        "rehabilitation_finished_on": _("Rehabilitation finished on"),
        "released_on": _("Released on"),
    }
    if name in choices:
        return forms.ChoiceField(label=labels[name], choices=[("", "—"), *choices[name]], required=False)
    if name == "certificate_year":
        return forms.IntegerField(label=labels[name], min_value=1990, max_value=2100, required=False)
    if name in DETAIL_DATES:
        return forms.DateField(label=labels[name], required=False, widget=DateInput())
    return forms.CharField(label=labels[name], max_length=200, required=False)


class YouthForm(StyledFormMixin, forms.ModelForm):
    """The record with its target groups (each with its details) and needs (each with a priority).

    Group and need fields are named `group_<code>`, `<code>__<detail>`, `need_<code>` and
    `need_<code>_priority`, so the page can lay each group's details under its checkbox.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), choices=[("", "—"), *ETHNICITIES], required=False)

    class Meta:
        model = Youth
        fields = ["unit", *YOUTH_FIELDS]
        widgets = {
            "birth_date": DateInput(),
            "status_changed_on": DateInput(),
            "circumstances": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "citizen_id": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        cast(forms.ChoiceField, self.fields["sex"]).choices = [("", "—"), *Sex.choices]
        cast(forms.ChoiceField, self.fields["status"]).choices = Status.choices
        self.fields["status_changed_on"].required = False
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            groups = {g.group: g for g in self.instance.groups.all()}
            needs = {n.need: n for n in self.instance.needs.all()}
        else:
            groups, needs = {}, {}
        for code, label in TargetGroup.choices:
            self.fields[f"group_{code}"] = forms.BooleanField(label=label, required=False, initial=code in groups)
            for name in GROUP_DETAIL_FIELDS[code]:
                field = _detail_field(name)
                if code in groups:
                    field.initial = getattr(groups[code], name)
                self.fields[f"{code}__{name}"] = field
        for code, label in Need.choices:
            self.fields[f"need_{code}"] = forms.BooleanField(label=label, required=False, initial=code in needs)
            self.fields[f"need_{code}_priority"] = forms.TypedChoiceField(
                label=_("Priority"),
                choices=Priority.choices,
                coerce=int,
                initial=needs[code].priority if code in needs else Priority.MEDIUM,
                required=False,
            )
        self.style_fields()

    # Layout helpers for the template (no logic there).
    def group_rows(self):
        return [
            (self[f"group_{code}"], [self[f"{code}__{name}"] for name in GROUP_DETAIL_FIELDS[code]])
            for code in TargetGroup.values
        ]

    def need_rows(self):
        return [(self[f"need_{code}"], self[f"need_{code}_priority"]) for code in Need.values]

    def person_fields(self):
        return [self[name] for name in ("unit", "full_name", "birth_date", "birth_year", "sex", "ethnicity")]

    def contact_fields(self):
        return [self[name] for name in ("citizen_id", "phone", "village", "address_detail")]

    def situation_fields(self):
        return [self[name] for name in ("circumstances", "notes", "status", "status_changed_on")]

    def clean_phone(self) -> str:
        try:
            return normalize_phone(self.cleaned_data.get("phone", ""))
        except InvalidIdentifier as error:
            raise forms.ValidationError(describe(error)) from error

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year and not EARLIEST_YEAR <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("The year of birth must be between 1900 and this year."))
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        birth_date: datetime.date | None = cleaned.get("birth_date")
        if birth_date and birth_date > timezone.localdate():
            self.add_error("birth_date", _("The date of birth is in the future."))
        elif birth_date and birth_date.year < EARLIEST_YEAR:
            self.add_error("birth_date", _("The year of birth must be between 1900 and this year."))
        elif birth_date:
            # Only a valid date's year: 01/01/0001 would reach the database constraint otherwise.
            cleaned["birth_year"] = birth_date.year
        if not birth_date and not cleaned.get("birth_year") and not self.has_error("birth_year"):
            self.add_error("birth_year", _("Give the date of birth, or at least the year."))
        raw_id = cleaned.get("citizen_id", "")
        if raw_id:
            try:
                cleaned["citizen_id"] = normalize_citizen_id(
                    raw_id, birth_year=cleaned.get("birth_year"), sex=cleaned.get("sex") or None
                )
            except InvalidIdentifier as error:
                self.add_error("citizen_id", describe(error))
        if not any(cleaned.get(f"group_{code}") for code in TargetGroup.values):
            self.add_error(None, _("Tick at least one target group."))
        self._check_event_dates(cleaned)
        return cleaned

    def _check_event_dates(self, cleaned: dict[str, Any]) -> None:
        """What happened to the person (status change, unemployment…): after their birth, not ahead."""
        birth: datetime.date | None = cleaned.get("birth_date")
        if birth is None and cleaned.get("birth_year"):
            birth = datetime.date(cleaned["birth_year"], 1, 1)
        names = ["status_changed_on"]
        for code in TargetGroup.values:
            if cleaned.get(f"group_{code}"):
                names += [f"{code}__{name}" for name in GROUP_DETAIL_FIELDS[code] if name in DETAIL_DATES]
        for name in names:
            value = cleaned.get(name)
            if not value:
                continue
            if value > timezone.localdate():
                self.add_error(name, _("The date cannot be in the future."))
            elif value.year < EARLIEST_YEAR:
                self.add_error(name, _("The date cannot be before 1900."))
            elif birth and value < birth:
                self.add_error(name, _("The date is before the date of birth."))

    def groups_data(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            code: {name: data.get(f"{code}__{name}") or DETAIL_EMPTY[name] for name in GROUP_DETAIL_FIELDS[code]}
            for code in TargetGroup.values
            if data.get(f"group_{code}")
        }

    def needs_data(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            code: {"priority": data.get(f"need_{code}_priority") or Priority.MEDIUM}
            for code in Need.values
            if data.get(f"need_{code}")
        }

    def record_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields if name != "unit"}
        if not data.get("status_changed_on"):
            data.pop("status_changed_on")
        for name in ("sex", "ethnicity", "citizen_id", "phone", "village", "address_detail", "circumstances", "notes"):
            data[name] = data.get(name) or ""
        return data


class DeleteForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255, widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(StyledFormMixin, forms.Form):
    other = forms.IntegerField(label=_("Record number to merge into this one"), min_value=1)


class ConsentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "by_subject",
            "by_guardian",
            "guardian_name",
            "given_on",
            "method",
            "for_support",
            "for_reporting",
            "for_partners",
        ]
        widgets = {"given_on": DateInput()}

    def __init__(self, *args, youth: Youth, **kwargs):
        super().__init__(*args, **kwargs)
        self.youth = youth
        self.fields["given_on"].initial = timezone.localdate
        # Never pre-ticked: consent is an act, not a default.
        for name in ("by_subject", "by_guardian", "for_support", "for_reporting", "for_partners"):
            self.fields[name].initial = False

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("for_support", "for_reporting", "for_partners")):
            self.add_error(None, _("Tick at least one purpose the consent covers."))
        on = cleaned.get("given_on")
        if self.youth.is_child(on):
            if not cleaned.get("by_guardian") or not cleaned.get("guardian_name"):
                self.add_error("guardian_name", _("Under 16: a parent or guardian must consent; write their name."))
            age = self.youth.age(on)
            if age is not None and age >= 7 and not cleaned.get("by_subject"):
                self.add_error("by_subject", _("From 7 years old the child's own consent is needed too."))
        elif not cleaned.get("by_subject"):
            self.add_error("by_subject", _("The young person's own consent is needed."))
        if on and on > timezone.localdate():
            self.add_error("given_on", _("The date is in the future."))
        return cleaned


class WithdrawConsentForm(StyledFormMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
