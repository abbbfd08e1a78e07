"""Named operations on the registry: atomic, audited, used by the pages, the API and the importer."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.auditing import acting_as
from core.vntext import nfc, nfc_text
from units.models import Unit
from youth.choices import GROUP_DETAIL_FIELDS, ConsentState, group_bits
from youth.models import Consent, RegistryAccess, Youth, YouthGroup, YouthNeed

YOUTH_FIELDS = (
    "full_name",
    "birth_date",
    "birth_year",
    "sex",
    "ethnicity",
    "citizen_id",
    "phone",
    "village",
    "address_detail",
    "circumstances",
    "notes",
    "status",
    "status_changed_on",
)


PERSONAL_TEXT_FIELDS = (
    "full_name",
    "citizen_id",
    "phone",
    "village",
    "address_detail",
    "circumstances",
    "notes",
    "ethnicity",
)
# Fields a merge copies from the removed record where the kept one has nothing.
MERGE_FILL_FIELDS = ("citizen_id", "phone", "birth_date", "birth_year", "sex", "ethnicity", "village", "address_detail")


# What a target-group detail holds when empty (text "", dates and years None).
DETAIL_EMPTY: dict[str, Any] = {
    "disability_kind": "",
    "disability_degree": "",
    "illness": "",
    "household_kind": "",
    "area_kind": "",
    "certificate_year": None,
    "unemployed_since": None,
    "rehabilitation_finished_on": None,
    "released_on": None,
}


class StaleEdit(Exception):
    """The record changed since the form was opened; nothing was saved."""


@dataclass
class Duplicate:
    youth: Youth
    reasons: list[str] = field(default_factory=list)


MULTILINE_FIELDS = frozenset({"circumstances", "notes"})


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: ((nfc_text(value) if key in MULTILINE_FIELDS else nfc(value)) if isinstance(value, str) else value)
        for key, value in data.items()
        if key in YOUTH_FIELDS
    }


def source_key(unit: Unit, full_name: str, birth: str, phone: str, citizen_id: str) -> str:
    """The identity an import gives a row, so importing the same file twice adds nothing. The
    name as spelt, case and spacing aside ("An" and "Ân" are two people). Kept on the record as
    imported: correcting the record's name later does not make the row new again."""
    raw = "|".join([str(unit.pk), nfc(full_name).casefold(), birth, phone, citizen_id])
    return hashlib.sha256(raw.encode()).hexdigest()


def find_duplicates(
    unit: Unit,
    *,
    full_name: str,
    birth_date: datetime.date | None = None,
    birth_year: int | None = None,
    phone: str = "",
    citizen_id: str = "",
    exclude_pk: int | None = None,
) -> list[Duplicate]:
    """Likely duplicates anywhere in the unit's province: same folded name and birth date/year,
    same phone, or same citizen ID."""
    province_path = unit.path[: unit.steplen]
    year = birth_date.year if birth_date else birth_year
    conditions = Q(pk__in=[])
    if citizen_id:
        conditions |= Q(citizen_id=citizen_id)
    if phone:
        conditions |= Q(phone=phone)
    if full_name and year:
        conditions |= Q(name_key=Youth.name_key_of(full_name), birth_year=year)
    candidates = Youth.objects.filter(conditions, unit_path__startswith=province_path, deleted_at__isnull=True)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    candidates = candidates.select_related("unit")[:20]
    found = []
    for other in candidates:
        reasons = []
        if citizen_id and other.citizen_id == citizen_id:
            reasons.append(_("same citizen ID"))
        if phone and other.phone == phone:
            reasons.append(_("same phone"))
        same_name = (
            bool(full_name and year) and other.name_key == Youth.name_key_of(full_name) and other.birth_year == year
        )
        both_dated = birth_date is not None and other.birth_date is not None
        if same_name and not (both_dated and other.birth_date != birth_date):
            reasons.append(_("same name and date of birth") if both_dated else _("same name and year of birth"))
        if reasons:
            found.append(Duplicate(other, reasons))
    return found


