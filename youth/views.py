from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.ethnicities import ETHNICITIES
from core.forms import stale_form
from units.models import Unit
from units.scoping import Capability, get_for_user
from youth import services
from youth.choices import AGE_BANDS, ConsentState, Need, Status, TargetGroup
from youth.forms import ConsentForm, DeleteForm, MergeForm, WithdrawConsentForm, YouthForm
from youth.models import Consent, Youth
from youth.privacy import can_see_sensitive, mask_citizen_id
from youth.queries import counts_by_group, filter_registry

PAGE_SIZE = 25


def _writable_units(user):
    return Unit.objects.visible_to(user, Capability.WRITE).in_force()


def _get_deleted(request, pk: int) -> Youth:
    try:
        return Youth.objects.deleted_visible_to(request.user).select_related("unit").get(pk=pk)
    except (Youth.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def _filter_units(user) -> list[Unit]:
    """The unit filter's choices: the user's own units and the units directly below them."""
    memberships = user.active_memberships
    if not memberships:
        return []
    deepest = max(m.unit.depth for m in memberships) + 1
    return list(Unit.objects.visible_to(user).in_force().filter(depth__lte=deepest).order_by("path")[:400])


def youth_list(request):
    youth, filters = filter_registry(request.user, request.GET)
    counts = counts_by_group(youth)
    ordered = youth.select_related("unit").prefetch_related("groups").order_by("sort_key", "pk")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "group_counts": [(code, label, counts.get(code, 0)) for code, label in TargetGroup.choices],
        "groups": TargetGroup.choices,
        "statuses": Status.choices,
        "needs": Need.choices,
        "age_bands": [(code, label) for code, label, _low, _high in AGE_BANDS],
        "consents": ConsentState.choices,
        "units": _filter_units(request.user),
        "can_write": bool(request.user.scope_paths(Capability.WRITE)),
    }
    template = "youth/youth_list.html#results" if request.htmx else "youth/youth_list.html"
    return render(request, template, context)


def youth_detail(request, pk: int):
    youth = get_for_user(Youth, request.user, pk)
    sensitive = can_see_sensitive(request.user, youth)
    if sensitive:
        services.log_full_view(youth, by=request.user)
    history = (
        LogEntry.objects.filter(
            Q(content_type__model="youth", content_type__app_label="youth", object_id=youth.pk)
            | Q(additional_data__youth_id=youth.pk)
        )
        .exclude(action=LogEntry.Action.ACCESS)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:100]
    )
    views = (
        LogEntry.objects.get_for_object(youth)
        .filter(action=LogEntry.Action.ACCESS)
        .select_related("actor")
        .order_by("-timestamp")[:20]
        if sensitive
        else []
    )
    readable = request.user.scope_paths(Capability.READ)
    duplicates = [
        (dup, any(dup.youth.unit.path.startswith(p) for p in readable))
        for dup in services.find_duplicates(
            youth.unit,
            full_name=youth.full_name,
            birth_date=youth.birth_date,
            birth_year=youth.birth_year,
            phone=youth.phone,
            citizen_id=youth.citizen_id,
            exclude_pk=youth.pk,
        )
    ]
    context = {
        "youth": youth,
        "sensitive": sensitive,
        "citizen_id": youth.citizen_id if sensitive else mask_citizen_id(youth.citizen_id),
        "ethnicity_name": dict(ETHNICITIES).get(youth.ethnicity, ""),
        "groups": youth.groups.all(),
        "needs": youth.needs.all(),
        "consents": youth.consents.select_related("recorded_by"),
        "history": history,
        "views": views,
        "duplicates": duplicates,
        "can_write": request.user.can(Capability.WRITE, youth.unit),
        "can_purge": request.user.can(Capability.ADMIN, youth.unit),
        "merge_form": MergeForm(),
    }
    return render(request, "youth/youth_detail.html", context)


def _duplicates_for(form: YouthForm, unit: Unit, exclude_pk: int | None = None):
    data = form.cleaned_data
    return services.find_duplicates(
        unit,
        full_name=data["full_name"],
        birth_date=data.get("birth_date"),
        birth_year=data.get("birth_year"),
        phone=data.get("phone", ""),
        citizen_id=data.get("citizen_id", ""),
        exclude_pk=exclude_pk,
    )


@require_http_methods(["GET", "POST"])
def youth_create(request):
    units = _writable_units(request.user)
    if not units.exists():
        raise PermissionDenied
    first = request.user.active_memberships[0].unit if request.user.active_memberships else None
    form = YouthForm(request.POST or None, units=units, initial={"unit": first})
    duplicates = []
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        duplicates = _duplicates_for(form, unit)
        if not duplicates or request.POST.get("confirm_duplicates"):
            youth = services.create_youth(
                unit, form.record_data(), groups=form.groups_data(), needs=form.needs_data(), by=request.user
            )
            messages.success(request, _("The record was saved."))
            return redirect("youth_detail", pk=youth.pk)
    return render(request, "youth/youth_form.html", {"form": form, "youth": None, "duplicates": duplicates})


