"""The initiative pages: list, create, edit, results, delete, detail, transitions, replication.

Steps, activities and beneficiaries have their pages in `initiatives.part_views`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import stale_form
from initiatives import filters, services, timeline, workflow
from initiatives.choices import RESULTS_EDITABLE_STATUSES, Domain, Status, Step
from initiatives.forms import InitiativeForm, ReplicateForm, ResultsForm, TransitionForm
from initiatives.models import Activity, Initiative
from units.models import Unit
from units.scoping import Capability, get_for_user
from youth.choices import TargetGroup
from youth.models import Youth
from youth.privacy import sensitive_paths

PAGE_SIZE = 25
# Results are filed once the initiative is accepted, until the union above closes it.
# Before these moves the page lists what is still missing.
CHECKED_ACTIONS = ("submit", "resubmit", "report")


def get_initiative(request, pk: int, *, write: bool = False) -> Initiative:
    """The initiative if the user may see it (404 otherwise); 403 if `write` and read-only."""
    return get_for_user(Initiative, request.user, pk, write=Capability.WRITE if write else None)


def refuse_if_closed(request, initiative: Initiative):
    """A redirect with a message when the initiative is closed (kept as reported), else None."""
    if initiative.is_editable:
        return None
    messages.error(request, _("This initiative is closed: it is kept as it was reported."))
    return redirect("initiative_detail", pk=initiative.pk)


def own_writable_units(user):
    """The units where the user writes by their own role (not the whole subtree): where a
    replication lands, and the implementing unit offered first on a new initiative."""
    return Unit.objects.filter(path__in=user.scope_paths(Capability.WRITE)).in_force()


@dataclass(frozen=True)
class Person:
    """A linked young person as this reader may see them: named, or only by unit."""

    youth: Youth
    visible: bool
    sensitive: bool


class People:
    """Decides, for many records at once, what the reader sees of each young person."""

    def __init__(self, user) -> None:
        self.readable = tuple(user.scope_paths(Capability.READ))
        self.sensitive = tuple(sensitive_paths(user))

    def __call__(self, youth: Youth) -> Person:
        live = youth.deleted_at is None
        visible = live and bool(self.readable) and youth.unit_path.startswith(self.readable)
        sensitive = visible and bool(self.sensitive) and youth.unit_path.startswith(self.sensitive)
        return Person(youth, visible, sensitive)

    def sees(self, unit_path: str) -> bool:
        return bool(self.readable) and unit_path.startswith(self.readable)


def initiative_list(request):
    user = request.user
    initiatives, chosen = filters.filter_initiatives(user, request.GET)
    counts = filters.status_counts(initiatives)
    listed = (
        filters.by_status(initiatives, chosen["status"])
        .select_related("unit")
        .prefetch_related("years")
        .order_by(*filters.ORDERS[chosen["order"]])
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    years = filters.year_choices(user)
    this_year = timezone.localdate().year
    context = {
        "page": page,
        "filters": chosen,
        "status_counts": [(code, label, counts[code]) for code, label in Status.choices],
        "total": sum(counts.values()),
        "years": sorted({*years, this_year}, reverse=True),
        "domains": Domain.choices,
        "statuses": Status.choices,
        "groups": TargetGroup.choices,
        "units": _filter_units(user),
        "orders": [("updated", _("Latest changed")), ("name", _("Name")), ("unit", _("Unit"))],
        "can_write": bool(user.scope_paths(Capability.WRITE)),
    }
    template = "initiatives/initiative_list.html#results" if request.htmx else "initiatives/initiative_list.html"
    return render(request, template, context)


def _filter_units(user) -> list[Unit]:
    """The unit filter's choices: the user's own units and the units directly below them."""
    memberships = user.active_memberships
    if not memberships:
        return []
    deepest = max(m.unit.depth for m in memberships) + 1
    return list(Unit.objects.visible_to(user).in_force().filter(depth__lte=deepest).order_by("path")[:400])


@require_http_methods(["GET", "POST"])
def initiative_create(request):
    units = Unit.objects.visible_to(request.user, Capability.WRITE).in_force()
    if not units.exists():
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, units=units, initial={"unit": own_writable_units(request.user).first()})
    if request.method == "POST" and form.is_valid():
        initiative = services.create_initiative(
            form.cleaned_data["unit"],
            form.record_data(),
            by=request.user,
            groups=form.cleaned_data["groups"],
            years=form.cleaned_data["years"],
            coordinating_units=form.cleaned_data["coordinating_units"],
        )
        messages.success(request, _("The initiative was saved as a draft."))
        return redirect("initiative_detail", pk=initiative.pk)
    return render(request, "initiatives/initiative_form.html", {"form": form, "initiative": None})


@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk: int):
    initiative = get_initiative(request, pk, write=True)
    if closed := refuse_if_closed(request, initiative):
        return closed
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_initiative(
                initiative,
                form.record_data(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
                groups=form.cleaned_data["groups"],
                years=form.cleaned_data["years"],
                coordinating_units=form.cleaned_data["coordinating_units"],
            )
        except services.StaleEdit:
            form = _stale_form(InitiativeForm, request, pk)
        except services.NotEditable:
            return refuse_if_closed(request, Initiative.objects.get(pk=pk))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The initiative was saved."))
            return redirect("initiative_detail", pk=pk)
    return render(request, "initiatives/initiative_form.html", {"form": form, "initiative": initiative})


def _stale_form(form_class, request, pk: int):
    """The form as typed, on the current version, with the reason the save was refused."""
    return stale_form(
        form_class,
        request,
        Initiative.objects.get(pk=pk),
        _(
            "Someone else saved this initiative while you were editing it, so your changes were not saved. "
            "Your text is kept below: open the initiative in a new tab to see their changes, then save again."
        ),
    )


@require_http_methods(["GET", "POST"])
def initiative_results(request, pk: int):
    initiative = get_initiative(request, pk, write=True)
    if initiative.status not in RESULTS_EDITABLE_STATUSES:
        messages.error(request, _("Results are filed once the union above has accepted the initiative."))
        return redirect("initiative_detail", pk=pk)
    form = ResultsForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_initiative(
                initiative,
                {},
                results={name: form.cleaned_data[name] for name in services.RESULT_FIELDS},
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.StaleEdit:
            form = _stale_form(ResultsForm, request, pk)
        except services.NotEditable:
            return refuse_if_closed(request, Initiative.objects.get(pk=pk))
        else:
            messages.success(request, _("The results were saved."))
            return redirect("initiative_detail", pk=pk)
    return render(request, "initiatives/results_form.html", {"form": form, "initiative": initiative})


@require_http_methods(["GET", "POST"])
def initiative_delete(request, pk: int):
    initiative = get_initiative(request, pk, write=True)
    if initiative.status != Status.DRAFT:
        messages.error(request, _("Only a draft can be deleted; once registered it is part of the record."))
        return redirect("initiative_detail", pk=pk)
    if request.method == "POST":
        services.delete_draft(initiative, by=request.user)
        messages.success(request, _("The draft was deleted."))
        return redirect("initiative_list")
    return render(request, "initiatives/initiative_delete.html", {"initiative": initiative})


def initiative_detail(request, pk: int):
    initiative = get_initiative(request, pk)
    return render(request, "initiatives/initiative_detail.html", detail_context(request, initiative))


def detail_context(request, initiative: Initiative, *, comment: str = "") -> dict[str, Any]:
    user = request.user
    people = People(user)
    initiative = (
        Initiative.objects.select_related("unit", "adopted_from__unit", "created_by")
        .prefetch_related("years", "coordinating_units")
        .get(pk=initiative.pk)
    )
    can_write = user.can(Capability.WRITE, initiative.unit)
    entries = initiative.step_entries.prefetch_related(
        Prefetch("youth", queryset=Youth.objects.select_related("unit")), "files"
    )
    by_step: dict[int, list] = {step: [] for step in Step.values}
    for entry in entries:
        by_step[entry.step].append((entry, [people(y) for y in entry.youth.all()]))
    activities = initiative.activities.prefetch_related(
        Prefetch("youth", queryset=Youth.objects.select_related("unit"))
    )
    beneficiaries = initiative.beneficiaries.select_related("youth__unit").order_by("youth__sort_key", "pk")
    actions = [
        (action, workflow.missing_conditions(initiative, action.name) if action.name in CHECKED_ACTIONS else [])
        for action in workflow.available_actions(initiative, user)
    ]
    source = initiative.adopted_from
    return {
        "initiative": initiative,
        "can_write": can_write,
        "can_edit": can_write and initiative.is_editable,
        "can_results": can_write and initiative.status in RESULTS_EDITABLE_STATUSES,
        "can_delete": can_write and initiative.status == Status.DRAFT,
        "can_replicate": own_writable_units(user).exists(),
        "actions": actions,
        "comment": comment,
        "steps": [(value, label, by_step[value]) for value, label in Step.choices],
        "activities": [
            (activity, [people(y) for y in activity.youth.all()], _resources(activity)) for activity in activities
        ],
        "beneficiaries": [(b, people(b.youth)) for b in beneficiaries],
        "adopted_from": (source, people.sees(source.unit_path)) if source else None,
        "replications": [
            (copy, people.sees(copy.unit_path))
            for copy in initiative.replications.select_related("unit").order_by("unit__name", "pk")
        ],
        "timeline": timeline.build(initiative),
    }


def _resources(activity: Activity) -> list[tuple[str, int]]:
    """The resources an activity used, those not zero, with their names."""
    fields = {f.name: f for f in Activity._meta.concrete_fields}
    return [
        (str(fields[name].verbose_name), value)
        for name in Activity.RESOURCE_FIELDS
        if (value := getattr(activity, name))
    ]


@require_POST
def initiative_transition(request, pk: int):
    initiative = get_initiative(request, pk, write=True)
    form = TransitionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    comment = data.get("comment") or request.POST.get("comment", "")
    try:
        moved = workflow.apply(
            initiative, data.get("action", ""), by=request.user, comment=comment, expected_version=data.get("version")
        )
    except workflow.TransitionRefused as refused:
        messages.error(request, str(refused.message))
        # The page again, with the comment as typed: nothing is lost.
        return render(
            request, "initiatives/initiative_detail.html", detail_context(request, initiative, comment=comment)
        )
    messages.success(request, _("Done: the initiative is now “%(status)s”.") % {"status": moved.get_status_display()})
    return redirect("initiative_detail", pk=pk)


@require_POST
def initiative_replicate(request, pk: int):
    source = get_initiative(request, pk)
    return replicate_into_own_unit(request, source, "initiatives/replicate.html", {"initiative": source})


def replicate_into_own_unit(request, source: Initiative, template: str, context: dict[str, Any]) -> HttpResponse:
    """A draft of `source` in a unit the user works in (asked with `template` when they have
    several; 403 when none), then its edit page. Shared by the initiative page and the library."""
    units = own_writable_units(request.user)
    choices = list(units)
    if not choices:
        raise PermissionDenied
    form = ReplicateForm(request.POST if "unit" in request.POST else None, units=units)
    if len(choices) == 1:
        unit = choices[0]
    elif form.is_valid():
        unit = form.cleaned_data["unit"]
    else:
        return render(request, template, {"form": form, **context})
    copy = services.replicate(source, unit, by=request.user, years=[timezone.localdate().year])
    messages.success(
        request,
        _("A draft was made in %(unit)s from this initiative. Fit it to your unit, then save.") % {"unit": unit.name},
    )
    return redirect("initiative_edit", pk=copy.pk)
