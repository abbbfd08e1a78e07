"""/youth: the registry of disadvantaged youth, with the pages' scoping, validation and masking.

Writes go through the same form (`youth.forms.YouthForm`) and operations (`youth.services`) as
the pages, so a record is normalised and checked the same way whichever door it came in by.
"""

# No `from __future__ import annotations`: ninja resolves these annotations at run time
# (see api/routers/units.py).

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Answer  # youth.choices has a Status of its own
from ninja.pagination import paginate

from api.pagination import Page
from api.schemas import AUTH_ERRORS, ErrorOut, InvalidOut
from units.models import Unit
from units.scoping import Capability, get_for_user
from youth import services
from youth.choices import ConsentState, Need, Sex, Status, TargetGroup
from youth.forms import YouthForm
from youth.models import Youth
from youth.privacy import MASK, can_see_sensitive, mask_citizen_id, sensitive_paths
from youth.queries import filter_registry

router = Router(tags=["youth"])


class GroupIO(Schema):
    code: TargetGroup
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="The group's own details (e.g. household_kind, certificate_year for poverty). "
        "Empty for readers who may not see sensitive details.",
    )


class NeedIO(Schema):
    code: Need
    priority: int = Field(2, ge=1, le=3, description="1 high, 2 medium, 3 low")


class YouthOut(Schema):
    id: int
    unit: int
    unit_name: str
    full_name: str
    birth_date: date | None
    birth_year: int | None
    sex: str
    ethnicity: str
    phone: str
    citizen_id: str
    village: str
    address_detail: str
    groups: list[GroupIO]
    circumstances: str
    notes: str
    needs: list[NeedIO]
    consent: ConsentState
    status: Status
    status_changed_on: date
    version: int
    masked: bool = Field(description="True when sensitive details are hidden from this caller.")


class YouthIn(Schema):
    unit: int
    full_name: str = Field(max_length=150)
    birth_date: date | None = None
    birth_year: int | None = None
    sex: Sex | None = None
    ethnicity: str = Field("", description="Official two-digit code, e.g. 01 Kinh.")
    phone: str = ""
    citizen_id: str = ""
    village: str = ""
    address_detail: str = ""
    circumstances: str = ""
    notes: str = ""
    status: Status = Status.SUPPORTED
    status_changed_on: date | None = None
    groups: list[GroupIO] = Field(min_length=1)
    needs: list[NeedIO] = Field(default_factory=list)
    version: int | None = Field(None, description="On update: the version you read (refused if stale).")
    confirm_duplicates: bool = Field(False, description="Save even if likely duplicates exist.")


class DuplicateOut(Schema):
    detail: str
    duplicates: list[dict[str, Any]]


class YouthFilters(Schema):
    q: str = Field("", description="Name without diacritics or case, phone or citizen ID.")
    group: TargetGroup | None = None
    unit: int | None = Field(None, description="A unit in your scope: its whole subtree.")
    status: Status | None = None
    need: Need | None = None
    age: str = Field("", description="under16, 16-17, 18-24, 25-30 or over30.")
    consent: ConsentState | None = None


def _out(youth: Youth, sensitive: bool) -> dict[str, Any]:
    groups = [
        {"code": g.group, "details": {k: v for k, v in _details(g).items() if v not in ("", None)} if sensitive else {}}
        for g in youth.groups.all()
    ]
    return {
        "id": youth.pk,
        "unit": youth.unit_id,
        "unit_name": youth.unit.name,
        "full_name": youth.full_name,
        "birth_date": youth.birth_date,
        "birth_year": youth.birth_year,
        "sex": youth.sex,
        "ethnicity": youth.ethnicity,
        "phone": youth.phone,
        "citizen_id": youth.citizen_id if sensitive else mask_citizen_id(youth.citizen_id),
        "village": youth.village,
        "address_detail": youth.address_detail,
        "groups": groups,
        "circumstances": youth.circumstances if sensitive else (MASK if youth.circumstances else ""),
        "notes": youth.notes if sensitive else (MASK if youth.notes else ""),
        "needs": [{"code": n.need, "priority": n.priority} for n in youth.needs.all()],
        "consent": youth.consent_state,
        "status": youth.status,
        "status_changed_on": youth.status_changed_on,
        "version": youth.version,
        "masked": not sensitive,
    }


def _details(group) -> dict[str, Any]:
    from youth.choices import GROUP_DETAIL_FIELDS

    return {name: getattr(group, name) for name in GROUP_DETAIL_FIELDS[group.group]}


def _form_data(payload: YouthIn) -> dict[str, Any]:
    """The JSON body as the page's form would have posted it."""
    data: dict[str, Any] = {
        name: getattr(payload, name)
        for name in ("unit", "full_name", "birth_date", "birth_year", "sex", "ethnicity", "phone", "citizen_id")
    }
    data.update(
        {name: getattr(payload, name) for name in ("village", "address_detail", "circumstances", "notes", "status")}
    )
    data = {k: ("" if v is None else v) for k, v in data.items()}
    if payload.birth_date:
        data["birth_date"] = payload.birth_date.strftime("%d/%m/%Y")
    if payload.status_changed_on:
        data["status_changed_on"] = payload.status_changed_on.strftime("%d/%m/%Y")
    data["version"] = payload.version or ""
    for group in payload.groups:
        data[f"group_{group.code}"] = "on"
        for name, value in group.details.items():
            data[f"{group.code}__{name}"] = value.strftime("%d/%m/%Y") if isinstance(value, date) else value
    for need in payload.needs:
        data[f"need_{need.code}"] = "on"
        data[f"need_{need.code}_priority"] = need.priority
    return data


