"""A background job's page: a progress bar (htmx polls the fragment), then the link to its result."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core.storage import stored_file_response
from danvan.jobs import access
from danvan.jobs.models import Job


@login_required
def job_detail(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = access.access_job(request.user, job_id)
    template = "jobs/_progress.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job})


def result_response(job: Job) -> FileResponse:
    """The job's result file, read through the storage API (local disk or S3)."""
    response = stored_file_response(
        job.result_name,
        content_type=job.result_content_type or "application/octet-stream",
        filename=job.result_filename,
        as_attachment=True,
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
