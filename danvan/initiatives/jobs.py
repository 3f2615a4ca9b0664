"""Large exports and imports of the registry run as background jobs (``danvan.jobs``) with a progress bar.

"Large" is a setting: an export of more than ``JOBS_EXPORT_THRESHOLD`` initiatives, an import file of more than
``JOBS_IMPORT_THRESHOLD`` rows; smaller ones answer in the request, as before. The job runs as its owner: the
export re-applies the owner's visibility and filters when it runs, the import the owner's rights.
"""

from __future__ import annotations

import zipfile
from typing import IO, Any

import openpyxl
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils.translation import gettext as _

from danvan.core.attachments import XLSX_CONTENT_TYPE
from danvan.core.errors import DomainError
from danvan.initiatives import xlsx
from danvan.initiatives.filters import visible_filtered
from danvan.jobs.models import Job
from danvan.jobs.registry import JobResult, Progress, register
from danvan.jobs.services import job_start

EXPORT_KIND = "initiatives.export"
IMPORT_KIND = "initiatives.import"
MAX_ERRORS_SHOWN = 20


def export_is_large(count: int) -> bool:
    return count > settings.JOBS_EXPORT_THRESHOLD


def export_job_start(*, owner: Any, query: str, filename: str) -> Job:
    """``query``: the list's filters as URL parameters (the page's GET, or the API's filters)."""
    return job_start(
        owner=owner,
        kind=EXPORT_KIND,
        label=_("Xuất danh sách mô hình, điển hình (%(file)s)") % {"file": filename},
        params={"query": query, "filename": filename},
    )


@register(EXPORT_KIND)
def export_registry(job: Job, progress: Progress) -> JobResult:
    queryset = visible_filtered(job.owner, QueryDict(str(job.params.get("query", ""))))
    content = xlsx.export_initiatives(queryset, progress=progress)
    return JobResult(content, str(job.params["filename"]), XLSX_CONTENT_TYPE)


def import_rows(file: IO[bytes] | Any) -> int:
    """The rows the upload's first sheet declares (0 when it cannot tell: the import itself says what is wrong)."""
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError):
        return 0
    finally:
        file.seek(0)
    try:
        return max((workbook.worksheets[0].max_row or 1) - 1, 0) if workbook.worksheets else 0
    finally:
        workbook.close()


def import_is_large(file: IO[bytes] | Any) -> bool:
    return import_rows(file) > settings.JOBS_IMPORT_THRESHOLD


def import_job_start(*, owner: Any, file: IO[bytes] | Any, name: str) -> Job:
    job = job_start(
        owner=owner, kind=IMPORT_KIND, label=_("Nhập danh sách từ %(file)s") % {"file": name[:100]}, params={}
    )
    source = default_storage.save(f"jobs/{owner.pk}/{job.pk}/source.xlsx", ContentFile(file.read()))
    Job.objects.filter(pk=job.pk).update(params={"source": source})
    return job


@register(IMPORT_KIND)
def import_registry(job: Job, progress: Progress) -> JobResult:
    source = str(job.params["source"])
    try:
        with default_storage.open(source, "rb") as handle:
            result = xlsx.import_initiatives(actor=job.owner, file=handle, progress=progress)
    except xlsx.InvalidImport as error:
        lines = [str(error.message)] + [
            _("Dòng %(row)s, cột %(column)s: %(message)s") % {"row": e.row, "column": e.column, "message": e.message}
            for e in error.errors[:MAX_ERRORS_SHOWN]
        ]
        if len(error.errors) > MAX_ERRORS_SHOWN:
            lines.append(_("… và %(n)s lỗi khác.") % {"n": len(error.errors) - MAX_ERRORS_SHOWN})
        raise DomainError(error.code, " ".join(lines)[:500], status=422) from error
    finally:
        default_storage.delete(source)
    return JobResult(
        message=_("Đã nhập %(created)s mô hình, bỏ qua %(skipped)s dòng đã có.")
        % {"created": result.created, "skipped": result.skipped}
    )