def _invalid(form: YouthForm) -> Answer:
    errors = [{"loc": [field], "msg": str(message)} for field, messages in form.errors.items() for message in messages]
    return Answer(422, {"detail": _("The record is not valid."), "errors": errors})


def _duplicates(found) -> Answer:
    return Answer(
        409,
        {
            "detail": _("Likely duplicates exist; send confirm_duplicates=true to save anyway."),
            # Where and why only: the other record may lie outside the caller's units.
            "duplicates": [{"unit": d.youth.unit.name, "reasons": d.reasons} for d in found],
        },
    )


@router.get("/youth", response={200: list[YouthOut], **AUTH_ERRORS, 404: ErrorOut, 422: InvalidOut})
@paginate(Page)
def list_youth(request: HttpRequest, filters: Query[YouthFilters]):
    """The live records in the caller's units, in Vietnamese name order; sensitive details masked
    where the caller may only read."""
    queryset, _applied = filter_registry(request.user, filters.model_dump())
    paths = sensitive_paths(request.user)
    youth = queryset.select_related("unit").prefetch_related("groups", "needs").order_by("sort_key", "pk")
    return _LazyOut(youth, paths)


class _LazyOut:
    """Slices like a queryset, yields masked dicts: pagination counts and slices the queryset."""

    def __init__(self, queryset, paths: list[str]):
        self.queryset, self.paths = queryset, paths

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        rows = self.queryset[index]
        return [_out(y, any(y.unit.path.startswith(p) for p in self.paths)) for y in rows]


@router.get("/youth/{youth_id}", response={200: YouthOut, **AUTH_ERRORS, 404: ErrorOut})
def get_youth(request: HttpRequest, youth_id: int):
    """One record. A full view (sensitive details shown) is written to the audit trail."""
    youth = get_for_user(Youth, request.user, youth_id)
    sensitive = can_see_sensitive(request.user, youth)
    if sensitive:
        services.log_full_view(youth, by=request.user)
    return _out(youth, sensitive)


@router.post(
    "/youth",
    response={201: YouthOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 409: DuplicateOut, 422: InvalidOut},
)
def create_youth(request: HttpRequest, payload: YouthIn):
    """Add a record to a unit where the caller may write."""
    unit = get_for_user(Unit, request.user, payload.unit, write=Capability.WRITE)
    form = YouthForm(_form_data(payload), units=Unit.objects.filter(pk=unit.pk))
    if not form.is_valid():
        return _invalid(form)
    found = services.find_duplicates(
        unit,
        full_name=form.cleaned_data["full_name"],
        birth_date=form.cleaned_data.get("birth_date"),
        birth_year=form.cleaned_data.get("birth_year"),
        phone=form.cleaned_data.get("phone", ""),
        citizen_id=form.cleaned_data.get("citizen_id", ""),
    )
    if found and not payload.confirm_duplicates:
        return _duplicates(found)
    youth = services.create_youth(
        unit, form.record_data(), groups=form.groups_data(), needs=form.needs_data(), by=request.user
    )
    return Answer(201, _out(youth, True))


@router.put(
    "/youth/{youth_id}",
    response={200: YouthOut, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 409: DuplicateOut, 422: InvalidOut},
)
def update_youth(request: HttpRequest, youth_id: int, payload: YouthIn):
    """Replace a record. `version` must be the one you read: a stale update is refused (409)."""
    youth = get_for_user(Youth, request.user, youth_id, write=Capability.WRITE)
    unit = get_for_user(Unit, request.user, payload.unit, write=Capability.WRITE)
    form = YouthForm(_form_data(payload), instance=youth, units=Unit.objects.filter(pk=unit.pk))
    if not form.is_valid():
        return _invalid(form)
    try:
        youth = services.update_youth(
            youth,
            form.record_data(),
            groups=form.groups_data(),
            needs=form.needs_data(),
            expected_version=payload.version or 0,
            unit=unit,
            by=request.user,
        )
    except services.StaleEdit:
        return Answer(
            409, {"detail": _("Someone else saved this record since you read it; read it again."), "duplicates": []}
        )
    return Answer(200, _out(youth, True))


@router.delete("/youth/{youth_id}", response={204: None, **AUTH_ERRORS, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut})
def delete_youth(request: HttpRequest, youth_id: int, reason: str = Query(..., min_length=3, max_length=255)):
    """Move a record to the bin (soft delete, restorable), with the reason."""
    youth = get_for_user(Youth, request.user, youth_id, write=Capability.WRITE)
    services.delete_youth(youth, reason=reason, by=request.user)
    return Answer(204, None)
