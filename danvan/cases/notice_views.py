"""Back-office download of a case's notices (DOCX, or PDF where LibreOffice is installed)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.cases import notices
from danvan.cases.access import access_case
from danvan.core.documents import DOCX_CONTENT_TYPE, docx_to_pdf
from danvan.core.errors import DomainError
from danvan.jobs.jobs import pdf_job_start

PDF_CONTENT_TYPE = "application/pdf"


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _message(message: str, status: int) -> HttpResponse:
    """A refusal the officer reads in the browser tab (the link was stale or typed by hand)."""
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def notice_response(notice: notices.Notice, *, as_pdf: bool) -> HttpResponse:
    """The notice as DOCX, or as PDF (503 with a message when the server cannot convert)."""
    if not as_pdf:
        return file_response(notice.content, DOCX_CONTENT_TYPE, notice.filename)
    pdf = docx_to_pdf(notice.content)
    if pdf is None:
        return _message(_("Máy chủ chưa tạo được PDF (chưa cài LibreOffice). Hãy tải bản Word (DOCX)."), 503)
    return file_response(pdf, PDF_CONTENT_TYPE, notice.filename.removesuffix(".docx") + ".pdf")


@login_required
def notice_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """``/backoffice/cases/notices/<pk>/<kind>.docx`` (``?format=pdf`` for PDF): officers of the case's unit."""
    case = access_case(request.user, pk, min_role=Role.OFFICER)
    try:
        notice = notices.notice_generate(actor=request.user, case=case, kind=kind)
    except DomainError as error:
        if error.status == 404:
            raise Http404 from None
        return _message(str(error.message), error.status)
    as_pdf = request.GET.get("format") == "pdf"
    if as_pdf and request.GET.get("background"):
        # LibreOffice runs in a worker (up to two minutes), not in the request: the job page shows its progress.
        job = pdf_job_start(
            owner=request.user,
            docx=notice.content,
            filename=notice.filename.removesuffix(".docx") + ".pdf",
            label=_("PDF: %(name)s") % {"name": notice.filename.removesuffix(".docx")},
        )
        return redirect("jobs:detail", job_id=job.pk)
    return notice_response(notice, as_pdf=as_pdf)
