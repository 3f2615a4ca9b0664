"""Background tasks of plans (run by ``danvan worker``)."""

from __future__ import annotations

from danvan.core.tasks import task


@task()
def sweep_plan_overdue() -> int:
    """Tell the assigned bodies' officers of their plan tasks newly overdue (``plan_services.sweep_overdue``)."""
    from danvan.reporting.plan_services import sweep_overdue

    return sweep_overdue().notifications
