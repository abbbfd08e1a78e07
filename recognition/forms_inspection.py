"""Forms of the inspection pages: a draw and its redraw, an inspection, its follow-ups."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from initiatives.forms import UnitChoiceField
from initiatives.models import Initiative
from recognition.models import Draw, DrawTarget, FollowUp, Inspection, Strata
from units.models import Unit

NUMBER = {"inputmode": "numeric", "min": 0}


class DrawForm(StyledFormMixin, forms.ModelForm):
    """What to draw: a number or a share, optionally stratified, leaving out recent inspections."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Draw within"))

    class Meta:
        model = Draw
        fields = ["unit", "year", "target", "size", "share", "strata", "exclude_years"]
        widgets = {
            "year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 2000, "max": 2100}),
            "size": forms.NumberInput(attrs={**NUMBER, "min": 1}),
            "share": forms.NumberInput(attrs={"inputmode": "decimal", "min": 0, "max": 100, "step": "0.01"}),
            "exclude_years": forms.NumberInput(attrs={**NUMBER, "max": 20}),
        }
        help_texts = {
            "strata": _("By domain is for initiatives only."),
            "exclude_years": _("0 keeps everyone in the draw."),
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        else:
            del self.fields["unit"]
        self.fields["year"].initial = self.fields["year"].initial or timezone.localdate().year
        for name, choices in (("target", DrawTarget.choices), ("strata", Strata.choices)):
            field = self.fields[name]
            field.widget = forms.RadioSelect()
            field.choices = choices  # type: ignore[attr-defined]
        self.fields["strata"].required = False
        self.style_fields()
        for name in ("target", "strata"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean(self):
        cleaned = super().clean()
        size, share = cleaned.get("size"), cleaned.get("share")
        year = cleaned.get("year")
        if year is not None and not 2000 <= year <= 2100:
            self.add_error("year", _("Give a year between 2000 and 2100."))
        if size is None and share is None and not self.has_error("size") and not self.has_error("share"):
            self.add_error("size", _("Say how many to draw, or what share."))
        elif size is not None and share is not None:
            self.add_error("share", _("Give a number or a share, not both."))
        if size is not None and size < 1:
            self.add_error("size", _("Draw at least one."))
        if share is not None and not 0 < share <= 100:
            self.add_error("share", _("A share is more than 0 and at most 100 %."))
        if cleaned.get("target") == DrawTarget.UNITS and cleaned.get("strata") == Strata.DOMAIN:
            self.add_error("strata", _("Units can be stratified by former district or cluster, not by domain."))
        return cleaned

    def parameters(self) -> dict:
        """The keyword arguments of `recognition.draws.create_draw`."""
        data = self.cleaned_data
        return {
            "year": data["year"],
            "target": data["target"],
            "size": data.get("size"),
            "share": data.get("share"),
            "strata": data.get("strata") or Strata.NONE,
            "exclude_years": data.get("exclude_years") or 0,
        }


class RedrawForm(DrawForm):
    """The same parameters (changeable), and the reason the earlier draw is replaced."""

    reason = forms.CharField(
        label=_("Reason for the redraw"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded with the new draw; the earlier one stays on file."),
    )

    def __init__(self, *args, draw: Draw, **kwargs):
        initial = {
            "year": draw.year,
            "target": draw.target,
            "size": draw.size,
            "share": draw.share,
            "strata": draw.strata,
            "exclude_years": draw.exclude_years,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["reason"].widget.attrs["class"] = "form-control"

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("A redraw must record its reason."))
        return reason


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Initiative) -> str:
        return obj.name


class InspectionForm(StyledFormMixin, forms.ModelForm):
    """The visit: team, date, the checklist, findings and rating; an existing one carries its version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    initiative = InitiativeChoiceField(
        queryset=Initiative.objects.none(),
        label=_("Initiative inspected"),
        required=False,
        empty_label=_("— the unit as a whole —"),
    )

    class Meta:
        model = Inspection
        fields = [
            "initiative",
            "year",
            "team",
            "inspected_on",
            "initiative_exists",
            "plan_exists",
            "beneficiaries_reported",
            "beneficiaries_met",
            "evidence_checked",
            "findings",
            "rating",
        ]
        widgets = {
            "year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 2000, "max": 2100}),
            "team": forms.Textarea(attrs={"rows": 3}),
            "inspected_on": DateInput(),
            "beneficiaries_reported": forms.NumberInput(attrs=NUMBER),
            "beneficiaries_met": forms.NumberInput(attrs=NUMBER),
            "findings": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = (  # type: ignore[attr-defined]
            initiatives if initiatives is not None else Initiative.objects.none()
        )
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
        self.fields["year"].initial = self.fields["year"].initial or timezone.localdate().year

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if year is not None and not 2000 <= year <= 2100:
            self.add_error("year", _("Give a year between 2000 and 2100."))
        reported, met = cleaned.get("beneficiaries_reported"), cleaned.get("beneficiaries_met")
        if reported is not None and met is not None and met > reported:
            self.add_error("beneficiaries_met", _("The team cannot have met more beneficiaries than were reported."))
        inspected_on = cleaned.get("inspected_on")
        if inspected_on and inspected_on > timezone.localdate():
            self.add_error("inspected_on", _("Record an inspection once it has taken place."))
        return cleaned


class FollowUpForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["action", "owner", "due_on"]
        widgets = {"action": forms.Textarea(attrs={"rows": 2}), "due_on": DateInput()}


class CloseFollowUpForm(StyledFormMixin, forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > timezone.localdate():
            raise forms.ValidationError(_("A follow-up is closed once it is done."))
        return done_on
