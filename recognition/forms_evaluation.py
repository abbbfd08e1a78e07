"""The forms of the evaluation page: one evaluator's assessment, and the decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from recognition.models import Evaluation


class EvaluationForm(StyledFormMixin, forms.ModelForm):
    """The three criteria, a score and a comment; (b) and (c) come pre-ticked from the pre-checks."""

    class Meta:
        model = Evaluation
        fields = ("effective", "has_plan", "has_report", "score", "comment")
        widgets = {
            "score": forms.NumberInput(attrs={"min": 0, "max": 100, "inputmode": "numeric"}),
            "comment": forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
        }

    def clean_score(self):
        score = self.cleaned_data.get("score")
        if score is not None and score > 100:
            raise forms.ValidationError(_("The score is out of 100."))
        return score

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionForm(StyledFormMixin, forms.Form):
    """Recognised or not, with the reason; `decided_at` is the decision the form was opened on
    (empty when there was none), so that a decision recorded meanwhile is not overwritten."""

    recognised = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Recognised")), ("no", _("Not recognised"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
        help_text=_("Which criteria are met or not, and why."),
    )
    decided_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognised"].widget.attrs["class"] = "form-check-input"
