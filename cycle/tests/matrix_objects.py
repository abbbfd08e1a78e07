"""Objects of the yearly cycle for the permission matrix, created on first use.

Each factory returns the URL kwargs of its object. Objects are those of commune A (Thành Sen),
so officer_b is the stranger.
"""

from __future__ import annotations

from accounts.models import User
from cycle import services
from cycle.models import Kind, Period, ProgrammeYear, Submission
from units.models import Unit

YEAR = 2026


def programme_year(year: int = YEAR) -> ProgrammeYear:
    period, _created = Period.objects.get_or_create(
        name="Giai đoạn 2026–2030", defaults={"start_year": 2026, "end_year": 2030}
    )
    found = ProgrammeYear.objects.filter(year=year).first()
    return found or ProgrammeYear.objects.create(
        period=period, year=year, registration_deadline=None, results_deadline=None
    )


def year_kwargs():
    """A factory for the matrix: {"year": 2026}, the year created if missing."""
    return {"year": programme_year().year}


def with_a_year():
    """A factory for URLs without kwargs that behave differently once a year exists."""
    programme_year()
    return {}


def submission_a() -> Submission:
    """Commune A's registration for 2026, awaiting the union above."""
    from initiatives.choices import Status
    from initiatives.tests.matrix_objects import initiative_a

    year = programme_year()
    unit = Unit.objects.in_force().get(code="18073")
    latest = services.latest(unit, year, Kind.REGISTRATION)
    if latest is not None and latest.status == Submission.Status.SUBMITTED:
        return latest
    initiative_a(Status.REGISTERED)
    return services.submit(unit, year, Kind.REGISTRATION, by=User.objects.get(username="officer_a"))


def submission_kwargs():
    return {"pk": submission_a().pk}
