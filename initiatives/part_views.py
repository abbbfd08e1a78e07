"""The pages of an initiative's parts: step entries, activities, beneficiaries, and the live
search that picks young people from the registry for them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import stale_form
from initiatives import services
from initiatives.choices import Step
from initiatives.forms import ActivityForm, BeneficiaryAddForm, OutcomeForm, StepEntryForm
from initiatives.models import Activity, Beneficiary, Initiative, StepEntry
from initiatives.views import People, get_initiative, refuse_if_closed
from units.scoping import Capability, subtree_q
from youth.models import Youth

PICKER_SIZE = 20


def _get_part[M: Model](model: type[M], request, pk: int) -> M:
    """A part of an initiative the user may see (404 otherwise) and change (403 otherwise)."""
    scope = subtree_q(request.user.scope_paths(Capability.READ), "initiative__unit_path")
    try:
        part = model._default_manager.select_related("initiative__unit").filter(scope).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:  # type: ignore[attr-defined]
        raise Http404 from exc
    if not request.user.can(Capability.WRITE, part.initiative.unit):  # type: ignore[attr-defined]
        raise PermissionDenied
    return part


def _back(initiative: Initiative, anchor: str):
    return redirect(reverse("initiative_detail", args=[initiative.pk]) + f"#{anchor}")


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdecimal()][:500]


def picker_context(user, initiative: Initiative, picked_ids: list[int], query: str) -> dict:
    """The chosen young people, then those the search finds (without a search: the
    initiative's own unit's records), all among the records the user may see."""
    visible = Youth.objects.visible_to(user).select_related("unit")
    picked = list(visible.filter(pk__in=picked_ids).order_by("sort_key", "pk")) if picked_ids else []
    found = visible.search(query) if query else visible.filter(unit_path__startswith=initiative.unit_path)
    found = found.exclude(pk__in=[person.pk for person in picked]).order_by("sort_key", "pk")
    return {"picked": picked, "found": list(found[:PICKER_SIZE]), "q": query, "initiative": initiative}


def _bound_or_kept(form_class, request, *, initial: dict | None = None, **kwargs):
    """The bound form; after "Find" (a search, not a save) the typed values without errors."""
    if request.method != "POST":
        return form_class(initial=initial or {}, **kwargs)
    if request.POST.get("find"):
        return form_class(initial=request.POST.dict(), **kwargs)
    return form_class(request.POST, **kwargs)


def _picker_for(request, initiative: Initiative) -> dict:
    source = request.POST if request.method == "POST" else request.GET
    return picker_context(request.user, initiative, _ids(source.getlist("youth")), source.get("q", "").strip())


@require_GET
def initiative_youth_search(request, pk: int):
    initiative = get_initiative(request, pk, write=True)
    return render(request, "initiatives/includes/youth_picker.html", {"picker": _picker_for(request, initiative)})


@require_http_methods(["GET", "POST"])
def step_add(request, pk: int):
    initiative = get_initiative(request, pk, write=True)
    if closed := refuse_if_closed(request, initiative):
        return closed
    step = request.GET.get("step", "")
    initial = {"step": int(step)} if step.isdecimal() and int(step) in Step.values else {}
    form = _bound_or_kept(StepEntryForm, request, initial=initial, user=request.user)
    if form.is_bound and form.is_valid():
        services.add_step_entry(initiative, form.entry_data(), by=request.user, youth=form.cleaned_data["youth"])
        messages.success(request, _("The step was recorded."))
        return _back(initiative, "steps")
    context = {"form": form, "initiative": initiative, "picker": _picker_for(request, initiative)}
    return render(request, "initiatives/step_form.html", context)


@require_POST
def step_delete(request, pk: int):
    entry = _get_part(StepEntry, request, pk)
    if closed := refuse_if_closed(request, entry.initiative):
        return closed
    services.delete_step_entry(entry, by=request.user)
    messages.success(request, _("The step entry was deleted."))
    return _back(entry.initiative, "steps")


@require_http_methods(["GET", "POST"])
def activity_add(request, pk: int):
    initiative = get_initiative(request, pk, write=True)
    if closed := refuse_if_closed(request, initiative):
        return closed
    form = _bound_or_kept(ActivityForm, request, user=request.user)
    if form.is_bound and form.is_valid():
        services.add_activity(initiative, form.activity_data(), by=request.user, youth=form.cleaned_data["youth"])
        messages.success(request, _("The activity was recorded; the young people it reached are beneficiaries."))
        return _back(initiative, "activities")
    context = {"form": form, "initiative": initiative, "picker": _picker_for(request, initiative)}
    return render(request, "initiatives/activity_form.html", context)


@require_POST
def activity_delete(request, pk: int):
    activity = _get_part(Activity, request, pk)
    if closed := refuse_if_closed(request, activity.initiative):
        return closed
    services.delete_activity(activity, by=request.user)
    messages.success(request, _("The activity was deleted."))
    return _back(activity.initiative, "activities")


@require_http_methods(["GET", "POST"])
def beneficiary_add(request, pk: int):
    initiative = get_initiative(request, pk, write=True)
    if closed := refuse_if_closed(request, initiative):
        return closed
    form = _bound_or_kept(BeneficiaryAddForm, request, user=request.user)
    if form.is_bound and form.is_valid():
        added = services.add_beneficiaries(initiative, form.cleaned_data["youth"], by=request.user)
        messages.success(
            request,
            ngettext("%(count)d beneficiary was added.", "%(count)d beneficiaries were added.", added)
            % {"count": added},
        )
        return _back(initiative, "beneficiaries")
    context = {"form": form, "initiative": initiative, "picker": _picker_for(request, initiative)}
    return render(request, "initiatives/beneficiary_add.html", context)


@require_http_methods(["GET", "POST"])
def beneficiary_edit(request, pk: int):
    beneficiary = _get_part(Beneficiary, request, pk)
    initiative = beneficiary.initiative
    if closed := refuse_if_closed(request, initiative):
        return closed
    form = OutcomeForm(request.POST or None, instance=beneficiary)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_outcome(
                beneficiary,
                outcome=form.cleaned_data["outcome"],
                outcome_on=form.cleaned_data["outcome_on"],
                note=form.cleaned_data["note"],
                by=request.user,
                expected_version=form.cleaned_data["version"] or 0,
            )
        except services.StaleEdit:
            form = _stale_outcome_form(request, beneficiary)
        else:
            messages.success(request, _("The outcome was saved."))
            return _back(initiative, "beneficiaries")
    person = People(request.user)(Youth.objects.select_related("unit").get(pk=beneficiary.youth_id))
    context = {"form": form, "initiative": initiative, "beneficiary": beneficiary, "person": person}
    return render(request, "initiatives/beneficiary_form.html", context)


def _stale_outcome_form(request, beneficiary: Beneficiary) -> OutcomeForm:
    """The form as typed, on the current version, with the reason the save was refused."""
    return stale_form(
        OutcomeForm,
        request,
        Beneficiary.objects.get(pk=beneficiary.pk),
        _(
            "Someone else saved this outcome while you were editing it, so your changes were not saved. "
            "Your text is kept below: open the initiative in a new tab to see their changes, then save again."
        ),
    )


@require_POST
def beneficiary_remove(request, pk: int):
    beneficiary = _get_part(Beneficiary, request, pk)
    if closed := refuse_if_closed(request, beneficiary.initiative):
        return closed
    services.remove_beneficiary(beneficiary, by=request.user)
    messages.success(request, _("The young person is no longer listed as a beneficiary."))
    return _back(beneficiary.initiative, "beneficiaries")
