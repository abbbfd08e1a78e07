from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_refused_outside_demo_mode(settings):
    settings.DEMO = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(username="quantri").exists()


def test_demo_mode_creates_the_documented_accounts(settings, capsys):
    settings.DEMO = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    expected = {
        "quantri": ("42", "admin"),
        "tinhdoan": ("42", "officer"),
        "tinhdoan_xem": ("42", "viewer"),
        "thanhsen": ("18073", "officer"),
        "cambinh": ("18685", "officer"),
    }
    for username, (code, role) in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        membership = user.memberships.get()
        assert (membership.unit.code, membership.role, membership.unit.valid_to) == (code, role, None)
    assert "quantri" in capsys.readouterr().out


def test_demo_mode_adds_records_at_each_stage_once(settings):
    """`make run` shows something on every page: youth in two communes, initiatives at three stages."""
    from initiatives.models import Initiative
    from youth.models import Youth

    settings.DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Youth.objects.filter(unit__code__in=["18073", "18685"]).count() == 6
    assert sorted(Initiative.objects.values_list("status", flat=True)) == ["draft", "registered", "reported"]
    reported = Initiative.objects.get(status="reported")
    assert reported.beneficiaries.count() == 3 and hasattr(reported, "confirmation")
    assert reported.evidence.filter(kind="photo").exclude(thumbnail="").exists()
