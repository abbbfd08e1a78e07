"""Demo records for `make run` (demo mode only): a few young people in two communes and
initiatives at each stage of the lifecycle, so every page has something to show.

Idempotent: nothing is added once the demo initiatives exist. All names are invented.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from initiatives import services, uploads, workflow
from initiatives.choices import Outcome
from initiatives.models import Evidence, Initiative
from units.models import Unit
from youth import services as youth_services
from youth.models import Youth

MARK = "(minh hoạ)"  # in every demo initiative's name, so a second seed finds them

# (unit code, full name, birth year, phone, village, groups)
DEMO_YOUTH: list[tuple[str, str, int, str, str, dict[str, dict[str, Any]]]] = [
    ("18073", "Nguyễn Văn An", 2003, "0912000101", "Tổ dân phố 3", {"unemployment": {}}),
    ("18073", "Trần Thị Bích", 2005, "0912000102", "Tổ dân phố 5", {"poverty": {"household_kind": "poor"}}),
    ("18073", "Lê Minh Châu", 2001, "0912000103", "Tổ dân phố 1", {"disability": {"disability_kind": "mobility"}}),
    ("18073", "Phạm Quốc Dũng", 1999, "0912000104", "Tổ dân phố 7", {"reintegration": {}}),
    ("18685", "Hoàng Thị Én", 2004, "0912000105", "Thôn Trung Hòa", {"poverty": {"household_kind": "near_poor"}}),
    ("18685", "Võ Văn Giang", 2002, "0912000106", "Thôn Tân Hòa", {"rehabilitation": {}}),
]


def _png(colour: tuple[int, int, int]) -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), colour)
    ImageDraw.Draw(image).rectangle((40, 40, 600, 380), outline=(255, 255, 255), width=8)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("anh-minh-hoa.png", buffer.getvalue(), content_type="image/png")


def seed_initiatives() -> None:
    if Initiative.objects.filter(name__contains=MARK).exists():
        return
    year = timezone.localdate().year
    thanh_sen = Unit.objects.in_force().get(code="18073")
    commune_officer = User.objects.get(username="thanhsen")
    province_officer = User.objects.get(username="tinhdoan")
    people = []
    for code, name, born, phone, village, groups in DEMO_YOUTH:
        unit = Unit.objects.in_force().get(code=code)
        found = Youth.objects.filter(full_name=name, unit=unit).first()
        people.append(
            found
            or youth_services.create_youth(
                unit,
                {"full_name": name, "birth_year": born, "phone": phone, "village": village},
                groups=groups,
                by=User.objects.get(username="thanhsen" if code == "18073" else "cambinh"),
            )
        )

    def make(name: str, domain: str, kind: str, groups: list[str], **fields) -> Initiative:
        return services.create_initiative(
            thanh_sen,
            {
                "name": f"{name} {MARK}",
                "domain": domain,
                "kind": kind,
                "person_in_charge": "Phạm Minh Sen",
                "person_in_charge_phone": "0912000200",
                "area": "Phường Thành Sen",
                "start_date": datetime.date(year, 3, 1),
                "content": "Sinh hoạt định kỳ hằng tháng.\nKết nối doanh nghiệp, trung tâm dịch vụ việc làm.",
                "expected_results": "Ít nhất 10 thanh niên yếu thế tham gia thường xuyên.",
                **fields,
            },
            by=commune_officer,
            groups=groups,
            years=[year],
        )

    make("Câu lạc bộ nghề may cho thanh niên khuyết tật", "social", "club", ["disability"])
    registered = make("Hướng nghiệp cho thanh niên hoàn lương", "learning", "vocational", ["reintegration"])
    workflow.apply(registered, "submit", by=commune_officer)

    reported = make(
        "Tổ hỗ trợ việc làm cho thanh niên yếu thế",
        "livelihood",
        "job_placement",
        ["unemployment", "poverty"],
        plan="Tháng 3: khảo sát; tháng 4–9: giới thiệu việc làm; tháng 10: tổng kết.",
    )
    for action, who in (("submit", commune_officer), ("accept", province_officer), ("start", commune_officer)):
        reported = workflow.apply(reported, action, by=who)
    services.add_activity(
        reported,
        {"held_on": datetime.date(year, 5, 15), "description": "Ngày hội việc làm phường", "jobs": 3, "gifts": 10},
        by=commune_officer,
        youth=people[:3],
    )
    for beneficiary, outcome in zip(
        reported.beneficiaries.all(), [Outcome.JOB, Outcome.JOB, Outcome.COURSE_FINISHED], strict=False
    ):
        services.set_outcome(
            beneficiary, outcome=outcome, outcome_on=datetime.date(year, 6, 1), note="", by=commune_officer
        )
    reported = Initiative.objects.get(pk=reported.pk)
    services.update_initiative(
        reported,
        {},
        results={"results": "12 thanh niên được tư vấn; 5 người có việc làm ổn định.", "supported_count": 12},
        expected_version=reported.version,
        by=commune_officer,
    )
    uploads.save_evidence(
        reported, _png((30, 110, 180)), purpose=Evidence.Purpose.RESULT, title="Ngày hội việc làm", by=commune_officer
    )
    uploads.save_link(
        reported,
        "https://example.vn/tin-tuc/ngay-hoi-viec-lam",
        title="Bài viết trên trang của Tỉnh đoàn",
        by=commune_officer,
    )
    scan = uploads.save_evidence(
        reported,
        _png((240, 240, 240)),
        purpose=Evidence.Purpose.CONFIRMATION,
        title="Xác nhận của UBND phường",
        by=commune_officer,
    )
    services.record_confirmation(
        reported,
        {
            "confirmer_name": "Lê Văn Nam",
            "confirmer_title": "Chủ tịch UBND phường",
            "confirmed_on": datetime.date(year, 9, 30),
        },
        scan=scan,
        by=commune_officer,
    )
    workflow.apply(reported, "report", by=commune_officer)
