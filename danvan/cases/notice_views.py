"""Back-office download of a case's notices (DOCX, or PDF where LibreOffice is installed)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.cases import notices
from danvan.cases.access import access_case
from danvan.core.documents.pdf import pdf_response
from danvan.core.documents.templates import docx_response
from danvan.core.errors import DomainError
from danvan.jobs.jobs import pdf_job_start
from danvan.jobs.models import Job


def _message(message: str, status: int) -> HttpResponse:
    """A refusal the officer reads in the browser tab (the link was stale or typed by hand)."""
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def notice_response(notice: notices.Notice, *, as_pdf: bool) -> HttpResponse:
    """The notice as DOCX, or as PDF (``DomainError`` 503 ``pdf_unavailable`` when the server cannot convert)."""
    if not as_pdf:
        return docx_response(notice.content, notice.filename)
    return pdf_response(notice.content, notice.filename)


def notice_pdf_job(owner: Any, notice: notices.Notice) -> Job:
    """Convert the notice to PDF in a worker (LibreOffice may take up to two minutes): the job to follow."""
    name = notice.filename.removesuffix(".docx")
    return pdf_job_start(
        owner=owner, docx=notice.content, filename=name + ".pdf", label=_("PDF: %(name)s") % {"name": name}
    )


@login_required
def notice_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """``/backoffice/cases/notices/<pk>/<kind>.docx`` (``?format=pdf`` for PDF): officers of the case's unit."""
    case = access_case(request.user, pk, min_role=Role.OFFICER)
    try:
        notice = notices.notice_generate(actor=request.user, case=case, kind=kind)
        as_pdf = request.GET.get("format") == "pdf"
        if as_pdf and request.GET.get("background"):
            # LibreOffice runs in a worker (up to two minutes), not in the request: the job page shows its progress.
            job = notice_pdf_job(request.user, notice)
            return redirect("jobs:detail", job_id=job.pk)
        return notice_response(notice, as_pdf=as_pdf)
    except DomainError as error:
        if error.status == 404:
            raise Http404 from None
        return _message(str(error.message), error.status)
