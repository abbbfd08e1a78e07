from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives import services, workflow
from initiatives.choices import Status
from initiatives.models import Evidence, Initiative
from youth.tests.conftest import make_youth  # noqa: F401  (a fixture, shared)

# The path each status is reached by, from a draft: (action, persona).
ROUTE = {
    Status.DRAFT: [],
    Status.REGISTERED: [("submit", "officer_a")],
    Status.RETURNED: [("submit", "officer_a"), ("return_for_changes", "prov_officer")],
    Status.ACCEPTED: [("submit", "officer_a"), ("accept", "prov_officer")],
    Status.UNDER_WAY: [("submit", "officer_a"), ("accept", "prov_officer"), ("start", "officer_a")],
    Status.REPORTED: [
        ("submit", "officer_a"),
        ("accept", "prov_officer"),
        ("start", "officer_a"),
        ("report", "officer_a"),
    ],
    Status.CLOSED: [
        ("submit", "officer_a"),
        ("accept", "prov_officer"),
        ("start", "officer_a"),
        ("report", "officer_a"),
        ("close", "prov_officer"),
    ],
}


def png_bytes(width: int = 40, height: int = 30, fmt: str = "PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def make_initiative(persona, unit):
    """make_initiative(status=Status.ACCEPTED, code="18073", **fields) -> a saved initiative,
    taken along the lifecycle by the right personas."""

    def make(name: str = "Câu lạc bộ thanh niên khuyết tật", *, code: str = "18073", status=Status.DRAFT, **fields):
        data = {
            "name": name,
            "domain": "social",
            "kind": "self_help_group",
            "person_in_charge": "Trần Thị Hoa",
            "content": "Sinh hoạt định kỳ hằng tháng, chia sẻ kinh nghiệm sống độc lập.",
            "expected_results": "10 thanh niên khuyết tật tham gia thường xuyên.",
            "start_date": datetime.date(2026, 3, 1),
            **fields,
        }
        initiative = services.create_initiative(
            unit(code), data, by=persona("officer_a"), groups=["disability"], years=[2026]
        )
        for action, who in ROUTE[status]:
            if action == "report":
                complete_results(initiative, persona("officer_a"))
            initiative = workflow.apply(initiative, action, by=persona(who), comment="Cần bổ sung kế hoạch.")
        assert initiative.status == status
        return initiative

    return make


def complete_results(initiative: Initiative, by) -> None:
    """Results and the signed confirmation, what `report` requires."""
    initiative = Initiative.objects.get(pk=initiative.pk)
    services.update_initiative(
        initiative,
        {},
        results={"results": "12 thanh niên được hỗ trợ.", "supported_count": 12},
        expected_version=initiative.version,
        by=by,
    )
    scan = Evidence.objects.create(
        initiative=initiative,
        kind="photo",
        purpose=Evidence.Purpose.CONFIRMATION,
        title="xac-nhan.png",
        file=SimpleUploadedFile("xac-nhan.png", png_bytes(), content_type="image/png"),
        content_type="image/png",
    )
    services.record_confirmation(
        initiative,
        {
            "confirmer_name": "Lê Văn Nam",
            "confirmer_title": "Chủ tịch UBND",
            "confirmed_on": datetime.date(2026, 9, 30),
        },
        scan=scan,
        by=by,
    )


@pytest.fixture
def check(persona, unit):
    """check(xlsx bytes, user=, code=, default_domain=) -> the dry run's report of a Form 01
    import for the year 2026 (initiatives.importing.build_report)."""
    from initiatives.importing import build_report

    def run(data: bytes, *, user: str = "officer_a", code: str = "18073", default_domain: str = ""):
        return build_report(
            data, filename="bm01.xlsx", unit=unit(code), user=persona(user), year=2026, default_domain=default_domain
        )

    return run
