"""Form 01 import pages: upload and dry run, commit, template download.

The flow, the scoping and the templates are every import's (`reports.importing.pages`); this
module says what the Form 01 import adds: the year and the default domain. Its file is kept
between the dry run and the commit in a folder of its own, MEDIA_ROOT/initiative-imports/ (a
token of one import is never taken for the other's), and is read again on the commit: the
registry and the initiatives may have changed since.
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
from initiatives.choices import Domain
from initiatives.exports import year_choices
from initiatives.importing import Form01Report, build_report, commit_import
from initiatives.importing_template import build_template
from reports.importing import pages
from reports.importing.uploads import KeptUpload, UploadStore
from units.models import Unit


class ImportForm(pages.ImportFileForm):
    year = forms.TypedChoiceField(label=gettext_lazy("Registered for the year"), coerce=int)
    default_domain = forms.ChoiceField(
        label=gettext_lazy("Default domain"),
        required=False,
        help_text=gettext_lazy(
            "For rows whose domain neither a “Lĩnh vực” column nor the words of the content tell. "
            "Check each draft afterwards."
        ),
    )

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, units=units, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in year_choices()]  # type: ignore[attr-defined]
        self.fields["default_domain"].choices = [("", _("None: tell it from the file")), *Domain.choices]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Form01Upload(KeptUpload):
    year: int
    default_domain: str


class Form01Import(pages.ImportPages[Form01Report, Form01Upload]):
    name = "initiative_import"
    form_class = ImportForm
    options = ("year", "default_domain")
    template_fields = ("unit", "year")
    store = UploadStore("initiative-imports", Form01Upload)
    title = gettext_lazy("Import Form 01")
    check_title = gettext_lazy("Import Form 01: check")
    help = (
        gettext_lazy(
            "The list of registered initiatives laid out as Biểu mẫu 01 (TT, Đơn vị triển khai, Đơn vị phối hợp, "
            "Nội dung giải pháp, mô hình, Đối tượng thụ hưởng, Dự kiến kết quả), or the template below, which adds "
            "optional columns for the name, domain, kind, target groups and person in charge."
        ),
        gettext_lazy(
            "Each row becomes a draft of the chosen unit for the chosen year: check it, complete it, then submit "
            "it to the union above. A beneficiary is linked to the registry only when the name and phone written "
            "together match exactly one record you may see."
        ),
        pages.CHECKING_WRITES_NOTHING,
    )
    commit_label = ngettext_lazy(
        "Import %(counter)s initiative as a draft", "Import %(counter)s initiatives as drafts", "counter"
    )

    def initial(self, source: Any) -> dict[str, Any]:
        return {"year": source.get("year") or timezone.localdate().year}

    def dry_run(
        self, data: bytes, *, filename: str, unit: Unit, user: User, **options: Any
    ) -> tuple[Form01Report, bytes | None]:
        return build_report(data, filename=filename, unit=unit, user=user, **options), None

    def recheck(self, upload: Form01Upload, data: bytes, *, unit: Unit, user: User) -> Form01Report:
        return build_report(
            data, filename=upload.filename, unit=unit, user=user, year=upload.year, default_domain=upload.default_domain
        )

    def write(self, report: Form01Report, *, unit: Unit, user: User) -> list[int]:
        return commit_import(report, unit=unit, by=user)

    def done(self, report: Form01Report, unit: Unit, ids: list[int]) -> tuple[str, str]:
        message = ngettext(
            "%(count)d initiative imported as a draft of %(unit)s.",
            "%(count)d initiatives imported as drafts of %(unit)s.",
            len(ids),
        ) % {"count": len(ids), "unit": unit.name}
        return message, f"{reverse('initiative_list')}?unit={unit.pk}&year={report.year}&status=draft"

    def details(self, report: Form01Report) -> list[str]:
        details = [str(report.year)]
        if report.default_domain:
            details.append(f"{_('Default domain')}: {Domain(report.default_domain).label}")
        return details

    def again_query(self, report: Form01Report) -> dict[str, Any]:
        return {"year": report.year}


PAGES = Form01Import()


@require_http_methods(["GET", "POST"])
def initiative_import(request: HttpRequest) -> HttpResponse:
    return PAGES.upload_view(request)


@require_POST
def initiative_import_commit(request: HttpRequest) -> HttpResponse:
    return PAGES.commit_view(request)


@require_GET
def initiative_import_template(request: HttpRequest) -> HttpResponse:
    """The template with the header block of the unit asked for (or the user's first unit)."""
    unit = pages.template_unit(pages.signed_in(request), request.GET.get("unit"))
    year = request.GET.get("year", "")
    content = build_template(unit, int(year) if year.isdecimal() and len(year) == 4 else None)
    return pages.xlsx_download(content, "mau-bieu-mau-01.xlsx")
