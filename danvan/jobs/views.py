"""A background job's page: a progress bar (htmx polls the fragment), then the link to its result."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.jobs import access
from danvan.jobs.models import Job


@login_required
def job_detail(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = access.access_job(request.user, job_id)
    template = "jobs/_progress.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job})


def result_response(job: Job) -> FileResponse:
    """The job's result file, read through the storage API (local disk or S3)."""
    response = FileResponse(
        default_storage.open(job.result_name, "rb"),
        as_attachment=True,
        filename=job.result_filename,
        content_type=job.result_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def job_download(request: HttpRequest, job_id: uuid.UUID) -> FileResponse:
    job = access.access_job(request.user, job_id)  # the access check: only the officer who started it
    if not job.result_name:
        raise Http404
    return result_response(job)
