"""Submissions: snapshots, versions, returns, who may do what."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from cycle import services, snapshots
from cycle.models import Kind, Notification, Submission, Timeliness
from initiatives.choices import Status

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_registration_freezes_the_years_registered_initiatives(programme_year, make_initiative, unit, persona):
    year = programme_year(2026)
    registered = make_initiative("Câu lạc bộ A", status=Status.REGISTERED)
    make_initiative("Bản nháp B")  # a draft is not registered
    submission = services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    assert [row["id"] for row in submission.snapshot["initiatives"]] == [registered.pk]
    assert submission.version == 1 and submission.status == Submission.Status.SUBMITTED
    assert submission.content_hash == snapshots.content_hash(submission.snapshot)
    assert len(submission.content_hash) == 64


def test_nothing_registered_cannot_be_submitted(programme_year, unit, persona):
    with pytest.raises(services.SubmissionRefused):
        services.submit(unit("18073"), programme_year(2026), Kind.REGISTRATION, by=persona("officer_a"))


def test_return_then_resubmit_makes_a_new_version_and_notifies(programme_year, make_initiative, unit, persona):
    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    first = services.submit(
        unit("18073"),
        year,
        Kind.REGISTRATION,
        by=persona("officer_a"),
        at=datetime.datetime(2026, 3, 10, 9, tzinfo=HCM),
    )
    assert first.timeliness == Timeliness.ON_TIME
    with pytest.raises(services.SubmissionRefused):  # one pending version at a time
        services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    with pytest.raises(services.SubmissionRefused):  # a return needs its reason
        services.review(first, accept=False, comment=" ", by=persona("prov_officer"))
    returned = services.review(first, accept=False, comment="Bổ sung đối tượng thụ hưởng.", by=persona("prov_officer"))
    assert returned.status == Submission.Status.RETURNED
    assert Notification.objects.filter(user__username="officer_a", text__contains="Bổ sung").exists()
    assert any("officer_a@example.vn" in message.to for message in mail.outbox)
    make_initiative("Câu lạc bộ thứ hai", status=Status.REGISTERED)
    second = services.submit(
        unit("18073"),
        year,
        Kind.REGISTRATION,
        by=persona("officer_a"),
        at=datetime.datetime(2026, 3, 25, 9, tzinfo=HCM),
    )
    assert second.version == 2 and second.timeliness == Timeliness.LATE
    assert len(second.snapshot["initiatives"]) == 2
    assert second.content_hash != first.content_hash
    with pytest.raises(services.SubmissionRefused):  # the old version can no longer be judged
        services.review(first, accept=True, by=persona("prov_officer"))
    assert services.review(second, accept=True, by=persona("prov_officer")).status == Submission.Status.ACCEPTED
    with pytest.raises(services.SubmissionRefused):  # accepted: no new version without a return
        services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))


@pytest.mark.parametrize("who", ["prov_officer", "prov_viewer", "viewer_a", "officer_b"])
def test_only_the_units_own_officers_submit(programme_year, make_initiative, unit, persona, who):
    make_initiative(status=Status.REGISTERED)
    with pytest.raises(PermissionDenied):
        services.submit(unit("18073"), programme_year(2026), Kind.REGISTRATION, by=persona(who))


@pytest.mark.parametrize("who", ["officer_a", "admin_a", "prov_viewer", "officer_b"])
def test_only_the_union_above_judges(programme_year, make_initiative, unit, persona, who):
    make_initiative(status=Status.REGISTERED)
    submission = services.submit(unit("18073"), programme_year(2026), Kind.REGISTRATION, by=persona("officer_a"))
    with pytest.raises(PermissionDenied):
        services.review(submission, accept=True, by=persona(who))


def test_results_freeze_registry_ids_without_names_and_reported_initiatives(
    programme_year, make_initiative, make_youth, unit, persona
):
    year = programme_year(2026)
    person = make_youth("Nguyễn Thị Mai")
    reported = make_initiative(status=Status.REPORTED)
    make_initiative("Đang làm", status=Status.UNDER_WAY)
    submission = services.submit(unit("18073"), year, Kind.RESULTS, by=persona("officer_a"))
    assert [row["id"] for row in submission.snapshot["initiatives"]] == [reported.pk]
    assert submission.snapshot["initiatives"][0]["confirmed_by"]
    assert [person.pk, person.group_bits] in submission.snapshot["youth"]
    assert "Nguyễn Thị Mai" not in str(submission.snapshot)


def test_a_unit_with_children_consolidates_their_submissions(programme_year, make_initiative, unit, persona):
    """The three-tier years: a district-level union sends up what its communes sent it."""
    from accounts.models import Membership, User
    from units.models import Unit

    year = programme_year(2026)
    make_initiative(status=Status.REGISTERED)
    commune = unit("18073")
    child = services.submit(commune, year, Kind.REGISTRATION, by=persona("officer_a"))
    parent = Unit.objects.get(path=commune.path[: -Unit.steplen])
    district_officer = User.objects.create(username="district_officer", full_name="Cán bộ cấp trên")
    Membership.objects.create(user=district_officer, unit=parent, role="officer")
    consolidated = services.submit(parent, year, Kind.REGISTRATION, by=district_officer)
    assert consolidated.snapshot["children"][0]["submission_id"] == child.pk
    assert consolidated.snapshot["children"][0]["content_hash"] == child.content_hash
    assert [row["id"] for row in consolidated.snapshot["initiatives"]] == [
        row["id"] for row in child.snapshot["initiatives"]
    ]
