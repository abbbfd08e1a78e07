"""/api/v1/initiatives: the HTTP mapping of the services and the workflow.

Every transition × persona is proven in test_workflow.py; here each answer's status and body.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation

from accounts.models import ApiToken
from api.schemas_initiatives import ActionName
from initiatives import services, workflow
from initiatives.choices import Domain, Kind, Status
from initiatives.models import Activity, Beneficiary, Evidence, Initiative
from initiatives.tests.conftest import png_bytes
from youth.choices import Status as YouthStatus

pytestmark = pytest.mark.django_db

URL = "/api/v1/initiatives"
# The pages' form offers last year to next year; so does the API.
THIS_YEAR = timezone.localdate().year


def vi(msgid: str) -> str:
    with translation.override("vi"):
        return translation.gettext(msgid)


@pytest.fixture
def api(persona):
    """api("officer_a") -> a test client sending that persona's bearer token."""

    def client_for(username: str) -> Client:
        secret = ApiToken.issue(persona(username))[1]
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return client_for


def body(unit, **changes):
    data = {
        "unit": unit.pk,
        "name": "Cấp thẻ bảo hiểm y tế cho thanh niên nghèo",
        "domain": "health",
        "kind": "insurance_cards",
        "person_in_charge": "Lê Thị Mai",
        "person_in_charge_phone": "0912 345 678",
        "area": "Tổ dân phố 5",
        "start_date": "2026-03-01",
        "content": "Vận động doanh nghiệp tặng thẻ BHYT.",
        "expected_results": "30 thẻ BHYT.",
        "target_groups": ["poverty", "disability"],
        "years": [THIS_YEAR, THIS_YEAR + 1],
    }
    data.update(changes)
    return data


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def put(client, url, data):
    return client.put(url, data, content_type="application/json")


def errors_of(response) -> dict[str, str]:
    return {error["loc"][-1]: error["msg"] for error in response.json()["errors"]}


def test_the_action_names_of_the_schema_are_the_workflows():
    assert set(ActionName.__args__) == set(workflow.ACTIONS)


