"""Pre-checks, evaluations by several evaluators, the decision, and the compliance board's count."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cycle import compliance
from initiatives import services as initiative_services
from initiatives.choices import Status
from initiatives.services import StaleEdit
from recognition import prechecks, services
from recognition.models import Decision, Evaluation

pytestmark = pytest.mark.django_db


def test_prechecks_say_what_the_system_knows(make_initiative, persona):
    initiative = make_initiative(status=Status.REPORTED, area="Tổ dân phố 5", plan="")
    found = prechecks.prechecks(initiative, 2026)
    assert found["plan"] is False
    assert found["report_items"] == {
        "name": True,
        "address": True,
        "area": True,
        "start_date": True,
        "supported_count": True,
        "content": True,
        "results": True,
    }
    assert found["report_complete"] and found["confirmed"]
    assert found["years_registered"] == [2026] and found["years_active"] == 1
    initiative_services.update_initiative(
        initiative, {"plan": "Kế hoạch số 12"}, expected_version=initiative.version, by=persona("officer_a")
    )
    initiative.refresh_from_db()
    assert prechecks.prechecks(initiative, 2026)["plan"] is True


def test_several_evaluators_score_and_the_decision_feeds_the_board(make_initiative, persona, unit, programme_year):
    initiative = make_initiative(status=Status.REPORTED, area="Thôn 3")
    year = programme_year(2026)
    services.evaluate(
        initiative,
        2026,
        {"effective": True, "has_plan": True, "has_report": True, "score": 90},
        by=persona("prov_officer"),
    )
    services.evaluate(
        initiative,
        2026,
        {"effective": True, "has_plan": False, "has_report": True, "comment": "Thiếu kế hoạch"},
        by=persona("prov_admin"),
    )
    assert Evaluation.objects.filter(initiative=initiative).count() == 2
    # The same evaluator again changes their own row.
    services.evaluate(
        initiative, 2026, {"effective": True, "has_plan": True, "has_report": True}, by=persona("prov_admin")
    )
    assert Evaluation.objects.filter(initiative=initiative).count() == 2
    assert Evaluation.objects.get(evaluator=persona("prov_admin")).prechecks["report_complete"] is True

    before = compliance.summary(compliance.rows(unit("42"), year)).recognised
    decision = services.decide(
        initiative, 2026, recognised=True, reason="Đạt cả ba tiêu chí.", by=persona("prov_officer")
    )
    assert (decision.decided_by, decision.unit) == (persona("prov_officer"), unit("18073"))
    rows = compliance.rows(unit("42"), year)
    assert compliance.summary(rows).recognised == before + 1
    assert [r.unit_id for r in compliance.select(rows, "recognised")] == [unit("18073").pk]
    services.decide(
        initiative, 2026, recognised=False, reason="Kiểm tra lại: không duy trì.", by=persona("prov_officer")
    )
    assert Decision.objects.filter(initiative=initiative).count() == 1
    assert compliance.summary(compliance.rows(unit("42"), year)).recognised == before


def test_a_decision_on_a_stale_reading_is_refused(make_initiative, persona):
    """The decider's reading is checked inside the locked transaction, not before it."""
    initiative = make_initiative(status=Status.REPORTED, area="Thôn 3")
    first = services.decide(initiative, 2026, recognised=True, reason="Đạt.", by=persona("prov_officer"), expected="")
    # A second evaluator opened the page before the first decision: they saw none.
    with pytest.raises(StaleEdit):
        services.decide(initiative, 2026, recognised=False, reason="Không đạt.", by=persona("prov_admin"), expected="")
    kept = Decision.objects.get(initiative=initiative, year=2026)
    assert (kept.recognised, kept.reason, kept.decided_by) == (True, "Đạt.", persona("prov_officer"))
    # On the current reading the change goes through.
    services.decide(
        initiative,
        2026,
        recognised=False,
        reason="Không đạt.",
        by=persona("prov_admin"),
        expected=services.decision_stamp(first),
    )
    assert Decision.objects.get(initiative=initiative, year=2026).recognised is False


@pytest.mark.parametrize("who", ["officer_a", "admin_a", "viewer_a", "prov_viewer", "officer_b"])
def test_only_the_union_above_evaluates_and_decides(make_initiative, persona, who):
    initiative = make_initiative(status=Status.REPORTED)
    with pytest.raises(PermissionDenied):
        services.evaluate(initiative, 2026, {"effective": True}, by=persona(who))
    with pytest.raises(PermissionDenied):
        services.decide(initiative, 2026, recognised=True, reason="x", by=persona(who))


def test_a_decision_needs_reported_results_a_reason_and_a_registered_year(make_initiative, persona):
    under_way = make_initiative(status=Status.UNDER_WAY)
    with pytest.raises(ValidationError):
        services.decide(under_way, 2026, recognised=True, reason="x", by=persona("prov_officer"))
    reported = make_initiative("Khác", status=Status.REPORTED)
    with pytest.raises(ValidationError):
        services.decide(reported, 2026, recognised=True, reason="  ", by=persona("prov_officer"))
    with pytest.raises(ValidationError):
        services.decide(reported, 2024, recognised=True, reason="Đạt", by=persona("prov_officer"))


def test_an_inspection_by_the_union_above_with_follow_ups(make_initiative, persona, unit):
    from recognition.models import Inspection

    initiative = make_initiative(status=Status.REPORTED)
    inspection = Inspection(
        unit=unit("18073"),
        initiative=initiative,
        year=2026,
        team="Nguyễn Văn A\nTrần Thị B",
        inspected_on=datetime.date(2026, 10, 20),
        initiative_exists=True,
        plan_exists=True,
        beneficiaries_reported=12,
        beneficiaries_met=8,
        evidence_checked=True,
        findings="Tốt",
        rating="good",
    )
    services.save_inspection(inspection, by=persona("prov_officer"))
    assert inspection.inspected_by == unit("42")
    follow = services.add_follow_up(
        inspection,
        {"action": "Bổ sung sổ theo dõi", "owner": "Bí thư Đoàn", "due_on": datetime.date(2026, 11, 30)},
        by=persona("prov_officer"),
    )
    assert follow.is_open
    services.close_follow_up(follow, done_on=datetime.date(2026, 11, 25), by=persona("officer_a"))
    follow.refresh_from_db()
    assert not follow.is_open
    assert prechecks.prechecks(initiative, 2026)["inspection"]["met"] == 8
    with pytest.raises(PermissionDenied):  # the unit does not inspect itself
        services.save_inspection(
            Inspection(unit=unit("18073"), year=2026, team="x", inspected_on=datetime.date(2026, 10, 1)),
            by=persona("officer_a"),
        )
    bad = Inspection(
        unit=unit("18073"),
        year=2026,
        team="x",
        inspected_on=datetime.date(2026, 10, 1),
        beneficiaries_reported=2,
        beneficiaries_met=3,
    )
    with pytest.raises(ValidationError):
        services.save_inspection(bad, by=persona("prov_officer"))
