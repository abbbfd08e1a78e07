"""Request and response shapes of /initiatives (api/routers/initiatives.py).

Text fields are checked by the router against the model (Vietnamese messages, 422), not here:
a schema only rejects what is not JSON of the right type.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from django.db.models import TextChoices
from ninja import Field, Schema

from initiatives.choices import Domain, EvidenceKind, Kind, Outcome, ReviewKind, Status
from initiatives.models import Evidence
from youth.choices import TargetGroup


def _named(name: str, choices: type[TextChoices]) -> type[enum.StrEnum]:
    """The same values under a name of their own: the OpenAPI document names an enum after its
    class, and the registry has a `Status` (and the units a kind) of its own."""
    return enum.StrEnum(name, {member.name: member.value for member in choices})  # type: ignore[return-value]


if TYPE_CHECKING:
    InitiativeStatus = Status
    InitiativeDomain = Domain
    InitiativeKind = Kind
    EvidencePurpose = Evidence.Purpose
else:
    InitiativeStatus = _named("InitiativeStatus", Status)
    InitiativeDomain = _named("InitiativeDomain", Domain)
    InitiativeKind = _named("InitiativeKind", Kind)
    EvidencePurpose = _named("EvidencePurpose", Evidence.Purpose)

# The lifecycle's moves (initiatives.workflow.ACTIONS; a test keeps the two in step).
ActionName = Literal["submit", "resubmit", "accept", "return_for_changes", "start", "report", "return_results", "close"]


class InitiativeFilters(Schema):
    q: str = Field("", max_length=100, description="Search in names, without regard to case or diacritics.")
    year: int | None = Field(None, description="Only those registered for this year.")
    domain: InitiativeDomain | None = None
    status: InitiativeStatus | None = None
    group: TargetGroup | None = Field(None, description="Only those serving this target group.")
    unit: int | None = Field(None, description="A unit in your scope: its whole subtree (404 outside it).")
    order: Literal["updated", "name", "unit"] = Field(
        "updated", description="`updated`: latest changed first; `name`; `unit`: by unit, then name."
    )


class UnitRef(Schema):
    id: int
    name: str


class InitiativeListOut(Schema):
    id: int
    unit: int
    unit_name: str
    name: str
    domain: InitiativeDomain
    kind: InitiativeKind
    kind_display: str
    status: InitiativeStatus
    years: list[int]
    target_groups: list[TargetGroup]
    person_in_charge: str
    start_date: date | None
    end_date: date | None
    supported_count: int | None
    adopted_from: int | None
    version: int


class InitiativeFieldsIn(Schema):
    """The fields of `initiatives.services.INITIATIVE_FIELDS` and the initiative's relations."""

    name: str
    domain: InitiativeDomain
    kind: InitiativeKind = Field(description="One of the domain's kinds, or `other` (then say which in `kind_other`).")
    kind_other: str = ""
    partners: str = Field("", description="Outside partners: agencies, enterprises, sponsors.")
    person_in_charge: str
    person_in_charge_phone: str = ""
    area: str = Field("", description="The area where it runs.")
    start_date: date | None = None
    end_date: date | None = None
    content: str = Field(description="Form and content.")
    expected_results: str
    plan: str = Field("", description="The implementation plan, as text (a document goes in as evidence).")
    unnamed_beneficiaries: int = Field(0, ge=0, description="Beneficiaries not linked to a registry record.")
    target_groups: list[TargetGroup] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list, description="The years it is registered for (2000-2100).")
    coordinating_unit_ids: list[int] = Field(default_factory=list, description="Coordinating union units.")


class InitiativeCreateIn(InitiativeFieldsIn):
    unit: int = Field(description="The implementing unit: one where you may write.")


class InitiativeUpdateIn(InitiativeFieldsIn):
    """Replaces the fields. Relations (`target_groups`, `years`, `coordinating_unit_ids`) and
    results are changed only when sent."""

    target_groups: list[TargetGroup] | None = None  # type: ignore[assignment]
    years: list[int] | None = None  # type: ignore[assignment]
    coordinating_unit_ids: list[int] | None = None  # type: ignore[assignment]
    results: str | None = Field(None, description="The concrete results (the results report).")
    supported_count: int | None = Field(None, ge=0, description="Disadvantaged youth supported.")
    version: int = Field(description="The version you read: a stale update is refused (409).")


