"""/initiatives: support initiatives, their lifecycle, activities and evidence.

A thin adapter over `initiatives.services` and `initiatives.workflow` (which write the audit
rows) and the scoped querysets: an initiative outside the caller's units answers 404, a write
without the role 403. Young people linked to an initiative are shown by name only to callers
who may see their record; to others only their unit.
"""

# No `from __future__ import annotations`: ninja resolves these annotations at run time
# (see api/routers/units.py).

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, cast

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, UploadedFile
from ninja import Status as Answer
from ninja.pagination import paginate

from accounts.models import User
from api.pagination import Page
from api.schemas import AUTH_ERRORS, ErrorOut, InvalidOut
from api.schemas_initiatives import (
    ActivityIn,
    ActivityOut,
    ConfirmationIn,
    EvidenceOut,
    EvidencePurpose,
    InitiativeCreateIn,
    InitiativeFieldsIn,
    InitiativeFilters,
    InitiativeListOut,
    InitiativeOut,
    InitiativeUpdateIn,
    ReplicateIn,
    TransitionIn,
)
from core.vntext import nfc
from initiatives import services, uploads, workflow
from initiatives.choices import RESULTS_EDITABLE_STATUSES, Step
from initiatives.filters import ORDERS, by_status, filter_initiatives
from initiatives.forms import ActivityForm, InitiativeForm, year_choices
from initiatives.models import Activity, Confirmation, Evidence, Initiative
from units.models import Unit
from units.scoping import Capability, get_for_user
from youth.models import Youth
from youth.privacy import MASK, sensitive_paths

router = Router(tags=["initiatives"])

Errors = dict[str, list[str]]


# Reading


def _summary(initiative: Initiative) -> dict[str, Any]:
    return {
        "id": initiative.pk,
        "unit": initiative.unit_id,
        "unit_name": initiative.unit.name,
        "name": initiative.name,
        "domain": initiative.domain,
        "kind": initiative.kind,
        "kind_display": str(initiative.kind_display()),
        "status": initiative.status,
        "years": initiative.year_list,
        "target_groups": initiative.target_groups,
        "person_in_charge": initiative.person_in_charge,
        "start_date": initiative.start_date,
        "end_date": initiative.end_date,
        "supported_count": initiative.supported_count,
        "adopted_from": initiative.adopted_from_id,
        "version": initiative.version,
    }


class _LazySummaries:
    """Slices like a queryset, yields summaries: pagination counts and slices the queryset."""

    def __init__(self, queryset: QuerySet[Initiative]):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        return [_summary(initiative) for initiative in self.queryset[index]]


class _Reader:
    """What one caller sees of linked young people, decided for many at once from unit paths:
    a live record in their units by name, others only as their unit; notes where they write."""

    def __init__(self, user: User) -> None:
        self.readable = tuple(user.scope_paths(Capability.READ))
        self.writable = tuple(sensitive_paths(user))

    def sees(self, youth: Youth) -> bool:
        return youth.deleted_at is None and bool(self.readable) and youth.unit_path.startswith(self.readable)

    def sees_sensitive(self, youth: Youth) -> bool:
        return self.sees(youth) and bool(self.writable) and youth.unit_path.startswith(self.writable)

    def person(self, youth: Youth) -> dict[str, Any]:
        shown = self.sees(youth)
        return {
            "visible": shown,
            "youth_id": youth.pk if shown else None,
            "full_name": youth.full_name if shown else "",
            "unit": youth.unit_id,
            "unit_name": youth.unit.name,
        }


def _beneficiaries(initiative: Initiative, reader: _Reader) -> list[dict[str, Any]]:
    rows = initiative.beneficiaries.select_related("youth__unit").order_by("youth__sort_key", "pk")
    found = []
    for row in rows:
        youth, shown, sensitive = row.youth, reader.sees(row.youth), reader.sees_sensitive(row.youth)
        birth_year = youth.birth_year or (youth.birth_date.year if youth.birth_date else None)
        found.append(
            {
                **reader.person(youth),
                "birth_year": birth_year if shown else None,
                "phone": youth.phone if shown else "",
                "address": youth.address_display() if shown else "",
                "outcome": row.outcome,
                "outcome_on": row.outcome_on,
                "note": row.note if sensitive else (MASK if row.note else ""),
                "masked": not sensitive,
            }
        )
    return found


