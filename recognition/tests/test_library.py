"""The library of recognised initiatives: only the recognised, across the whole province, with no
personal data; searched without diacritics; each entry with its replications."""

from __future__ import annotations

import pytest
from django.urls import reverse

from initiatives import services as initiative_services
from initiatives.choices import Status
from initiatives.models import Initiative
from recognition import services

pytestmark = pytest.mark.django_db

PERSON = "Trần Thị Hoa"  # make_initiative's person in charge
PHONE = "0912345678"


@pytest.fixture
def recognised(make_initiative, make_youth, persona):
    """Commune A's "Câu lạc bộ thanh niên khuyết tật", reported with a beneficiary and recognised for 2026."""
    initiative = make_initiative(
        status=Status.REPORTED, area="Tổ dân phố 5, phường Thành Sen", person_in_charge_phone=PHONE, plan="Kế hoạch 12"
    )
    initiative_services.add_beneficiaries(initiative, [make_youth("Nguyễn Văn Ân")], by=persona("officer_a"))
    services.decide(initiative, 2026, recognised=True, reason="Đạt cả ba tiêu chí.", by=persona("prov_officer"))
    return initiative


def names(response) -> list[str]:
    return [entry.name for entry in response.context["page"].object_list]


def test_only_recognised_initiatives_are_listed(client, persona, make_initiative, recognised):
    refused = make_initiative("Mô hình không được công nhận", status=Status.REPORTED)
    services.decide(refused, 2026, recognised=False, reason="Không duy trì.", by=persona("prov_officer"))
    make_initiative("Mô hình chưa quyết định", status=Status.REPORTED)
    client.force_login(persona("prov_officer"))
    assert names(client.get(reverse("library"))) == [recognised.name]
    assert client.get(reverse("library_detail", args=[refused.pk])).status_code == 404


def test_no_personal_data_on_the_list_or_the_entry(client, persona, recognised):
    client.force_login(persona("prov_officer"))  # who may see everything of the initiative elsewhere
    for url in (reverse("library"), reverse("library_detail", args=[recognised.pk])):
        page = client.get(url).content.decode()
        assert recognised.name in page
        for personal in (PERSON, PHONE, "Nguyễn Văn Ân", "Lê Văn Nam", "xac-nhan"):
            assert personal not in page, (url, personal)
    entry = client.get(reverse("library_detail", args=[recognised.pk])).content.decode()
    for shown in ("Tổ dân phố 5", "Kế hoạch 12", "12 thanh niên được hỗ trợ.", "Đoàn phường Thành Sen"):
        assert shown in entry, shown
    assert reverse("evidence_file", args=[recognised.confirmation.scan_id]) not in entry


def test_search_and_filters_without_diacritics(client, persona, make_initiative, recognised):
    other = make_initiative(
        "Hỗ trợ thẻ bảo hiểm y tế",
        status=Status.REPORTED,
        domain="health",
        kind="insurance_cards",
        area="Thôn Đông",
    )
    services.decide(other, 2026, recognised=True, reason="Đạt", by=persona("prov_officer"))
    client.force_login(persona("officer_a"))
    url = reverse("library")
    assert names(client.get(url, {"q": "cau lac bo thanh nien"})) == [recognised.name]
    assert names(client.get(url, {"q": "CÂU LẠC"})) == [recognised.name]
    assert names(client.get(url, {"area": "to dan pho"})) == [recognised.name]
    assert names(client.get(url, {"area": "thon dong"})) == [other.name]
    assert names(client.get(url, {"domain": "health"})) == [other.name]
    assert names(client.get(url, {"group": "disability"})) == [recognised.name, other.name]  # by name
    assert names(client.get(url, {"group": "unemployment"})) == []
    assert set(names(client.get(url, {"year": "2026"}))) == {recognised.name, other.name}
    assert names(client.get(url, {"year": "2025"})) == []


def test_the_stranger_reads_the_library_but_not_the_initiative(client, persona, recognised):
    client.force_login(persona("officer_b"))
    assert names(client.get(reverse("library"))) == [recognised.name]
    entry = client.get(reverse("library_detail", args=[recognised.pk]))
    assert entry.status_code == 200
    assert reverse("initiative_detail", args=[recognised.pk]) not in entry.content.decode()
    assert client.get(reverse("initiative_detail", args=[recognised.pk])).status_code == 404
    assert client.get(reverse("initiative_evaluate", args=[recognised.pk])).status_code == 404


def test_replicate_from_the_library_and_the_entry_shows_it(client, persona, unit, recognised):
    client.force_login(persona("officer_b"))
    response = client.post(reverse("library_replicate", args=[recognised.pk]))
    assert response.status_code == 302
    copy = Initiative.objects.get(adopted_from=recognised)
    assert response["Location"] == reverse("initiative_edit", args=[copy.pk])
    assert (copy.unit, copy.status, copy.person_in_charge, copy.person_in_charge_phone) == (
        unit("18685"),
        Status.DRAFT,
        "",
        "",
    )
    assert not copy.beneficiaries.exists() and copy.plan == "Kế hoạch 12"
    entry = client.get(reverse("library_detail", args=[recognised.pk]))
    assert [c.unit.name for c in entry.context["replications"]] == [unit("18685").name]
    assert unit("18685").name in entry.content.decode()
    listed = client.get(reverse("library")).context["page"].object_list
    assert [e.replication_count for e in listed] == [1]


def test_a_viewer_does_not_replicate(client, persona, recognised):
    client.force_login(persona("prov_viewer"))
    page = client.get(reverse("library_detail", args=[recognised.pk])).content.decode()
    assert 'data-testid="library-replicate"' not in page
    assert client.post(reverse("library_replicate", args=[recognised.pk])).status_code == 403
    assert not Initiative.objects.filter(adopted_from=recognised).exists()


def test_the_list_takes_a_fixed_number_of_queries(client, persona, make_initiative, django_assert_max_num_queries):
    for n in range(6):
        initiative = make_initiative(f"Mô hình số {n}", status=Status.REPORTED)
        services.decide(initiative, 2026, recognised=True, reason="Đạt", by=persona("prov_officer"))
    client.force_login(persona("officer_b"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("library"))
    assert len(names(response)) == 6


def test_with_several_units_the_user_chooses_where(client, persona, unit, recognised):
    from accounts.models import Membership

    officer = persona("officer_b")
    Membership.objects.create(user=officer, unit=unit("18073"), role="officer")
    client.force_login(officer)
    chooser = client.post(reverse("library_replicate", args=[recognised.pk]))
    assert chooser.status_code == 200 and 'data-testid="replicate-form"' in chooser.content.decode()
    assert not Initiative.objects.filter(adopted_from=recognised).exists()
    made = client.post(reverse("library_replicate", args=[recognised.pk]), {"unit": unit("18685").pk})
    assert made.status_code == 302
    assert Initiative.objects.get(adopted_from=recognised).unit == unit("18685")
