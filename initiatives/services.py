"""Named operations on initiatives: atomic, audited, shared by the pages, the API and the importer.

Lifecycle moves are in `initiatives.workflow`; file checks in `initiatives.uploads`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.auditing import acting_as
from core.vntext import nfc, nfc_text
from initiatives.choices import KIND_DOMAIN, Kind, Status
from initiatives.models import (
    Activity,
    Beneficiary,
    Confirmation,
    Evidence,
    Initiative,
    InitiativeYear,
    StepEntry,
)
from units.models import Unit
from units.scoping import Capability
from youth.choices import group_bits
from youth.models import Youth

# The fields a form or the API may set directly (the rest have their own operations).
INITIATIVE_FIELDS = (
    "name",
    "domain",
    "kind",
    "kind_other",
    "partners",
    "person_in_charge",
    "person_in_charge_phone",
    "area",
    "start_date",
    "end_date",
    "content",
    "expected_results",
    "plan",
    "unnamed_beneficiaries",
)
RESULT_FIELDS = ("results", "supported_count")
# What a replication copies: the idea and how it works, never people or results.
REPLICATED_FIELDS = ("name", "domain", "kind", "kind_other", "content", "expected_results", "plan")


class StaleEdit(Exception):
    """The initiative changed since the form was opened; nothing was saved."""


class NotEditable(Exception):
    """A closed initiative is kept as it was reported."""


# Free text of several lines: its line breaks are kept.
MULTILINE_FIELDS = frozenset(
    {"partners", "content", "expected_results", "plan", "results", "note", "lessons", "adjustments", "description"}
)


def _clean(data: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    allowed = set(allowed)
    return {
        k: ((nfc_text(v) if k in MULTILINE_FIELDS else nfc(v)) if isinstance(v, str) else v)
        for k, v in data.items()
        if k in allowed
    }


def check_kind(domain: str, kind: str) -> None:
    """The kind must be one of the domain's examples, or "other"."""
    if kind != Kind.OTHER and KIND_DOMAIN.get(kind) != domain:
        raise ValidationError({"kind": _("This kind of initiative belongs to another domain.")})


def _set_relations(
    initiative: Initiative,
    *,
    groups: Iterable[str] | None,
    years: Iterable[int] | None,
    coordinating_units: Iterable[Unit] | None,
) -> None:
    if groups is not None:
        initiative.group_bits = group_bits(groups)
        Initiative.objects.filter(pk=initiative.pk).update(group_bits=initiative.group_bits)
    if years is not None:
        wanted = set(years)
        initiative.years.exclude(year__in=wanted).delete()
        have = set(initiative.years.values_list("year", flat=True))
        InitiativeYear.objects.bulk_create(InitiativeYear(initiative=initiative, year=y) for y in sorted(wanted - have))
    if coordinating_units is not None:
        initiative.coordinating_units.set([u for u in coordinating_units if u.pk != initiative.unit_id])


def create_initiative(
    unit: Unit,
    data: dict[str, Any],
    *,
    by,
    groups: Iterable[str] = (),
    years: Iterable[int] = (),
    coordinating_units: Iterable[Unit] = (),
    adopted_from: Initiative | None = None,
) -> Initiative:
    cleaned = _clean(data, INITIATIVE_FIELDS)
    check_kind(cleaned.get("domain", ""), cleaned.get("kind", ""))
    with transaction.atomic(), acting_as(by):
        initiative = Initiative(unit=unit, created_by=by, adopted_from=adopted_from, group_bits=group_bits(groups))
        for name, value in cleaned.items():
            setattr(initiative, name, value)
        initiative.save()
        _set_relations(initiative, groups=None, years=years, coordinating_units=coordinating_units)
    return initiative


def update_initiative(
    initiative: Initiative,
    data: dict[str, Any],
    *,
    expected_version: int,
    by,
    groups: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    coordinating_units: Iterable[Unit] | None = None,
    results: dict[str, Any] | None = None,
) -> Initiative:
    """Change an initiative; a save based on an older version is refused (StaleEdit).

    Changes after acceptance are allowed and kept in the audit log, which the timeline shows.
    """
    cleaned = _clean(data, INITIATIVE_FIELDS)
    if results is not None:
        cleaned.update(_clean(results, RESULT_FIELDS))
    with transaction.atomic(), acting_as(by):
        current = Initiative.objects.select_for_update().select_related("unit").get(pk=initiative.pk)
        if current.version != expected_version:
            raise StaleEdit
        if not current.is_editable:
            raise NotEditable
        for name, value in cleaned.items():
            setattr(current, name, value)
        check_kind(current.domain, current.kind)
        if groups is not None:
            current.group_bits = group_bits(groups)
        current.version += 1
        current.save()
        _set_relations(current, groups=None, years=years, coordinating_units=coordinating_units)
    return current


def touch(initiative: Initiative, *, expected_version: int | None = None) -> None:
    """A change to a part (step, activity, beneficiaries, evidence) is a change of the whole:
    an edit form opened before it must not overwrite it unseen."""
    updated = Initiative.objects.filter(pk=initiative.pk)
    if expected_version is not None:
        updated = updated.filter(version=expected_version)
    if not updated.update(version=F("version") + 1):
        raise StaleEdit
    initiative.refresh_from_db(fields=["version"])


def delete_draft(initiative: Initiative, *, by) -> None:
    """Only a draft may be deleted; once registered it is part of the record."""
    if initiative.status != Status.DRAFT:
        raise NotEditable
    with transaction.atomic(), acting_as(by):
        for evidence in initiative.evidence.all():
            _delete_files(evidence)
        initiative.delete()