def _steps(initiative: Initiative) -> list[dict[str, Any]]:
    entries = initiative.step_entries.annotate(
        youth_count=Count("youth", distinct=True), file_count=Count("files", distinct=True)
    )
    by_step: dict[int, list[dict[str, Any]]] = {step: [] for step in Step.values}
    for entry in entries:
        by_step[entry.step].append(
            {
                "id": entry.pk,
                "done_on": entry.done_on,
                "note": entry.note,
                "reference": entry.reference,
                "review_kind": entry.review_kind,
                "lessons": entry.lessons,
                "adjustments": entry.adjustments,
                "youth_count": entry.youth_count,
                "files": entry.file_count,
            }
        )
    return [
        {"step": step, "label": str(Step(step).label), "done": bool(found), "entries": found}
        for step, found in by_step.items()
    ]


def _actions(initiative: Initiative, user: User) -> list[dict[str, Any]]:
    return [
        {
            "name": action.name,
            "label": str(action.label),
            "needs_comment": action.needs_comment,
            "missing": workflow.missing_conditions(initiative, action.name),
        }
        for action in workflow.available_actions(initiative, user)
    ]


def _confirmation(initiative: Initiative) -> dict[str, Any] | None:
    found = Confirmation.objects.filter(initiative=initiative).first()
    if found is None:
        return None
    return {
        "confirmer_name": found.confirmer_name,
        "confirmer_title": found.confirmer_title,
        "confirmed_on": found.confirmed_on,
        "scan": found.scan_id,
    }


def _detail(initiative: Initiative, user: User) -> dict[str, Any]:
    """Everything about one initiative, as this caller may see it."""
    initiative = (
        Initiative.objects.select_related("unit").prefetch_related("years", "coordinating_units").get(pk=initiative.pk)
    )
    beneficiaries = _beneficiaries(initiative, _Reader(user))
    replications = list(
        Initiative.objects.visible_to(user).filter(adopted_from=initiative).select_related("unit").order_by("pk")
    )
    activities = initiative.activities.count()
    return {
        **_summary(initiative),
        **{name: getattr(initiative, name) for name in services.INITIATIVE_FIELDS},
        "results": initiative.results,
        "coordinating_units": [{"id": u.pk, "name": u.name} for u in initiative.coordinating_units.all()],
        "accepted_at": initiative.accepted_at,
        "created_at": initiative.created_at,
        "updated_at": initiative.updated_at,
        "can_edit": initiative.is_editable and user.can(Capability.WRITE, initiative.unit),
        "actions": _actions(initiative, user),
        "steps": _steps(initiative),
        "beneficiaries": beneficiaries,
        "counts": {
            "beneficiaries": len(beneficiaries),
            "unnamed_beneficiaries": initiative.unnamed_beneficiaries,
            "total_beneficiaries": len(beneficiaries) + initiative.unnamed_beneficiaries,
            "activities": activities,
            "evidence": initiative.evidence.count(),
            "replications": len(replications),
        },
        "confirmation": _confirmation(initiative),
        "transitions": [
            {
                "action": t.action,
                "source": t.source,
                "target": t.target,
                "comment": t.comment,
                "by": (t.by.full_name or t.by.username) if t.by else "",
                "at": t.at,
            }
            for t in initiative.transitions.select_related("by")
        ],
        "replications": [
            {"id": r.pk, "name": r.name, "unit_name": r.unit.name, "status": r.status} for r in replications
        ],
    }


def _activity(activity: Activity, reader: _Reader) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "held_on": activity.held_on,
        "description": activity.description,
        "youth": [reader.person(youth) for youth in activity.youth.all()],
        "unnamed_count": activity.unnamed_count,
        "resources": {name: getattr(activity, name) for name in Activity.RESOURCE_FIELDS},
        "created_at": activity.created_at,
    }


def _file_url(evidence: Evidence) -> str | None:
    """The page serving the file (it checks the reader's scope again); None for a link."""
    if not evidence.file:
        return None
    try:
        return reverse("evidence_file", kwargs={"pk": evidence.pk})
    except NoReverseMatch:
        return None


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "kind": evidence.kind,
        "purpose": evidence.purpose,
        "title": evidence.title,
        "url": evidence.url,
        "file_url": _file_url(evidence),
        "content_type": evidence.content_type,
        "size": evidence.size,
        "width": evidence.width,
        "height": evidence.height,
        "activity": evidence.activity_id,
        "step_entry": evidence.step_entry_id,
        "uploaded_at": evidence.uploaded_at,
    }


# Checking what is sent: the pages' forms, so a record is checked the same way whichever door
# it came in by (as api/routers/youth.py does).

# The form's field names where the API's differ.
_API_NAMES = {"groups": "target_groups", "coordinating_units": "coordinating_unit_ids", "youth": "youth_ids"}
# Results are filed once the initiative is accepted, until the union above closes it (as on the pages).


