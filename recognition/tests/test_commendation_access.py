"""Exports of the commendation list are audited: one InitiativeAccess row per download, naming
the reader, the unit, the format and year, and the initiatives the listed commendations link to."""

from __future__ import annotations

import pytest
from django.urls import reverse

from initiatives.choices import Status
from initiatives.form_records import InitiativeAccess
from recognition.tests.conftest import YEAR, commend
from youth.models import RegistryAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(persona, unit, make_initiative):
    """Commune A's list: two commendations naming three links to two initiatives; commune B's
    own commendation names a third initiative, out of commune A's list."""
    books = make_initiative("Tủ sách vươn lên", status=Status.REGISTERED)
    club = make_initiative("Câu lạc bộ sống độc lập", status=Status.REGISTERED)
    other = make_initiative("Mô hình Cẩm Bình", code="18685")
    commend(persona, unit, recipient_name="Phan Thị Thu", initiatives=[books, club])
    commend(persona, unit, recipient_name="Lê Văn Minh", decision_number="16-QĐ/ĐTN", initiatives=[club])
    commend(persona, unit, recipient_name="Trần Thị Mai", decision_number="17-QĐ/ĐTN", initiatives=[])
    commend(persona, unit, code="18685", by="officer_b", recipient_name="Võ Văn Hải", initiatives=[other])
    return sorted([books.pk, club.pk]), other.pk


def download(client, fmt: str, **params):
    response = client.get(reverse("commendation_export", args=[fmt]), params)
    assert response.status_code == 200, response.status_code
    b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_each_format_records_one_row_with_the_linked_initiatives(login, persona, unit, linked, fmt):
    ids, _other = linked
    download(login("officer_a"), fmt, year=YEAR)
    access = InitiativeAccess.objects.get()
    assert access.action == InitiativeAccess.Action.EXPORT
    assert access.user == persona("officer_a")
    assert access.unit == unit("18073")
    assert access.detail == f"commendations.{fmt} {YEAR}"
    assert access.record_ids == ids
    assert access.record_count == 2
    assert access.youth_ids == []
    # A commendation names its recipient as text: no registry record is named.
    assert not RegistryAccess.objects.exists()


def test_the_row_names_the_chosen_unit_and_what_the_reader_sees(login, persona, unit, linked):
    ids, other = linked
    download(login("prov_officer"), "xlsx", year=YEAR, unit=unit("42").pk)
    access = InitiativeAccess.objects.get()
    assert access.unit == unit("42")
    assert access.user == persona("prov_officer")
    assert access.record_ids == sorted([*ids, other])

    download(login("officer_b"), "docx", year=YEAR)
    latest = InitiativeAccess.objects.exclude(pk=access.pk).get()
    assert (latest.user, latest.unit, latest.record_ids) == (persona("officer_b"), unit("18685"), [other])


def test_another_year_records_an_empty_list(login, unit, linked):
    download(login("officer_a"), "xlsx", year=YEAR - 1)
    access = InitiativeAccess.objects.get()
    assert access.detail == f"commendations.xlsx {YEAR - 1}"
    assert (access.record_ids, access.record_count, access.unit) == ([], 0, unit("18073"))


def test_a_refused_export_records_nothing(login, unit, linked):
    client = login("officer_b")
    assert client.get(reverse("commendation_export", args=["xlsx"]), {"unit": unit("18073").pk}).status_code == 404
    assert client.get(reverse("commendation_export", args=["xlsx"]), {"year": "20x6"}).status_code == 404
    assert not InitiativeAccess.objects.exists()