def _save_groups(youth: Youth, groups: dict[str, dict[str, Any]]) -> None:
    """`groups` maps a target-group code to its details; groups not named are removed."""
    youth.groups.exclude(group__in=list(groups)).delete()
    for code, details in groups.items():
        allowed = GROUP_DETAIL_FIELDS[code]
        values = {name: (nfc(v) if isinstance(v, str) else v) for name, v in details.items() if name in allowed}
        YouthGroup.objects.update_or_create(youth=youth, group=code, defaults=values)
    refresh_group_bits(youth)


def refresh_group_bits(youth: Youth) -> None:
    bits = group_bits(youth.groups.values_list("group", flat=True))
    if youth.group_bits != bits:
        youth.group_bits = bits
        Youth.objects.filter(pk=youth.pk).update(group_bits=bits)


def _save_needs(youth: Youth, needs: dict[str, dict[str, Any]]) -> None:
    """`needs` maps a need code to {"priority": 1..3, "note": ""}; needs not named are removed."""
    youth.needs.exclude(need__in=list(needs)).delete()
    for code, values in needs.items():
        YouthNeed.objects.update_or_create(
            youth=youth,
            need=code,
            defaults={"priority": values.get("priority", 2), "note": nfc(values.get("note", ""))},
        )


def create_youth(
    unit: Unit,
    data: dict[str, Any],
    *,
    groups: dict[str, dict[str, Any]],
    needs: dict[str, dict[str, Any]] | None = None,
    by,
    source: str = "",
) -> Youth:
    with transaction.atomic(), acting_as(by):
        youth = Youth(unit=unit, created_by=by, source_key=source, **_clean(data))
        youth.save()
        _save_groups(youth, groups)
        _save_needs(youth, needs or {})
        return youth


def update_youth(
    youth: Youth,
    data: dict[str, Any],
    *,
    groups: dict[str, dict[str, Any]],
    needs: dict[str, dict[str, Any]],
    expected_version: int,
    by,
    unit: Unit | None = None,
) -> Youth:
    with transaction.atomic(), acting_as(by):
        current = Youth.objects.select_for_update().get(pk=youth.pk)
        if current.version != expected_version:
            raise StaleEdit
        cleaned = _clean(data)
        if cleaned.get("status") and cleaned["status"] != current.status and "status_changed_on" not in data:
            cleaned["status_changed_on"] = timezone.localdate()
        for name, value in cleaned.items():
            setattr(current, name, value)
        if unit is not None:
            current.unit = unit
        current.version += 1
        current.save()
        _save_groups(current, groups)
        _save_needs(current, needs)
        return current


def delete_youth(youth: Youth, *, reason: str, by) -> None:
    """Soft delete: out of every list, count and export; restorable by an officer of the unit."""
    with transaction.atomic(), acting_as(by):
        youth.deleted_at = timezone.now()
        youth.deleted_by = by
        youth.delete_reason = nfc(reason)
        youth.version += 1
        youth.save(update_fields=["deleted_at", "deleted_by", "delete_reason", "version"])


def restore_youth(youth: Youth, *, by) -> None:
    with transaction.atomic(), acting_as(by):
        youth.deleted_at = None
        youth.deleted_by = None
        youth.delete_reason = ""
        youth.merged_into = None
        youth.version += 1
        youth.save(update_fields=["deleted_at", "deleted_by", "delete_reason", "merged_into", "version"])