@require_http_methods(["GET", "POST"])
def youth_edit(request, pk: int):
    youth = get_for_user(Youth, request.user, pk, write=Capability.WRITE)
    form = YouthForm(request.POST or None, instance=youth, units=_writable_units(request.user))
    duplicates = []
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        duplicates = _duplicates_for(form, unit, exclude_pk=youth.pk)
        if not duplicates or request.POST.get("confirm_duplicates"):
            try:
                services.update_youth(
                    youth,
                    form.record_data(),
                    groups=form.groups_data(),
                    needs=form.needs_data(),
                    expected_version=form.cleaned_data["version"] or 0,
                    unit=unit,
                    by=request.user,
                )
            except services.StaleEdit:
                form = stale_form(
                    YouthForm,
                    request,
                    Youth.objects.get(pk=youth.pk),
                    _(
                        "Someone else saved this record while you were editing it. Your text is kept below: "
                        "open the record in a new tab to see their changes, then save again."
                    ),
                    units=_writable_units(request.user),
                )
                duplicates = []
            else:
                messages.success(request, _("The record was saved."))
                return redirect("youth_detail", pk=youth.pk)
    context = {"form": form, "youth": youth, "duplicates": duplicates}
    return render(request, "youth/youth_form.html", context)


@require_http_methods(["GET", "POST"])
def youth_delete(request, pk: int):
    youth = get_for_user(Youth, request.user, pk, write=Capability.WRITE)
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.delete_youth(youth, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The record was moved to the bin. An officer can restore it."))
        return redirect("youth_list")
    return render(request, "youth/youth_delete.html", {"form": form, "youth": youth})


@require_POST
def youth_merge(request, pk: int):
    keep = get_for_user(Youth, request.user, pk, write=Capability.WRITE)
    form = MergeForm(request.POST)
    if not form.is_valid() or form.cleaned_data["other"] == keep.pk:
        messages.error(request, _("Give the number of another record."))
        return redirect("youth_detail", pk=keep.pk)
    remove = get_for_user(Youth, request.user, form.cleaned_data["other"], write=Capability.WRITE)
    services.merge_youth(keep, remove, by=request.user)
    messages.success(
        request, _("Record #%(other)d was merged into this one; its history is kept.") % {"other": remove.pk}
    )
    return redirect("youth_detail", pk=keep.pk)


def youth_bin(request):
    if not request.user.scope_paths(Capability.WRITE):
        raise PermissionDenied
    deleted = Youth.objects.deleted_visible_to(request.user).filter(purged_at__isnull=True)
    page = Paginator(deleted.select_related("unit", "deleted_by").order_by("-deleted_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    admin_paths = request.user.scope_paths(Capability.ADMIN)
    rows = [(y, any(y.unit.path.startswith(p) for p in admin_paths)) for y in page.object_list]
    return render(request, "youth/youth_bin.html", {"page": page, "rows": rows})


@require_POST
def youth_restore(request, pk: int):
    youth = _get_deleted(request, pk)
    if youth.purged_at:
        raise Http404
    services.restore_youth(youth, by=request.user)
    messages.success(request, _("The record was restored."))
    return redirect("youth_detail", pk=youth.pk)


@require_POST
def youth_purge(request, pk: int):
    youth = _get_deleted(request, pk)
    if not request.user.can(Capability.ADMIN, youth.unit):
        raise PermissionDenied
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Tick the box to confirm that the personal data is to be erased for good."))
        return redirect("youth_bin")
    services.purge_youth(youth, by=request.user)
    messages.success(request, _("The personal data of the record was erased; anonymous counts keep it."))
    return redirect("youth_bin")


@require_http_methods(["GET", "POST"])
def consent_add(request, pk: int):
    youth = get_for_user(Youth, request.user, pk, write=Capability.WRITE)
    form = ConsentForm(request.POST or None, youth=youth)
    if request.method == "POST" and form.is_valid():
        services.record_consent(youth, form.cleaned_data, by=request.user)
        messages.success(request, _("The consent was recorded."))
        return redirect("youth_detail", pk=youth.pk)
    return render(request, "youth/consent_form.html", {"form": form, "youth": youth})


@require_POST
def consent_withdraw(request, pk: int):
    try:
        consent = Consent.objects.select_related("youth__unit").get(
            pk=pk, youth__in=Youth.objects.visible_to(request.user)
        )
    except (Consent.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    if not request.user.can(Capability.WRITE, consent.youth.unit):
        raise PermissionDenied
    form = WithdrawConsentForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_consent(
                consent, on=form.cleaned_data["withdrawn_on"], note=form.cleaned_data["note"], by=request.user
            )
        except services.StaleEdit:
            messages.error(
                request,
                _(
                    "Someone else recorded the withdrawal of this consent while you were typing, so yours was "
                    "not saved. Their date and note are shown below."
                ),
            )
        else:
            messages.success(request, _("The withdrawal was recorded. Named exports leave this person out."))
    else:
        messages.error(request, _("Give the date of the withdrawal (dd/mm/yyyy)."))
    return redirect("youth_detail", pk=consent.youth_id)
