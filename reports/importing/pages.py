"""The pages of an import, the same for every import: upload and dry run, commit, template.

Only officers and admins import (viewers get 403). The target unit is one the user may write
in: a unit outside the user's units answers 404, one they may only read answers 403. The dry
run writes nothing and shows every problem; when the file can be imported it is kept
(`reports.importing.uploads`) under a token the commit page takes. The commit checks the file
again (what the registry holds may have changed since), then writes every ready row or none.

An import subclasses `ImportPages` with its own form, texts and steps (`dry_run`, `recheck`,
`write`, `done`); its views call `upload_view` and `commit_view`. Both pages render the two
templates of this app, `reports/import.html` and `reports/import_report.html`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.forms import StyledFormMixin
from reports.importing.report import SEVERITY_ORDER, ImportRejected, ReportTotals
from reports.importing.safety import check_size
from reports.importing.uploads import KeptUpload, UploadStore
from units.models import Unit
from units.scoping import Capability, get_for_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_PROBLEMS_SHOWN = 1000
CHECKING_WRITES_NOTHING = gettext_lazy(
    "Checking writes nothing: you see every problem by sheet, row and column first, and import only when there "
    "are no errors. All rows are imported, or none. Importing the same file again adds nothing."
)


class ImportFileForm(StyledFormMixin, forms.Form):
    """The file and the unit; an import adds its own options."""

    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )
    unit = forms.TypedChoiceField(label=gettext_lazy("Import into"), coerce=int)

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.pk, unit.name) for unit in units]  # type: ignore[attr-defined]


def signed_in(request: HttpRequest) -> User:
    # LoginRequiredMiddleware lets no anonymous request reach these views.
    return cast(User, request.user)


def writable_units(user: User) -> list[Unit]:
    """The units in force the user may import into; 403 for a user who may write nowhere."""
    if not user.scope_paths(Capability.WRITE):
        raise PermissionDenied
    return list(Unit.objects.visible_to(user, Capability.WRITE).in_force().order_by("path"))


def chosen_unit(user: User, raw: str | None, units: list[Unit]) -> Unit | None:
    """The unit asked for (404 outside the user's units, 403 read-only), or the user's own."""
    if raw:
        return get_for_user(Unit, user, raw, write=Capability.WRITE)
    own = {m.unit_id for m in user.active_memberships}
    return next((unit for unit in units if unit.pk in own), units[0] if units else None)


def template_unit(user: User, raw: str | None) -> Unit | None:
    """The unit whose header block the template carries: the one asked for (if the user may
    read it), else the user's first unit."""
    if raw:
        return get_for_user(Unit, user, raw)
    memberships = user.active_memberships
    return memberships[0].unit if memberships else None


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportPages[R: ReportTotals, K: KeptUpload](ABC):
    """One import's pages. A subclass sets the attributes and the four steps."""

    name: str  # the URL name of the upload page; "<name>_commit" and "<name>_template" are the others
    form_class: type[ImportFileForm]
    options: tuple[str, ...]  # the form's fields kept with the upload and given to `dry_run`
    template_fields: tuple[str, ...] = ("unit",)  # the form's fields the template link carries
    store: UploadStore[K]
    title: str | Promise
    check_title: str | Promise
    help: tuple[str | Promise, ...]  # the paragraphs beside the form
    commit_label: Promise  # ngettext_lazy(…, "counter"): the commit button, by the rows ready

    # --- The steps of each import ---------------------------------------------------------

    def initial(self, source: Any) -> dict[str, Any]:
        """The form's first values besides the unit, from the page's query."""
        return {}

    @abstractmethod
    def dry_run(self, data: bytes, *, filename: str, unit: Unit, user: User, **options: Any) -> tuple[R, bytes | None]:
        """The report of the file, and what to keep with it for the commit (or None)."""

    @abstractmethod
    def recheck(self, upload: K, data: bytes, *, unit: Unit, user: User) -> R:
        """The report of a kept upload, at the moment of the commit."""

    @abstractmethod
    def write(self, report: R, *, unit: Unit, user: User) -> list[int]:
        """Every ready row written, or none (the import's commit); the new records' ids."""

    @abstractmethod
    def done(self, report: R, unit: Unit, ids: list[int]) -> tuple[str, str]:
        """(the message, the page to go to) once `ids` are written."""

    def details(self, report: R) -> list[str]:
        """What the report page shows under its title after the file's name and the unit."""
        return []

    def again_query(self, report: R) -> dict[str, Any]:
        """The upload page's query, besides the unit, to check another file."""
        return {}

    # --- The flow ---------------------------------------------------------------------------

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        user = signed_in(request)
        units = writable_units(user)
        source = request.POST if request.method == "POST" else request.GET
        unit = chosen_unit(user, source.get("unit"), units)
        if request.method != "POST":
            initial = {"unit": unit.pk if unit else None, **self.initial(source)}
            return self._form_page(request, self.form_class(units=units, initial=initial))
        form = self.form_class(request.POST, request.FILES, units=units)
        if form.is_valid() and unit is not None:
            upload = form.cleaned_data["file"]
            options = {name: form.cleaned_data[name] for name in self.options}
            try:
                check_size(upload.size)
                data = upload.read()
                report, parsed = self.dry_run(data, filename=upload.name, unit=unit, user=user, **options)
            except ImportRejected as rejected:
                form.add_error("file", rejected.message)
            else:
                token = ""
                if report.can_commit:
                    kept = self.store.keep(
                        data, user_id=user.pk, unit_id=unit.pk, filename=upload.name, parsed=parsed, **options
                    )
                    token = kept.token
                return self._report_page(request, report, unit, token)
        return self._form_page(request, form)

    def commit_view(self, request: HttpRequest) -> HttpResponse:
        user = signed_in(request)
        writable_units(user)
        kept = self.store.load(request.POST.get("token", ""), user_id=user.pk)
        if kept is None:
            messages.error(request, _("This upload has expired or was already imported. Upload the file again."))
            return redirect(self.name)
        upload, data = kept
        unit = get_for_user(Unit, user, upload.unit_id, write=Capability.WRITE)
        try:
            report = self.recheck(upload, data, unit=unit, user=user)
            if not report.can_commit:
                self.store.discard(upload.token)
                messages.error(request, _("The file no longer passes the checks; nothing was imported."))
                return self._report_page(request, report, unit, "")
            ids = self.write(report, unit=unit, user=user)
        except ImportRejected as rejected:
            self.store.discard(upload.token)
            messages.error(request, rejected.message)
            return redirect(self.name)
        self.store.discard(upload.token)
        message, url = self.done(report, unit, ids)
        messages.success(request, message)
        return redirect(url)

    def _form_page(self, request: HttpRequest, form: ImportFileForm) -> HttpResponse:
        template_url = reverse(f"{self.name}_template")
        values = {name: form[name].value() for name in self.template_fields}
        if values.get("unit"):
            template_url += "?" + urlencode({name: value for name, value in values.items() if value})
        context = {"form": form, "title": self.title, "help": self.help, "template_url": template_url}
        return render(request, "reports/import.html", context)

    def _report_page(self, request: HttpRequest, report: R, unit: Unit, token: str) -> HttpResponse:
        context = {
            **report_context(report, token),
            "unit": unit,
            "title": self.check_title,
            "details": self.details(report),
            "commit_url": reverse(f"{self.name}_commit"),
            "commit_label": self.commit_label % {"counter": report.ready},
            "again_url": f"{reverse(self.name)}?{urlencode({'unit': unit.pk, **self.again_query(report)})}",
        }
        return render(request, "reports/import_report.html", context)


def report_context(report: ReportTotals, token: str) -> dict[str, Any]:
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
    return {"report": report, "token": token, "file_problems": file_problems, "sheets": sheets}
