"""Shared test personas and the union tree, loaded once per test database.

Personas (see STYLE.md): anonymous, province viewer / officer / admin, the officer of commune A
(Đoàn phường Thành Sen, 18073) and of its sibling commune B (Đoàn xã Cẩm Bình, 18685).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm
from django.core.management import call_command

PASSWORD = "Mat-khau-thu-2026"

# username -> (unit code, role); unit code None is the provincial union.
PERSONAS = {
    "prov_admin": (None, "admin"),
    "prov_officer": (None, "officer"),
    "prov_viewer": (None, "viewer"),
    "officer_a": ("18073", "officer"),
    "officer_b": ("18685", "officer"),
    "viewer_a": ("18073", "viewer"),
    "admin_a": ("18073", "admin"),
}


def _fast_hashers(settings_module) -> None:
    settings_module.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


def load_world() -> None:
    """The Hà Tĩnh tree and the personas; idempotent, so transactional tests can call it again."""
    from accounts.models import Membership, User
    from units.models import Unit, UnitKind

    call_command("load_units", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    province = Unit.objects.get(kind=UnitKind.PROVINCE, code="42")
    for username, (code, role) in PERSONAS.items():
        unit = province if code is None else Unit.objects.in_force().get(code=code)
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": f"Người thử {username}", "email": f"{username}@example.vn"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, unit=unit, defaults={"role": role})


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.conf import settings

    _fast_hashers(settings)
    with django_db_blocker.unblock():
        load_world()


@pytest.fixture
def persona(db):
    """persona("officer_a") -> a fresh User object for that persona (no cached scope)."""
    from accounts.models import User

    def get(username: str):
        return User.objects.get(username=username)

    return get


@pytest.fixture
def unit(db):
    """unit("18073") -> the unit in force with that code; unit("42") is the province."""
    from units.models import Unit

    def get(code: str, *, legacy: bool = False):
        qs = Unit.objects.filter(code=code)
        return qs.filter(valid_to__isnull=False).get() if legacy else qs.in_force().get()

    return get


@pytest.fixture
def login(client, persona):
    """login("officer_a") signs the test client in as that persona and returns the client."""

    def sign_in(username: str | None):
        client.logout()
        if username:
            client.force_login(persona(username))
        return client

    return sign_in


@pytest.fixture(scope="session")
def _media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _stored_files_in_a_temporary_folder(settings, _media_dir):
    """Uploads made by tests (evidence, confirmation scans) never land in the real media folder."""
    settings.MEDIA_ROOT = _media_dir
