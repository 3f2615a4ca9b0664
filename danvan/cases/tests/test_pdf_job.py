"""A notice as PDF in the background (issue 10): LibreOffice runs in a worker, not in the request."""

from __future__ import annotations

import shutil

import pytest
from django.core.files.storage import default_storage

from danvan.cases.tests.test_notices import accept, classify, url
from danvan.core.documents import pdf as core_pdf
from danvan.jobs.models import Job, JobState
from danvan.jobs.worker import run_pending

pytestmark = pytest.mark.django_db


def test_the_pdf_of_a_notice_is_made_by_a_worker(cast, client, grace, complaint, django_capture_on_commit_callbacks):
    assert shutil.which("soffice"), "LibreOffice is missing: run scripts/system-deps.sh"
    case = accept(classify(complaint, cast.alice), grace)
    client.force_login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url(case, "acceptance"), {"format": "pdf", "background": "1"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/backoffice/jobs/{job.pk}/"
    assert default_storage.exists(job.params["source"])  # the DOCX, made in the request
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result_filename == "thong-bao-thu-ly-22081-2026-00001.pdf"
    download = client.get(f"/backoffice/jobs/{job.pk}/download/")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert not default_storage.exists(job.params["source"])


def test_without_libreoffice_the_job_fails_with_the_clear_message(
    cast, client, grace, complaint, monkeypatch, django_capture_on_commit_callbacks
):
    case = accept(classify(complaint, cast.alice), grace)
    client.force_login(cast.alice)
    monkeypatch.setattr(core_pdf.shutil, "which", lambda name: None)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/api/v1/cases/{case.pk}/notices/acceptance", {"format": "pdf", "background": "true"})
    assert response.status_code == 202 and response.json()["state"] == "queued"
    run_pending()
    status = client.get(f"/api/v1/tasks/{response.json()['id']}").json()
    assert status["state"] == "failed" and status["message"].startswith("Máy chủ chưa tạo được PDF")
    assert status["result_url"] is None