def _invalid(errors: Mapping[str, Iterable[Any]], detail: str | None = None) -> Answer:
    listed = [
        {"loc": [_API_NAMES.get(field, field)], "msg": str(message)}
        for field, messages in errors.items()
        for message in messages
    ]
    return Answer(422, {"detail": detail or _("The initiative is not valid."), "errors": listed})


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _form_data(payload: InitiativeFieldsIn, *, current: Initiative | None = None, unit: Unit | None = None):
    """The JSON body as the page's form would have posted it; relations not sent are kept."""
    data: dict[str, Any] = {name: getattr(payload, name) for name in services.INITIATIVE_FIELDS}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["start_date"], data["end_date"] = _day(payload.start_date), _day(payload.end_date)
    data["unit"] = unit.pk if unit else ""
    data["version"] = getattr(payload, "version", "")
    sent: dict[str, list[Any] | None] = {
        "groups": payload.target_groups,
        "years": payload.years,
        "coordinating_units": payload.coordinating_unit_ids,
    }
    if current is not None:
        kept: dict[str, list[Any]] = {
            "groups": current.target_groups,
            "years": current.year_list,
            "coordinating_units": list(current.coordinating_units.values_list("pk", flat=True)),
        }
        sent = {name: kept[name] if value is None else value for name, value in sent.items()}
    data.update({name: [str(v) for v in value or []] for name, value in sent.items()})
    return data


def _closed() -> Answer:
    return Answer(409, {"detail": _("This initiative is closed: it is kept as it was reported.")})


# The initiative


@router.get("/initiatives", response={200: list[InitiativeListOut], **AUTH_ERRORS, 404: ErrorOut, 422: InvalidOut})
@paginate(Page)
def list_initiatives(request: HttpRequest, filters: Query[InitiativeFilters]):
    """The initiatives of the caller's units, filtered as the list page filters them. `unit`
    outside the caller's units answers 404, like a missing one."""
    initiatives, chosen = filter_initiatives(request.user, filters.model_dump(exclude_none=True))
    initiatives = by_status(initiatives, filters.status or "")
    initiatives = initiatives.select_related("unit").prefetch_related("years").order_by(*ORDERS[chosen["order"]])
    return _LazySummaries(initiatives)


@router.post(
    "/initiatives", response={201: InitiativeOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}
)
def create_initiative(request: HttpRequest, payload: InitiativeCreateIn):
    """Create a draft in a unit where the caller may write (404 outside the caller's units,
    403 where they may only read). Years: from last year to next year."""
    user = cast(User, request.user)
    unit = get_for_user(Unit, user, payload.unit, write=Capability.WRITE)
    form = InitiativeForm(_form_data(payload, unit=unit), units=Unit.objects.in_force().filter(pk=unit.pk))
    if not form.is_valid():
        return _invalid(form.errors)
    initiative = services.create_initiative(
        form.cleaned_data["unit"],
        form.record_data(),
        by=user,
        groups=form.cleaned_data["groups"],
        years=form.cleaned_data["years"],
        coordinating_units=form.cleaned_data["coordinating_units"],
    )
    return Answer(201, _detail(initiative, user))


@router.get("/initiatives/{initiative_id}", response={200: InitiativeOut, **AUTH_ERRORS, 404: ErrorOut})
def get_initiative(request: HttpRequest, initiative_id: int):
    """One initiative with its steps, beneficiaries, timeline, replications and the moves open
    to the caller. A young person outside the caller's units shows only as their unit; notes
    are masked for those who may only read."""
    user = cast(User, request.user)
    return _detail(get_for_user(Initiative, user, initiative_id), user)


@router.put(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
)
def update_initiative(request: HttpRequest, initiative_id: int, payload: InitiativeUpdateIn):
    """Replace the initiative's fields, and its relations and results where sent.

    `version` must be the one you read: if someone saved it since, nothing is saved and the
    answer is 409. A closed initiative cannot be changed (409). Results (`results`,
    `supported_count`) are filed once the union above has accepted it. Changes after
    acceptance are allowed and kept in the audit trail.
    """
    user = cast(User, request.user)
    initiative = get_for_user(Initiative, user, initiative_id, write=Capability.WRITE)
    if not initiative.is_editable:
        return _closed()
    form = InitiativeForm(_form_data(payload, current=initiative), instance=initiative)
    errors: dict[str, Any] = {} if form.is_valid() else dict(form.errors)
    results = {
        name: getattr(payload, name) if name != "results" else nfc(payload.results or "").strip()
        for name in services.RESULT_FIELDS
        if name in payload.model_fields_set
    }
    changed = any(value != getattr(initiative, name) for name, value in results.items())
    if changed and initiative.status not in RESULTS_EDITABLE_STATUSES:
        errors["results"] = [_("Results are filed once the union above has accepted the initiative.")]
    if errors:
        return _invalid(errors)
    try:
        initiative = services.update_initiative(
            initiative,
            form.record_data(),
            expected_version=payload.version,
            by=user,
            groups=form.cleaned_data["groups"],
            years=form.cleaned_data["years"],
            coordinating_units=form.cleaned_data["coordinating_units"],
            results=results if changed else None,
        )
    except services.StaleEdit:
        return Answer(409, {"detail": _("Someone else saved this initiative since you read it; read it again.")})
    except services.NotEditable:
        return _closed()
    return _detail(initiative, user)


