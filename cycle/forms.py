"""Forms of the yearly cycle's pages: submit, review, extension, and the programme calendar."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from cycle.models import Kind, Period, ProgrammeYear, default_deadline
from units.models import Unit


class SubmitForm(StyledFormMixin, forms.Form):
    """Send the unit's rows of one kind up the tree (the snapshot is built by the service)."""

    unit = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note to the union above"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(StyledFormMixin, forms.Form):
    ACCEPT, RETURN = "accept", "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept")), (RETURN, _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning: say what must be changed."),
    )

    def style_fields(self) -> None:
        super().style_fields()
        self.fields["decision"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Say what must be changed: a comment is required."))
        return cleaned

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == self.ACCEPT


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class ExtensionForm(StyledFormMixin, forms.Form):
    """More time for one unit and one kind; the date must be after the year's deadline."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    kind = forms.ChoiceField(label=_("Submission"), choices=Kind.choices)
    until = forms.DateField(label=_("New deadline"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=255)

    def __init__(self, *args, year: ProgrammeYear, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self):
        cleaned = super().clean()
        kind, until = cleaned.get("kind"), cleaned.get("until")
        # The end of the next year at the latest: a later date (31/12/9999) is a typo.
        latest = datetime.date(self.year.year + 1, 12, 31)
        if kind and until and until <= self.year.deadline(kind):
            self.add_error(
                "until",
                _("An extension ends after the year's deadline (%(deadline)s).")
                % {"deadline": self.year.deadline(kind).strftime("%d/%m/%Y")},
            )
        elif until and until > latest:
            self.add_error(
                "until",
                _("An extension ends by %(latest)s at the latest.") % {"latest": latest.strftime("%d/%m/%Y")},
            )
        return cleaned


class PeriodForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Period
        fields = ["name", "start_year", "end_year", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year comes after the first."))
        for name in ("start_year", "end_year"):
            value = cleaned.get(name)
            if value and not 2000 <= value <= 2100:
                self.add_error(name, _("Give a year between 2000 and 2100."))
        return cleaned


def _check_deadlines(form: forms.BaseForm, year: int | None, registration, results) -> None:
    for name, value in (("registration_deadline", registration), ("results_deadline", results)):
        if year and value and value.year != year:
            form.add_error(name, _("The deadline falls in the year %(year)s.") % {"year": year})
    if registration and results and results < registration:
        form.add_error("results_deadline", _("The results deadline comes after the registration deadline."))


class YearForm(StyledFormMixin, forms.ModelForm):
    """A new year of a period; the deadlines start as the guideline's (20/03 and 10/10)."""

    period = forms.ModelChoiceField(queryset=Period.objects.all(), label=_("Period"))

    class Meta:
        model = ProgrammeYear
        fields = ["period", "year", "registration_deadline", "results_deadline"]
        widgets = {"registration_deadline": DateInput(), "results_deadline": DateInput()}
        help_texts = {
            "registration_deadline": _("Empty: 20/03 of the year (the guideline's date)."),
            "results_deadline": _("Empty: 10/10 of the year (the guideline's date)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration_deadline"].required = False
        self.fields["results_deadline"].required = False

    @staticmethod
    def initial_for(period: Period | None) -> dict:
        """The first year of the period without a page yet, with the guideline's deadlines."""
        year = timezone.localdate().year
        if period is not None:
            taken = set(period.years.values_list("year", flat=True))
            free = [y for y in range(period.start_year, period.end_year + 1) if y not in taken]
            year = free[0] if free else period.end_year
        return {
            "period": period,
            "year": year,
            "registration_deadline": default_deadline(year, Kind.REGISTRATION),
            "results_deadline": default_deadline(year, Kind.RESULTS),
        }

    def clean(self):
        cleaned = super().clean()
        period, year = cleaned.get("period"), cleaned.get("year")
        if period and year and not period.start_year <= year <= period.end_year:
            self.add_error(
                "year",
                _("The period runs from %(start)s to %(end)s.") % {"start": period.start_year, "end": period.end_year},
            )
        _check_deadlines(self, year, cleaned.get("registration_deadline"), cleaned.get("results_deadline"))
        return cleaned


class YearEditForm(StyledFormMixin, forms.ModelForm):
    """The year's deadlines; `opened` holds them as the form was opened, to refuse a stale save."""

    opened = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ProgrammeYear
        fields = ["registration_deadline", "results_deadline"]
        widgets = {"registration_deadline": DateInput(), "results_deadline": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened"].initial = self.stamp(self.instance)

    @staticmethod
    def stamp(year: ProgrammeYear) -> str:
        return f"{year.registration_deadline:%Y-%m-%d}|{year.results_deadline:%Y-%m-%d}"

    def clean(self):
        cleaned = super().clean()
        _check_deadlines(
            self, self.instance.year, cleaned.get("registration_deadline"), cleaned.get("results_deadline")
        )
        return cleaned
