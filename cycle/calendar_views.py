"""The programme calendar: periods and their years with the deadlines.

Everyone reads it; only admins of a top unit (the provincial union's admins) change it,
because the deadlines bind every unit of the province.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cycle.forms import PeriodForm, YearEditForm, YearForm
from cycle.models import Period, ProgrammeYear
from units.models import Unit
from units.scoping import Capability


def is_calendar_admin(user) -> bool:
    """An admin at a top unit of the tree (the province)."""
    return any(len(path) == Unit.steplen for path in user.scope_paths(Capability.ADMIN))


def _require_calendar_admin(request) -> None:
    if not is_calendar_admin(request.user):
        raise PermissionDenied


def period_list(request):
    periods = Period.objects.prefetch_related(Prefetch("years", queryset=ProgrammeYear.objects.order_by("year")))
    context = {"periods": periods, "can_admin_calendar": is_calendar_admin(request.user)}
    return render(request, "cycle/period_list.html", context)


@require_http_methods(["GET", "POST"])
def period_create(request):
    _require_calendar_admin(request)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        period = form.save()
        messages.success(request, _("The period %(period)s was added.") % {"period": period})
        return redirect("period_list")
    return render(request, "cycle/period_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def year_create(request):
    _require_calendar_admin(request)
    raw = request.GET.get("period", "")
    period = Period.objects.filter(pk=raw).first() if raw.isdecimal() else None
    form = YearForm(request.POST or None, initial=YearForm.initial_for(period))
    if request.method == "POST" and form.is_valid():
        year = form.save()
        messages.success(request, _("The year %(year)s was added.") % {"year": year.year})
        return redirect("cycle_year", year=year.year)
    context = {"form": form, "year": None, "no_period": not Period.objects.exists()}
    return render(request, "cycle/year_form.html", context)


@require_http_methods(["GET", "POST"])
def year_edit(request, year: int):
    _require_calendar_admin(request)
    programme_year = get_object_or_404(ProgrammeYear, year=year)
    form = YearEditForm(request.POST or None, instance=programme_year)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Locked from the check to the save: two saves at once cannot both pass the check.
            current = ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
            stale = form.cleaned_data["opened"] != YearEditForm.stamp(current)
            if not stale:
                form.save()
        if stale:
            data = request.POST.copy()
            data["opened"] = YearEditForm.stamp(current)
            form = YearEditForm(data, instance=current)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Someone else changed these deadlines while you were editing them, so your changes were "
                    "not saved. The dates you typed are kept below; the saved ones are %(registration)s "
                    "and %(results)s. Save again to replace them."
                )
                % {
                    "registration": f"{current.registration_deadline:%d/%m/%Y}",
                    "results": f"{current.results_deadline:%d/%m/%Y}",
                },
            )
        else:
            messages.success(request, _("The deadlines of %(year)s were saved.") % {"year": year})
            return redirect("cycle_year", year=year)
    return render(request, "cycle/year_form.html", {"form": form, "year": programme_year, "no_period": False})
