"""The dossier import as a background job (``danvan.jobs``) with progress: the upload is kept in storage, the
worker checks and writes it (all or nothing) and leaves a line saying how many dossiers it added or updated."""

from __future__ import annotations

from typing import IO, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit
from danvan.jobs.models import Job
from danvan.jobs.registry import JobResult, Progress, register
from danvan.jobs.services import job_start
from danvan.reporting import dossier_services

IMPORT_KIND = "reporting.dossiers_import"
MAX_ERRORS_SHOWN = 15


def keep_upload(*, owner: Any, file: IO[bytes] | Any, name: str) -> str:
    """Store an upload until its mapping is chosen and the job reads it; returns its storage name."""
    suffix = ".csv" if (name or "").lower().endswith(".csv") else ".xlsx"
    return default_storage.save(f"reporting/dossier_uploads/{owner.pk}/upload{suffix}", ContentFile(file.read()))


def import_job_start(*, owner: Any, province: AdministrativeUnit, source: str, name: str) -> Job:
    """Start the import of a kept upload (``keep_upload``) into ``province``."""
    return job_start(
        owner=owner,
        kind=IMPORT_KIND,
        label=_("Nhập hồ sơ thủ tục hành chính từ %(file)s") % {"file": (name or "")[:100]},
        params={"source": source, "province": province.pk, "name": (name or "")[:200]},
    )


def error_text(error: dossier_services.InvalidImport) -> str:
    lines = [str(error.message)] + [
        _("Dòng %(row)s, cột «%(column)s»: %(message)s") % {"row": e.row, "column": e.column, "message": e.message}
        for e in error.errors[:MAX_ERRORS_SHOWN]
    ]
    if len(error.errors) > MAX_ERRORS_SHOWN:
        lines.append(_("… và %(n)s lỗi khác.") % {"n": len(error.errors) - MAX_ERRORS_SHOWN})
    return " ".join(lines)[:500]


@register(IMPORT_KIND)
def import_dossiers(job: Job, progress: Progress) -> JobResult:
    from danvan.reporting import access

    source = str(job.params["source"])
    province = access.dossier_province_for_import(job.owner, int(job.params["province"]))
    try:
        with default_storage.open(source, "rb") as handle:
            result = dossier_services.dossiers_import(
                actor=job.owner, province=province, file=handle, name=str(job.params.get("name", "")), progress=progress
            )
    except dossier_services.InvalidImport as error:
        raise DomainError(error.code, error_text(error), status=422) from error
    finally:
        default_storage.delete(source)
    return JobResult(
        message=_("Đã nhập %(created)s hồ sơ mới, cập nhật %(updated)s hồ sơ đã có.")
        % {"created": f"{result.created:,}".replace(",", "."), "updated": f"{result.updated:,}".replace(",", ".")}
    )
