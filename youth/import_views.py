"""Import pages: upload and dry run, commit, template download.

Only officers and admins import (viewers get 403). The target unit is one the user may write
in: a unit outside the user's units answers 404, one they may only read answers 403.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from core.forms import StyledFormMixin
from units.models import Unit
from units.scoping import Capability, get_for_user
from youth import importing_cache, importing_uploads
from youth.choices import TargetGroup
from youth.importing import ImportRejected, ImportReport, check_registry, commit_import, read_report
from youth.importing_report import SEVERITY_ORDER
from youth.importing_safety import check_size
from youth.importing_template import build_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_PROBLEMS_SHOWN = 1000


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )
    unit = forms.TypedChoiceField(label=gettext_lazy("Import into"), coerce=int)
    default_group = forms.ChoiceField(
        label=gettext_lazy("Default target group"),
        required=False,
        help_text=gettext_lazy(
            "For rows without a target group, such as every row of a Biểu mẫu 02 file. Leave empty when "
            "the file has a group column."
        ),
    )

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.pk, unit.name) for unit in units]  # type: ignore[attr-defined]
        self.fields["default_group"].choices = [("", _("None (the file has a group column)")), *TargetGroup.choices]  # type: ignore[attr-defined]


def _signed_in(request: HttpRequest) -> User:
    # LoginRequiredMiddleware lets no anonymous request reach these views.
    return cast(User, request.user)


def _writable_units(user: User) -> list[Unit]:
    """The units in force the user may import into; 403 for a user who may write nowhere."""
    if not user.scope_paths(Capability.WRITE):
        raise PermissionDenied
    return list(Unit.objects.visible_to(user, Capability.WRITE).in_force().order_by("path"))


def _chosen_unit(user: User, raw: str | None, units: list[Unit]) -> Unit | None:
    """The unit asked for (404 outside the user's units, 403 read-only), or the user's own."""
    if raw:
        return get_for_user(Unit, user, raw, write=Capability.WRITE)
    own = {m.unit_id for m in user.active_memberships}
    return next((unit for unit in units if unit.pk in own), units[0] if units else None)


@require_http_methods(["GET", "POST"])
def youth_import(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    units = _writable_units(user)
    source = request.POST if request.method == "POST" else request.GET
    unit = _chosen_unit(user, source.get("unit"), units)
    if request.method != "POST":
        form = ImportForm(units=units, initial={"unit": unit.pk if unit else None})
        return render(request, "youth/import.html", {"form": form})
    form = ImportForm(request.POST, request.FILES, units=units)
    if form.is_valid() and unit is not None:
        upload = form.cleaned_data["file"]
        default_group = form.cleaned_data["default_group"]
        try:
            check_size(upload.size)
            data = upload.read()
            today = timezone.localdate()
            report = read_report(data, filename=upload.name, unit=unit, default_group=default_group, today=today)
            # Kept for the commit before the registry's checks add to it: the commit runs them again.
            parsed = importing_cache.dumps(report, today=today)
            check_registry(report, unit=unit, user=user)
        except ImportRejected as rejected:
            form.add_error("file", rejected.message)
        else:
            token = ""
            if report.can_commit:
                kept = importing_uploads.keep(
                    data,
                    user_id=user.pk,
                    unit_id=unit.pk,
                    default_group=default_group,
                    filename=upload.name,
                    parsed=parsed,
                )
                token = kept.token
            return render(request, "youth/import_report.html", _report_context(report, unit, token))
    return render(request, "youth/import.html", {"form": form})


def _report_context(report: ImportReport, unit: Unit, token: str) -> dict:
    """The report as the page shows it: errors first, at most MAX_PROBLEMS_SHOWN lines in all."""
    budget = MAX_PROBLEMS_SHOWN
    file_problems = report.file_problems[:budget]
    budget -= len(file_problems)
    sheets = []
    for summary in report.sheets:
        ordered = sorted(summary.problems, key=lambda p: (SEVERITY_ORDER[p.severity], p.row or 0, p.column))
        shown = ordered[: max(budget, 0)]
        budget -= len(shown)
        sheets.append({"summary": summary, "problems": shown, "hidden": len(ordered) - len(shown)})
    return {
        "report": report,
        "unit": unit,
        "token": token,
        "file_problems": file_problems,
        "sheets": sheets,
        "default_group_label": TargetGroup(report.default_group).label if report.default_group else "",
    }


@require_POST
def youth_import_commit(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    _writable_units(user)
    kept = importing_uploads.load(request.POST.get("token", ""), user_id=user.pk)
    if kept is None:
        messages.error(request, _("This upload has expired or was already imported. Upload the file again."))
        return redirect("youth_import")
    upload, data = kept
    unit = get_for_user(Unit, user, upload.unit_id, write=Capability.WRITE)
    try:
        # The file's own checks are the dry run's when its reading is intact (else the file is
        # read again); what the registry decides is checked again, as it may have changed since.
        report = importing_cache.loads(
            importing_uploads.load_parsed(upload),
            sha256=upload.sha256,
            unit_id=unit.pk,
            default_group=upload.default_group,
            filename=upload.filename,
        ) or read_report(data, filename=upload.filename, unit=unit, default_group=upload.default_group)
        check_registry(report, unit=unit, user=user)
        if not report.can_commit:
            importing_uploads.discard(upload.token)
            messages.error(request, _("The file no longer passes the checks; nothing was imported."))
            return render(request, "youth/import_report.html", _report_context(report, unit, ""))
        ids = commit_import(report, unit=unit, by=user)
    except ImportRejected as rejected:
        importing_uploads.discard(upload.token)
        messages.error(request, rejected.message)
        return redirect("youth_import")
    importing_uploads.discard(upload.token)
    messages.success(
        request,
        ngettext("%(count)d record imported into %(unit)s.", "%(count)d records imported into %(unit)s.", len(ids))
        % {"count": len(ids), "unit": unit.name},
    )
    return redirect(f"{reverse('youth_list')}?unit={unit.pk}")


@require_GET
def youth_import_template(request: HttpRequest) -> HttpResponse:
    """The template with the header block of the unit asked for (or the user's first unit)."""
    user = _signed_in(request)
    raw = request.GET.get("unit")
    if raw:
        unit: Unit | None = get_for_user(Unit, user, raw)
    else:
        memberships = user.active_memberships
        unit = memberships[0].unit if memberships else None
    response = HttpResponse(build_template(unit), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-thanh-thieu-nien-yeu-the.xlsx"'
    return response
