from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.vntext import nfc, nfc_text


class StyledFormMixin:
    """Bootstrap classes on every widget, NFC on every text input (line breaks kept in text areas)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        """Set the classes; call again after adding fields in a subclass's __init__."""
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)

    def clean(self):
        cleaned = super().clean()  # type: ignore[misc]
        for name, value in list(cleaned.items()):
            field = self.fields.get(name)  # type: ignore[attr-defined]
            widget = getattr(field, "widget", None)
            if isinstance(value, str) and not isinstance(widget, forms.PasswordInput):
                # Text areas keep their line breaks; one-line inputs collapse all whitespace.
                cleaned[name] = nfc_text(value) if isinstance(widget, forms.Textarea) else nfc(value)
        return cleaned


class DateInput(forms.DateInput):
    """dd/mm/yyyy as the union writes dates; a numeric keypad on phones."""

    def __init__(self, attrs=None):
        base = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


def stale_form(form_class, request, current, message, **form_kwargs):
    """A form whose save was refused as stale (someone saved the record meanwhile): what the user
    typed, kept, on `current`'s version (saving again is then a deliberate choice), with
    `message` saying why. `current` is the record as it now stands."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = form_class(data, instance=current, **form_kwargs)
    form.is_valid()
    form.add_error(None, message)
    return form
