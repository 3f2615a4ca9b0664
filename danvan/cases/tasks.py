"""The cases' background tasks (run by ``danvan db_worker``)."""

from __future__ import annotations

from danvan.core.tasks import task


@task()
def sweep_deadlines() -> int:
    """The deadline sweep, enqueued every ``SCHEDULE_SWEEP_SECONDS`` by ``danvan.jobs.schedule``."""
    from danvan.cases.sweep import run_sweep

    return run_sweep().record.notifications
