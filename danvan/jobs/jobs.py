"""The platform's own job kinds: PDF conversion (LibreOffice, up to ``PDF_TIMEOUT_SECONDS``) out of the request."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from danvan.core.documents import pdf
from danvan.jobs.models import Job
from danvan.jobs.registry import JobResult, Progress, register
from danvan.jobs.services import job_start

PDF_KIND = "core.pdf"


def pdf_job_start(*, owner: Any, docx: bytes, filename: str, label: str) -> Job:
    """Keep the DOCX (made in the request: fast) and convert it to PDF in a worker; ``filename`` ends in .pdf."""
    job = job_start(owner=owner, kind=PDF_KIND, label=label, params={"filename": filename})
    source = default_storage.save(f"jobs/{owner.pk}/{job.pk}/source.docx", ContentFile(docx))
    Job.objects.filter(pk=job.pk).update(params={"filename": filename, "source": source})
    return job


@register(PDF_KIND)
def pdf_conversion(job: Job, progress: Progress) -> JobResult:
    source = str(job.params["source"])
    progress(0, 1)
    with default_storage.open(source, "rb") as handle:
        content = pdf.convert_to_pdf(handle.read())
    default_storage.delete(source)
    if content is None:
        raise pdf.pdf_unavailable()
    progress(1, 1)
    return JobResult(content, str(job.params["filename"]), pdf.PDF_CONTENT_TYPE)