def purge_youth(youth: Youth, *, by) -> None:
    """A data subject's request: erase the personal data for good, keep what anonymous counts
    need (unit, target groups without details, year of birth, sex, status)."""
    with transaction.atomic(), acting_as(by):
        for name in PERSONAL_TEXT_FIELDS:
            setattr(youth, name, "")
        youth.birth_date = None
        youth.source_key = ""
        youth.purged_at = timezone.now()
        youth.deleted_at = youth.deleted_at or youth.purged_at
        youth.deleted_by = youth.deleted_by or by
        youth.delete_reason = youth.delete_reason or _("Erased at the data subject's request")
        youth.version += 1
        youth.save()
        for group in youth.groups.all():
            for name in GROUP_DETAIL_FIELDS[group.group]:
                setattr(group, name, DETAIL_EMPTY[name])
            group.save()
        youth.needs.update(note="")
        youth.consents.update(guardian_name="", withdrawal_note="")
        # The audit rows hold earlier values of this record: erase them too, keep that it happened.
        erased = {"changes": None, "changes_text": "", "object_repr": "—", "serialized_data": None}
        LogEntry.objects.get_for_object(youth).update(**erased)
        LogEntry.objects.filter(additional_data__youth_id=youth.pk).update(**erased)
        RegistryAccess.objects.create(
            action=RegistryAccess.Action.PURGE, user=by, unit=youth.unit, record_count=1, record_ids=[youth.pk]
        )


def merge_youth(keep: Youth, remove: Youth, *, by) -> Youth:
    """Fold `remove` into `keep`: groups, needs and consents `keep` lacks move over; `remove`
    leaves the lists, pointing at `keep`, its history intact."""
    with transaction.atomic(), acting_as(by):
        for group in remove.groups.exclude(group__in=keep.groups.values("group")):
            group.youth = keep
            group.save()
        refresh_group_bits(keep)
        for need in remove.needs.exclude(need__in=keep.needs.values("need")):
            need.youth = keep
            need.save()
        remove.consents.update(youth=keep)
        for name in MERGE_FILL_FIELDS:
            if not getattr(keep, name) and getattr(remove, name):
                setattr(keep, name, getattr(remove, name))
        if remove.circumstances and remove.circumstances not in keep.circumstances:
            keep.circumstances = "\n".join(filter(None, [keep.circumstances, remove.circumstances]))
        keep.version += 1
        keep.save()
        refresh_consent_state(keep)
        remove.merged_into = keep
        remove.deleted_at = timezone.now()
        remove.deleted_by = by
        remove.delete_reason = _("Merged into record #%(pk)d") % {"pk": keep.pk}
        remove.version += 1
        remove.save()
        return keep


def refresh_consent_state(youth: Youth) -> None:
    consents = list(youth.consents.all())
    if not consents:
        state = ConsentState.NONE
    elif any(c.is_active for c in consents):
        state = ConsentState.GIVEN
    else:
        state = ConsentState.WITHDRAWN
    if youth.consent_state != state:
        youth.consent_state = state
        youth.save(update_fields=["consent_state"])


def record_consent(youth: Youth, data: dict[str, Any], *, by) -> Consent:
    with transaction.atomic(), acting_as(by):
        consent = Consent.objects.create(youth=youth, recorded_by=by, **data)
        refresh_consent_state(youth)
        return consent


def withdraw_consent(consent: Consent, *, on: datetime.date, note: str, by) -> None:
    """Record the withdrawal; a consent already withdrawn (by someone else, from a page opened
    before) keeps its date and note, and StaleEdit is raised."""
    with transaction.atomic(), acting_as(by):
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        if current.withdrawn_on is not None:
            raise StaleEdit
        current.withdrawn_on = on
        current.withdrawal_note = nfc(note)
        current.save(update_fields=["withdrawn_on", "withdrawal_note"])
        refresh_consent_state(consent.youth)


def log_full_view(youth: Youth, *, by) -> None:
    """Every view of a full record (sensitive details shown) leaves an ACCESS row. It keeps the
    record's unit path, so the audit trail shows it to the administrators of that subtree."""
    with acting_as(by):
        LogEntry.objects.log_create(
            youth,
            action=LogEntry.Action.ACCESS,
            force_log=True,
            changes=None,
            additional_data={"unit_path": youth.unit_path},
        )


def log_bulk_access(action: str, unit: Unit, ids: list[int], *, by, detail: str = "") -> RegistryAccess:
    return RegistryAccess.objects.create(
        action=action, user=by, unit=unit, record_count=len(ids), record_ids=ids, detail=detail[:255]
    )
