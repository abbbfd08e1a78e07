"""Registry import pages: upload and dry run, commit, template download.

The flow, the scoping and the templates are every import's (`reports.importing.pages`); this
module says what the registry's import adds. Its file is kept between the dry run and the
commit (MEDIA_ROOT/imports/) with its default group and the dry run's reading of the file
(`youth.importing_cache`, signed, as <uuid>.parse): the commit takes the reading if it is
intact (else reads the file again) and checks it against the registry again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from reports.importing import pages
from reports.importing.uploads import KeptUpload, UploadStore
from units.models import Unit
from youth import importing_cache
from youth.choices import TargetGroup
from youth.importing import ImportReport, check_registry, commit_import, read_report
from youth.importing_template import build_template


class ImportForm(pages.ImportFileForm):
    default_group = forms.ChoiceField(
        label=gettext_lazy("Default target group"),
        required=False,
        help_text=gettext_lazy(
            "For rows without a target group, such as every row of a Biểu mẫu 02 file. Leave empty when "
            "the file has a group column."
        ),
    )

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, units=units, **kwargs)
        self.fields["default_group"].choices = [("", _("None (the file has a group column)")), *TargetGroup.choices]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RegistryUpload(KeptUpload):
    default_group: str


class RegistryImport(pages.ImportPages[ImportReport, RegistryUpload]):
    name = "youth_import"
    form_class = ImportForm
    options = ("default_group",)
    store = UploadStore("imports", RegistryUpload)
    title = gettext_lazy("Import from Excel")
    check_title = gettext_lazy("Import: check")
    help = (
        gettext_lazy(
            "A list laid out as Biểu mẫu 02 (TT, Họ và tên, Hoàn cảnh cụ thể hiện nay, Địa chỉ, SĐT liên hệ, Ghi "
            "chú; extra columns such as Năm sinh are read too), or the template below, which has a column for every "
            "field."
        ),
        pages.CHECKING_WRITES_NOTHING,
        gettext_lazy("Formulas are not calculated. Save old .xls files as Excel Workbook (.xlsx) first."),
    )
    commit_label = ngettext_lazy("Import %(counter)s row", "Import %(counter)s rows", "counter")

    def dry_run(
        self, data: bytes, *, filename: str, unit: Unit, user: User, **options: Any
    ) -> tuple[ImportReport, bytes | None]:
        today = timezone.localdate()
        default_group = options["default_group"]
        report = read_report(data, filename=filename, unit=unit, default_group=default_group, today=today)
        # Kept for the commit before the registry's checks add to it: the commit runs them again.
        parsed = importing_cache.dumps(report, today=today)
        return check_registry(report, unit=unit, user=user), parsed

    def recheck(self, upload: RegistryUpload, data: bytes, *, unit: Unit, user: User) -> ImportReport:
        # The file's own checks are the dry run's when its reading is intact (else the file is
        # read again); what the registry decides is checked again, as it may have changed since.
        report = importing_cache.loads(
            self.store.load_parsed(upload),
            sha256=upload.sha256,
            unit_id=unit.pk,
            default_group=upload.default_group,
            filename=upload.filename,
        ) or read_report(data, filename=upload.filename, unit=unit, default_group=upload.default_group)
        return check_registry(report, unit=unit, user=user)

    def write(self, report: ImportReport, *, unit: Unit, user: User) -> list[int]:
        return commit_import(report, unit=unit, by=user)

    def done(self, report: ImportReport, unit: Unit, ids: list[int]) -> tuple[str, str]:
        message = ngettext(
            "%(count)d record imported into %(unit)s.", "%(count)d records imported into %(unit)s.", len(ids)
        ) % {"count": len(ids), "unit": unit.name}
        return message, f"{reverse('youth_list')}?unit={unit.pk}"

    def details(self, report: ImportReport) -> list[str]:
        if not report.default_group:
            return []
        return [f"{_('Default target group')}: {TargetGroup(report.default_group).label}"]


PAGES = RegistryImport()


@require_http_methods(["GET", "POST"])
def youth_import(request: HttpRequest) -> HttpResponse:
    return PAGES.upload_view(request)


@require_POST
def youth_import_commit(request: HttpRequest) -> HttpResponse:
    return PAGES.commit_view(request)


@require_GET
def youth_import_template(request: HttpRequest) -> HttpResponse:
    """The template with the header block of the unit asked for (or the user's first unit)."""
    unit = pages.template_unit(pages.signed_in(request), request.GET.get("unit"))
    return pages.xlsx_download(build_template(unit), "mau-danh-sach-thanh-thieu-nien-yeu-the.xlsx")