def linkable_youth(user, ids: Iterable[int]) -> list[Youth]:
    """The registry records among `ids` this user may link (those they may see); others are dropped."""
    ids = {int(i) for i in ids}
    if not ids:
        return []
    return list(Youth.objects.visible_to(user, Capability.READ).filter(pk__in=ids))


def add_step_entry(
    initiative: Initiative,
    data: dict[str, Any],
    *,
    by,
    youth: Iterable[Youth] = (),
) -> StepEntry:
    cleaned = _clean(data, ("step", "done_on", "note", "reference", "review_kind", "lessons", "adjustments"))
    if cleaned.get("step") != 7:
        cleaned["review_kind"] = ""
    with transaction.atomic(), acting_as(by):
        entry = StepEntry.objects.create(initiative=initiative, created_by=by, **cleaned)
        entry.youth.set(list(youth))
        touch(initiative)
    return entry


def delete_step_entry(entry: StepEntry, *, by) -> None:
    with transaction.atomic(), acting_as(by):
        for evidence in entry.files.all():
            _delete_files(evidence)
        entry.delete()
        touch(entry.initiative)


def add_activity(initiative: Initiative, data: dict[str, Any], *, by, youth: Iterable[Youth] = ()) -> Activity:
    cleaned = _clean(data, ("held_on", "description", "unnamed_count", *Activity.RESOURCE_FIELDS))
    with transaction.atomic(), acting_as(by):
        activity = Activity.objects.create(initiative=initiative, created_by=by, **cleaned)
        people = list(youth)
        activity.youth.set(people)
        # Everyone an activity reached is a beneficiary of the initiative.
        add_beneficiaries(initiative, people, by=by, touch_version=False)
        touch(initiative)
    return activity


def delete_activity(activity: Activity, *, by) -> None:
    with transaction.atomic(), acting_as(by):
        for evidence in activity.evidence.all():
            _delete_files(evidence)
        activity.delete()
        touch(activity.initiative)


def add_beneficiaries(initiative: Initiative, youth: Iterable[Youth], *, by, touch_version: bool = True) -> int:
    """Link registry records as beneficiaries; already linked ones are left as they are."""
    people = list(youth)
    with transaction.atomic(), acting_as(by):
        have = set(initiative.beneficiaries.values_list("youth_id", flat=True))
        new = [Beneficiary(initiative=initiative, youth=y, added_by=by) for y in people if y.pk not in have]
        for row in new:
            row.save()  # one by one, so each link is in the audit log
        if new and touch_version:
            touch(initiative)
    return len(new)


def set_outcome(
    beneficiary: Beneficiary,
    *,
    outcome: str,
    outcome_on: datetime.date | None,
    note: str,
    by,
    expected_version: int | None = None,
) -> Beneficiary:
    """Record the outcome; a save based on an older version than `expected_version` is refused (StaleEdit)."""
    with transaction.atomic(), acting_as(by):
        current = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEdit
        current.outcome = outcome
        current.outcome_on = outcome_on
        current.note = nfc(note).strip()
        current.version += 1
        current.save()
        touch(beneficiary.initiative)
    return current


def remove_beneficiary(beneficiary: Beneficiary, *, by) -> None:
    with transaction.atomic(), acting_as(by):
        beneficiary.delete()
        touch(beneficiary.initiative)


def record_confirmation(initiative: Initiative, data: dict[str, Any], *, scan: Evidence, by) -> Confirmation:
    """The local government's confirmation; recording it again replaces the earlier one."""
    cleaned = _clean(data, ("confirmer_name", "confirmer_title", "confirmed_on"))
    with transaction.atomic(), acting_as(by):
        old = Confirmation.objects.filter(initiative=initiative).first()
        old_scan = old.scan if old else None
        if old:
            old.delete()
        confirmation = Confirmation.objects.create(initiative=initiative, scan=scan, recorded_by=by, **cleaned)
        if old_scan is not None and old_scan.pk != scan.pk:
            delete_evidence(old_scan, by=by, touch_version=False)
        touch(initiative)
    return confirmation


def delete_evidence(evidence: Evidence, *, by, touch_version: bool = True) -> None:
    with transaction.atomic(), acting_as(by):
        if Confirmation.objects.filter(scan=evidence).exists():
            raise ValidationError(
                _("This file is the scan of the local government's confirmation; replace the confirmation instead.")
            )
        initiative = evidence.initiative
        _delete_files(evidence)
        evidence.delete()
        if touch_version:
            touch(initiative)


def log_evidence_download(evidence: Evidence, *, by) -> LogEntry:
    """Every download of a stored file (a photo, a document, the signed confirmation) leaves an
    ACCESS row on the evidence: such files may show beneficiaries. Thumbnails, shown inline on
    the initiative's page, do not. The row keeps the initiative's unit path, so the audit trail
    shows it to the administrators of that subtree (`audit.queries`), and the initiative's id;
    the initiative's timeline leaves ACCESS rows out."""
    data = {"initiative_id": evidence.initiative_id, "unit_path": evidence.initiative.unit_path}
    with acting_as(by):
        return LogEntry.objects.log_create(
            evidence, action=LogEntry.Action.ACCESS, force_log=True, changes=None, additional_data=data
        )


def _delete_files(evidence: Evidence) -> None:
    """Remove the stored files once the transaction commits (a rollback keeps them)."""
    names = [f.name for f in (evidence.file, evidence.thumbnail) if f and f.name]
    storage = evidence.file.storage

    def remove() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def replicate(source: Initiative, unit: Unit, *, by, years: Iterable[int] = ()) -> Initiative:
    """A draft in `unit` pre-filled from `source` without any personal data, linked "adopted from"."""
    data = {name: getattr(source, name) for name in REPLICATED_FIELDS}
    return create_initiative(
        unit,
        data,
        by=by,
        groups=source.target_groups,
        years=years,
        adopted_from=source,
    )
