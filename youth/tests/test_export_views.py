"""Who may export Biểu mẫu 02, and large exports as background jobs with a progress page."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reports import renderers
from reports.jobs import purge_expired
from reports.models import ExportJob
from youth import exports
from youth.models import RegistryAccess

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def export_url(fmt="xlsx"):
    return reverse("youth_export", kwargs={"fmt": fmt})


@pytest.fixture
def two_records(make_youth):
    return [make_youth("Nguyễn Văn Bình"), make_youth("Trần Thị An")]


@pytest.fixture
def in_background(monkeypatch, settings):
    """Every export counts as large: it goes through a job, run within the request unless a test
    swaps in the dummy backend (which only stores it, as a worker's queue would)."""
    monkeypatch.setattr(exports, "BACKGROUND_ABOVE", {"xlsx": 0, "docx": 0, "pdf": 0})
    settings.TASKS = IMMEDIATE_TASKS


def test_anonymous_is_sent_to_sign_in(login, unit):
    response = login(None).get(export_url(), {"unit": unit("18073").pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_stranger_gets_404(login, unit, two_records):
    assert login("officer_b").get(export_url(), {"unit": unit("18073").pk}).status_code == 404
    assert RegistryAccess.objects.count() == 0


def test_unit_id_that_is_not_a_number_gets_404(login):
    assert login("officer_a").get(export_url(), {"unit": "abc"}).status_code == 404


def test_viewer_may_export(login, unit, two_records):
    response = login("viewer_a").get(export_url("docx"), {"unit": unit("18073").pk})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_without_unit_the_users_first_unit_is_exported(login, unit, two_records):
    response = login("officer_a").get(export_url())
    assert response.status_code == 200
    assert RegistryAccess.objects.get().unit == unit("18073")


def test_unknown_format_is_404(login):
    assert login("officer_a").get("/youth/export/02.csv").status_code == 404


def test_docx_or_pdf_over_the_row_limit_is_refused_pointing_to_xlsx(login, unit, two_records, monkeypatch):
    monkeypatch.setitem(renderers.FORMATS, "pdf", renderers.Format("pdf", "application/pdf", 1))
    response = login("officer_a").get(export_url("pdf"), {"unit": unit("18073").pk})
    assert response.status_code == 422
    assert b'data-testid="export-refusal"' in response.content
    assert reverse("youth_export", kwargs={"fmt": "xlsx"}).encode() in response.content
    assert RegistryAccess.objects.count() == 0


def test_large_list_offers_a_background_job_instead_of_the_file(login, unit, two_records, in_background):
    response = login("officer_a").get(export_url(), {"unit": unit("18073").pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b'data-testid="export-start"' in response.content
    assert ExportJob.objects.count() == 0


def test_job_runs_and_only_its_requester_downloads_it(login, unit, persona, two_records, in_background):
    client = login("officer_a")
    response = client.post(export_url(), {"unit": unit("18073").pk})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("youth_export_job", kwargs={"pk": job.pk})
    assert job.status == ExportJob.Status.DONE
    assert (job.rows_done, job.rows_total) == (2, 2)
    page = client.get(response["Location"])
    download = reverse("youth_export_job_download", kwargs={"pk": job.pk})
    assert download.encode() in page.content
    assert b"hx-trigger" not in page.content  # finished: no more polling
    file = client.get(download)
    assert file.status_code == 200
    assert b"".join(file.streaming_content).startswith(b"PK")
    assert 'filename="bieu-mau-02_18073_' in file["Content-Disposition"]
    access = RegistryAccess.objects.get()
    assert access.user == persona("officer_a") and access.record_count == 2
    for other in ("officer_b", "prov_admin", "viewer_a"):
        assert login(other).get(response["Location"]).status_code == 404
        assert login(other).get(download).status_code == 404
    assert login(None).get(download).status_code == 302


def test_job_page_polls_while_pending_and_shows_progress(login, unit, two_records, in_background, settings):
    settings.TASKS = DUMMY_TASKS
    client = login("officer_a")
    client.post(export_url("pdf"), {"unit": unit("18073").pk})
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.PENDING
    url = reverse("youth_export_job", kwargs={"pk": job.pk})
    partial = client.get(url, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content
    assert b'hx-trigger="every 2s"' in partial.content
    assert b'<progress class="w-100" value="0" max="2">' in partial.content
    assert client.get(reverse("youth_export_job_download", kwargs={"pk": job.pk})).status_code == 404

    exports.build_form02.call(str(job.pk))  # what the worker does

    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.path.read_bytes().startswith(b"%PDF")
    done = client.get(url, headers={"HX-Request": "true"})
    assert b"hx-trigger" not in done.content
    assert b'data-testid="export-download"' in done.content


def test_job_records_progress_while_rows_stream(login, unit, two_records, in_background, monkeypatch):
    from reports.renderers import xlsx

    seen = []
    monkeypatch.setattr(xlsx, "PROGRESS_EVERY", 1)
    monkeypatch.setattr("reports.jobs._update", _recording(seen))
    login("officer_a").post(export_url(), {"unit": unit("18073").pk})
    assert [fields["rows_done"] for fields in seen if "rows_done" in fields] == [1, 2, 2, 2]
    assert ExportJob.objects.get().status == ExportJob.Status.DONE


def _recording(seen):
    from reports import jobs

    original = jobs._update

    def update(job, **fields):
        seen.append(fields)
        original(job, **fields)

    return update


def test_job_fails_when_the_requester_lost_the_unit(login, unit, persona, two_records, in_background, settings):
    settings.TASKS = DUMMY_TASKS
    login("officer_a").post(export_url(), {"unit": unit("18073").pk})
    job = ExportJob.objects.get()
    persona("officer_a").memberships.all().delete()

    exports.build_form02.call(str(job.pk))

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error == "You no longer have access to this unit."
    assert not job.path.exists()
    assert RegistryAccess.objects.count() == 0


def test_expired_jobs_answer_404_and_are_purged_with_their_files(login, unit, two_records, in_background):
    client = login("officer_a")
    client.post(export_url(), {"unit": unit("18073").pk})
    job = ExportJob.objects.get()
    assert job.path.exists()
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("youth_export_job_download", kwargs={"pk": job.pk})).status_code == 404

    assert purge_expired() == 1

    assert not job.path.exists()
    assert not ExportJob.objects.exists()


def test_buttons_link_the_three_formats_for_the_unit(rf, unit):
    from django.template.loader import render_to_string

    target = unit("18073")
    html = render_to_string("youth/export_buttons.html", {"unit": target})
    for fmt in ("xlsx", "docx", "pdf"):
        assert f'href="/youth/export/02.{fmt}?unit={target.pk}"' in html


def test_a_lost_job_is_reported_failed_and_can_be_asked_again(login, unit, two_records, in_background, settings):
    """A worker that died leaves a job "being prepared" for ever: after ten minutes without
    progress (thirty if it never started) the page says it stopped, and a new export works."""
    settings.TASKS = DUMMY_TASKS  # queued, never run: as if no worker took it
    client = login("officer_a")
    client.post(export_url(), {"unit": unit("18073").pk})
    job = ExportJob.objects.get()
    url = reverse("youth_export_job", kwargs={"pk": job.pk})
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=29)):
        assert b'hx-trigger="every 2s"' in client.get(url).content  # still waiting
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, touched_at=timezone.now(), rows_done=1)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=9)):
        assert b'hx-trigger="every 2s"' in client.get(url).content  # running, not yet lost
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        page = client.get(url).content.decode()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert "hx-trigger" not in page
    assert "máy chủ có thể đã khởi động lại" in page
    exports.build_form02.call(str(job.pk))  # the worker wakes up late: a failed job stays failed
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED

    settings.TASKS = IMMEDIATE_TASKS
    response = client.post(export_url(), {"unit": unit("18073").pk})
    assert ExportJob.objects.get(pk=response["Location"].split("/")[-2]).status == ExportJob.Status.DONE


def test_the_nightly_purge_marks_lost_jobs_failed(login, unit, two_records, in_background, settings):
    from django.core.management import call_command

    settings.TASKS = DUMMY_TASKS
    login("officer_a").post(export_url(), {"unit": unit("18073").pk})
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        call_command("purge_exports")
    assert ExportJob.objects.get().status == ExportJob.Status.FAILED