@router.post(
    "/initiatives/{initiative_id}/transitions",
    response={200: InitiativeOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
)
def transition_initiative(request: HttpRequest, initiative_id: int, payload: TransitionIn):
    """Move the initiative along its lifecycle: `submit`, `resubmit`, `start` and `report` are
    for the implementing unit; `accept`, `return_for_changes`, `return_results` and `close` for
    the union above. The moves open to you are listed in the initiative's `actions`.

    403 when the move is not yours to make (or you may only read). **409** with the reason in
    `detail` when the move is refused as things stand: not open in the current status, a
    condition not met (a year to register for; results and the local government's confirmation
    before `report`), a comment missing where one is required, or `version` given and no longer
    the current one.
    """
    user = cast(User, request.user)
    initiative = get_for_user(Initiative, user, initiative_id, write=Capability.WRITE)
    try:
        initiative = workflow.apply(
            initiative, payload.action, by=user, comment=payload.comment, expected_version=payload.version
        )
    except workflow.TransitionRefused as refused:
        return Answer(409, {"detail": str(refused.message)})
    return _detail(initiative, user)


@router.post(
    "/initiatives/{initiative_id}/replicate",
    response={201: InitiativeOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
)
def replicate_initiative(request: HttpRequest, initiative_id: int, payload: ReplicateIn):
    """Take up an initiative you may see in one of your own units (where you hold your role):
    a draft pre-filled from it without any personal data (no beneficiaries, activities, results
    or evidence), linked "adopted from". Years: from last year to next year."""
    user = cast(User, request.user)
    source = get_for_user(Initiative, user, initiative_id)
    unit = get_for_user(Unit, user, payload.unit, write=Capability.WRITE)
    errors: Errors = {}
    if unit.path not in user.scope_paths(Capability.WRITE) or not unit.is_in_force():
        errors["unit"] = [_("An initiative is replicated in one of your own units.")]
    allowed = {year for year, _label in year_choices()}
    if not set(payload.years) <= allowed:
        errors["years"] = [_("Choose years from last year to next year.")]
    if errors:
        return _invalid(errors)
    copy = services.replicate(source, unit, by=user, years=payload.years)
    return Answer(201, _detail(copy, user))


@router.put(
    "/initiatives/{initiative_id}/confirmation",
    response={200: InitiativeOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
)
def confirm_initiative_results(request: HttpRequest, initiative_id: int, payload: ConfirmationIn):
    """Record the local government's confirmation of the results (needed before `report`).

    Upload the scan of the signed page first (`POST …/evidence` with `purpose=confirmation`) and
    send its id as `scan`. Recording it again replaces the earlier confirmation and its scan.
    """
    user = cast(User, request.user)
    initiative = get_for_user(Initiative, user, initiative_id, write=Capability.WRITE)
    if not initiative.is_editable:
        return _closed()
    data = {name: nfc(getattr(payload, name)).strip() for name in ("confirmer_name", "confirmer_title")}
    errors: Errors = {name: [_("This field is required.")] for name, value in data.items() if not value}
    scan = initiative.evidence.filter(pk=payload.scan, purpose=Evidence.Purpose.CONFIRMATION).exclude(file="").first()
    if scan is None:
        errors["scan"] = [_("Upload the scan of the signed page as evidence of this initiative first.")]
    if errors or scan is None:
        return _invalid(errors, _("The confirmation is not valid."))
    services.record_confirmation(initiative, {**data, "confirmed_on": payload.confirmed_on}, scan=scan, by=user)
    return _detail(initiative, user)


# Activities


@router.get("/initiatives/{initiative_id}/activities", response={200: list[ActivityOut], **AUTH_ERRORS, 404: ErrorOut})
def list_initiative_activities(request: HttpRequest, initiative_id: int):
    """The initiative's activities, latest first, with the youth each reached (as for beneficiaries)."""
    user = cast(User, request.user)
    initiative = get_for_user(Initiative, user, initiative_id)
    activities = list(
        initiative.activities.prefetch_related(Prefetch("youth", queryset=Youth.objects.select_related("unit")))
    )
    reader = _Reader(user)
    return [_activity(activity, reader) for activity in activities]


@router.post(
    "/initiatives/{initiative_id}/activities",
    response={201: ActivityOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut},
)
def create_initiative_activity(request: HttpRequest, initiative_id: int, payload: ActivityIn):
    """Record an activity. Each young person in `youth_ids` must be a record you may see (422
    otherwise) and becomes a beneficiary of the initiative."""
    user = cast(User, request.user)
    initiative = get_for_user(Initiative, user, initiative_id, write=Capability.WRITE)
    if not initiative.is_editable:
        return _closed()
    data = {
        "held_on": _day(payload.held_on),
        "description": payload.description,
        "unnamed_count": payload.unnamed_count,
        "youth": [str(pk) for pk in payload.youth_ids],
        **payload.resources.model_dump(),
    }
    form = ActivityForm(data, user=user)
    if not form.is_valid():
        return _invalid(form.errors, _("The activity is not valid."))
    activity = services.add_activity(initiative, form.activity_data(), by=user, youth=form.cleaned_data["youth"])
    activity = Activity.objects.prefetch_related(Prefetch("youth", queryset=Youth.objects.select_related("unit"))).get(
        pk=activity.pk
    )
    return Answer(201, _activity(activity, _Reader(user)))


# Evidence


@router.get("/initiatives/{initiative_id}/evidence", response={200: list[EvidenceOut], **AUTH_ERRORS, 404: ErrorOut})
def list_initiative_evidence(request: HttpRequest, initiative_id: int):
    """Photos, documents and links of the initiative (results, plan, steps, confirmation).

    `file_url` is the page that serves the file; it checks the reader's units again."""
    initiative = get_for_user(Initiative, request.user, initiative_id)
    return [_evidence(evidence) for evidence in initiative.evidence.all()]


@router.post(
    "/initiatives/{initiative_id}/evidence",
    response={201: EvidenceOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
)
def upload_initiative_evidence(
    request: HttpRequest,
    initiative_id: int,
    file: File[UploadedFile | None] = None,
    url: Form[str] = "",
    title: Form[str] = "",
    purpose: Form[EvidencePurpose] = EvidencePurpose.RESULT,
    activity: Form[int | None] = None,
    step_entry: Form[int | None] = None,
):
    """Add a photo, a document or a link to an article, as `multipart/form-data`.

    Send either `file` (a JPEG, PNG or WebP photo, a PDF or a .docx; judged by its content, not
    its name; photos are stored without their metadata, with a thumbnail) with its `purpose`, or
    `url` (http or https; always evidence of results). `title` is optional (default: the file's
    name). `activity` or `step_entry` attaches it to one of the initiative's activities or step
    entries. A file or link that cannot be accepted answers 422 with the reason in `detail`; so
    does any upload to a closed initiative. The scan for `PUT …/confirmation` is uploaded here
    with `purpose=confirmation`.
    """
    user = cast(User, request.user)
    initiative = get_for_user(Initiative, user, initiative_id, write=Capability.WRITE)
    if (file is None) == (not url.strip()):
        message = (
            _("Send either a file or a link, not both.")
            if file is not None
            else _("Send a file in the field “file” or a link in the field “url”.")
        )
        return _invalid({"file": [message]}, _("The evidence is not valid."))
    errors: Errors = {}
    found_activity = initiative.activities.filter(pk=activity).first() if activity is not None else None
    if activity is not None and found_activity is None:
        errors["activity"] = [_("This activity belongs to another initiative.")]
    found_step = initiative.step_entries.filter(pk=step_entry).first() if step_entry is not None else None
    if step_entry is not None and found_step is None:
        errors["step_entry"] = [_("This step belongs to another initiative.")]
    if errors:
        return _invalid(errors, _("The evidence is not valid."))
    try:
        if file is not None:
            evidence = uploads.save_evidence(
                initiative,
                file,
                purpose=purpose,
                title=title,
                by=user,
                step_entry=found_step,
                activity=found_activity,
            )
        else:
            evidence = uploads.save_link(initiative, url, title=title, by=user, activity=found_activity)
    except uploads.UploadRejected as rejected:
        return _invalid({"file" if file is not None else "url": [rejected.message]}, rejected.message)
    return Answer(201, _evidence(evidence))
