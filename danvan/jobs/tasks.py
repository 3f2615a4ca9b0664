"""The background tasks of ``danvan.jobs`` (run by ``danvan db_worker``)."""

from __future__ import annotations

from danvan.core import kept_uploads
from danvan.core.tasks import task
from danvan.jobs import schedule, services


@task()
def run_job(job_id: str) -> str:
    """Run one job an officer started (an export, an import, a PDF conversion)."""
    return services.job_run(job_id)


@task()
def tick() -> list[str]:
    """Enqueue the periodic tasks that are due (``schedule``)."""
    return schedule.tick()


@task()
def reclaim_jobs() -> int:
    """Queue again the jobs a dead worker left running (``services.jobs_reclaim``)."""
    return services.jobs_reclaim()


@task()
def sweep_kept_uploads() -> int:
    """Delete the files kept for a refused form's next try once they are past their day (``core.kept_uploads``)."""
    return kept_uploads.sweep()
