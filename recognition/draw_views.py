"""The inspection draws' pages: list, draw, detail (with its check and chain of redraws), redraw.

A draw belongs to the union that drew it, so it is seen within that union's subtree only: a
commune's officers do not see the province's draws (404).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from initiatives.choices import Domain
from initiatives.models import Initiative
from recognition import draws, services
from recognition.forms_inspection import DrawForm, RedrawForm
from recognition.models import Draw, DrawTarget, Inspection, Strata
from units.models import Unit, UnitKind
from units.scoping import Capability, get_for_user

PAGE_SIZE = 25
# Unions with units below them to inspect; a commune union has nobody to draw.
DRAWING_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.BLOC)


def drawing_units(user):
    """The unions within which the user may draw: those they write for, with units below."""
    return Unit.objects.visible_to(user, Capability.WRITE).in_force().filter(kind__in=DRAWING_KINDS).order_by("path")


def may_inspect(user, unit: Unit) -> bool:
    try:
        services.inspecting_unit(user, unit)
    except PermissionDenied:
        return False
    return True


def draw_list(request):
    listed = Draw.objects.visible_to(request.user).select_related("unit", "created_by", "replaced_by")
    year = request.GET.get("year", "")
    if year.isdecimal():
        listed = listed.filter(year=int(year))
    page = Paginator(listed.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    years = Draw.objects.visible_to(request.user).values_list("year", flat=True).distinct().order_by("-year")
    context = {
        "page": page,
        "year": year,
        "years": list(years),
        "can_draw": drawing_units(request.user).exists(),
    }
    return render(request, "recognition/draw_list.html", context)


@require_http_methods(["GET", "POST"])
def draw_create(request):
    units = drawing_units(request.user)
    first = units.first()
    if first is None:
        raise PermissionDenied
    form = DrawForm(request.POST or None, units=units, initial={"unit": first})
    if request.method == "POST" and form.is_valid():
        try:
            draw = draws.create_draw(form.cleaned_data["unit"], **form.parameters(), by=request.user)
        except draws.DrawRefused as refused:
            messages.error(request, str(refused.message))
        else:
            messages.success(request, _drawn_message(draw))
            return redirect("draw_detail", pk=draw.pk)
    return render(request, "recognition/draw_form.html", {"form": form})


def _drawn_message(draw: Draw) -> str:
    return _("Drawn: %(drawn)d of %(candidates)d candidates. The seed and the candidates are stored.") % {
        "drawn": len(draw.drawn),
        "candidates": len(draw.candidates),
    }


def _get_draw(request, pk: int, *, write: bool = False) -> Draw:
    draw = get_for_user(Draw, request.user, pk, write=Capability.WRITE if write else None)
    return Draw.objects.select_related("unit", "created_by", "replaces").get(pk=draw.pk)


def draw_detail(request, pk: int):
    return _render_detail(request, _get_draw(request, pk))


@require_POST
def draw_redraw(request, pk: int):
    draw = _get_draw(request, pk, write=True)
    form = RedrawForm(request.POST, draw=draw)
    if form.is_valid():
        try:
            again = draws.create_draw(
                draw.unit, **form.parameters(), by=request.user, replaces=draw, reason=form.cleaned_data["reason"]
            )
        except draws.DrawRefused as refused:
            messages.error(request, str(refused.message))
        else:
            messages.success(request, _drawn_message(again))
            return redirect("draw_detail", pk=again.pk)
    return _render_detail(request, draw, redraw_form=form)


def _render_detail(request, draw: Draw, *, redraw_form: RedrawForm | None = None):
    user = request.user
    is_current = not Draw.objects.filter(replaces=draw).exists()
    can_redraw = is_current and user.can(Capability.WRITE, draw.unit)
    context: dict[str, Any] = {
        "draw": draw,
        "is_current": is_current,
        "verified": draws.verify(draw),
        "chain": _chain(draw),
        "drawn": _drawn_rows(user, draw),
        "candidates": _candidate_rows(draw),
        "can_redraw": can_redraw,
        "redraw_form": redraw_form or (RedrawForm(draw=draw) if can_redraw else None),
        "open_redraw": redraw_form is not None,
    }
    return render(request, "recognition/draw_detail.html", context)


def _chain(draw: Draw) -> list[Draw]:
    """Every draw of the chain this one belongs to, the first first (a redraw is rare: few queries)."""
    earlier: list[Draw] = []
    step = draw
    while step.replaces_id is not None:
        step = Draw.objects.select_related("created_by").get(pk=step.replaces_id)
        earlier.insert(0, step)
    later: list[Draw] = []
    step = draw
    while (following := Draw.objects.select_related("created_by").filter(replaces=step).first()) is not None:
        later.append(following)
        step = following
    return [*earlier, draw, *later] if earlier or later else []


def _stratum_labels(draw: Draw, strata: set[str]) -> dict[str, str]:
    """What each stratum key means: a domain, or the union (former district, cluster) by its path."""
    if draw.strata == Strata.DOMAIN:
        return {key: str(Domain(key).label) if key in Domain.values else key for key in strata}
    names = dict(Unit.objects.filter(path__in=[s for s in strata if s]).values_list("path", "name"))
    return {key: names.get(key, key) for key in strata}


def _names(draw: Draw, ids: list[int]) -> dict[int, str]:
    if draw.target == DrawTarget.INITIATIVES:
        rows = Initiative.objects.filter(pk__in=ids).values_list("pk", "name", "unit__name")
        return {pk: f"{name} ({unit})" for pk, name, unit in rows}
    return dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))


def _candidate_rows(draw: Draw) -> list[dict[str, Any]]:
    ids = [pk for pk, _stratum in draw.candidates]
    names = _names(draw, ids)
    labels = _stratum_labels(draw, {stratum for _pk, stratum in draw.candidates})
    drawn = set(draw.drawn)
    return [
        {"pk": pk, "name": names.get(pk, f"#{pk}"), "stratum": labels.get(stratum, ""), "drawn": pk in drawn}
        for pk, stratum in draw.candidates
    ]


def _drawn_rows(user, draw: Draw) -> list[dict[str, Any]]:
    """Each drawn unit or initiative, its stratum, its inspections from this draw, and where to record one."""
    strata: dict[int, str] = dict(draw.candidates)  # stored as [id, stratum] pairs
    labels = _stratum_labels(draw, set(strata.values()))
    objects = draws.drawn_objects(draw)
    initiatives = draw.target == DrawTarget.INITIATIVES
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[o.unit_id for o in objects])} if initiatives else {}
    inspected: dict[int, list[Inspection]] = {}
    for inspection in Inspection.objects.filter(draw=draw).order_by("inspected_on", "pk"):
        key = inspection.initiative_id if initiatives else inspection.unit_id
        if key is not None:
            inspected.setdefault(key, []).append(inspection)
    rows = []
    for obj in objects:
        unit = units[obj.unit_id] if initiatives else obj
        query = f"unit={unit.pk}&draw={draw.pk}" + (f"&initiative={obj.pk}" if initiatives else "")
        rows.append(
            {
                "object": obj,
                "unit": unit,
                "initiative": obj if initiatives else None,
                "stratum": labels.get(strata.get(obj.pk, ""), ""),
                "inspections": inspected.get(obj.pk, []),
                "record_query": query if may_inspect(user, unit) else "",
            }
        )
    return rows
