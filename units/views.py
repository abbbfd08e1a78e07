from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.forms import stale_form
from core.vntext import sort_key
from units import services
from units.forms import CloseUnitForm, MoveUnitForm, UnitForm
from units.models import Unit, UnitKind
from units.scoping import Capability, get_for_user

PAGE_SIZE = 50


def _parse_day(raw: str | None) -> datetime.date | None:
    if not raw:
        return None
    for parse in (parse_date, lambda s: datetime.datetime.strptime(s, "%d/%m/%Y").date()):
        try:
            value = parse(raw)
        except ValueError:
            continue
        if value:
            return value
    return None


def home(request):
    memberships = request.user.active_memberships
    ancestors = Unit.objects.ancestors_by_path([m.unit for m in memberships])
    cards = [
        {
            "membership": m,
            "unit": m.unit,
            "trail": [ancestors[p] for p in m.unit.ancestor_paths() if p in ancestors],
            "children": Unit.objects.children_of(m.unit).in_force().count(),
        }
        for m in memberships
    ]
    return render(request, "units/home.html", {"cards": cards})


def unit_list(request):
    on = _parse_day(request.GET.get("at"))
    show_history = request.GET.get("history") == "1"
    units = Unit.objects.visible_to(request.user)
    if not show_history:
        units = units.in_force(on or timezone.localdate())
    kind = request.GET.get("kind", "")
    if kind in UnitKind.values:
        units = units.filter(kind=kind)
    query = request.GET.get("q", "").strip()
    units = units.search(query)
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    parents = Unit.objects.ancestors_by_path(list(page.object_list), parents_only=True)
    rows = [(unit, parents.get(unit.path[: -unit.steplen])) for unit in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "kinds": UnitKind.choices,
        "filters": {"q": query, "kind": kind, "at": on, "history": show_history},
        "querystring": request.GET.urlencode(),
    }
    template = "units/unit_list.html#results" if request.htmx else "units/unit_list.html"
    return render(request, template, context)


def unit_detail(request, pk: int):
    unit = get_for_user(Unit, request.user, pk)
    show_all = request.GET.get("all") == "1"
    children = Unit.objects.children_of(unit)
    if not show_all:
        children = children.in_force()
    kind_order = {kind: index for index, kind in enumerate(UnitKind.values)}
    children = sorted(children, key=lambda child: (kind_order[child.kind], sort_key(child.name)))
    visible = Unit.objects.visible_to(request.user)
    context = {
        "unit": unit,
        "trail": [
            (ancestor, request.user.can(Capability.READ, ancestor))
            for ancestor in Unit.objects.filter(path__in=unit.ancestor_paths()).order_by("depth")
        ],
        "children": children,
        "show_all": show_all,
        "successors": visible.filter(predecessors=unit),
        "predecessors": visible.filter(successors=unit),
        "can_admin": request.user.can(Capability.ADMIN, unit),
    }
    if context["can_admin"]:
        context["memberships"] = unit.memberships.select_related("user").order_by("role", "user__username")
    return render(request, "units/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
def unit_edit(request, pk: int):
    unit = get_for_user(Unit, request.user, pk, write=Capability.ADMIN)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_unit(
                unit, form.cleaned_data, expected_version=form.cleaned_data["version"] or 0, by=request.user
            )
        except services.StaleEdit:
            form = stale_form(
                UnitForm,
                request,
                Unit.objects.get(pk=unit.pk),
                _(
                    "Someone else saved this unit while you were editing it. Your text is kept below: "
                    "open the unit in a new tab to see their changes, then save again."
                ),
            )
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("unit_detail", pk=unit.pk)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit, "parent": None})


@require_http_methods(["GET", "POST"])
def unit_create(request, pk: int):
    parent = get_for_user(Unit, request.user, pk, write=Capability.ADMIN)
    form = UnitForm(request.POST or None, initial={"header_line_1": parent.header_line_2.removeprefix("BCH ")})
    if request.method == "POST" and form.is_valid():
        unit = services.create_unit(parent, form.cleaned_data, by=request.user)
        messages.success(request, _("The unit was created."))
        return redirect("unit_detail", pk=unit.pk)
    return render(request, "units/unit_form.html", {"form": form, "unit": None, "parent": parent})


@require_http_methods(["GET", "POST"])
def unit_move(request, pk: int):
    unit = get_for_user(Unit, request.user, pk, write=Capability.ADMIN)
    if unit.is_root():
        messages.error(request, _("The top unit of the tree cannot be moved."))
        return redirect("unit_detail", pk=unit.pk)
    candidates = Unit.objects.visible_to(request.user, Capability.ADMIN).in_force()
    form = MoveUnitForm(request.POST or None, unit=unit, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        services.move_unit(unit, form.cleaned_data["new_parent"], by=request.user)
        messages.success(request, _("The unit was moved."))
        return redirect("unit_detail", pk=unit.pk)
    return render(request, "units/unit_move.html", {"form": form, "unit": unit})


@require_http_methods(["GET", "POST"])
def unit_close(request, pk: int):
    unit = get_for_user(Unit, request.user, pk, write=Capability.ADMIN)
    if unit.is_root():
        messages.error(request, _("The top unit of the tree cannot be closed."))
        return redirect("unit_detail", pk=unit.pk)
    form = CloseUnitForm(request.POST or None)
    open_count = Unit.objects.filter(path__startswith=unit.path, valid_to__isnull=True).count()
    if request.method == "POST" and form.is_valid():
        closed = services.close_unit(unit, form.cleaned_data["closed_on"], by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d unit closed. Its history is kept.", "%(count)d units closed. Their history is kept.", closed
            )
            % {"count": closed},
        )
        return redirect("unit_detail", pk=unit.pk)
    return render(request, "units/unit_close.html", {"form": form, "unit": unit, "open_count": open_count})
