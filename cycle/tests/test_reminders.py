"""Reminders: before and after each deadline, to units that have not submitted, never twice."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from cycle import reminders, services
from cycle.models import Kind, Notification, Reminder
from initiatives.choices import Status

pytestmark = pytest.mark.django_db


def test_fourteen_days_before_every_unit_that_has_not_submitted_is_reminded_once(programme_year, unit):
    programme_year(2026)
    day = datetime.date(2026, 3, 6)  # 14 days before 20/03
    sent = reminders.send(day)
    units = {r.unit_id for r in sent if r.kind == Kind.REGISTRATION}
    assert unit("18073").pk in units and unit("18685").pk in units
    assert all(r.days_before == 14 for r in sent)
    officer_a = Notification.objects.filter(user__username="officer_a")
    assert officer_a.count() == 1
    assert "20/03/2026" in officer_a.get().text
    assert any("officer_a@example.vn" in m.to for m in mail.outbox)
    # Run again the same day: nothing more.
    outbox = len(mail.outbox)
    assert reminders.send(day) == []
    assert officer_a.count() == 1 and len(mail.outbox) == outbox
    call_command("send_reminders", "--date", "2026-03-06", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Reminder.objects.filter(unit=unit("18073"), sent_on=day).count() == 1


def test_no_reminder_on_other_days_nor_for_units_that_submitted(programme_year, make_initiative, unit, persona):
    year = programme_year(2026)
    assert reminders.send(datetime.date(2026, 3, 5)) == []  # 15 days before: not a reminder day
    make_initiative(status=Status.REGISTERED)
    services.submit(unit("18073"), year, Kind.REGISTRATION, by=persona("officer_a"))
    sent = reminders.send(datetime.date(2026, 3, 13))  # 7 days before
    assert unit("18073").pk not in {r.unit_id for r in sent}
    assert unit("18685").pk in {r.unit_id for r in sent}


def test_after_the_deadline_missing_units_are_reminded(programme_year, unit):
    programme_year(2026)
    sent = reminders.send(datetime.date(2026, 3, 21))
    assert unit("18685").pk in {r.unit_id for r in sent}
    assert all(r.days_before == -1 for r in sent)
    assert "20/03/2026" in Notification.objects.filter(unit=unit("18685")).first().text


def test_an_extension_moves_the_reminder_days(programme_year, unit, persona):
    year = programme_year(2026)
    services.grant_extension(
        unit("18073"), year, Kind.REGISTRATION, until=datetime.date(2026, 3, 27), reason="x", by=persona("prov_officer")
    )
    sent = reminders.send(datetime.date(2026, 3, 13))  # 7 days before the year's deadline, 14 before the unit's
    mine = [r for r in sent if r.unit_id == unit("18073").pk]
    assert [r.days_before for r in mine] == [14]
    assert mine[0].deadline == datetime.date(2026, 3, 27)


def test_the_task_is_booked_for_the_next_morning_hanoi_time(programme_year):
    """The test settings queue tasks in the database (as production does), so --schedule books
    the daily task for 07:00, Asia/Ho_Chi_Minh."""
    from django_tasks_db.models import DBTaskResult

    from cycle import tasks

    programme_year(2026)
    call_command("send_reminders", "--schedule", stdout=open("/dev/null", "w"))  # noqa: SIM115
    queued = DBTaskResult.objects.get(task_path="cycle.tasks.send_reminders")
    local = queued.run_after.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert (local.hour, local.minute) == (7, 0)
    assert tasks.next_run(queued.run_after) > queued.run_after
