"""The inspection pages: list, record (from a draw or not), detail, edit, follow-ups.

An inspection belongs to the inspected unit: its officers see it and may close its follow-ups;
only a union above it inspects (`recognition.services.inspecting_unit`), so the unit's own
officers are refused (403) when they try to record or change one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import stale_form
from initiatives.choices import Status
from initiatives.models import Initiative
from initiatives.services import StaleEdit
from recognition import services
from recognition.draw_views import may_inspect
from recognition.forms_inspection import CloseFollowUpForm, FollowUpForm, InspectionForm
from recognition.models import Draw, DrawTarget, FollowUp, Inspection, Rating
from units.models import Unit
from units.scoping import Capability, get_for_user

PAGE_SIZE = 25


def get_inspection(request, pk: int, *, write: bool = False) -> Inspection:
    """The inspection if the user may see it (404 otherwise); 403 if `write` and read-only."""
    inspection = get_for_user(Inspection, request.user, pk, write=Capability.WRITE if write else None)
    return Inspection.objects.select_related("unit", "initiative", "draw", "inspected_by", "created_by").get(
        pk=inspection.pk
    )


def inspectable_units(user):
    """The units offered to inspect: those below a unit the user writes for. (The top unit may
    also be inspected by its own officers, from its page's link, but is not offered here.)"""
    own = user.scope_paths(Capability.WRITE)
    return Unit.objects.visible_to(user, Capability.WRITE).in_force().exclude(path__in=own).order_by("path")


def inspection_list(request):
    today = timezone.localdate()
    open_follow_up = FollowUp.objects.filter(inspection=OuterRef("pk"), done_on__isnull=True)
    listed = (
        Inspection.objects.visible_to(request.user)
        .select_related("unit", "initiative", "inspected_by")
        .annotate(
            open_count=Count("follow_ups", filter=Q(follow_ups__done_on__isnull=True)),
            overdue_count=Count("follow_ups", filter=Q(follow_ups__done_on__isnull=True, follow_ups__due_on__lt=today)),
        )
    )
    chosen = {
        "year": request.GET.get("year", ""),
        "rating": request.GET.get("rating", ""),
        "open": request.GET.get("open", ""),
    }
    if chosen["year"].isdecimal():
        listed = listed.filter(year=int(chosen["year"]))
    if chosen["rating"] in Rating.values:
        listed = listed.filter(rating=chosen["rating"])
    if chosen["open"] == "1":
        listed = listed.filter(Exists(open_follow_up))
    page = Paginator(listed.order_by("-inspected_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    years = Inspection.objects.visible_to(request.user).values_list("year", flat=True).distinct().order_by("-year")
    context = {
        "page": page,
        "filters": chosen,
        "years": list(years),
        "ratings": Rating.choices,
        "can_create": inspectable_units(request.user).exists(),
    }
    template = "recognition/inspection_list.html#results" if request.htmx else "recognition/inspection_list.html"
    return render(request, template, context)


def _reported(initiative: Initiative) -> int:
    """The beneficiaries the initiative reports: those named plus those counted, else its results' figure."""
    count = initiative.beneficiaries.count() + initiative.unnamed_beneficiaries
    return count or initiative.supported_count or 0


def _drawn(draw: Draw, unit: Unit, initiative: Initiative | None) -> bool:
    if draw.target == DrawTarget.INITIATIVES:
        return initiative is not None and initiative.pk in draw.drawn
    return unit.pk in draw.drawn


@require_http_methods(["GET", "POST"])
def inspection_create(request):
    """?unit= (and ?initiative=, ?draw= when it comes from a draw); without them, choose the unit first."""
    user = request.user
    raw_unit, raw_initiative, raw_draw = (request.GET.get(name, "") for name in ("unit", "initiative", "draw"))
    initiative = get_for_user(Initiative, user, raw_initiative) if raw_initiative else None
    if not raw_unit and initiative is None:
        units = inspectable_units(user)
        if not units.exists():
            raise PermissionDenied
        return render(request, "recognition/inspection_pick.html", {"units": units})
    unit_pk = raw_unit or (initiative.unit_id if initiative is not None else "")
    unit = get_for_user(Unit, user, unit_pk, write=Capability.WRITE)
    if initiative is not None and not initiative.unit_path.startswith(unit.path):
        raise Http404
    inspecting = services.inspecting_unit(user, unit)  # the unit does not inspect itself: 403
    draw = get_for_user(Draw, user, raw_draw) if raw_draw else None
    if draw is not None and not _drawn(draw, unit, initiative):
        raise Http404
    initial: dict[str, Any] = {"year": draw.year if draw else timezone.localdate().year}
    if initiative is not None:
        initial.update(initiative=initiative, beneficiaries_reported=_reported(initiative))
    form = InspectionForm(request.POST or None, initiatives=_initiatives_of(unit), initial=initial)
    if request.method == "POST" and form.is_valid():
        inspection = form.save(commit=False)
        inspection.unit, inspection.draw = unit, draw
        try:
            services.save_inspection(inspection, by=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The inspection was recorded."))
            return redirect("inspection_detail", pk=inspection.pk)
    context = {"form": form, "unit": unit, "draw": draw, "inspecting": inspecting, "inspection": None}
    return render(request, "recognition/inspection_form.html", context)


def _initiatives_of(unit: Unit):
    """The initiatives an inspection of `unit` may look at: its own and its branches', once registered."""
    return Initiative.objects.filter(unit_path__startswith=unit.path).exclude(status=Status.DRAFT).order_by("name")


@require_http_methods(["GET", "POST"])
def inspection_edit(request, pk: int):
    inspection = get_inspection(request, pk, write=True)
    inspecting = services.inspecting_unit(request.user, inspection.unit)
    initiatives = _initiatives_of(inspection.unit)
    form = InspectionForm(request.POST or None, instance=inspection, initiatives=initiatives)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_inspection(
                form.save(commit=False), by=request.user, expected_version=form.cleaned_data["version"]
            )
        except StaleEdit:
            form = _stale_form(request, pk, initiatives)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The inspection was saved."))
            return redirect("inspection_detail", pk=pk)
    context = {"form": form, "unit": inspection.unit, "draw": inspection.draw, "inspecting": inspecting}
    return render(request, "recognition/inspection_form.html", {**context, "inspection": inspection})


def _stale_form(request, pk: int, initiatives) -> InspectionForm:
    """The form as typed, on the current version, with the reason the save was refused."""
    return stale_form(
        InspectionForm,
        request,
        Inspection.objects.get(pk=pk),
        _(
            "Someone else saved this inspection while you were editing it, so your changes were not saved. "
            "Your text is kept below: open the inspection in a new tab to see their changes, then save again."
        ),
        initiatives=initiatives,
    )


def inspection_detail(request, pk: int):
    return _render_detail(request, get_inspection(request, pk))


def _close_form(follow_up: FollowUp, data=None) -> CloseFollowUpForm:
    return CloseFollowUpForm(data, prefix=f"close-{follow_up.pk}", initial={"done_on": timezone.localdate()})


def _render_detail(
    request,
    inspection: Inspection,
    *,
    follow_up_form: FollowUpForm | None = None,
    closing: CloseFollowUpForm | None = None,
    closing_pk: int | None = None,
):
    user = request.user
    today = timezone.localdate()
    can_inspect = may_inspect(user, inspection.unit)
    can_close = user.can(Capability.WRITE, inspection.unit)
    actions = list(inspection.follow_ups.all())
    follow_ups = [
        {
            "follow_up": f,
            "overdue": f.is_open and f.due_on < today,
            "close_form": closing if closing is not None and f.pk == closing_pk else _close_form(f),
        }
        for f in actions
    ]
    context = {
        "inspection": inspection,
        "team": [line.strip() for line in inspection.team.splitlines() if line.strip()],
        "follow_ups": follow_ups,
        "open_count": sum(1 for f in actions if f.is_open),
        "can_inspect": can_inspect,
        "can_close": can_close,
        "follow_up_form": follow_up_form or (FollowUpForm() if can_inspect else None),
    }
    return render(request, "recognition/inspection_detail.html", context)


@require_POST
def followup_add(request, pk: int):
    inspection = get_inspection(request, pk, write=True)
    services.inspecting_unit(request.user, inspection.unit)  # the inspecting union sets the actions: 403
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.add_follow_up(inspection, form.cleaned_data, by=request.user)
        messages.success(request, _("The follow-up action was added."))
        return redirect(reverse("inspection_detail", args=[pk]) + "#follow-ups")
    return _render_detail(request, inspection, follow_up_form=form)


@require_POST
def followup_close(request, pk: int):
    inspection_id = FollowUp.objects.filter(pk=pk).values_list("inspection_id", flat=True).first()
    if inspection_id is None:
        raise Http404
    inspection = get_inspection(request, inspection_id, write=True)
    follow_up = inspection.follow_ups.get(pk=pk)
    if not follow_up.is_open:
        messages.info(request, _("This follow-up action was already closed."))
        return redirect(reverse("inspection_detail", args=[inspection.pk]) + "#follow-ups")
    form = _close_form(follow_up, request.POST)
    if form.is_valid():
        services.close_follow_up(
            follow_up, done_on=form.cleaned_data["done_on"], note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("The follow-up action was closed."))
        return redirect(reverse("inspection_detail", args=[inspection.pk]) + "#follow-ups")
    return _render_detail(request, inspection, closing=form, closing_pk=follow_up.pk)
