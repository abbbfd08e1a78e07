from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from core.forms import StyledFormMixin
from units.models import Unit


class SignInForm(StyledFormMixin, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password. Both are case-sensitive."),
        "inactive": _("This account has been deactivated. Ask your administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocapitalize": "none", "autocorrect": "off"})


class PasswordChangeForm(StyledFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(StyledFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(StyledFormMixin, auth_forms.SetPasswordForm):
    pass


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        indent = "— " * max(obj.depth - 1, 0)
        return f"{indent}{obj.name}" + (f" ({obj.code})" if obj.code else "")


class AccountForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = User
        fields = ["full_name", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["email"].required = True
        if "version" in self.fields:
            self.fields["version"].initial = self.instance.version


class NewAccountForm(AccountForm):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[a-z0-9_.-]{3,40}$",
        error_messages={"invalid": _("3 to 40 characters: lower-case letters without diacritics, digits, _ . -")},
    )
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=True),
        required=False,
        help_text=_("Leave empty to let the person set a password through “Forgot your password?”."),
    )
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    version = None  # type: ignore[assignment]  # a new account has nothing to be stale against

    class Meta(AccountForm.Meta):
        fields = ["username", "full_name", "email", "phone"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, User(username=cleaned.get("username", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class MembershipForm(StyledFormMixin, forms.Form):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
