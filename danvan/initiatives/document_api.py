"""Documents API of the registry: the recognition decision as DOCX, or as PDF where LibreOffice is installed.

Authentication comes from the router's registration (``api.add_router("/", router, auth=api_auth)``).
No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from danvan.core.documents.pdf import PDF_CONTENT_TYPE, pdf_response
from danvan.core.documents.templates import DOCX_CONTENT_TYPE, docx_response
from danvan.core.schemas import ErrorOut
from danvan.initiatives import documents
from danvan.initiatives.document_views import access_decision
from danvan.jobs.jobs import pdf_job_start
from danvan.jobs.schemas import JobOut

router = Router(tags=["initiatives"])


def _binary(content_type: str, description: str) -> dict[str, object]:
    return {
        "responses": {
            "200": {
                "description": description,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


@router.get(
    "/initiatives/decisions/{decision_id}/docx",
    response={404: ErrorOut},
    summary="Quyết định công nhận (DOCX)",
    description="Quyết định công nhận mô hình, điển hình “Dân vận khéo” kèm danh sách, theo mẫu đang dùng.",
    url_name="initiative_decision_docx",
    openapi_extra=_binary(DOCX_CONTENT_TYPE, "Tệp Word của quyết định."),
)
def decision_docx(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access_decision(request.user, decision_id)
    return docx_response(documents.decision_docx(decision), documents.decision_filename(decision))


@router.get(
    "/initiatives/decisions/{decision_id}/pdf",
    response={202: JobOut, 404: ErrorOut, 503: ErrorOut},
    summary="Quyết định công nhận (PDF)",
    description="Bản PDF của quyết định; 503 `pdf_unavailable` khi máy chủ chưa cài LibreOffice. "
    "`background=true`: 202 với công việc nền chuyển sang PDF (`GET /api/v1/tasks/{id}`).",
    url_name="initiative_decision_pdf",
    openapi_extra=_binary(PDF_CONTENT_TYPE, "Tệp PDF của quyết định."),
)
def decision_pdf(request: HttpRequest, decision_id: int, background: bool = False) -> HttpResponse | Status[Any]:
    decision = access_decision(request.user, decision_id)
    filename = documents.decision_filename(decision, "pdf")
    if background:
        docx = documents.decision_docx(decision)
        job = pdf_job_start(
            owner=request.user, docx=docx, filename=filename, label=_("PDF: %(name)s") % {"name": filename}
        )
        return Status(202, job)
    return pdf_response(documents.decision_docx(decision), filename)
