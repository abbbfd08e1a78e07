"""Evaluations and decisions, inspections and follow-ups, commendations: named, audited writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import ROLE_CAPABILITIES
from core.auditing import acting_as
from core.vntext import nfc, nfc_text
from initiatives.choices import REPORTED_STATUSES
from initiatives.models import Initiative
from initiatives.services import StaleEdit
from recognition.models import Commendation, Decision, Evaluation, FollowUp, Inspection
from recognition.prechecks import prechecks
from units.models import Unit
from units.scoping import Capability, reviews

# An initiative is evaluated once its results are reported.
EVALUABLE = REPORTED_STATUSES


def may_evaluate(user, initiative: Initiative) -> bool:
    """The union above (or the province) evaluates; never the implementing unit itself."""
    return reviews(user, initiative.unit_path, Unit.steplen)


def _check(user, initiative: Initiative) -> None:
    if not may_evaluate(user, initiative):
        raise PermissionDenied
    if initiative.status not in EVALUABLE:
        raise ValidationError(_("Only an initiative whose results are reported can be evaluated."))


def evaluate(initiative: Initiative, year: int, data: dict[str, Any], *, by) -> Evaluation:
    """Record (or change) this evaluator's assessment; several evaluators may score."""
    _check(by, initiative)
    fields: dict[str, Any] = {k: data[k] for k in ("effective", "has_plan", "has_report", "score") if k in data}
    fields["comment"] = nfc_text(data.get("comment", ""))
    with transaction.atomic(), acting_as(by):
        evaluation, _created = Evaluation.objects.update_or_create(
            initiative=initiative,
            year=year,
            evaluator=by,
            defaults={**fields, "prechecks": prechecks(initiative, year)},
        )
    return evaluation


def decision_stamp(decision: Decision | None) -> str:
    """The version of a decision a form was opened on: when it was last recorded ("" for none)."""
    return decision.decided_at.isoformat() if decision else ""


def decide(
    initiative: Initiative, year: int, *, recognised: bool, reason: str, by, expected: str | None = None
) -> Decision:
    """Recognised or not for `year`, with the reason; a later decision replaces it (audited).

    `expected` is the `decision_stamp` the decider saw: if another decision was recorded since,
    StaleEdit is raised and nothing is saved. The check runs under a lock on the initiative's
    row, so two deciders of the same initiative (with or without a decision yet) take turns.
    """
    _check(by, initiative)
    reason = nfc_text(reason)
    if not reason:
        raise ValidationError(_("Give the reason for the decision."))
    if year not in initiative.years.values_list("year", flat=True):
        raise ValidationError(_("The initiative is not registered for %(year)s.") % {"year": year})
    with transaction.atomic(), acting_as(by):
        list(Initiative.objects.select_for_update().filter(pk=initiative.pk).values_list("pk", flat=True))
        if expected is not None:
            current = Decision.objects.filter(initiative=initiative, year=year).first()
            if decision_stamp(current) != expected:
                raise StaleEdit
        decision, _created = Decision.objects.update_or_create(
            initiative=initiative,
            year=year,
            defaults={"recognised": recognised, "reason": reason, "decided_by": by},
        )
    return decision


def inspecting_unit(user, unit: Unit) -> Unit:
    """The union the user inspects for: their highest unit above (or at the top) of `unit`."""
    for membership in user.active_memberships:
        path = membership.unit.path
        above = unit.path.startswith(path) and (len(path) < len(unit.path) or len(path) == Unit.steplen)
        if above and Capability.WRITE in ROLE_CAPABILITIES[membership.role]:
            return membership.unit
    raise PermissionDenied


def save_inspection(inspection: Inspection, *, by, expected_version: int | None = None) -> Inspection:
    """Create or update an inspection; only a union above the inspected unit inspects it."""
    inspection.inspected_by = inspecting_unit(by, inspection.unit)
    inspection.team = nfc_text(inspection.team)
    inspection.findings = nfc_text(inspection.findings)
    if inspection.beneficiaries_met > inspection.beneficiaries_reported:
        raise ValidationError(_("The team cannot have met more beneficiaries than were reported."))
    initiative = inspection.initiative
    if initiative is not None and not initiative.unit_path.startswith(inspection.unit.path):
        raise ValidationError(_("The initiative does not belong to the inspected unit."))
    with transaction.atomic(), acting_as(by):
        if inspection.pk:
            current = Inspection.objects.select_for_update().get(pk=inspection.pk)
            if expected_version is not None and current.version != expected_version:
                raise StaleEdit
            inspection.version = current.version + 1
        else:
            inspection.created_by = by
        inspection.save()
    return inspection


def add_follow_up(inspection: Inspection, data: dict[str, Any], *, by) -> FollowUp:
    inspecting_unit(by, inspection.unit)
    with transaction.atomic(), acting_as(by):
        return FollowUp.objects.create(
            inspection=inspection,
            action=nfc_text(data["action"]),
            owner=nfc(data["owner"]),
            due_on=data["due_on"],
            note=nfc_text(data.get("note", "")),
        )


def close_follow_up(follow_up: FollowUp, *, done_on, note: str = "", by) -> FollowUp:
    """Tracked to closure: the inspecting union or the inspected unit records it done."""
    if not by.can(Capability.WRITE, follow_up.inspection.unit):
        raise PermissionDenied
    with transaction.atomic(), acting_as(by):
        follow_up.done_on = done_on
        if note:
            follow_up.note = nfc_text(note)
        follow_up.save()
    return follow_up


def save_commendation(commendation: Commendation, initiatives: list[Initiative] | None = None, *, by) -> Commendation:
    if not by.can(Capability.WRITE, commendation.unit):
        raise PermissionDenied
    commendation.recipient_name = nfc(commendation.recipient_name)
    commendation.reason = nfc_text(commendation.reason)
    commendation.decision_number = nfc(commendation.decision_number)
    with transaction.atomic(), acting_as(by):
        if initiatives is not None:
            # A new link must be to an initiative the user may see; links made by a union above
            # that this user cannot see are kept as they are.
            linked = set(commendation.initiatives.values_list("pk", flat=True)) if commendation.pk else set()
            new = {i.pk for i in initiatives} - linked
            visible = set(Initiative.objects.visible_to(by).filter(pk__in=new).values_list("pk", flat=True))
            if new - visible:
                raise ValidationError(_("A linked initiative is not one you may see."))
        if not commendation.pk:
            commendation.created_by = by
        commendation.save()
        if initiatives is not None:
            commendation.initiatives.set(initiatives)
    return commendation


def delete_commendation(commendation: Commendation, *, by) -> None:
    if not by.can(Capability.WRITE, commendation.unit):
        raise PermissionDenied
    with transaction.atomic(), acting_as(by):
        commendation.delete()
