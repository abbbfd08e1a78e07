"""Every transition × every persona, the conditions, the record of each move."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from initiatives import services, workflow
from initiatives.choices import Status
from initiatives.models import Initiative, Transition
from initiatives.tests.conftest import complete_results

pytestmark = pytest.mark.django_db

IMPLEMENTERS = {"officer_a", "admin_a"}
REVIEWERS = {"prov_officer", "prov_admin"}
ALL = ["prov_admin", "prov_officer", "prov_viewer", "officer_a", "officer_b", "viewer_a", "admin_a"]

# action -> (source status, target status, who may)
MOVES = {
    "submit": (Status.DRAFT, Status.REGISTERED, IMPLEMENTERS),
    "resubmit": (Status.RETURNED, Status.REGISTERED, IMPLEMENTERS),
    "accept": (Status.REGISTERED, Status.ACCEPTED, REVIEWERS),
    "return_for_changes": (Status.REGISTERED, Status.RETURNED, REVIEWERS),
    "start": (Status.ACCEPTED, Status.UNDER_WAY, IMPLEMENTERS),
    "report": (Status.UNDER_WAY, Status.REPORTED, IMPLEMENTERS),
    "return_results": (Status.REPORTED, Status.UNDER_WAY, REVIEWERS),
    "close": (Status.REPORTED, Status.CLOSED, REVIEWERS),
}


def test_every_action_is_tested():
    assert set(MOVES) == set(workflow.ACTIONS)


@pytest.mark.parametrize("who", ALL)
@pytest.mark.parametrize("action", list(MOVES))
def test_each_transition_is_open_only_to_the_right_role_at_the_right_unit(make_initiative, persona, action, who):
    source, target, allowed = MOVES[action]
    initiative = make_initiative(status=source)
    if action == "report":
        complete_results(initiative, persona("officer_a"))
    user = persona(who)
    offered = [a.name for a in workflow.available_actions(Initiative.objects.get(pk=initiative.pk), user)]
    if who in allowed:
        assert action in offered
        moved = workflow.apply(initiative, action, by=user, comment="Đề nghị bổ sung số liệu.")
        assert moved.status == target
        last = Transition.objects.filter(initiative=initiative).last()
        assert (last.action, last.source, last.target, last.by) == (action, source, target, user)
        assert last.comment == "Đề nghị bổ sung số liệu."
    else:
        assert action not in offered
        with pytest.raises(PermissionDenied):
            workflow.apply(initiative, action, by=user, comment="x")
        assert Initiative.objects.get(pk=initiative.pk).status == source


@pytest.mark.parametrize("action", list(MOVES))
def test_a_move_from_the_wrong_state_is_refused_with_a_reason(make_initiative, persona, action):
    source, _target, allowed = MOVES[action]
    wrong = Status.CLOSED if source != Status.CLOSED else Status.DRAFT
    initiative = make_initiative(status=wrong)
    who = sorted(allowed)[0]
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(initiative, action, by=persona(who), comment="x")


def test_returning_needs_a_comment(make_initiative, persona):
    initiative = make_initiative(status=Status.REGISTERED)
    with translation.override("en"), pytest.raises(workflow.TransitionRefused, match="comment"):
        workflow.apply(initiative, "return_for_changes", by=persona("prov_officer"), comment="  ")
    assert Initiative.objects.get(pk=initiative.pk).status == Status.REGISTERED


def test_submit_needs_a_year(make_initiative, persona):
    initiative = make_initiative()
    services.update_initiative(initiative, {}, years=[], expected_version=initiative.version, by=persona("officer_a"))
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(initiative, "submit", by=persona("officer_a"))


def test_report_needs_results_and_the_local_government_confirmation(make_initiative, persona):
    initiative = make_initiative(status=Status.UNDER_WAY)
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.apply(initiative, "report", by=persona("officer_a"))
    assert "confirmation" in refused.value.message.lower() or "xác nhận" in refused.value.message.lower()
    complete_results(initiative, persona("officer_a"))
    assert workflow.apply(initiative, "report", by=persona("officer_a")).status == Status.REPORTED


def test_a_move_based_on_an_old_version_is_refused(make_initiative, persona):
    initiative = make_initiative(status=Status.REGISTERED)
    seen = initiative.version
    services.update_initiative(initiative, {"area": "Tổ dân phố 3"}, expected_version=seen, by=persona("officer_a"))
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(initiative, "accept", by=persona("prov_officer"), expected_version=seen)


def test_acceptance_time_is_kept_for_tracking_later_changes(make_initiative):
    initiative = make_initiative(status=Status.ACCEPTED)
    assert initiative.accepted_at is not None


def test_the_top_unit_reviews_its_own(persona, unit):
    initiative = services.create_initiative(
        unit("42"),
        {
            "name": "Quỹ hỗ trợ thanh niên yếu thế",
            "domain": "livelihood",
            "kind": "fund",
            "person_in_charge": "A",
            "content": "c",
            "expected_results": "e",
        },
        by=persona("prov_officer"),
        years=[2026],
    )
    initiative = workflow.apply(initiative, "submit", by=persona("prov_officer"))
    assert workflow.apply(initiative, "accept", by=persona("prov_admin")).status == Status.ACCEPTED
