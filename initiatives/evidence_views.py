"""Evidence pages: add a file or a link, delete one, serve files, record the confirmation.

Reading follows the initiative: a file is served only to users who may see its initiative
(404 otherwise, exactly like a missing one); each download of a file, not of a thumbnail,
leaves an ACCESS row (`services.log_evidence_download`). Writing needs WRITE over the
initiative's unit: viewers get 403, strangers 404. Files are checked and stored by
`initiatives.uploads`.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import DateInput, StyledFormMixin
from initiatives import services, uploads
from initiatives.choices import EvidenceKind
from initiatives.models import Activity, Confirmation, Evidence, Initiative, StepEntry
from reports.http import file_names
from units.scoping import Capability, get_for_user, subtree_q

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"
DOCUMENT_ACCEPT = f"application/pdf,{uploads.DOCX},.pdf,.docx"
SCAN_ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"
MAX_FILES = 20  # per upload
# A file is shown by the browser at most as a bare image: no script, no plugin, no same origin.
FILE_CSP = "default-src 'none'; sandbox"


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.held_on:%d/%m/%Y} · {obj.description[:60]}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (a phone's gallery), each checked alone by uploads.save_evidence."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = (list(data) if isinstance(data, list | tuple) else [data]) or [None]  # none: "required"
        if len(files) > MAX_FILES:
            raise ValidationError(_("Choose at most %(count)d files at a time.") % {"count": MAX_FILES})
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class EvidenceForm(StyledFormMixin, forms.Form):
    file = MultipleFileField(label=gettext_lazy("Files"))
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("What it shows. Left empty, the file's name is used."),
    )
    purpose = forms.ChoiceField(
        label=gettext_lazy("It is"),
        required=False,
        choices=[
            (Evidence.Purpose.RESULT, gettext_lazy("Evidence of results")),
            (Evidence.Purpose.PLAN, gettext_lazy("The implementation plan")),
        ],
    )
    activity = ActivityChoiceField(
        label=gettext_lazy("Activity"), queryset=Activity.objects.none(), required=False, empty_label="—"
    )
    step_entry = forms.ModelChoiceField(queryset=StepEntry.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, initiative: Initiative, kind: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = initiative.activities.all()  # type: ignore[attr-defined]
        self.fields["step_entry"].queryset = initiative.step_entries.all()  # type: ignore[attr-defined]
        accept = {"photo": PHOTO_ACCEPT, "document": DOCUMENT_ACCEPT}.get(kind, f"{PHOTO_ACCEPT},{DOCUMENT_ACCEPT}")
        self.fields["file"].widget.attrs["accept"] = accept

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("step_entry") is not None:
            cleaned["purpose"] = Evidence.Purpose.STEP
        elif not cleaned.get("purpose"):
            cleaned["purpose"] = Evidence.Purpose.RESULT
        return cleaned


class LinkForm(StyledFormMixin, forms.Form):
    # A CharField: uploads.save_link checks the address (http/https only) with its own message.
    url = forms.CharField(
        label=gettext_lazy("Address of the article"),
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255, required=False)
    activity = ActivityChoiceField(
        label=gettext_lazy("Activity"), queryset=Activity.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, initiative: Initiative, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = initiative.activities.all()  # type: ignore[attr-defined]


class ConfirmationForm(StyledFormMixin, forms.Form):
    confirmer_name = forms.CharField(
        label=gettext_lazy("Confirmed by"),
        max_length=150,
        help_text=gettext_lazy("Full name of the person who signed."),
    )
    confirmer_title = forms.CharField(
        label=gettext_lazy("Position"),
        max_length=150,
        help_text=gettext_lazy("For example: Chairman of the commune People's Committee."),
    )
    confirmed_on = forms.DateField(label=gettext_lazy("Date of confirmation"), widget=DateInput())
    scan = forms.FileField(
        label=gettext_lazy("Scan or photo of the signed page"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
        help_text=gettext_lazy("A photo (JPEG, PNG, WebP) or a PDF file."),
    )
    # The confirmation the form was opened on: a later save by someone else is not overwritten.
    replaces = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, current: Confirmation | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if current is None:
            self.fields["scan"].required = True
        else:
            self.fields["scan"].help_text = gettext_lazy("Choose a file only to replace the scan kept now.")

    def clean_confirmed_on(self) -> datetime.date:
        value = self.cleaned_data["confirmed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value


def _detail_url(initiative: Initiative, anchor: str = "") -> str:
    url = reverse("initiative_detail", kwargs={"pk": initiative.pk})
    return f"{url}#{anchor}" if anchor else url


def _get_evidence(request: HttpRequest, pk: int, *, write: Capability | None = None) -> Evidence:
    """The evidence if the user may see its initiative (404 otherwise); 403 without `write`."""
    visible = Evidence.objects.filter(subtree_q(request.user.scope_paths(Capability.READ), "initiative__unit_path"))  # type: ignore[union-attr]
    evidence = get_object_or_404(visible.select_related("initiative"), pk=pk)
    if write is not None:
        evidence.initiative = get_for_user(Initiative, request.user, evidence.initiative_id, write=write)
    return evidence


def _refuse_closed(request: HttpRequest, initiative: Initiative) -> HttpResponse | None:
    if initiative.is_editable:
        return None
    messages.error(request, uploads.closed_message())
    return redirect(_detail_url(initiative))


@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_for_user(Initiative, request.user, pk, write=Capability.WRITE)
    if refused := _refuse_closed(request, initiative):
        return refused
    kind = request.GET.get("kind", "")
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES, initiative=initiative, kind=kind)
        if form.is_valid() and _save_files(request, form, initiative):
            return redirect(_detail_url(initiative, "steps" if form.cleaned_data["step_entry"] else "evidence"))
    else:
        asked = _step_entry(initiative, request.GET.get("step_entry"))
        form = EvidenceForm(
            initiative=initiative,
            kind=kind,
            initial={
                "purpose": request.GET.get("purpose", Evidence.Purpose.RESULT),
                "step_entry": asked.pk if asked else None,
            },
        )
    context = {
        "initiative": initiative,
        "form": form,
        "kind": kind,
        "step_entry": _step_entry(initiative, form["step_entry"].value()),
        "max_mb": uploads.megabytes(uploads.max_bytes()),
    }
    return render(request, "initiatives/evidence/evidence_form.html", context)


def _save_files(request: HttpRequest, form: EvidenceForm, initiative: Initiative) -> bool:
    """Each file on its own: the good ones are kept, each refused one is named with the reason."""
    data = form.cleaned_data
    added = 0
    for upload in data["file"]:
        try:
            uploads.save_evidence(
                initiative,
                upload,
                purpose=data["purpose"],
                title=data["title"],
                by=request.user,
                step_entry=data["step_entry"],
                activity=data["activity"],
            )
        except uploads.UploadRejected as rejected:
            form.add_error("file", f"{upload.name}: {rejected.message}")
        else:
            added += 1
    if added:
        messages.success(
            request, ngettext("%(count)d file was added.", "%(count)d files were added.", added) % {"count": added}
        )
    return not form.errors


def _step_entry(initiative: Initiative, raw: Any) -> StepEntry | None:
    """The step entry named on the page (for its heading), if it is one of this initiative's."""
    try:
        return initiative.step_entries.filter(pk=int(raw)).first() if raw else None
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
def evidence_link_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_for_user(Initiative, request.user, pk, write=Capability.WRITE)
    if refused := _refuse_closed(request, initiative):
        return refused
    form = LinkForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            uploads.save_link(initiative, data["url"], title=data["title"], by=request.user, activity=data["activity"])
        except uploads.UploadRejected as rejected:
            form.add_error("url", rejected.message)
        else:
            messages.success(request, _("The link was added."))
            return redirect(_detail_url(initiative, "evidence"))
    return render(request, "initiatives/evidence/link_form.html", {"initiative": initiative, "form": form})