def test_the_openapi_document_names_the_initiative_enums_apart_from_the_registrys(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert schemas["InitiativeStatus"]["enum"] == Status.values
    assert schemas["Status"]["enum"] == YouthStatus.values  # not overwritten by the initiatives'
    assert schemas["InitiativeKind"]["enum"] == Kind.values
    assert schemas["InitiativeDomain"]["enum"] == Domain.values
    assert schemas["EvidencePurpose"]["enum"] == Evidence.Purpose.values


# Create and read


def test_an_officer_creates_a_draft_and_reads_it_back(api, unit):
    client = api("officer_a")
    response = post(client, URL, body(unit("18073"), coordinating_unit_ids=[unit("42").pk]))

    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft"
    assert created["unit_name"] == "Đoàn phường Thành Sen"
    assert created["person_in_charge_phone"] == "0912345678"
    assert created["years"] == [THIS_YEAR, THIS_YEAR + 1]
    assert created["target_groups"] == ["disability", "poverty"]  # in the registry's order
    assert created["coordinating_units"] == [{"id": unit("42").pk, "name": unit("42").name}]
    assert [a["name"] for a in created["actions"]] == ["submit"]
    assert [s["step"] for s in created["steps"]] == [1, 2, 3, 4, 5, 6, 7]
    assert created["can_edit"] is True
    read = client.get(f"{URL}/{created['id']}").json()
    assert read == created
    assert Initiative.objects.get(pk=created["id"]).created_by.username == "officer_a"


def test_create_refuses_a_unit_out_of_scope_with_404_and_read_only_with_403(api, unit):
    assert post(api("officer_b"), URL, body(unit("18073"))).status_code == 404
    assert post(api("prov_viewer"), URL, body(unit("18073"))).status_code == 403
    assert post(api("viewer_a"), URL, body(unit("18073"))).status_code == 403
    assert not Initiative.objects.exists()


def test_invalid_fields_are_422_with_a_message_per_field(api, unit):
    response = post(
        api("officer_a"),
        URL,
        body(
            unit("18073"),
            name="   ",
            kind="job_placement",  # a livelihood kind, sent with the health domain
            person_in_charge_phone="123",
            end_date="2026-01-01",
            years=[1999],
            coordinating_unit_ids=[987654],
        ),
    )

    assert response.status_code == 422
    errors = errors_of(response)
    assert set(errors) == {"name", "kind", "person_in_charge_phone", "end_date", "years", "coordinating_unit_ids"}
    assert vi(str(Domain.HEALTH.label)) in errors["kind"]  # the domain sent, named in the message
    assert errors["person_in_charge_phone"] == vi("This is not a Vietnamese phone number.")
    assert not Initiative.objects.exists()


def test_validation_messages_are_in_vietnamese(api, unit):
    response = post(api("officer_a"), URL, body(unit("18073"), content=""))

    assert errors_of(response)["content"] == vi("This field is required.") == "Trường này là bắt buộc."


def test_read_refuses_a_stranger_with_404(api, make_initiative):
    initiative = make_initiative()

    assert api("officer_b").get(f"{URL}/{initiative.pk}").status_code == 404
    assert api("officer_b").get(f"{URL}/999999").status_code == 404
    assert api("prov_viewer").get(f"{URL}/{initiative.pk}").status_code == 200


def test_anonymous_gets_401(client, make_initiative):
    initiative = make_initiative()

    assert client.get(f"{URL}/{initiative.pk}").status_code == 401
    assert client.get(URL).status_code == 401


# List


def test_list_filters_by_year_domain_status_unit_and_name(api, make_initiative, persona, unit):
    clinic = make_initiative("Phòng khám miễn phí", domain="health", kind="therapy")
    club = make_initiative("Câu lạc bộ Đồng hành", status=Status.REGISTERED)
    other = make_initiative("Đội tình nguyện Cẩm Bình", code="18685")
    services.update_initiative(other, {}, years=[2025], expected_version=other.version, by=persona("officer_a"))
    client = api("prov_officer")

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids() == {clinic.pk, club.pk, other.pk}
    assert ids(year=2026) == {clinic.pk, club.pk}
    assert ids(domain="health") == {clinic.pk}
    assert ids(status="registered") == {club.pk}
    assert ids(unit=unit("18685").pk) == {other.pk}
    assert ids(q="dong HANH") == {club.pk}
    assert ids(group="disability") == {clinic.pk, club.pk, other.pk}
    assert ids(group="poverty") == set()
    by_name = client.get(URL, {"order": "name"}).json()["items"]
    assert [item["name"] for item in by_name] == [
        "Câu lạc bộ Đồng hành",
        "Đội tình nguyện Cẩm Bình",
        "Phòng khám miễn phí",
    ]
    assert {item["id"] for item in api("officer_a").get(URL).json()["items"]} == {clinic.pk, club.pk}
    assert api("officer_a").get(URL, {"unit": unit("18685").pk}).status_code == 404


def test_list_items_and_query_count(api, make_initiative, django_assert_max_num_queries):
    for number in range(5):
        make_initiative(f"Mô hình số {number}")
    client = api("prov_viewer")
    client.get(URL)  # the token's first use writes its timestamp

    with django_assert_max_num_queries(5):  # token, memberships, count, page, years
        response = client.get(URL, {"limit": 3})

    page = response.json()
    assert page["count"] == 5
    assert len(page["items"]) == 3
    assert page["items"][0]["years"] == [2026]
    assert page["items"][0]["unit_name"] == "Đoàn phường Thành Sen"


# Update


def fields(initiative, **changes):
    data = {
        "name": initiative.name,
        "domain": initiative.domain,
        "kind": initiative.kind,
        "person_in_charge": initiative.person_in_charge,
        "content": initiative.content,
        "expected_results": initiative.expected_results,
        "version": initiative.version,
    }
    data.update(changes)
    return data


def test_update_with_the_version_read_and_results(api, make_initiative):
    initiative = make_initiative(status=Status.UNDER_WAY)
    client = api("officer_a")
    url = f"{URL}/{initiative.pk}"

    response = put(client, url, fields(initiative, area="Khối phố 7", results="15 thẻ", supported_count=15))

    assert response.status_code == 200, response.content
    saved = response.json()
    assert (saved["area"], saved["results"], saved["supported_count"]) == ("Khối phố 7", "15 thẻ", 15)
    assert saved["version"] == initiative.version + 1
    assert saved["years"] == [2026]  # relations not sent are kept
    assert saved["target_groups"] == ["disability"]


def test_a_stale_update_is_refused_with_409_and_nothing_saved(api, make_initiative):
    initiative = make_initiative()
    url = f"{URL}/{initiative.pk}"
    first, second = api("officer_a"), api("prov_officer")
    seen = first.get(url).json()["version"]
    assert second.get(url).json()["version"] == seen

    assert put(first, url, fields(initiative, area="Tổ 1", version=seen)).status_code == 200
    stale = put(second, url, fields(initiative, area="Tổ 2", version=seen))

    assert stale.status_code == 409
    assert stale.json()["detail"] == vi("Someone else saved this initiative since you read it; read it again.")
    assert Initiative.objects.get(pk=initiative.pk).area == "Tổ 1"


def test_update_refusals(api, make_initiative):
    initiative = make_initiative()
    url = f"{URL}/{initiative.pk}"

    assert put(api("officer_b"), url, fields(initiative)).status_code == 404
    assert put(api("prov_viewer"), url, fields(initiative)).status_code == 403
    invalid = put(api("officer_a"), url, fields(initiative, domain="livelihood"))
    assert invalid.status_code == 422
    assert "kind" in errors_of(invalid)
    closed = make_initiative("Đã đóng", status=Status.CLOSED)
    answer = put(api("officer_a"), f"{URL}/{closed.pk}", fields(closed, area="x"))
    assert answer.status_code == 409
    assert Initiative.objects.get(pk=closed.pk).area == ""


# Transitions


def move(client, initiative, action, **extra):
    return post(client, f"{URL}/{initiative.pk}/transitions", {"action": action, **extra})


def test_a_transition_answers_the_initiative_in_its_new_status(api, make_initiative):
    initiative = make_initiative()

    response = move(api("officer_a"), initiative, "submit", comment="Đăng ký năm 2026")

    assert response.status_code == 200, response.content
    moved = response.json()
    assert moved["status"] == "registered"
    assert moved["actions"] == []
    assert moved["transitions"][-1]["action"] == "submit"
    assert moved["transitions"][-1]["comment"] == "Đăng ký năm 2026"
    offered = api("prov_officer").get(f"{URL}/{initiative.pk}").json()["actions"]
    assert {a["name"] for a in offered} == {"accept", "return_for_changes"}


def test_transition_refusals_map_to_403_404_409_and_422(api, make_initiative):
    initiative = make_initiative(status=Status.REGISTERED)

    assert move(api("officer_a"), initiative, "accept").status_code == 403  # the union above accepts
    assert move(api("prov_viewer"), initiative, "accept").status_code == 403
    assert move(api("officer_b"), initiative, "accept").status_code == 404
    assert move(api("officer_a"), initiative, "fly").status_code == 422
    wrong_state = move(api("officer_a"), initiative, "start")
    assert wrong_state.status_code == 409
    with translation.override("vi"):
        status = str(Status.REGISTERED.label)
    assert wrong_state.json()["detail"] == vi("This step is not open while the initiative is “%(status)s”.") % {
        "status": status
    }
    no_comment = move(api("prov_officer"), initiative, "return_for_changes", comment=" ")
    assert no_comment.status_code == 409
    assert no_comment.json()["detail"] == vi("Say what must be changed: a comment is required.")
    stale = move(api("prov_officer"), initiative, "accept", version=initiative.version - 1)
    assert stale.status_code == 409
    assert Initiative.objects.get(pk=initiative.pk).status == Status.REGISTERED
    assert move(api("prov_officer"), initiative, "accept", version=initiative.version).status_code == 200


def test_report_needs_the_confirmation_which_the_api_records(api, make_initiative):
    initiative = make_initiative(status=Status.UNDER_WAY)
    client = api("officer_a")
    url = f"{URL}/{initiative.pk}"
    put(client, url, fields(initiative, results="12 thanh niên được hỗ trợ.", supported_count=12))

    refused = move(client, initiative, "report")
    assert refused.status_code == 409
    assert refused.json()["detail"] == vi(
        "Record the local government's confirmation with the scan of the signed page."
    )
    scan = client.post(
        f"{url}/evidence",
        {"file": SimpleUploadedFile("ban-ky.png", png_bytes(), "image/png"), "purpose": "confirmation"},
    )
    assert scan.status_code == 201, scan.content
    confirmation = {"confirmer_name": "Lê Văn Nam", "confirmer_title": "Chủ tịch UBND", "confirmed_on": "2026-09-30"}
    not_a_scan = put(client, f"{url}/confirmation", {**confirmation, "scan": 999999})
    assert not_a_scan.status_code == 422
    confirmed = put(client, f"{url}/confirmation", {**confirmation, "scan": scan.json()["id"]})
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["confirmation"]["scan"] == scan.json()["id"]
    assert move(client, initiative, "report").json()["status"] == "reported"


# Beneficiaries and activities


def test_beneficiaries_from_two_units_show_only_what_each_reader_may_see(api, make_initiative, make_youth, persona):
    initiative = make_initiative(status=Status.UNDER_WAY)
    own = make_youth("Nguyễn Văn Ân", phone="0912345678", village="Tổ 3")
    neighbour = make_youth("Trần Thị Bé", code="18685", by="officer_b")
    services.add_beneficiaries(initiative, [own, neighbour], by=persona("prov_officer"))
    row = Beneficiary.objects.get(initiative=initiative, youth=own)
    services.set_outcome(
        row, outcome="insurance_card", outcome_on=datetime.date(2026, 5, 1), note="Hộ nghèo", by=persona("officer_a")
    )

    def people(username):
        listed = api(username).get(f"{URL}/{initiative.pk}").json()["beneficiaries"]
        return {b["unit_name"]: b for b in listed}

    seen_by_a = people("officer_a")
    assert seen_by_a["Đoàn phường Thành Sen"]["full_name"] == "Nguyễn Văn Ân"
    assert seen_by_a["Đoàn phường Thành Sen"]["phone"] == "0912345678"
    assert seen_by_a["Đoàn phường Thành Sen"]["outcome"] == "insurance_card"
    assert seen_by_a["Đoàn phường Thành Sen"]["note"] == "Hộ nghèo"
    assert seen_by_a["Đoàn xã Cẩm Bình"] == {
        "visible": False,
        "youth_id": None,
        "full_name": "",
        "unit": neighbour.unit_id,
        "unit_name": "Đoàn xã Cẩm Bình",
        "birth_year": None,
        "phone": "",
        "address": "",
        "outcome": "supported",
        "outcome_on": None,
        "note": "",
        "masked": True,
    }
    seen_by_viewer = people("prov_viewer")
    assert seen_by_viewer["Đoàn xã Cẩm Bình"]["full_name"] == "Trần Thị Bé"
    assert seen_by_viewer["Đoàn phường Thành Sen"]["note"] != "Hộ nghèo"
    assert seen_by_viewer["Đoàn phường Thành Sen"]["masked"] is True
    counts = api("officer_a").get(f"{URL}/{initiative.pk}").json()["counts"]
    assert (counts["beneficiaries"], counts["total_beneficiaries"]) == (2, 2)


def activity(**changes):
    data = {
        "held_on": "2026-04-12",
        "description": "Khám sức khỏe miễn phí.",
        "unnamed_count": 5,
        "resources": {"money": 2000000, "insurance_cards": 3},
    }
    data.update(changes)
    return data


def test_activities_are_recorded_and_listed(api, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    youth = make_youth("Phạm Văn Cường")
    client = api("officer_a")
    url = f"{URL}/{initiative.pk}/activities"

    response = post(client, url, activity(youth_ids=[youth.pk]))

    assert response.status_code == 201, response.content
    created = response.json()
    assert created["resources"]["money"] == 2000000
    assert created["youth"] == [
        {
            "visible": True,
            "youth_id": youth.pk,
            "full_name": "Phạm Văn Cường",
            "unit": youth.unit_id,
            "unit_name": "Đoàn phường Thành Sen",
        }
    ]
    assert Beneficiary.objects.filter(initiative=initiative, youth=youth).exists()
    listed = client.get(url).json()
    assert [a["id"] for a in listed] == [created["id"]]
    assert api("prov_viewer").get(url).json()[0]["youth"][0]["full_name"] == "Phạm Văn Cường"


def test_activity_refusals(api, make_initiative, make_youth):
    initiative = make_initiative(status=Status.UNDER_WAY)
    stranger = make_youth("Võ Thị Dung", code="18685", by="officer_b")
    url = f"{URL}/{initiative.pk}/activities"

    linked = post(api("officer_a"), url, activity(youth_ids=[stranger.pk]))
    assert linked.status_code == 422
    assert errors_of(linked)["youth_ids"] == vi("One of the young people chosen cannot be linked.")
    assert errors_of(post(api("officer_a"), url, activity(description=" ")))["description"]
    assert post(api("prov_viewer"), url, activity()).status_code == 403
    assert post(api("officer_b"), url, activity()).status_code == 404
    assert api("officer_b").get(url).status_code == 404
    assert not Activity.objects.exists()
    closed = make_initiative("Đã đóng", status=Status.CLOSED)
    assert post(api("officer_a"), f"{URL}/{closed.pk}/activities", activity()).status_code == 409


# Evidence


def test_a_photo_is_uploaded_through_multipart_and_listed(api, make_initiative):
    initiative = make_initiative(status=Status.UNDER_WAY)
    client = api("officer_a")
    url = f"{URL}/{initiative.pk}/evidence"

    response = client.post(
        url, {"file": SimpleUploadedFile("anh.jpg", png_bytes(64, 48), "image/jpeg"), "title": "Buổi khám"}
    )

    assert response.status_code == 201, response.content
    uploaded = response.json()
    assert (uploaded["kind"], uploaded["content_type"], uploaded["purpose"]) == ("photo", "image/png", "result")
    assert (uploaded["width"], uploaded["height"], uploaded["title"]) == (64, 48, "Buổi khám")
    assert uploaded["file_url"] == f"/initiatives/evidence/{uploaded['id']}/file"
    link = client.post(url, {"url": "https://thanhnien.vn/bai-viet", "title": "Báo Thanh Niên"})
    assert link.status_code == 201, link.content
    assert (link.json()["kind"], link.json()["file_url"]) == ("link", None)
    listed = api("prov_viewer").get(url).json()
    assert [e["id"] for e in listed] == [uploaded["id"], link.json()["id"]]


def test_evidence_refusals(api, make_initiative):
    initiative = make_initiative(status=Status.UNDER_WAY)
    url = f"{URL}/{initiative.pk}/evidence"

    def upload(username, **data):
        return api(username).post(url, data)

    lie = upload("officer_a", file=SimpleUploadedFile("anh.png", b"MZ not a picture at all", "image/png"))
    assert lie.status_code == 422
    assert lie.json()["detail"] == lie.json()["errors"][0]["msg"]
    assert upload("officer_a").status_code == 422
    both = upload("officer_a", file=SimpleUploadedFile("a.png", png_bytes(), "image/png"), url="https://a.vn")
    assert both.status_code == 422
    assert upload("officer_a", url="javascript:alert(1)").status_code == 422
    assert upload("officer_a", url="https://a.vn", activity=999999).status_code == 422
    assert upload("prov_viewer", file=SimpleUploadedFile("a.png", png_bytes(), "image/png")).status_code == 403
    assert upload("officer_b", file=SimpleUploadedFile("a.png", png_bytes(), "image/png")).status_code == 404
    assert api("officer_b").get(url).status_code == 404
    assert not Evidence.objects.filter(initiative=initiative).exists()


# Replication


def test_replicate_makes_a_linked_draft_without_people(api, make_initiative, make_youth, persona, unit):
    source = make_initiative(status=Status.UNDER_WAY)
    services.add_beneficiaries(source, [make_youth("Hồ Văn Em")], by=persona("officer_a"))

    response = post(
        api("officer_a"), f"{URL}/{source.pk}/replicate", {"unit": unit("18073").pk, "years": [THIS_YEAR + 1]}
    )

    assert response.status_code == 201, response.content
    copy = response.json()
    assert (copy["status"], copy["adopted_from"], copy["years"]) == ("draft", source.pk, [THIS_YEAR + 1])
    assert copy["beneficiaries"] == []
    assert copy["name"] == source.name
    replications = api("officer_a").get(f"{URL}/{source.pk}").json()["replications"]
    assert [r["id"] for r in replications] == [copy["id"]]
    assert post(api("officer_b"), f"{URL}/{source.pk}/replicate", {"unit": unit("18685").pk}).status_code == 404
    assert post(api("officer_a"), f"{URL}/{source.pk}/replicate", {"unit": unit("18685").pk}).status_code == 404
    assert post(api("prov_viewer"), f"{URL}/{source.pk}/replicate", {"unit": unit("42").pk}).status_code == 403
    below = post(api("prov_officer"), f"{URL}/{source.pk}/replicate", {"unit": unit("18073").pk})
    assert below.status_code == 422  # into one's own unit, not any unit below it
    assert errors_of(below) == {"unit": vi("An initiative is replicated in one of your own units.")}
