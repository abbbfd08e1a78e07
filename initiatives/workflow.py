"""The lifecycle's one entry point: every transition goes through `apply`, from pages and API.

draft → registered → accepted → under way → reported → closed; the union above may return a
registration (→ returned, then resubmitted) or a results report (→ under way). The model's
django-fsm-2 transitions say which move is open from which state to whom (`is_implementer`,
`is_reviewer`) and under what conditions; here the row is locked, the version checked, the
move recorded with who, when and the comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from core.auditing import acting_as
from core.vntext import nfc
from initiatives.models import Initiative, Transition, has_results, has_years, is_confirmed


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    # The union above acts (accept, return, close); otherwise the implementing unit.
    by_reviewer: bool = False
    needs_comment: bool = False
    style: str = "primary"


ACTIONS: dict[str, Action] = {
    action.name: action
    for action in [
        Action("submit", _("Submit to the union above")),
        Action("resubmit", _("Resubmit")),
        Action("accept", _("Accept"), by_reviewer=True, style="success"),
        Action("return_for_changes", _("Return for changes"), by_reviewer=True, needs_comment=True, style="warning"),
        Action("start", _("Start carrying it out")),
        Action("report", _("Report the results")),
        Action("return_results", _("Return the results"), by_reviewer=True, needs_comment=True, style="warning"),
        Action("close", _("Close the initiative"), by_reviewer=True, style="success"),
    ]
}


class TransitionRefused(Exception):
    """The move is not open from this state, or its conditions are not met; `message` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def permitted(initiative: Initiative, action: str, user) -> bool:
    """Open from the current state and to this user (conditions aside: they are explained)."""
    meta = getattr(initiative, action)._django_fsm
    state = meta.field.get_state(initiative)
    return bool(meta.has_transition(state) and meta.has_transition_perm(initiative, state, user))


def available_actions(initiative: Initiative, user) -> list[Action]:
    """The moves this user may make now, for the buttons on the page."""
    found = []
    for action in ACTIONS.values():
        if permitted(initiative, action.name, user):
            found.append(action)
    return found


def missing_conditions(initiative: Initiative, action: str) -> list[str]:
    """What must be done before `action` (empty when nothing is missing)."""
    missing = []
    if action in ("submit", "resubmit") and not has_years(initiative):
        missing.append(str(_("Choose the year(s) the initiative is registered for.")))
    if action == "report":
        if not has_results(initiative):
            missing.append(str(_("Fill in the results and the number of disadvantaged youth supported.")))
        if not is_confirmed(initiative):
            missing.append(str(_("Record the local government's confirmation with the scan of the signed page.")))
    return missing


def apply(
    initiative: Initiative, action: str, *, by, comment: str = "", expected_version: int | None = None
) -> Initiative:
    """Make the move, or raise PermissionDenied (wrong role or unit) or TransitionRefused."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise TransitionRefused(_("Unknown action."))
    comment = nfc(comment or "").strip()
    with transaction.atomic(), acting_as(by):
        current = Initiative.objects.select_for_update().select_related("unit").get(pk=initiative.pk)
        method = getattr(current, action)
        if not permitted(current, action, by):
            if can_proceed(method, check_conditions=False):
                raise PermissionDenied
            raise TransitionRefused(
                _("This step is not open while the initiative is “%(status)s”.")
                % {"status": current.get_status_display()}
            )
        if expected_version is not None and current.version != expected_version:
            raise TransitionRefused(
                _("The initiative was changed by someone else in the meantime. Check it and try again.")
            )
        if spec.needs_comment and not comment:
            raise TransitionRefused(_("Say what must be changed: a comment is required."))
        missing = missing_conditions(current, action)
        if missing:
            raise TransitionRefused(" ".join(missing))
        source = current.status
        method()
        if action == "accept" and current.accepted_at is None:
            current.accepted_at = timezone.now()
        current.version += 1
        current.save()
        Transition.objects.create(
            initiative=current, action=action, source=source, target=current.status, comment=comment, by=by
        )
    return current
