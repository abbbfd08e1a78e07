"""The commendation pages: the list with its filters and counts, create, edit, delete, export.

A commendation belongs to the union that decided it: the list shows those decided in the
user's subtrees; officers of the awarding union (or a union above it) change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from initiatives.services import StaleEdit
from recognition import commendation_export as export
from recognition import services
from recognition.forms_commendation import CommendationForm, state_token
from recognition.models import Commendation, CommendationLevel, RecipientKind
from units.models import Unit
from units.scoping import Capability, get_for_user

PAGE_SIZE = 25
FILTER_KEYS = ("year", "level", "kind", "unit")


def get_commendation(request, pk: int, *, write: bool = False) -> Commendation:
    """The commendation if the user may see it (404 otherwise); 403 if `write` and read-only."""
    return get_for_user(Commendation, request.user, pk, write=Capability.WRITE if write else None)


def filter_commendations(user, params: Mapping[str, Any]) -> tuple[QuerySet[Commendation], dict[str, Any]]:
    """Commendations `user` may see, narrowed by year and unit (level and kind apply apart, so
    that their counts ignore them). An unknown value is ignored; a unit out of scope is a 404."""
    commendations = Commendation.objects.visible_to(user)
    chosen: dict[str, Any] = {key: str(params.get(key) or "").strip() for key in FILTER_KEYS}
    if chosen["unit"]:
        scope = get_for_user(Unit, user, chosen["unit"])
        commendations = commendations.filter(unit_path__startswith=scope.path)
        chosen["unit_obj"] = scope
    if chosen["year"].isdecimal():
        commendations = commendations.filter(year=int(chosen["year"]))
    else:
        chosen["year"] = ""
    if chosen["level"] not in CommendationLevel.values:
        chosen["level"] = ""
    if chosen["kind"] not in RecipientKind.values:
        chosen["kind"] = ""
    return commendations, chosen


def _narrowed(commendations: QuerySet[Commendation], *, level: str = "", kind: str = "") -> QuerySet[Commendation]:
    if level:
        commendations = commendations.filter(level=level)
    if kind:
        commendations = commendations.filter(recipient_kind=kind)
    return commendations


def _counts(commendations: QuerySet[Commendation], field: str, choices) -> list[tuple[str, str, int]]:
    found = dict(commendations.order_by().values_list(field).annotate(n=Count("pk")))
    return [(value, label, found.get(value, 0)) for value, label in choices]


def _filter_units(user) -> list[Unit]:
    """The unit filter's choices: the user's own units and the units directly below them."""
    memberships = user.active_memberships
    if not memberships:
        return []
    deepest = max(m.unit.depth for m in memberships) + 1
    return list(Unit.objects.visible_to(user).in_force().filter(depth__lte=deepest).order_by("path")[:400])


def _export_unit(user, chosen: dict[str, Any]) -> Unit | None:
    if "unit_obj" in chosen:
        return chosen["unit_obj"]
    memberships = user.active_memberships
    return memberships[0].unit if memberships else None


@require_GET
def commendation_list(request):
    user = request.user
    commendations, chosen = filter_commendations(user, request.GET)
    level, kind = chosen["level"], chosen["kind"]
    listed = (
        _narrowed(commendations, level=level, kind=kind)
        .select_related("unit", "recipient_unit")
        .prefetch_related("initiatives__unit")
        .order_by("-year", "-decision_date", "-pk")
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    readable = tuple(user.scope_paths(Capability.READ))
    writable = tuple(user.scope_paths(Capability.WRITE))
    rows = [
        (
            item,
            [(initiative, initiative.unit_path.startswith(readable)) for initiative in item.initiatives.all()],
            bool(writable) and item.unit_path.startswith(writable),
        )
        for item in page.object_list
    ]
    this_year = timezone.localdate().year
    years = set(Commendation.objects.visible_to(user).order_by().values_list("year", flat=True).distinct())
    export_unit = _export_unit(user, chosen)
    context = {
        "page": page,
        "rows": rows,
        "filters": chosen,
        "level_counts": _counts(_narrowed(commendations, kind=kind), "level", CommendationLevel.choices),
        "kind_counts": _counts(_narrowed(commendations, level=level), "recipient_kind", RecipientKind.choices),
        "years": sorted({*years, this_year}, reverse=True),
        "levels": CommendationLevel.choices,
        "kinds": RecipientKind.choices,
        "units": _filter_units(user),
        "can_write": bool(writable),
        "export_year": int(chosen["year"]) if chosen["year"] else this_year,
        "export_unit": export_unit,
    }
    template = "recognition/commendation_list.html#results" if request.htmx else "recognition/commendation_list.html"
    return render(request, template, context)


def _save(form: CommendationForm, user, *, expected_state: str | None = None) -> Commendation:
    """Save the form through the service; an edit is refused if the commendation changed since
    the form was opened (its state token, read under a row lock)."""
    with transaction.atomic():
        if form.instance.pk:
            current = Commendation.objects.select_for_update().get(pk=form.instance.pk)
            if expected_state is not None and state_token(current) != expected_state:
                raise StaleEdit
        commendation = form.save(commit=False)
        return services.save_commendation(commendation, form.linked_initiatives(), by=user)


@require_http_methods(["GET", "POST"])
def commendation_create(request):
    if not request.user.scope_paths(Capability.WRITE):
        raise PermissionDenied
    form = CommendationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        _save(form, request.user)
        messages.success(request, _("The commendation was saved."))
        return redirect("commendation_list")
    return render(request, "recognition/commendation_form.html", {"form": form, "commendation": None})


@require_http_methods(["GET", "POST"])
def commendation_edit(request, pk: int):
    commendation = get_commendation(request, pk, write=True)
    form = CommendationForm(request.POST or None, instance=commendation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            _save(form, request.user, expected_state=form.cleaned_data["state"])
        except StaleEdit:
            form = _stale_form(request, pk)
        else:
            messages.success(request, _("The commendation was saved."))
            return redirect("commendation_list")
    return render(request, "recognition/commendation_form.html", {"form": form, "commendation": commendation})


def _stale_form(request, pk: int) -> CommendationForm:
    """The form as typed, on the current state, with the reason the save was refused."""
    current = Commendation.objects.get(pk=pk)
    data = request.POST.copy()
    data["state"] = state_token(current)
    form = CommendationForm(data, instance=current, user=request.user)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Someone else saved this commendation while you were editing it, so your changes were not saved. "
            "Your text is kept below: open the list in a new tab to see their changes, then save again."
        ),
    )
    return form


@require_http_methods(["GET", "POST"])
def commendation_delete(request, pk: int):
    commendation = get_commendation(request, pk, write=True)
    if request.method == "POST":
        services.delete_commendation(commendation, by=request.user)
        messages.success(request, _("The commendation was deleted."))
        return redirect("commendation_list")
    return render(request, "recognition/commendation_delete.html", {"commendation": commendation})


@require_GET
def commendation_export(request, fmt: str):
    """The list of `?year=` (this year by default) for `?unit=` (the user's first unit) and the
    units below it, as .xlsx, .docx or .pdf in the union's format."""
    user = request.user
    unit_id = request.GET.get("unit")
    if unit_id:
        unit = get_for_user(Unit, user, unit_id)
    elif user.active_memberships:
        unit = user.active_memberships[0].unit
    else:
        raise Http404
    year_text = request.GET.get("year", "").strip()
    if year_text and not (year_text.isdecimal() and len(year_text) == 4):
        raise Http404
    year = int(year_text) if year_text else timezone.localdate().year
    return export.response(user, unit, year, fmt)
