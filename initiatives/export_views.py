"""Biểu mẫu 01 and 03 downloads: choose the form, year, unit and format; small lists come
straight away, large ones through a background job with a progress page (as Form 02)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from core.forms import StyledFormMixin
from initiatives import exports
from reports import renderers
from reports.http import file_response
from reports.jobs import settle_stalled
from reports.models import ExportJob
from units.models import Unit
from units.scoping import get_for_user

FORM_CHOICES = [
    (exports.FORM01, _("Form 01: initiatives registered for the year")),
    (exports.FORM03, _("Form 03: initiatives with their results and evidence")),
]
FORMAT_CHOICES = [("xlsx", _("Excel (.xlsx)")), ("docx", _("Word (.docx)")), ("pdf", _("PDF, ready to print"))]


class ExportForm(StyledFormMixin, forms.Form):
    form = forms.ChoiceField(label=_("Form"), choices=FORM_CHOICES)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    unit = forms.TypedChoiceField(
        label=_("Unit"), coerce=int, help_text=_("The list covers this unit and every unit below it.")
    )
    fmt = forms.ChoiceField(label=_("File format"), choices=FORMAT_CHOICES)

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in exports.year_choices()]  # type: ignore[attr-defined]
        self.fields["unit"].choices = [(unit.pk, unit.name) for unit in units]  # type: ignore[attr-defined]


def _units(user: User, requested: Unit | None) -> list[Unit]:
    """The units in force the user may read; a unit asked for by id (a closed one) is added."""
    units = list(Unit.objects.visible_to(user).in_force().order_by("path"))
    if requested is not None and requested not in units:
        units.insert(0, requested)
    return units


def _default_unit(user: User, units: list[Unit]) -> Unit | None:
    own = {m.unit_id for m in user.active_memberships}
    return next((unit for unit in units if unit.pk in own), units[0] if units else None)


@require_http_methods(["GET", "POST"])
def initiative_export(request: HttpRequest) -> HttpResponseBase:
    """GET without a choice: the page. GET with one: the file, or for a long list a page
    offering to prepare it. POST: start that job."""
    user = cast(User, request.user)
    data: QueryDict = request.POST if request.method == "POST" else request.GET
    # A unit outside the user's units answers 404, exactly like a missing one.
    requested = get_for_user(Unit, user, data["unit"]) if data.get("unit") else None
    units = _units(user, requested)
    if request.method == "GET" and not {"form", "fmt"} <= set(data):
        unit = requested or _default_unit(user, units)
        initial = {
            "form": data.get("form") or exports.FORM01,
            "year": data.get("year") or timezone.localdate().year,
            "unit": unit.pk if unit else None,
            "fmt": "xlsx",
        }
        return render(request, "initiatives/export.html", {"form": ExportForm(initial=initial, units=units)})
    if not data.get("unit"):
        # A link without a unit exports the user's own unit, as Form 02's buttons do.
        default = _default_unit(user, units)
        data = data.copy()
        data["unit"] = str(default.pk) if default else ""
    form = ExportForm(data, units=units)
    if not form.is_valid():
        return render(request, "initiatives/export.html", {"form": form})
    choice = form.cleaned_data
    unit = requested or get_for_user(Unit, user, choice["unit"])
    which, year, fmt = choice["form"], choice["year"], choice["fmt"]
    total = exports.count_rows(which, user, unit, year)
    context = {"form": form, "unit": unit, "which": which, "year": year, "fmt": fmt, "total": total}
    try:
        exports.check_size(fmt, total)
    except exports.TooManyRows as exc:
        return render(request, "initiatives/export.html", {**context, "refusal": exc.message}, status=422)
    if request.method == "POST":
        job = exports.start(which, user, unit, year, fmt, total=total)
        return redirect("initiative_export_job", pk=job.pk)
    if exports.runs_in_background(fmt, total):
        return render(request, "initiatives/export.html", {**context, "offer_job": True})
    return exports.response(which, user, unit, year, fmt)


def _job_for(request: HttpRequest, pk) -> tuple[ExportJob, str, int]:
    """The requester's own job of an initiative form (any other job answers 404)."""
    job = get_for_user(ExportJob, request.user, pk)
    parsed = exports.parse_kind(job.kind)
    if parsed is None:
        raise Http404
    return job, *parsed


@require_GET
def initiative_export_job(request: HttpRequest, pk) -> HttpResponse:
    job, which, year = _job_for(request, pk)
    settle_stalled(job)
    template = "initiatives/export_job.html#progress" if request.htmx else "initiatives/export_job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "which": which, "year": year})


@require_GET
def initiative_export_job_download(request: HttpRequest, pk) -> HttpResponseBase:
    job, _which, _year = _job_for(request, pk)
    if job.status != ExportJob.Status.DONE:
        raise Http404
    try:
        file = open(job.path, "rb")  # noqa: SIM115 - FileResponse closes it
    except FileNotFoundError as exc:
        raise Http404 from exc
    return file_response(file, renderers.FORMATS[job.fmt].content_type, (job.file_name, job.ascii_file_name))
