from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from units import services

pytestmark = pytest.mark.django_db


def test_consecutive_operations_outside_a_request_keep_their_author(persona, unit):
    """auditlog's set_actor leaves its value behind; the second operation must still be attributed."""
    admin = persona("prov_admin")
    target = unit("18073")
    for place in ("Thành Sen A", "Thành Sen B"):
        target.refresh_from_db()
        services.update_unit(target, {"place_name": place}, expected_version=target.version, by=admin)
    entries = LogEntry.objects.get_for_object(target).order_by("-timestamp")[:2]
    assert [entry.actor for entry in entries] == [admin, admin]
