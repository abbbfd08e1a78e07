"""The yearly cycle's pages: a year for a unit, submitting, judging, extensions.

The programme calendar (periods and years) is in `cycle.calendar_views`, notifications in
`cycle.notification_views`. What the year page shows is put together in `cycle.year_page`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cycle import services, year_page
from cycle.calendar_views import is_calendar_admin
from cycle.forms import ExtensionForm, ReviewForm, SubmitForm
from cycle.models import Kind, ProgrammeYear, Submission
from units.models import Unit
from units.scoping import Capability, get_for_user, reviews


def _year_url(year: int, unit: Unit | None = None) -> str:
    url = reverse("cycle_year", args=[year])
    return f"{url}?unit={unit.pk}" if unit is not None else url


def _unit_from_query(request, raw: str | None) -> Unit | None:
    """The unit asked for (404 outside the reader's scope), else the reader's first own unit."""
    if raw:
        return get_for_user(Unit, request.user, raw)
    memberships = request.user.active_memberships
    return memberships[0].unit if memberships else None


def cycle_home(request):
    """The current year's page (or the nearest one); a message when no year exists."""
    years = ProgrammeYear.objects.order_by("year")
    this_year = timezone.localdate().year
    current = (
        years.filter(year=this_year).first()
        or years.filter(year__lt=this_year).order_by("-year").first()
        or years.first()
    )
    if current is not None:
        unit = request.GET.get("unit", "")
        url = reverse("cycle_year", args=[current.year])
        return redirect(f"{url}?unit={unit}" if unit.isdecimal() else url)
    return render(request, "cycle/cycle_home.html", {"can_admin_calendar": is_calendar_admin(request.user)})


def cycle_year(request, year: int):
    programme_year = get_object_or_404(ProgrammeYear.objects.select_related("period"), year=year)
    unit = _unit_from_query(request, request.GET.get("unit"))
    return _render_year(request, programme_year, unit)


def _render_year(
    request, programme_year: ProgrammeYear, unit: Unit | None, *, refused: dict | None = None, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "year": programme_year,
        "unit": unit,
        "years": list(ProgrammeYear.objects.order_by("year").values_list("year", flat=True)),
        "own_units": [m.unit for m in request.user.active_memberships],
        "can_admin_calendar": is_calendar_admin(request.user),
    }
    if unit is not None:
        context["page"] = year_page.build(request.user, programme_year, unit, refused=refused or {})
    return render(request, "cycle/year.html", context, status=status)


@require_POST
def submission_submit(request, year: int):
    programme_year = get_object_or_404(ProgrammeYear, year=year)
    if not request.user.scope_paths(Capability.WRITE):
        raise PermissionDenied
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the unit and what to submit."))
        return redirect("cycle_year", year=year)
    unit = get_for_user(Unit, request.user, form.cleaned_data["unit"])
    kind, note = form.cleaned_data["kind"], form.cleaned_data["note"]
    try:
        submission = services.submit(unit, programme_year, kind, by=request.user, note=note)
    except PermissionDenied:
        # The page again, with the note as typed: nothing is lost, nothing was sent.
        refusal = _("Only the officers of %(unit)s submit for it.") % {"unit": unit.name}
        return _render_year(request, programme_year, unit, refused={kind: (refusal, note)}, status=403)
    except services.SubmissionRefused as refusal:
        return _render_year(request, programme_year, unit, refused={kind: (refusal.message, note)})
    messages.success(
        request,
        _("%(what)s sent to the union above (version %(version)d).")
        % {"what": Kind(kind).label, "version": submission.version},
    )
    return redirect(_year_url(year, unit))


def _snapshot_tables(submission: Submission) -> dict[str, Any]:
    return year_page.snapshot_tables(submission.snapshot, results=submission.kind == Kind.RESULTS)


def _render_detail(request, submission: Submission, review_form: ReviewForm | None = None, status: int = 200):
    versions = list(
        Submission.objects.filter(unit=submission.unit_id, year=submission.year_id, kind=submission.kind)
        .select_related("submitted_by", "reviewed_by")
        .order_by("-version")
    )
    is_latest = versions[0].pk == submission.pk
    can_review = (
        is_latest
        and submission.status == Submission.Status.SUBMITTED
        and reviews(request.user, submission.unit.path, Unit.steplen)
    )
    context = {
        "submission": submission,
        "versions": versions,
        "is_latest": is_latest,
        "tables": _snapshot_tables(submission),
        "can_review": can_review,
        "review_form": review_form or ReviewForm(),
    }
    return render(request, "cycle/submission_detail.html", context, status=status)


def _get_submission(request, pk: int) -> Submission:
    submission = get_for_user(Submission, request.user, pk)
    return Submission.objects.select_related("unit", "year", "submitted_by", "reviewed_by").get(pk=submission.pk)


def submission_detail(request, pk: int):
    return _render_detail(request, _get_submission(request, pk))


@require_POST
def submission_review(request, pk: int):
    submission = _get_submission(request, pk)
    if not reviews(request.user, submission.unit.path, Unit.steplen):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review(submission, accept=form.accept, comment=form.cleaned_data["comment"], by=request.user)
        except services.SubmissionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if form.accept:
                messages.success(request, _("The submission was accepted."))
            else:
                messages.success(request, _("The submission was returned; the unit's officers were notified."))
            return redirect("submission_detail", pk=submission.pk)
    return _render_detail(request, submission, review_form=form)


@require_http_methods(["GET", "POST"])
def extension_grant(request, year: int):
    programme_year = get_object_or_404(ProgrammeYear, year=year)
    raw = request.GET.get("unit")
    if raw:
        fixed = get_for_user(Unit, request.user, raw)
        if not reviews(request.user, fixed.path, Unit.steplen):
            raise PermissionDenied
        units = Unit.objects.filter(pk=fixed.pk)
    else:
        units = year_page.reviewable_units(request.user, programme_year)
        if not units.exists():
            raise PermissionDenied
    initial = {"unit": units.first() if raw else None, "kind": request.GET.get("kind") or Kind.REGISTRATION}
    form = ExtensionForm(request.POST or None, year=programme_year, units=units, initial=initial)
    back = request.GET.get("back", "")
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        extension, previous = services.grant_extension(
            unit,
            programme_year,
            form.cleaned_data["kind"],
            until=form.cleaned_data["until"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        text = _("%(unit)s may submit until %(until)s.") % {"unit": unit.name, "until": f"{extension.until:%d/%m/%Y}"}
        if previous is not None:
            text += " " + _("This replaces the extension until %(until)s granted by %(by)s.") % {
                "until": f"{previous.until:%d/%m/%Y}",
                "by": previous.granted_by.get_full_name() if previous.granted_by else "—",
            }
        messages.success(request, text)
        url = reverse("cycle_year", args=[year])
        return redirect(f"{url}?unit={back}" if back.isdecimal() else _year_url(year, unit))
    context = {"year": programme_year, "form": form, "back": back if back.isdecimal() else ""}
    return render(request, "cycle/extension_form.html", context)
