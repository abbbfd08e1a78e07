"""The compliance board, its export, the dashboard and the yearly report.

The board's tiles, the list each tile opens and that list's export agree over randomly
generated trees (property-based, as in test_compliance.py); the dashboard's numbers are the
plain ORM counts; a user sees their subtree only; the number of queries does not grow with the
number of units.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from cycle import compliance, dashboards
from cycle.models import Kind, Period, ProgrammeYear, Submission, Timeliness
from initiatives.choices import ACTIVE_STATUSES, REGISTERED_STATUSES, Domain, Outcome, Status
from initiatives.models import Beneficiary, Initiative, InitiativeYear
from units.models import Unit, UnitKind
from youth.choices import TargetGroup
from youth.models import Youth

pytestmark = pytest.mark.django_db

STATUSES = [s.value for s in Status]
TILE = re.compile(r'data-tile="([a-z_]+)" data-count="(\d+)"')


def board(client, year: int, unit: Unit, show: str = "all"):
    return client.get(reverse("compliance_board", args=[year]), {"unit": unit.pk, "show": show})


def export_rows(client, year: int, unit: Unit, show: str) -> list[tuple]:
    """The table rows of the exported workbook: those whose first cell is a row number."""
    response = client.get(reverse("compliance_export", args=[year]), {"unit": unit.pk, "show": show})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [row for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]


def add_initiative(unit: Unit, status: str, year: int, *, domain: str = "health", **fields) -> Initiative:
    initiative = Initiative.objects.create(
        unit=unit,
        name="Mô hình",
        domain=domain,
        kind="therapy",
        person_in_charge="A",
        content="c",
        expected_results="e",
        status=status,
        **fields,
    )
    InitiativeYear.objects.create(initiative=initiative, year=year)
    return initiative


def add_submission(unit: Unit, year: ProgrammeYear, kind: str, timeliness: str, status=Submission.Status.SUBMITTED):
    return Submission.objects.create(
        unit=unit,
        year=year,
        kind=kind,
        timeliness=timeliness,
        status=status,
        submitted_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        submitted_by=User.objects.get(username="prov_officer"),
        snapshot={},
        content_hash="0" * 64,
    )


def the_year(year: int = 2026) -> ProgrammeYear:
    period, _ = Period.objects.get_or_create(name="P", start_year=2025, end_year=2030)
    return ProgrammeYear.objects.get_or_create(
        year=year, defaults={"period": period, "registration_deadline": None, "results_deadline": None}
    )[0]


# Tiles = lists = exports, over random trees

commune_spec = st.tuples(
    st.integers(0, 1),  # branches
    st.lists(st.tuples(st.sampled_from(STATUSES), st.sampled_from([2025, 2026]), st.integers(0, 1)), max_size=3),
    st.sampled_from([None, *Timeliness.values]),  # registration submission
    st.sampled_from([None, Timeliness.ON_TIME, Timeliness.LATE]),  # results submission
    st.sampled_from(list(Submission.Status.values)),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(commune_spec, min_size=1, max_size=5), st.sampled_from(["district", "province"]))
def test_every_tile_is_the_length_of_its_list_and_of_its_export(client, world, where):
    client.force_login(User.objects.get(username="prov_viewer"))
    with transaction.atomic():
        year = the_year()
        province = Unit.objects.get(kind=UnitKind.PROVINCE, code="42")
        top = (
            province
            if where == "province"
            else Unit.objects.add_child(province, create_kwargs={"kind": UnitKind.DISTRICT, "name": "Huyện đoàn thử"})
        )
        for n, (branches, initiatives, registration, results, status) in enumerate(world):
            commune = Unit.objects.add_child(
                top, create_kwargs={"kind": UnitKind.COMMUNE, "name": f"Đoàn xã Thử {n}", "code": f"T{n}"}
            )
            homes = [commune] + [
                Unit.objects.add_child(commune, create_kwargs={"kind": UnitKind.BRANCH, "name": f"Chi đoàn {b}"})
                for b in range(branches)
            ]
            for state, y, home in initiatives:
                add_initiative(homes[min(home, len(homes) - 1)], state, y)
            if registration:
                add_submission(commune, year, Kind.REGISTRATION, registration, status)
            if results:
                add_submission(commune, year, Kind.RESULTS, results)

        expected = compliance.summary(compliance.rows(top, year)).counts
        page = board(client, 2026, top).content.decode()
        tiles = {name: int(count) for name, count in TILE.findall(page)}
        assert tiles["all"] == expected["all"]
        for name in compliance.FILTERS:
            response = board(client, 2026, top, name)
            listed = response.content.decode().count('data-testid="compliance-row"')
            assert listed == expected[name] == len(response.context["shown"]), name
            if name in tiles:
                assert tiles[name] == listed, name
            exported = export_rows(client, 2026, top, name)
            assert len(exported) == listed, name
            assert [row[1] for row in exported] == [row.name for row in response.context["shown"]]
        transaction.set_rollback(True)


def test_the_timeliness_tiles_open_the_units_in_that_state(client, persona, unit):
    year = the_year()
    add_submission(unit("18073"), year, Kind.REGISTRATION, Timeliness.LATE)
    client.force_login(persona("prov_officer"))
    response = board(client, 2026, unit("42"), "registration_late")
    assert [row.name for row in response.context["shown"]] == [unit("18073").name]
    assert 'data-tile="registration_late" data-count="1"' in response.content.decode()
    rows = export_rows(client, 2026, unit("42"), "registration_late")
    assert [(row[1], row[6]) for row in rows] == [(unit("18073").name, "Nộp muộn, chờ Đoàn cấp trên xem xét")]


def test_the_list_escapes_what_units_are_called(client, persona, unit):
    """The list's rows are built in Python (dashboard_views._list_html): names, codes and the
    union above are escaped, and each row shows its counts and both submissions."""
    year = the_year()
    commune = Unit.objects.add_child(
        unit("42"),
        create_kwargs={"kind": UnitKind.COMMUNE, "name": '<script>alert("x")</script> & Xã', "code": "<i>7</i>"},
    )
    add_initiative(commune, Status.REPORTED, 2026)
    add_submission(commune, year, Kind.REGISTRATION, Timeliness.LATE, Submission.Status.ACCEPTED)
    client.force_login(persona("prov_officer"))
    page = board(client, 2026, unit("42"), "registration_late").content.decode()
    assert "<script>alert" not in page and "<i>7</i>" not in page
    row = re.search(r'<tr data-testid="compliance-row">.*?</tr>', page, re.S).group(0)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Xã" in row
    assert "(&lt;i&gt;7&lt;/i&gt;)" in row
    assert f'<td data-label="Trực thuộc">{unit("42").name}</td>' in row
    assert row.count('class="text-sm-end">1</td>') == 2  # one registered, one reported
    accepted = '<span class="small text-body-secondary">Đã duyệt</span>'
    assert f'<span class="badge text-bg-warning">Trễ hạn</span> {accepted}</td>' in row
    results_due = timezone.localdate() > year.deadline(Kind.RESULTS)
    results = 'danger">Quá hạn chưa nộp' if results_due else 'secondary">Chưa đến hạn'
    assert f'<span class="badge text-bg-{results}</span></td>' in row


def test_recognition_shows_zero_until_a_decision(client, persona, unit):
    the_year()
    client.force_login(persona("prov_officer"))
    page = board(client, 2026, unit("42")).content.decode()
    assert 'data-tile="recognised" data-count="0"' in page
    assert 'data-testid="recognised-none"' in page


def test_a_district_level_unit_links_to_its_own_board(client, persona, unit):
    the_year(2024)
    district = Unit.objects.filter(kind=UnitKind.DISTRICT).order_by("path").first()
    client.force_login(persona("prov_officer"))
    response = board(client, 2024, unit("42"))
    links = {item.child.unit_id: url for item, url in response.context["by_unit"]}
    assert f"unit={district.pk}" in links[district.pk]
    opened = client.get(links[district.pk])
    assert opened.context["unit"] == district
    assert {row.unit_id for row in opened.context["shown"]} == set(
        compliance.communes(district, 2024).values_list("pk", flat=True)
    )


def test_an_unknown_year_is_404(client, persona):
    client.force_login(persona("prov_officer"))
    assert client.get(reverse("compliance_board", args=[1999])).status_code == 404
    assert client.get(reverse("dashboard"), {"year": "1999"}).status_code == 404


# The dashboard's numbers are the plain counts


@pytest.fixture
def world(make_youth, unit, persona):
    """Youth in communes A and B, initiatives of 2025 and 2026 with beneficiaries and outcomes."""
    the_year(2025)
    the_year(2026)
    a, b = unit("18073"), unit("18685")
    people_a = [
        make_youth("Nguyễn Văn An", groups={"poverty": {"household_kind": "poor"}, "unemployment": {}}),
        make_youth("Trần Thị Bình", groups={"disability": {}}),
        make_youth("Lê Văn Cường", groups={"unemployment": {}}),
    ]
    people_b = [make_youth("Phạm Thị Dung", code="18685", by="officer_b", groups={"poverty": {}})]
    reported = add_initiative(a, Status.REPORTED, 2026, domain="learning", supported_count=12)
    InitiativeYear.objects.create(initiative=reported, year=2025)
    running = add_initiative(a, Status.UNDER_WAY, 2026, domain="health")
    add_initiative(a, Status.DRAFT, 2026, domain="health")
    closed_b = add_initiative(b, Status.CLOSED, 2026, domain="livelihood", supported_count=5)
    Beneficiary.objects.create(initiative=reported, youth=people_a[0], outcome=Outcome.JOB)
    Beneficiary.objects.create(initiative=reported, youth=people_a[1], outcome=Outcome.INSURANCE_CARD)
    Beneficiary.objects.create(initiative=running, youth=people_a[0], outcome=Outcome.SUPPORTED)
    Beneficiary.objects.create(initiative=closed_b, youth=people_b[0], outcome=Outcome.JOB)
    return {"a": a, "b": b}


def chart(response, key: str) -> dict:
    return next(item["chart"] for item in response.context["charts"] if item["chart"]["key"] == key)


def series(response, key: str, index: int = 0) -> dict:
    found = chart(response, key)
    return dict(zip(found["labels"], found["series"][index]["data"], strict=True))


def test_dashboard_numbers_are_the_plain_counts(client, persona, unit, world):
    province = unit("42")
    client.force_login(persona("prov_officer"))
    response = client.get(reverse("dashboard"), {"unit": province.pk, "year": 2026})
    assert response.status_code == 200
    live = Youth.objects.filter(deleted_at__isnull=True, unit_path__startswith=province.path)
    assert response.context["total"] == live.count()
    groups = series(response, "groups")
    for code, label in TargetGroup.choices:
        assert groups[str(label)] == live.filter(groups__group=code).distinct().count()

    units = chart(response, "units")
    for label, count in zip(units["labels"], units["series"][0]["data"], strict=True):
        child = Unit.objects.get(name=label, path__startswith=province.path, depth=province.depth + 1)
        assert count == live.filter(unit_path__startswith=child.path).count()

    of_year = Initiative.objects.filter(years__year=2026, unit_path__startswith=province.path)
    domains = series(response, "domains")
    reported_domains = series(response, "domains", 1)
    for code, label in Domain.choices:
        assert domains[str(label)] == of_year.filter(domain=code, status__in=REGISTERED_STATUSES).count()
        assert (
            reported_domains[str(label)]
            == of_year.filter(domain=code, status__in=[Status.REPORTED, Status.CLOSED]).count()
        )
    statuses = series(response, "statuses")
    for code, label in Status.choices:
        assert statuses[str(label)] == of_year.filter(status=code).count()

    support = chart(response, "support")
    for index, year in enumerate(support["labels"]):
        linked = Beneficiary.objects.filter(
            initiative__years__year=int(year),
            initiative__status__in=ACTIVE_STATUSES,
            initiative__unit_path__startswith=province.path,
        )
        assert support["series"][0]["data"][index] == linked.values("youth").distinct().count()
        stated = sum(
            i.supported_count or 0
            for i in Initiative.objects.filter(
                years__year=int(year),
                status__in=[Status.REPORTED, Status.CLOSED],
                unit_path__startswith=province.path,
            )
        )
        assert support["series"][1]["data"][index] == stated
    assert {"2025", "2026"} <= set(support["labels"])
    outcomes = chart(response, "outcomes")
    year_index = outcomes["labels"].index("2026")
    for (code, _label), line in zip(Outcome.choices, outcomes["series"], strict=True):
        expected = (
            Beneficiary.objects.filter(
                initiative__years__year=2026,
                initiative__status__in=ACTIVE_STATUSES,
                initiative__unit_path__startswith=province.path,
                outcome=code,
            )
            .values("youth")
            .distinct()
            .count()
        )
        assert line["data"][year_index] == expected

    rows = compliance.rows(province, ProgrammeYear.objects.get(year=2026))
    entry = next(item for item in response.context["charts"] if item["chart"]["key"] == "compliance")
    table = entry["more"] or entry["table"]  # every child unit
    by_unit = {label: values[0] for label, _link, values in table["rows"]}
    assert by_unit[world["a"].name] == 100.0
    assert by_unit[world["b"].name] == 100.0
    assert len(by_unit) == len({dashboards.child_key(province, row.path) for row in rows})


def test_the_dashboard_draws_from_the_page_data_with_the_vendored_chart_js(client, persona, world):
    client.force_login(persona("prov_officer"))
    page = client.get(reverse("dashboard")).content.decode()
    assert 'id="dashboard-data" type="application/json"' in page
    assert "vendor/chartjs/chart.umd.min.js" in page and "js/dashboard.js" in page
    assert 'data-chart="groups"' in page and 'data-testid="table-groups"' in page
    assert "<script>" not in page  # no inline script: strict CSP


def test_a_commune_officer_sees_only_their_commune(client, persona, unit, world):
    client.force_login(persona("officer_b"))
    response = client.get(reverse("dashboard"))
    assert response.context["unit"] == unit("18685")
    b_youth = Youth.objects.filter(deleted_at__isnull=True, unit_path__startswith=unit("18685").path)
    assert response.context["total"] == b_youth.count()
    assert sum(chart(response, "units")["series"][0]["data"]) == b_youth.count()
    assert sum(series(response, "statuses").values()) == 1  # B's one initiative, not A's three
    page = response.content.decode()
    assert world["a"].name not in page


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("dashboard", {}),
        ("compliance_board", {"year": 2026}),
        ("compliance_export", {"year": 2026}),
        ("cycle_report", {"year": 2026, "fmt": "xlsx"}),
    ],
)
def test_a_unit_outside_the_scope_is_404(client, persona, unit, name, kwargs):
    the_year()
    client.force_login(persona("officer_b"))
    assert client.get(reverse(name, kwargs=kwargs), {"unit": unit("18073").pk}).status_code == 404
    assert client.get(reverse(name, kwargs=kwargs), {"unit": unit("18685").pk}).status_code == 200


# The yearly report


def test_the_report_as_xlsx_holds_the_figures(client, persona, unit, world):
    client.force_login(persona("prov_officer"))
    response = client.get(reverse("cycle_report", args=["2026", "xlsx"]), {"unit": unit("42").pk})
    assert response.status_code == 200
    assert "bao-cao-nam-2026" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = list(sheet.iter_rows(values_only=True))
    text = "\n".join(str(value) for row in cells for value in row if value is not None)
    assert "KẾT QUẢ THỰC HIỆN CÔNG TÁC HỖ TRỢ, GIÚP ĐỠ THANH THIẾU NIÊN YẾU THẾ NĂM 2026" in text
    assert "TỈNH ĐOÀN HÀ TĨNH" in text
    total = Youth.objects.filter(deleted_at__isnull=True).count()
    assert next(row for row in cells if row[1] == "Tổng số thanh thiếu niên yếu thế")[2] == total
    registered = Initiative.objects.filter(years__year=2026, status__in=REGISTERED_STATUSES).count()
    assert next(row for row in cells if row[1] == "Tổng số")[2] == registered
    supported = next(row for row in cells if row[1] and str(row[1]).startswith("Thanh thiếu niên được hỗ trợ theo"))
    assert supported[2] == 17  # 12 (commune A) + 5 (commune B), as their results reports state
    recognised = next(row for row in cells if row[1] == "Có mô hình, giải pháp được công nhận")
    assert recognised[2] == 0
    assert next(row for row in cells if row[1] == "Mô hình, giải pháp được công nhận đạt chỉ tiêu")[2] == 0
    assert "Chưa có mô hình, giải pháp nào được công nhận trong năm." in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_report_as_docx_and_pdf_holds_the_figures(client, persona, unit, world, tmp_path):
    import docx

    client.force_login(persona("prov_officer"))
    response = client.get(reverse("cycle_report", args=["2026", "docx"]), {"unit": unit("42").pk})
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in paragraphs and "3. Thanh thiếu niên yếu thế theo nhóm đối tượng" in paragraphs
    tables = ["\t".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
    poverty = Youth.objects.filter(deleted_at__isnull=True, groups__group="poverty").distinct().count()
    assert f"3\tThanh thiếu niên nghèo (hộ nghèo, hộ cận nghèo)\t{poverty}" in tables

    response = client.get(reverse("cycle_report", args=["2026", "pdf"]), {"unit": unit("42").pk})
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "KẾT QUẢ THỰC HIỆN CÔNG TÁC HỖ TRỢ" in text
    assert "Nơi nhận:" in text and "Trung ương Đoàn (để báo cáo)" in text
    assert re.search(r"Thanh thiếu niên nghèo \(hộ nghèo, hộ cận nghèo\)\s+" + str(poverty), text)


# Queries do not grow with the number of units


def grow(top: Unit, first: int, count: int, year: ProgrammeYear) -> None:
    for n in range(first, first + count):
        commune = Unit.objects.add_child(
            top, create_kwargs={"kind": UnitKind.COMMUNE, "name": f"Đoàn xã Thêm {n}", "code": f"X{n}"}
        )
        branch = Unit.objects.add_child(commune, create_kwargs={"kind": UnitKind.BRANCH, "name": "Chi đoàn"})
        add_initiative(branch, Status.REPORTED, 2026, supported_count=3)
        add_submission(commune, year, Kind.REGISTRATION, Timeliness.ON_TIME)
        Youth.objects.create(unit=branch, full_name=f"Người Thêm {n}", birth_year=2004, group_bits=1)


@pytest.mark.parametrize("name", ["compliance_board", "dashboard", "compliance_export", "cycle_report"])
def test_the_query_count_does_not_grow_with_the_units(client, persona, unit, name):
    year = the_year()
    the_year(2025)
    client.force_login(persona("prov_officer"))
    province = unit("42")
    kwargs = {"dashboard": {}, "cycle_report": {"year": "2026", "fmt": "xlsx"}}.get(name, {"year": 2026})
    url = reverse(name, kwargs=kwargs)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"unit": province.pk}).status_code == 200
        return len(captured)

    grow(province, 0, 3, year)
    small = queries()
    grow(province, 3, 25, year)
    assert queries() == small


def test_the_report_of_a_three_tier_year_sums_by_district_level_union(client, persona, unit):
    the_year(2024)
    client.force_login(persona("prov_viewer"))
    response = client.get(reverse("cycle_report", args=["2024", "xlsx"]), {"unit": unit("42").pk})
    cells = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    start = next(n for n, row in enumerate(cells) if row[0] == "5. Kết quả theo đơn vị")
    end = next(n for n, row in enumerate(cells) if row[0] == "6. Thanh thiếu niên yếu thế được hỗ trợ")
    listed = {row[1]: row[2] for row in cells[start + 2 : end] if isinstance(row[0], int)}
    districts = Unit.objects.filter(kind=UnitKind.DISTRICT, depth=2)
    for district in districts:
        assert listed[district.name] == compliance.communes(district, 2024).count()