@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _get_evidence(request, pk, write=Capability.WRITE)
    initiative = evidence.initiative
    if refused := _refuse_closed(request, initiative):
        return refused
    anchor = "steps" if evidence.step_entry_id else "evidence"
    try:
        services.delete_evidence(evidence, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%(title)s” was deleted.") % {"title": str(evidence)})
    return redirect(_detail_url(initiative, anchor))


@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file (also the confirmation's signed page); each download is audited."""
    evidence = _get_evidence(request, pk)
    response = _serve(evidence.file, evidence.content_type, evidence, inline=evidence.kind == EvidenceKind.PHOTO)
    services.log_evidence_download(evidence, by=request.user)
    return response


@require_GET
def evidence_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    evidence = _get_evidence(request, pk)
    return _serve(evidence.thumbnail, "image/jpeg", evidence, inline=True, suffix="-thumbnail")


def _serve(field: FieldFile, content_type: str, evidence: Evidence, *, inline: bool, suffix: str = "") -> FileResponse:
    if not field or not field.name:
        raise Http404
    try:
        stream = field.storage.open(field.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    extension = field.name.rsplit(".", 1)[-1] if "." in field.name else "bin"
    stem = (evidence.title or f"minh-chung-{evidence.pk}") + suffix
    unicode_name, ascii_name = file_names(stem, stem, extension)
    response = FileResponse(stream, content_type=content_type or "application/octet-stream")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(unicode_name, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def confirmation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_for_user(Initiative, request.user, pk, write=Capability.WRITE)
    if refused := _refuse_closed(request, initiative):
        return refused
    current = Confirmation.objects.filter(initiative=initiative).select_related("scan").first()
    if request.method != "POST":
        initial: dict[str, Any] = {"replaces": current.pk if current else None}
        if current is not None:
            initial.update(
                confirmer_name=current.confirmer_name,
                confirmer_title=current.confirmer_title,
                confirmed_on=current.confirmed_on,
            )
        form = ConfirmationForm(initial=initial, current=current)
    else:
        form = ConfirmationForm(request.POST, request.FILES, current=current)
        if form.is_valid() and _save_confirmation(request, form, initiative, current):
            messages.success(request, _("The local government's confirmation was recorded."))
            return redirect(_detail_url(initiative, "confirmation"))
    context = {"initiative": initiative, "form": form, "current": current}
    return render(request, "initiatives/evidence/confirmation_form.html", context)


def _save_confirmation(
    request: HttpRequest, form: ConfirmationForm, initiative: Initiative, current: Confirmation | None
) -> bool:
    data = form.cleaned_data
    if data["replaces"] != (current.pk if current else None):
        form.add_error(
            None,
            _(
                "Someone else recorded the confirmation while you were typing; it is shown below. "
                "Your text is kept: check it and save again."
            ),
        )
        fresh = request.POST.copy()
        fresh["replaces"] = str(current.pk) if current else ""
        form.data = fresh
        return False
    try:
        with transaction.atomic():
            if data["scan"]:
                scan = uploads.save_evidence(
                    initiative, data["scan"], purpose=Evidence.Purpose.CONFIRMATION, by=request.user
                )
            else:
                assert current is not None  # the form requires a scan when there is none yet
                scan = current.scan
            services.record_confirmation(initiative, data, scan=scan, by=request.user)
    except uploads.UploadRejected as rejected:
        form.add_error("scan", rejected.message)
        return False
    return True
