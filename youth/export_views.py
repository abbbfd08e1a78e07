"""Biểu mẫu 02 downloads: small lists straight away, large ones through a job with a progress page."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from reports import renderers
from reports.http import file_response
from reports.jobs import settle_stalled
from reports.models import ExportJob
from units.models import Unit
from units.scoping import get_for_user
from youth import exports


def _unit_for(request) -> Unit:
    """`?unit=<id>` within the user's scope (404 outside it, as for a missing one); else their first unit."""
    unit_id = request.GET.get("unit") or request.POST.get("unit")
    if unit_id:
        return get_for_user(Unit, request.user, unit_id)
    memberships = request.user.active_memberships
    if not memberships:
        raise Http404
    return memberships[0].unit


@require_http_methods(["GET", "POST"])
def youth_export(request, fmt: str):
    """GET: the file, or for a long list a page offering to prepare it; POST: start that job."""
    unit = _unit_for(request)
    total = exports.count_rows(request.user, unit)
    context = {"unit": unit, "fmt": fmt, "total": total}
    try:
        exports.check_size(fmt, total)
    except exports.TooManyRows as exc:
        return render(request, "youth/export.html", {**context, "refusal": exc.message}, status=422)
    if request.method == "POST":
        job = exports.start(request.user, unit, fmt, total=total)
        return redirect("youth_export_job", pk=job.pk)
    if exports.runs_in_background(fmt, total):
        return render(request, "youth/export.html", context)
    return exports.response(request.user, unit, fmt)


@require_GET
def youth_export_job(request, pk):
    job = settle_stalled(get_for_user(ExportJob, request.user, pk))
    template = "youth/export_job.html#progress" if request.htmx else "youth/export_job.html"
    return render(request, template, {"job": job})


@require_GET
def youth_export_job_download(request, pk):
    job = get_for_user(ExportJob, request.user, pk)
    if job.status != ExportJob.Status.DONE:
        raise Http404
    try:
        file = open(job.path, "rb")  # noqa: SIM115 - FileResponse closes it
    except FileNotFoundError as exc:
        raise Http404 from exc
    return file_response(file, renderers.FORMATS[job.fmt].content_type, (job.file_name, job.ascii_file_name))
