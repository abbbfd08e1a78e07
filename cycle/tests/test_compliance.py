"""Compliance: the grouped query against a naive oracle, over randomly generated trees and data.

The tiles (summary), the lists (select) and the export all read `compliance.rows`; here the
rows are checked unit by unit against the plain definition, and the tiles against the lists.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from cycle import compliance
from cycle.models import Kind, Period, ProgrammeYear, Submission, Timeliness
from initiatives.choices import REGISTERED_STATUSES, Status
from initiatives.models import Initiative, InitiativeYear
from units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

STATUSES = [s.value for s in Status]


def oracle(commune: Unit, year: int) -> tuple[int, int]:
    """Registered and reported initiatives of the year, counted the plain way."""
    mine = Initiative.objects.filter(unit_path__startswith=commune.path, years__year=year).distinct()
    return (
        mine.filter(status__in=REGISTERED_STATUSES).count(),
        mine.filter(status__in=[Status.REPORTED, Status.CLOSED]).count(),
    )


# A world: a few new communes (some with branches), each with initiatives of random status and
# years, and maybe a submission.
commune_spec = st.tuples(
    st.integers(0, 2),  # branches
    st.lists(st.tuples(st.sampled_from(STATUSES), st.sampled_from([2025, 2026]), st.integers(0, 2)), max_size=4),
    st.sampled_from([None, Timeliness.ON_TIME, Timeliness.LATE]),
    st.booleans(),  # closed before the year (not in force)
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(commune_spec, min_size=1, max_size=6), st.sampled_from(["district", "province"]))
def test_rows_tiles_and_lists_agree_with_the_plain_definition(world, where):
    with transaction.atomic():
        period, _ = Period.objects.get_or_create(name="P", start_year=2025, end_year=2030)
        year, last_year = (
            ProgrammeYear.objects.get_or_create(
                year=number, defaults={"period": period, "registration_deadline": None, "results_deadline": None}
            )[0]
            for number in (2026, 2025)
        )
        province = Unit.objects.get(kind=UnitKind.PROVINCE, code="42")
        top = (
            province
            if where == "province"
            else Unit.objects.add_child(province, create_kwargs={"kind": UnitKind.DISTRICT, "name": "Huyện đoàn thử"})
        )
        officer = User.objects.get(username="prov_officer")
        made = []
        for n, (branches, initiatives, submitted, closed) in enumerate(world):
            commune = Unit.objects.add_child(
                top,
                create_kwargs={
                    "kind": UnitKind.COMMUNE,
                    "name": f"Đoàn xã Thử {n}",
                    "code": f"T{n}",
                    "valid_to": datetime.date(2025, 6, 30) if closed else None,
                },
            )
            homes = [commune] + [
                Unit.objects.add_child(commune, create_kwargs={"kind": UnitKind.BRANCH, "name": f"Chi đoàn {b}"})
                for b in range(branches)
            ]
            for status, y, home in initiatives:
                initiative = Initiative.objects.create(
                    unit=homes[min(home, len(homes) - 1)],
                    name="Mô hình",
                    domain="health",
                    kind="therapy",
                    person_in_charge="A",
                    content="c",
                    expected_results="e",
                    status=status,
                )
                InitiativeYear.objects.create(initiative=initiative, year=y)
            if submitted:
                # Sent late in 2025 and returned, then again in 2026: each year keeps its newest.
                for version, (sent_in, timeliness) in enumerate(
                    ((last_year, Timeliness.LATE), (year, Timeliness.LATE), (year, submitted)), start=1
                ):
                    Submission.objects.create(
                        unit=commune,
                        year=sent_in,
                        kind=Kind.REGISTRATION,
                        version=version if sent_in == year else 1,
                        timeliness=timeliness,
                        submitted_at=datetime.datetime(sent_in.year, 3, 1, tzinfo=datetime.UTC),
                        submitted_by=officer,
                        snapshot={},
                        content_hash="0" * 64,
                    )
            made.append((commune, closed, submitted))
        today = datetime.date(2026, 4, 1)  # registration deadline passed, results not yet
        rows = compliance.rows(top, year, today=today)
        by_id = {row.unit_id: row for row in rows}
        for commune, closed, submitted in made:
            if closed:
                assert commune.pk not in by_id  # not in force in 2026
                continue
            row = by_id[commune.pk]
            assert (row.registered, row.reported) == oracle(commune, 2026)
            assert row.submissions[Kind.REGISTRATION] == (submitted or Timeliness.MISSING)
            assert row.submissions[Kind.RESULTS] == compliance.PENDING
        # Every commune in force under top (the real ones too when top is the province).
        assert set(by_id) == set(compliance.communes(top, 2026).values_list("pk", flat=True))
        summary = compliance.summary(rows)
        for name in compliance.FILTERS:
            assert summary.counts[name] == len(compliance.select(rows, name))
        assert summary.registered == sum(1 for row in rows if oracle(Unit.objects.get(pk=row.unit_id), 2026)[0] > 0)
        assert summary.registered + summary.counts["not_registered"] == summary.units
        # Both years read at once (the board and its trend) are each year read alone.
        both = compliance.rows_by_year(top, [last_year, year], today=today)
        assert both == {2025: compliance.rows(top, last_year, today=today), 2026: rows}
        in_2025 = {row.unit_id: row for row in both[2025]}
        for commune, _closed, submitted in made:
            row = in_2025[commune.pk]  # in force in 2025, closed or not
            assert (row.registered, row.reported) == oracle(commune, 2025)
            assert row.submissions[Kind.REGISTRATION] == (Timeliness.LATE if submitted else Timeliness.MISSING)
        transaction.set_rollback(True)
