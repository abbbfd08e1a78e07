from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from accounts import services
from accounts.forms import (
    AccountForm,
    MembershipForm,
    NewAccountForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SignInForm,
)
from accounts.models import Membership, User
from core.forms import stale_form
from core.vntext import fold
from units.models import Unit
from units.scoping import Capability, get_for_user

PAGE_SIZE = 50


def _lockout_message() -> str:
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return ngettext(
        "Too many failed sign-ins for this account from this address. It is locked for %(minutes)d minute; "
        "try again later or ask your administrator.",
        "Too many failed sign-ins for this account from this address. It is locked for %(minutes)d minutes; "
        "try again later or ask your administrator.",
        minutes,
    ) % {"minutes": minutes}


@login_not_required
def locked_out(request, original_response=None, credentials=None):
    """django-axes calls this when a username+address pair is locked out."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _lockout_message()}, status=429)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = SignInForm(request, initial={"username": username})
    form.fields["username"].initial = username
    return render(request, "registration/login.html", {"form": form, "lockout": _lockout_message()}, status=429)


# Choosing a language is open to everyone, on the sign-in page too.
choose_language = login_not_required(set_language)

sign_in = auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True)
sign_out = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm)
password_change_done = auth_views.PasswordChangeDoneView.as_view()
password_reset = auth_views.PasswordResetView.as_view(form_class=PasswordResetForm)
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=SetPasswordForm, success_url=reverse_lazy("password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()


def _admin_units(user):
    return Unit.objects.visible_to(user, Capability.ADMIN).in_force()


def _require_admin(user) -> None:
    if not user.scope_paths(Capability.ADMIN):
        raise PermissionDenied


def account_list(request):
    _require_admin(request.user)
    accounts = User.objects.visible_to(request.user).prefetch_related("memberships__unit")
    query = request.GET.get("q", "").strip()
    if query:
        accounts = accounts.filter(search_key__contains=fold(query))
    # Vietnamese name order (given name first) is not a database collation: sort the scoped set here.
    ordered = sorted(accounts, key=lambda u: u.sort_key)
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/account_list.html", {"page": page, "q": query})


@require_http_methods(["GET", "POST"])
def account_create(request):
    _require_admin(request.user)
    form = NewAccountForm(request.POST or None, units=_admin_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.create_account(
            username=data["username"],
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
            password=data["password"] or None,
            unit=data["unit"],
            role=data["role"],
            by=request.user,
        )
        messages.success(request, _("The account was created."))
        return redirect("account_detail", pk=user.pk)
    return render(request, "accounts/account_form.html", {"form": form, "account": None})


def _get_account(request, pk: int, *, manage: bool = False) -> User:
    """The account if it has a role in a subtree the user administers (else 404); 403 if `manage`
    and some of its roles lie outside the user's subtrees."""
    account = get_for_user(User, request.user, pk, read=Capability.ADMIN)
    if manage and not request.user.can_manage_account(account):
        raise PermissionDenied
    return account


def account_detail(request, pk: int):
    account = _get_account(request, pk)
    memberships = account.memberships.select_related("unit").order_by("unit__path")
    admin_paths = request.user.scope_paths(Capability.ADMIN)
    rows = [(m, any(m.unit.path.startswith(p) for p in admin_paths)) for m in memberships]
    form = MembershipForm(units=_admin_units(request.user))
    return render(request, "accounts/account_detail.html", {"account": account, "rows": rows, "form": form})


@require_http_methods(["GET", "POST"])
def account_edit(request, pk: int):
    account = _get_account(request, pk, manage=True)
    form = AccountForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_account(
                account,
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                expected_version=data["version"] or 0,
                by=request.user,
            )
        except services.StaleEdit:
            form = stale_form(
                AccountForm,
                request,
                User.objects.get(pk=account.pk),
                _(
                    "Someone else saved this account while you were editing it, so your changes were not saved. "
                    "Your text is kept below: open the account in a new tab to see their changes, then save again."
                ),
            )
        else:
            messages.success(request, _("The account was saved."))
            return redirect("account_detail", pk=account.pk)
    return render(request, "accounts/account_form.html", {"form": form, "account": account})


@require_POST
def account_set_active(request, pk: int):
    account = _get_account(request, pk, manage=True)
    if account == request.user:
        messages.error(request, _("You cannot deactivate your own account."))
        return redirect("account_detail", pk=account.pk)
    active = request.POST.get("active") == "1"
    services.set_account_active(account, active, by=request.user)
    messages.success(request, _("The account was reactivated.") if active else _("The account was deactivated."))
    return redirect("account_detail", pk=account.pk)


@require_POST
def membership_grant(request, pk: int):
    account = _get_account(request, pk)
    form = MembershipForm(request.POST, units=_admin_units(request.user))
    if form.is_valid():
        services.grant_membership(account, form.cleaned_data["unit"], form.cleaned_data["role"], by=request.user)
        messages.success(request, _("The role was granted."))
    else:
        messages.error(request, _("Choose a unit you administer and a role."))
    return redirect("account_detail", pk=account.pk)


@require_POST
def membership_revoke(request, pk: int):
    membership = get_for_user(Membership, request.user, pk, read=Capability.ADMIN)
    services.revoke_membership(membership, by=request.user)
    messages.success(request, _("The role was revoked."))
    return redirect("account_detail", pk=membership.user_id)
