"""Objects of recognition for the permission matrix, created on first use.

Each factory returns the URL kwargs of its object. Objects are those of commune A (Thành Sen),
so officer_b is the stranger. Each part keeps its factories in its own block below.
"""

from __future__ import annotations

# evaluation


def reported_initiative_a(name: str = "Mô hình thử ma trận (đánh giá)"):
    """Commune A's initiative for 2026 with its results reported and confirmed."""
    import datetime

    from accounts.models import User
    from initiatives import services, workflow
    from initiatives.choices import Status
    from initiatives.models import Initiative
    from initiatives.tests.conftest import complete_results
    from units.models import Unit

    found = Initiative.objects.filter(name=name).first()
    if found is not None and found.status == Status.REPORTED:
        return found
    if found is not None:
        found.delete()
    officer = User.objects.get(username="officer_a")
    province = User.objects.get(username="prov_officer")
    initiative = services.create_initiative(
        Unit.objects.in_force().get(code="18073"),
        {
            "name": name,
            "domain": "learning",
            "kind": "vocational",
            "person_in_charge": "Phan Thị Thu",
            "person_in_charge_phone": "0912345678",
            "area": "Tổ dân phố 3",
            "content": "Hướng nghiệp miễn phí cho thanh niên.",
            "expected_results": "20 thanh niên được hướng nghiệp.",
            "plan": "Kế hoạch số 12-KH/ĐTN.",
            "start_date": datetime.date(2026, 3, 1),
        },
        by=officer,
        groups=["unemployment"],
        years=[2026],
    )
    for action, who in (("submit", officer), ("accept", province), ("start", officer)):
        initiative = workflow.apply(initiative, action, by=who)
    complete_results(initiative, officer)  # results and the signed confirmation
    return workflow.apply(Initiative.objects.get(pk=initiative.pk), "report", by=officer)


def recognised_initiative_a():
    """Commune A's reported initiative, recognised for 2026 by the province."""
    from accounts.models import User
    from recognition.models import Decision

    initiative = reported_initiative_a("Mô hình thử ma trận (công nhận)")
    Decision.objects.update_or_create(
        initiative=initiative,
        year=2026,
        defaults={
            "recognised": True,
            "reason": "Đạt cả ba tiêu chí.",
            "decided_by": User.objects.get(username="prov_officer"),
        },
    )
    return initiative


def reported_kwargs():
    return {"pk": reported_initiative_a().pk}


def recognised_kwargs():
    return {"pk": recognised_initiative_a().pk}


# end of evaluation


# commendations


def commendation_a():
    """A commendation decided by commune A (Thành Sen) in 2026, created on first use."""
    import datetime

    from accounts.models import User
    from recognition import services
    from recognition.models import Commendation
    from units.models import Unit

    found = Commendation.objects.filter(decision_number="01-QĐ/ĐTN-ma-tran").first()
    if found is not None:
        return found
    unit = Unit.objects.in_force().get(code="18073")
    return services.save_commendation(
        Commendation(
            unit=unit,
            year=2026,
            level="commune",
            form="praise",
            recipient_kind="individual",
            recipient_name="Người Được Khen Ma Trận",
            recipient_unit=unit,
            reason="Tích cực hỗ trợ thanh niên yếu thế.",
            decision_number="01-QĐ/ĐTN-ma-tran",
            decision_date=datetime.date(2026, 5, 1),
        ),
        by=User.objects.get(username="officer_a"),
    )


def commendation_kwargs():
    return {"pk": commendation_a().pk}


# end of commendations


# inspections


def province_draw():
    """The province's current draw of three communes for 2026 (a fixed seed)."""
    from accounts.models import User
    from recognition import draws
    from recognition.models import Draw
    from units.models import Unit

    found = Draw.objects.filter(seed="ma-tran", replaced_by__isnull=True).first()
    if found is not None:
        return found
    province = Unit.objects.get(kind="province", code="42")
    return draws.create_draw(province, year=2026, size=3, seed="ma-tran", by=User.objects.get(username="prov_officer"))


def inspection_a():
    """The province's inspection of commune A in 2026."""
    import datetime

    from accounts.models import User
    from recognition import services
    from recognition.models import Inspection
    from units.models import Unit

    found = Inspection.objects.filter(team="Đoàn kiểm tra ma trận").first()
    if found is not None:
        return found
    inspection = Inspection(
        unit=Unit.objects.in_force().get(code="18073"),
        year=2026,
        team="Đoàn kiểm tra ma trận",
        inspected_on=datetime.date(2026, 5, 4),
        rating="good",
    )
    return services.save_inspection(inspection, by=User.objects.get(username="prov_officer"))


def follow_up_a():
    """An open follow-up action of the inspection of commune A (reopened if a test closed it)."""
    import datetime

    from recognition.models import FollowUp

    inspection = inspection_a()
    found = inspection.follow_ups.first()
    if found is None:
        found = FollowUp.objects.create(
            inspection=inspection, action="Bổ sung sổ theo dõi", owner="Bí thư Đoàn", due_on=datetime.date(2026, 6, 30)
        )
    if not found.is_open:
        found.done_on = None
        found.save()
    return found


def draw_kwargs():
    return {"pk": province_draw().pk}


def inspection_kwargs():
    return {"pk": inspection_a().pk}


def follow_up_kwargs():
    return {"pk": follow_up_a().pk}


# end of inspections
