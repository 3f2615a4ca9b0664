"""The state of a background job in the API: GET /api/v1/tasks/{id} (only the officer who started it)."""

from __future__ import annotations

import uuid

from django.http import FileResponse, Http404, HttpRequest
from ninja import Router

from danvan.core.routing import app_router
from danvan.core.schemas import ErrorOut
from danvan.jobs import access
from danvan.jobs.schemas import JobOut
from danvan.jobs.views import result_response

router = Router(tags=["tasks"])


@router.get("/tasks/{uuid:job_id}", response={200: JobOut, 404: ErrorOut}, summary="Tiến độ một công việc nền")
def job_status(request: HttpRequest, job_id: uuid.UUID) -> object:
    return access.access_job(request.user, job_id)


@router.get(
    "/tasks/{uuid:job_id}/result",
    response={404: ErrorOut},
    summary="Tải kết quả của một công việc nền",
    url_name="job_result",
    openapi_extra={"responses": {"200": {"description": "Tệp kết quả (XLSX, PDF…)."}}},
)
def job_result(request: HttpRequest, job_id: uuid.UUID) -> FileResponse:
    job = access.access_job(request.user, job_id)  # the access check: only the officer who started it
    if not job.result_name:
        raise Http404
    return result_response(job)


api_router = app_router(router)  # the app's one router (core.routing)
