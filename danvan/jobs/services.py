"""Start a background job and run it: state, progress and the result file (through the storage API)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log
from danvan.core.errors import DomainError
from danvan.jobs.models import Job, JobState
from danvan.jobs.registry import KINDS, JobResult

logger = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 0.5  # progress writes at most twice a second, whatever the number of rows


def job_start(*, owner: Any, kind: str, label: str, params: dict[str, Any] | None = None) -> Job:
    """Record the job and enqueue its task when the caller's transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(owner=owner, kind=kind, label=label[:200], params=params or {})
    audit_log(actor=owner, action="jobs.job.started", instance=job, changes={"kind": kind})
    job_id = str(job.pk)
    transaction.on_commit(lambda: _enqueue(job_id), robust=True)
    return job


def _enqueue(job_id: str) -> None:
    from danvan.jobs.tasks import run_job

    run_job.enqueue(job_id)


def result_path(job: Job, filename: str) -> str:
    return f"jobs/{job.owner_id}/{job.pk}/{filename}"


def job_run(job_id: str) -> str:
    """Run a queued job once: claimed by a conditional UPDATE (a second task for it does nothing)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_SECONDS or done >= total:
            last = now
            Job.objects.filter(pk=job.pk).update(progress=done, total=total, heartbeat_at=timezone.now())

    try:
        result = KINDS[job.kind](job, progress)
    except DomainError as error:
        _finish(job, JobState.FAILED, message=str(error.message))
        return "failed"
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobState.FAILED, message=_("Lỗi hệ thống khi chạy công việc."))
        return "failed"
    _finish(job, JobState.DONE, result=result)
    return "done"


def _finish(job: Job, state: str, *, result: JobResult | None = None, message: str = "") -> None:
    fields: dict[str, Any] = {"state": state, "finished_at": timezone.now(), "message": message[:500]}
    if result is not None:
        fields["message"] = result.message[:500]
        if result.content is not None:
            fields["result_name"] = default_storage.save(result_path(job, result.filename), ContentFile(result.content))
            fields["result_filename"] = result.filename[:200]
            fields["result_content_type"] = result.content_type[:100]
    Job.objects.filter(pk=job.pk).update(**fields)


def jobs_reclaim(now: dt.datetime | None = None) -> int:
    """Queue again the jobs whose worker died: running, and silent for longer than ``JOBS_LEASE_SECONDS``.

    A job's kinds are safe to run again (an export or a PDF is written anew; an import is all-or-nothing and skips
    the rows it already stored). After ``JOBS_MAX_ATTEMPTS`` runs the job fails with a message instead of killing
    workers for ever. Each row is taken back with a conditional UPDATE, so two workers never both re-queue it.
    Returns how many jobs were queued again.
    """
    now = now or timezone.now()
    silent_since = now - dt.timedelta(seconds=settings.JOBS_LEASE_SECONDS)
    requeued = 0
    stale = Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=silent_since)
    for job in stale.only("pk", "heartbeat_at", "attempts"):
        same = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, heartbeat_at=job.heartbeat_at)
        if job.attempts >= settings.JOBS_MAX_ATTEMPTS:
            same.update(
                state=JobState.FAILED,
                finished_at=now,
                message=_("Công việc bị gián đoạn %(n)s lần (máy chủ dừng giữa chừng). Hãy chạy lại.")
                % {"n": job.attempts},
            )
            continue
        if same.update(state=JobState.QUEUED, heartbeat_at=None):
            logger.warning("job %s: its worker stopped answering; queued again (attempt %s)", job.pk, job.attempts + 1)
            transaction.on_commit(functools.partial(_enqueue, str(job.pk)), robust=True)
            requeued += 1
    return requeued
