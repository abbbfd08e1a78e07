from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from units.models import Unit


class UnitForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Unit
        fields = ["name", "kind", "code", "header_line_1", "header_line_2", "place_name", "valid_from", "valid_to"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date cannot be before the start date."))
        code = cleaned.get("code")
        if code:
            clash = Unit.objects.filter(code=code).exclude(pk=self.instance.pk)
            clash = clash.filter(Q(valid_to__isnull=True) if end is None else Q(valid_to=end))
            if clash.exists():
                self.add_error("code", _("Another unit in force already has this code."))
        return cleaned


class MoveUnitForm(StyledFormMixin, forms.Form):
    new_parent = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Move under"))

    def __init__(self, *args, unit: Unit, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["new_parent"]).queryset = candidates.exclude(
            path__startswith=unit.path
        ).exclude(path=unit.path[: -unit.steplen])


class CloseUnitForm(StyledFormMixin, forms.Form):
    closed_on = forms.DateField(label=_("Last day in force"), widget=DateInput(), initial=timezone.localdate)
    confirm = forms.BooleanField(
        label=_("I understand that this unit and every unit below it that is still in force will be closed.")
    )
