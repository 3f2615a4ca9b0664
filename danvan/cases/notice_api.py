"""Notices API: a case's notice to citizens and bodies as DOCX (or PDF with ``?format=pdf``).

Authentication comes from the router's registration (``api.add_router("/", router, auth=api_auth)``).
No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from danvan.accounts.models import Role
from danvan.cases import notices
from danvan.cases.access import access_case
from danvan.cases.notice_views import notice_pdf_job, notice_response
from danvan.core.documents.pdf import PDF_CONTENT_TYPE
from danvan.core.documents.templates import DOCX_CONTENT_TYPE
from danvan.core.fields import Code
from danvan.core.schemas import ErrorOut
from danvan.jobs.schemas import JobOut

router = Router(tags=["cases"])

KINDS = ", ".join(f"`{slug}`" for slug in notices.NOTICE_KINDS)


@router.get(
    "/cases/{int:case_id}/notices/{kind}",
    response={202: JobOut, 404: ErrorOut, 409: ErrorOut, 503: ErrorOut},
    summary="Văn bản thông báo của hồ sơ (DOCX hoặc PDF)",
    description=f"Loại văn bản ({KINDS}): thông báo thụ lý, không thụ lý, phiếu chuyển đơn, phiếu hướng dẫn, "
    "gia hạn, thông báo kết quả; theo mẫu đang dùng. 409 `notice_unavailable` khi trạng thái hồ sơ chưa cho "
    "phép; 404 với văn bản gửi người tố cáo khi cán bộ không có quyền xem thông tin người tố cáo. "
    "`format=pdf`: bản PDF, 503 `pdf_unavailable` khi máy chủ chưa cài LibreOffice. `format=pdf&background=true`: "
    "202 với công việc nền chuyển sang PDF (theo dõi ở `GET /api/v1/tasks/{id}`, tải ở `result_url`).",
    url_name="case_notice",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Tệp Word (hoặc PDF) của văn bản.",
                "content": {
                    DOCX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
                    PDF_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def case_notice(
    request: HttpRequest, case_id: int, kind: Code, format: Code = "docx", background: bool = False
) -> HttpResponse | Status[Any]:
    case = access_case(request.user, case_id, min_role=Role.OFFICER)
    notice = notices.notice_generate(actor=request.user, case=case, kind=kind)
    if format == "pdf" and background:
        return Status(202, notice_pdf_job(request.user, notice))
    return notice_response(notice, as_pdf=format == "pdf")
