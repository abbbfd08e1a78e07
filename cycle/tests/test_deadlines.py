"""Deadline arithmetic in Asia/Ho_Chi_Minh: a deadline is a calendar day there."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from cycle import deadlines, services
from cycle.models import Kind, Timeliness

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=HCM)


def test_default_deadlines_are_the_guidelines(programme_year):
    year = programme_year(2026)
    assert year.registration_deadline == datetime.date(2026, 3, 20)
    assert year.results_deadline == datetime.date(2026, 10, 10)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 3, 20, 23, 59, 59), Timeliness.ON_TIME),
        (at(2026, 3, 21, 0, 0, 0), Timeliness.LATE),
        # 17:30 UTC on the 20th is already 00:30 on the 21st in Hà Tĩnh: late.
        (datetime.datetime(2026, 3, 20, 17, 30, tzinfo=datetime.UTC), Timeliness.LATE),
        # 16:59 UTC on the 20th is 23:59 there: on time.
        (datetime.datetime(2026, 3, 20, 16, 59, tzinfo=datetime.UTC), Timeliness.ON_TIME),
    ],
)
def test_a_submission_on_the_deadline_day_is_on_time_in_local_time(programme_year, unit, moment, expected):
    year = programme_year(2026)
    assert deadlines.timeliness(year, Kind.REGISTRATION, unit("18073"), moment) == expected


def test_an_extension_makes_a_late_submission_within_the_extension(programme_year, unit, persona):
    year = programme_year(2026)
    services.grant_extension(
        unit("18073"),
        year,
        Kind.RESULTS,
        until=datetime.date(2026, 10, 20),
        reason="Bão lũ",
        by=persona("prov_officer"),
    )
    assert deadlines.timeliness(year, Kind.RESULTS, unit("18073"), at(2026, 10, 15, 9)) == Timeliness.EXTENDED
    assert deadlines.timeliness(year, Kind.RESULTS, unit("18073"), at(2026, 10, 21, 9)) == Timeliness.LATE
    # Only for that unit.
    assert deadlines.timeliness(year, Kind.RESULTS, unit("18685"), at(2026, 10, 15, 9)) == Timeliness.LATE


def test_only_the_union_above_grants_an_extension(programme_year, unit, persona):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.grant_extension(
            unit("18073"),
            programme_year(2026),
            Kind.RESULTS,
            until=datetime.date(2026, 11, 1),
            reason="x",
            by=persona("officer_a"),
        )


def test_days_left():
    assert deadlines.days_left(datetime.date(2026, 3, 20), datetime.date(2026, 3, 6)) == 14
    assert deadlines.days_left(datetime.date(2026, 3, 20), datetime.date(2026, 3, 21)) == -1
