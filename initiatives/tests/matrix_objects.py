"""Objects of commune A (Thành Sen) for the permission matrix, created on first use.

Each factory returns the URL kwargs of its object. A test of the matrix may change an object
(a POST moves an initiative along), so each factory brings it back to the state it promises.
"""

from __future__ import annotations

import datetime

from accounts.models import User
from initiatives import services, workflow
from initiatives.choices import Status
from initiatives.models import Initiative
from units.models import Unit

NAME = "Mô hình thử ma trận"


def _officer(username: str = "officer_a") -> User:
    return User.objects.get(username=username)


def initiative_a(status: str = Status.DRAFT) -> Initiative:
    """An initiative of commune A in `status` (a fresh one per status)."""
    name = f"{NAME} ({status})"
    existing = Initiative.objects.filter(name=name).first()
    if existing is not None and existing.status == status:
        return existing
    if existing is not None:
        existing.delete()
    initiative = services.create_initiative(
        Unit.objects.in_force().get(code="18073"),
        {
            "name": name,
            "domain": "learning",
            "kind": "vocational",
            "person_in_charge": "Phan Thị Thu",
            "content": "Hướng nghiệp miễn phí cho thanh niên.",
            "expected_results": "20 thanh niên được hướng nghiệp.",
            "start_date": datetime.date(2026, 3, 1),
        },
        by=_officer(),
        groups=["unemployment"],
        years=[2026],
    )
    route = {
        Status.DRAFT: [],
        Status.REGISTERED: [("submit", "officer_a")],
        Status.ACCEPTED: [("submit", "officer_a"), ("accept", "prov_officer")],
        Status.UNDER_WAY: [("submit", "officer_a"), ("accept", "prov_officer"), ("start", "officer_a")],
    }[status]
    for action, who in route:
        initiative = workflow.apply(initiative, action, by=_officer(who))
    return initiative


def initiative_kwargs(status: str = Status.DRAFT):
    """A factory for the matrix: {"pk": <initiative of commune A in `status`>}."""
    return lambda: {"pk": initiative_a(status).pk}


# api


def api_initiative(status: str = Status.DRAFT):
    """A factory for API_MATRIX paths: {"initiative_id": <initiative of commune A in `status`>}."""
    return lambda: {"initiative_id": initiative_a(status).pk}


def confirmation_scan_a(status: str = Status.UNDER_WAY) -> int:
    """The id of an uploaded scan of the signed confirmation page, on the initiative in `status`."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from initiatives.models import Evidence

    initiative = initiative_a(status)
    scan = initiative.evidence.filter(purpose=Evidence.Purpose.CONFIRMATION).first()
    if scan is None:
        scan = Evidence.objects.create(
            initiative=initiative,
            kind="document",
            purpose=Evidence.Purpose.CONFIRMATION,
            title="xac-nhan.pdf",
            file=SimpleUploadedFile("xac-nhan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
            content_type="application/pdf",
        )
    return scan.pk


# evidence


def evidence_a(kind: str = "photo") -> int:
    """The id of a photo (stored with its thumbnail) or a link of commune A's initiative under way."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from initiatives import uploads

    initiative = initiative_a(Status.UNDER_WAY)
    title = f"{NAME} ({kind})"
    existing = initiative.evidence.filter(title=title).first()
    if existing is not None:
        return existing.pk
    if kind == "link":
        return uploads.save_link(initiative, "https://doanthanhnien.vn/tin-tuc", title=title, by=_officer()).pk
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, "PNG")
    upload = SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")
    return uploads.save_evidence(initiative, upload, purpose="result", title=title, by=_officer()).pk


def evidence_kwargs(kind: str = "photo"):
    """A factory for the matrix: {"pk": <a photo or link of commune A's initiative under way>}."""
    return lambda: {"pk": evidence_a(kind)}


# pages


def _youth_a():
    from tests.matrix_common import youth_a
    from youth.models import Youth

    return Youth.objects.get(pk=youth_a()["pk"])


def step_entry_kwargs():
    """A factory for the matrix: {"pk": <a step entry of commune A's draft>}."""

    def make():
        initiative = initiative_a(Status.DRAFT)
        entry = initiative.step_entries.first() or services.add_step_entry(
            initiative, {"step": 1, "done_on": datetime.date(2026, 2, 1), "note": "Khảo sát"}, by=_officer()
        )
        return {"pk": entry.pk}

    return make


def activity_kwargs():
    """A factory for the matrix: {"pk": <an activity of commune A's initiative under way>}."""

    def make():
        initiative = initiative_a(Status.UNDER_WAY)
        activity = initiative.activities.first() or services.add_activity(
            initiative, {"held_on": datetime.date(2026, 4, 1), "description": "Buổi hướng nghiệp"}, by=_officer()
        )
        return {"pk": activity.pk}

    return make


def beneficiary_kwargs():
    """A factory for the matrix: {"pk": <a beneficiary of commune A's initiative under way>}."""

    def make():
        initiative = initiative_a(Status.UNDER_WAY)
        if not initiative.beneficiaries.exists():
            services.add_beneficiaries(initiative, [_youth_a()], by=_officer())
        return {"pk": initiative.beneficiaries.get().pk}

    return make


# forms


def form_export_job_kwargs():
    """A factory for the matrix: {"pk": <officer A's finished Form 01 export job of commune A>}."""

    def make():
        from initiatives import exports
        from reports.jobs import start_job

        unit = Unit.objects.in_force().get(code="18073")
        names = exports.names("01", unit, 2026, "xlsx")
        job = start_job(exports.job_kind("01", 2026), "xlsx", unit, total=0, names=names, by=_officer())
        exports.build_initiative_form.call(str(job.pk))
        return {"pk": job.pk}

    return make
