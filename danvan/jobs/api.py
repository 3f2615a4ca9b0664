"""The state of a background job in the API: GET /api/v1/tasks/{id} (only the officer who started it)."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from ninja import Router

from danvan.core.schemas import ErrorOut
from danvan.jobs import access
from danvan.jobs.schemas import JobOut

router = Router(tags=["tasks"])


@router.get("/tasks/{uuid:job_id}", response={200: JobOut, 404: ErrorOut}, summary="Tiến độ một công việc nền")
def job_status(request: HttpRequest, job_id: uuid.UUID) -> object:
    return access.access_job(request.user, job_id)
