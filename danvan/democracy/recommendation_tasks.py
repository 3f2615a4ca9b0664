"""Background tasks of the recommendation tracker (run by ``danvan worker``)."""

from __future__ import annotations

from danvan.core.tasks import task


@task()
def sweep_recommendation_deadlines() -> int:
    """Tell the addressed bodies of their items newly due soon or overdue (``recommendation_sweep``)."""
    from danvan.democracy.recommendation_sweep import run_sweep

    return run_sweep().notifications