class PersonOut(Schema):
    """A young person as this caller may see them: outside the caller's units, only their unit."""

    visible: bool
    youth_id: int | None
    full_name: str
    unit: int
    unit_name: str


class BeneficiaryOut(PersonOut):
    birth_year: int | None
    phone: str
    address: str
    outcome: Outcome
    outcome_on: date | None
    note: str
    masked: bool = Field(description="True when the note is hidden from this caller.")


class StepEntryOut(Schema):
    id: int
    done_on: date
    note: str
    reference: str
    review_kind: ReviewKind | Literal[""]
    lessons: str
    adjustments: str
    youth_count: int
    files: int


class StepOut(Schema):
    step: int
    label: str
    done: bool
    entries: list[StepEntryOut]


class ActionOut(Schema):
    name: ActionName
    label: str
    needs_comment: bool
    missing: list[str] = Field(description="What must be done first; the move is refused until it is.")


class TransitionOut(Schema):
    action: str
    source: InitiativeStatus
    target: InitiativeStatus
    comment: str
    by: str
    at: datetime


class ReplicationOut(Schema):
    id: int
    name: str
    unit_name: str
    status: InitiativeStatus


class ConfirmationOut(Schema):
    confirmer_name: str
    confirmer_title: str
    confirmed_on: date
    scan: int


class CountsOut(Schema):
    beneficiaries: int = Field(description="Linked registry records.")
    unnamed_beneficiaries: int
    total_beneficiaries: int
    activities: int
    evidence: int
    replications: int = Field(description="Replications you may see.")


class InitiativeOut(InitiativeListOut):
    kind_other: str
    partners: str
    person_in_charge_phone: str
    area: str
    content: str
    expected_results: str
    plan: str
    unnamed_beneficiaries: int
    results: str
    coordinating_units: list[UnitRef]
    accepted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    can_edit: bool = Field(description="Whether you may change it (and its activities, evidence) now.")
    actions: list[ActionOut] = Field(description="The moves of the lifecycle open to you now.")
    steps: list[StepOut] = Field(description="The seven steps of the guideline, each with its entries.")
    beneficiaries: list[BeneficiaryOut]
    counts: CountsOut
    confirmation: ConfirmationOut | None
    transitions: list[TransitionOut] = Field(description="The timeline: every move, who, when, why.")
    replications: list[ReplicationOut] = Field(description="Where it was replicated (those you may see).")


class TransitionIn(Schema):
    action: ActionName
    comment: str = Field("", max_length=4000, description="Required to return a registration or results.")
    version: int | None = Field(None, description="The version you read: refused (409) if it changed since.")


class ResourcesIO(Schema):
    money: int = Field(0, ge=0, description="VND")
    gifts: int = Field(0, ge=0)
    workdays: int = Field(0, ge=0)
    insurance_cards: int = Field(0, ge=0)
    training_places: int = Field(0, ge=0)
    jobs: int = Field(0, ge=0)


class ActivityIn(Schema):
    held_on: date
    description: str
    youth_ids: list[int] = Field(
        default_factory=list, description="Registry records reached (each becomes a beneficiary); ones you may see."
    )
    unnamed_count: int = Field(0, ge=0, description="Other youth reached, not linked.")
    resources: ResourcesIO = Field(default_factory=lambda: ResourcesIO.model_validate({}))


class ActivityOut(Schema):
    id: int
    held_on: date
    description: str
    youth: list[PersonOut]
    unnamed_count: int
    resources: ResourcesIO
    created_at: datetime


class EvidenceOut(Schema):
    id: int
    kind: EvidenceKind
    purpose: EvidencePurpose
    title: str
    url: str = Field(description="The article's address, for a link.")
    file_url: str | None = Field(description="The page that serves the file to those who may see it.")
    content_type: str
    size: int
    width: int | None
    height: int | None
    activity: int | None
    step_entry: int | None
    uploaded_at: datetime


class ReplicateIn(Schema):
    unit: int = Field(description="Your unit that takes it up: one where you may write.")
    years: list[int] = Field(default_factory=list, description="The years to register the copy for.")


class ConfirmationIn(Schema):
    confirmer_name: str
    confirmer_title: str
    confirmed_on: date
    scan: int = Field(description="The id of the uploaded scan of the signed page (evidence of this initiative).")
