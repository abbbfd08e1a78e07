"""The evaluation pages: the pre-checks shown, assessing and deciding from the page, refusals,
the decision on the initiative's page and on the compliance board, and the queue."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from initiatives import services as initiative_services
from initiatives.choices import Outcome, Status
from recognition import services
from recognition.models import Decision, Evaluation, Inspection

pytestmark = pytest.mark.django_db


def evaluate_url(initiative, year: int = 2026) -> str:
    return f"{reverse('initiative_evaluate', args=[initiative.pk])}?year={year}"


def test_the_page_shows_what_the_system_knows(client, make_initiative, make_youth, persona, unit):
    initiative = make_initiative(status=Status.REPORTED, plan="", area="")
    officer = persona("officer_a")
    initiative_services.add_activity(
        initiative, {"held_on": datetime.date(2026, 5, 1), "description": "Buổi sinh hoạt"}, by=officer
    )
    helped, waiting = make_youth("Nguyễn Văn Ân"), make_youth("Lê Thị Bình")
    initiative_services.add_beneficiaries(initiative, [helped, waiting], by=officer)
    initiative_services.set_outcome(
        initiative.beneficiaries.get(youth=helped),
        outcome=Outcome.JOB,
        outcome_on=datetime.date(2026, 8, 1),
        note="",
        by=officer,
    )
    services.save_inspection(
        Inspection(
            unit=unit("18073"),
            initiative=initiative,
            year=2026,
            team="Đoàn kiểm tra",
            inspected_on=datetime.date(2026, 10, 20),
            beneficiaries_reported=2,
            beneficiaries_met=1,
            rating="good",
        ),
        by=persona("prov_officer"),
    )
    client.force_login(persona("prov_officer"))
    response = client.get(evaluate_url(initiative))
    assert response.status_code == 200
    page = response.content.decode()
    checks = response.context["checks"]
    assert checks["plan"] is False and checks["report_items"]["area"] is False
    assert [present for _label, present in response.context["report_items"]] == [
        True,  # name
        True,  # the unit's address
        False,  # area
        True,  # start date
        True,  # number supported
        True,  # form and content
        True,  # concrete results
    ]
    assert page.count("bi-x-square") == 2  # the plan and the area, shown missing
    assert (checks["activities"], checks["beneficiaries"], checks["beneficiaries_with_outcome"]) == (1, 2, 1)
    # Two recorded, twelve stated in the results report: both shown, neither hides the other.
    assert checks["supported_stated"] == initiative.supported_count == 12
    assert re.search(r'data-testid="check-supported">12<', page)
    assert checks["years_registered"] == [2026] and checks["years_active"] == 1
    inspection = response.context["inspection"]
    assert (inspection["date"], inspection["met"], inspection["reported"]) == (datetime.date(2026, 10, 20), 1, 2)
    assert "20/10/2026" in page
    # (b) and (c) pre-ticked from what the system knows: no plan, an incomplete report; (a) is the evaluator's.
    form = response.context["evaluation_form"]
    assert (form["effective"].value(), form["has_plan"].value(), form["has_report"].value()) == (False, False, False)


def test_a_complete_record_is_pre_ticked_for_b_and_c(client, make_initiative, persona):
    initiative = make_initiative(status=Status.REPORTED, plan="Kế hoạch số 5", area="Thôn 3")
    client.force_login(persona("prov_officer"))
    form = client.get(evaluate_url(initiative)).context["evaluation_form"]
    assert (form["effective"].value(), form["has_plan"].value(), form["has_report"].value()) == (False, True, True)


def test_several_evaluators_assess_from_the_page(client, make_initiative, persona):
    initiative = make_initiative(status=Status.REPORTED, plan="Kế hoạch số 5", area="Thôn 3")
    client.force_login(persona("prov_officer"))
    response = client.post(
        evaluate_url(initiative),
        {
            "part": "evaluation",
            "effective": "on",
            "has_plan": "on",
            "has_report": "on",
            "score": "85",
            "comment": "Tốt",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(evaluate_url(initiative))
    client.force_login(persona("prov_admin"))
    client.post(evaluate_url(initiative), {"part": "evaluation", "has_plan": "on", "comment": "Chưa duy trì đều"})
    rows = Evaluation.objects.filter(initiative=initiative, year=2026)
    assert rows.count() == 2
    assert rows.get(evaluator=persona("prov_officer")).meets_all
    page = client.get(evaluate_url(initiative))
    assert len(page.context["evaluations"]) == 2 and page.context["average_score"] == 85
    html = page.content.decode()
    assert "Người thử prov_officer" in html and "Chưa duy trì đều" in html
    # Opened again, the evaluator's own assessment is in the form, not the pre-ticks.
    form = page.context["evaluation_form"]
    assert (form["effective"].value(), form["has_plan"].value(), form["comment"].value()) == (
        False,
        True,
        "Chưa duy trì đều",
    )


def test_a_bad_score_keeps_what_was_typed(client, make_initiative, persona):
    initiative = make_initiative(status=Status.REPORTED)
    client.force_login(persona("prov_officer"))
    response = client.post(
        evaluate_url(initiative), {"part": "evaluation", "effective": "on", "score": "150", "comment": "Nhận xét dài"}
    )
    assert response.status_code == 200
    assert not Evaluation.objects.exists()
    assert response.context["evaluation_form"].errors["score"]
    assert "Nhận xét dài" in response.content.decode()


def test_the_decision_from_the_page_shows_on_the_initiative_and_the_board(
    client, make_initiative, persona, unit, programme_year
):
    programme_year(2026)
    initiative = make_initiative(status=Status.REPORTED)
    client.force_login(persona("prov_officer"))
    board = client.get(reverse("compliance_board", args=[2026]), {"unit": unit("42").pk}).content.decode()
    assert 'data-tile="recognised" data-count="0"' in board

    response = client.post(
        evaluate_url(initiative),
        {"part": "decision", "recognised": "yes", "reason": "Đạt cả ba tiêu chí.", "decided_at": ""},
    )
    assert response.status_code == 302
    decision = Decision.objects.get(initiative=initiative, year=2026)
    assert (decision.recognised, decision.decided_by, decision.reason) == (
        True,
        persona("prov_officer"),
        "Đạt cả ba tiêu chí.",
    )
    page = client.get(evaluate_url(initiative)).content.decode()
    assert 'data-testid="current-decision"' in page and "Đạt cả ba tiêu chí." in page

    detail = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert 'data-testid="decision-2026"' in detail and "Đạt cả ba tiêu chí." in detail
    assert reverse("library_detail", args=[initiative.pk]) in detail
    assert 'data-testid="evaluate-2026"' in detail  # the union above is offered the evaluation

    board = client.get(reverse("compliance_board", args=[2026]), {"unit": unit("42").pk}).content.decode()
    assert 'data-tile="recognised" data-count="1"' in board
    assert 'data-testid="recognised-none"' not in board

    # The implementing unit sees the decision, without the link to evaluate.
    client.force_login(persona("officer_a"))
    detail = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert 'data-testid="decision-2026"' in detail and 'data-testid="evaluate-2026"' not in detail


def test_a_decision_needs_its_reason_and_keeps_the_choice(client, make_initiative, persona):
    initiative = make_initiative(status=Status.REPORTED)
    client.force_login(persona("prov_officer"))
    response = client.post(
        evaluate_url(initiative), {"part": "decision", "recognised": "no", "reason": "   ", "decided_at": ""}
    )
    assert response.status_code == 200
    assert not Decision.objects.exists()
    form = response.context["decision_form"]
    assert form.errors["reason"] and form["recognised"].value() == "no"


def test_a_decision_recorded_meanwhile_is_not_overwritten(client, make_initiative, persona):
    initiative = make_initiative(status=Status.REPORTED)
    client.force_login(persona("prov_officer"))
    opened = client.get(evaluate_url(initiative)).context["decision_form"]["decided_at"].value()
    services.decide(initiative, 2026, recognised=False, reason="Không duy trì.", by=persona("prov_admin"))
    response = client.post(
        evaluate_url(initiative),
        {"part": "decision", "recognised": "yes", "reason": "Lý do tôi đã gõ", "decided_at": opened or ""},
    )
    assert response.status_code == 200
    decision = Decision.objects.get(initiative=initiative)
    assert (decision.recognised, decision.decided_by) == (False, persona("prov_admin"))
    page = response.content.decode()
    assert 'data-testid="decision-errors"' in page and "Lý do tôi đã gõ" in page
    # Saving again, on the decision now shown, replaces it.
    form = response.context["decision_form"]
    again = client.post(
        evaluate_url(initiative),
        {
            "part": "decision",
            "recognised": "yes",
            "reason": "Lý do tôi đã gõ",
            "decided_at": form["decided_at"].value(),
        },
    )
    assert again.status_code == 302
    assert Decision.objects.get(initiative=initiative).recognised is True


@pytest.mark.parametrize(("who", "status"), [("officer_a", 403), ("prov_viewer", 403), ("officer_b", 404)])
def test_only_the_union_above_opens_the_page(client, make_initiative, persona, who, status):
    initiative = make_initiative(status=Status.REPORTED)
    client.force_login(persona(who))
    assert client.get(evaluate_url(initiative)).status_code == status
    posted = client.post(evaluate_url(initiative), {"part": "decision", "recognised": "yes", "reason": "Đạt"})
    assert posted.status_code == status
    assert not Decision.objects.exists() and not Evaluation.objects.exists()


def test_an_initiative_not_reported_is_not_evaluated(client, make_initiative, persona):
    initiative = make_initiative(status=Status.UNDER_WAY)
    client.force_login(persona("prov_officer"))
    response = client.get(evaluate_url(initiative))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="not-evaluable"' in page and 'data-testid="prechecks"' in page
    assert 'data-testid="evaluation-form"' not in page and 'data-testid="decision-form"' not in page
    posted = client.post(evaluate_url(initiative), {"part": "decision", "recognised": "yes", "reason": "Đạt"})
    assert posted.status_code == 302
    assert not Decision.objects.exists()
    # Nor does its page show a recognition box yet.
    detail = client.get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert 'data-testid="recognition"' not in detail


def test_the_queue_lists_the_year_with_counts_and_decisions(
    client, make_initiative, persona, django_assert_max_num_queries
):
    decided = make_initiative("Mô hình đã công nhận", status=Status.REPORTED)
    waiting = make_initiative("Mô hình chờ đánh giá", status=Status.CLOSED)
    make_initiative("Mô hình đang làm", status=Status.UNDER_WAY)
    services.evaluate(
        decided, 2026, {"effective": True, "has_plan": True, "has_report": True}, by=persona("prov_admin")
    )
    services.decide(decided, 2026, recognised=True, reason="Đạt", by=persona("prov_officer"))
    client.force_login(persona("prov_officer"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("evaluation_list"), {"year": 2026})
    rows = {
        initiative.name: (initiative.evaluation_count, initiative.recognised_for_year, can)
        for initiative, can in response.context["rows"]
    }
    assert rows == {"Mô hình đã công nhận": (1, True, True), "Mô hình chờ đánh giá": (0, None, True)}
    assert {name: count for name, _label, count in response.context["states"]} == {
        "undecided": 1,
        "recognised": 1,
        "not_recognised": 0,
    }
    undecided = client.get(reverse("evaluation_list"), {"year": 2026, "state": "undecided"})
    assert [i.name for i, _can in undecided.context["rows"]] == [waiting.name]
    assert client.get(reverse("evaluation_list"), {"year": 2025}).context["rows"] == []

    # The implementing unit reads its own queue, without the links to evaluate; a stranger sees nothing of it.
    client.force_login(persona("officer_a"))
    own = client.get(reverse("evaluation_list"), {"year": 2026})
    assert {i.name for i, _can in own.context["rows"]} == {decided.name, waiting.name}
    assert 'data-testid="evaluate-link"' not in own.content.decode()
    client.force_login(persona("officer_b"))
    assert client.get(reverse("evaluation_list"), {"year": 2026}).context["rows"] == []


def test_the_queue_filters_by_unit_in_scope(client, make_initiative, persona, unit):
    make_initiative("Mô hình của Cẩm Bình", code="18685", status=Status.DRAFT)
    reported = make_initiative(status=Status.REPORTED)
    client.force_login(persona("prov_officer"))
    response = client.get(reverse("evaluation_list"), {"year": 2026, "unit": unit("18073").pk})
    assert [i.pk for i, _can in response.context["rows"]] == [reported.pk]
    client.force_login(persona("officer_b"))
    assert client.get(reverse("evaluation_list"), {"unit": unit("18073").pk}).status_code == 404
