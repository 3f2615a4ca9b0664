"""Large exports and imports of the registry as background jobs: a progress page, the status in the API, the result
file through the storage API, downloads for the officer who started it only (issue 10)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from danvan.core.attachments import XLSX_CONTENT_TYPE
from danvan.initiatives.models import Initiative
from danvan.initiatives.tests.test_xlsx import TODAY, filled_template, run_import, three_rows, upload
from danvan.jobs.models import Job, JobState
from danvan.jobs.worker import run_pending

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def test_a_large_export_runs_in_a_worker_with_progress_and_only_its_owner_downloads_it(
    client, cast, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_EXPORT_THRESHOLD = 2  # three initiatives: "large"
    run_import(cast.alice, filled_template(three_rows()))
    client.force_login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("initiatives:initiative_export"))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.owner, job.kind, job.state) == (cast.alice, "initiatives.export", JobState.QUEUED)
    assert DBTaskResult.objects.filter(task_path__endswith="run_job").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page  # the page polls until the job is done
    status = client.get(f"/api/v1/tasks/{job.pk}").json()
    assert (status["state"], status["percent"], status["result_url"]) == ("queued", 0, None)

    assert run_pending() == 1
    job.refresh_from_db()
    assert (job.state, job.progress, job.total, job.percent) == (JobState.DONE, 3, 3, 100)
    assert default_storage.exists(job.result_name) and job.result_name.startswith(f"jobs/{cast.alice.pk}/")
    status = client.get(f"/api/v1/tasks/{job.pk}").json()
    assert status["state"] == "done" and status["result_url"] == f"/api/v1/tasks/{job.pk}/result"
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    page_download = reverse("jobs:download", args=[job.pk])
    assert "hx-trigger" not in fragment and page_download in fragment  # polling stops at the link
    assert b"".join(client.get(page_download).streaming_content).startswith(b"PK")
    download = client.get(status["result_url"])
    assert download.status_code == 200 and download["Content-Type"] == XLSX_CONTENT_TYPE
    assert 'filename="mo-hinh-dien-hinh-20261120.xlsx"' in download["Content-Disposition"]
    lines = list(openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).worksheets[0].iter_rows())
    assert len(lines) == 4  # the header and three initiatives

    client.force_login(cast.bob)  # another officer: the job does not exist for them
    assert client.get(f"/api/v1/tasks/{job.pk}").status_code == 404
    assert client.get(status["result_url"]).status_code == 404
    assert client.get(page_download).status_code == 404
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_a_small_export_still_answers_at_once(client, cast):
    run_import(cast.alice, filled_template(three_rows()))
    client.force_login(cast.alice)
    response = client.get(reverse("initiatives:initiative_export"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX_CONTENT_TYPE
    assert not Job.objects.exists()


def test_the_api_answers_202_for_a_large_export(client, cast, settings):
    settings.JOBS_EXPORT_THRESHOLD = 1  # two models among the three
    run_import(cast.alice, filled_template(three_rows()))
    client.force_login(cast.alice)
    response = client.get("/api/v1/initiatives/export", {"kind": "model"})
    assert response.status_code == 202
    assert response.json()["state"] == "queued" and response.json()["page_url"].startswith("/backoffice/jobs/")
    assert Job.objects.get().params["query"] == "kind=model"


def test_a_large_import_runs_in_a_worker_and_reports_its_counts(
    client, cast, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_IMPORT_THRESHOLD = 2
    client.force_login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("initiatives:initiative_import"), {"file": upload(filled_template(three_rows()))}
        )
    job = Job.objects.get()
    assert response.status_code == 302 and Initiative.objects.count() == 0
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.message == "Đã nhập 3 mô hình, bỏ qua 0 dòng đã có."
    assert Initiative.objects.count() == 3 and not default_storage.exists(job.params["source"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/initiatives/import", {"file": upload(filled_template(three_rows()))})
    assert response.status_code == 202
    assert run_pending() == 1
    assert Job.objects.get(pk=response.json()["id"]).message == "Đã nhập 0 mô hình, bỏ qua 3 dòng đã có."


def test_a_refused_large_import_fails_with_its_errors_and_writes_nothing(
    client, cast, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_IMPORT_THRESHOLD = 1
    client.force_login(cast.alice)
    rows = [*three_rows()[:1], {**three_rows()[1], "registered_on": "32/01/2026"}]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("initiatives:initiative_import"), {"file": upload(filled_template(rows))})
    run_pending()
    job = Job.objects.get()
    assert job.state == JobState.FAILED and "Dòng 3" in job.message and "Ngày đăng ký" in job.message
    assert Initiative.objects.count() == 0
