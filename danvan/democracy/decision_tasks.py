"""Background tasks of community decisions (run by ``danvan worker``)."""

from __future__ import annotations

from danvan.core.tasks import task


@task()
def notify_overdue_decision_clocks() -> int:
    """Tell once of the decision records sent late and of the answers given late (``decision_notices``)."""
    from danvan.democracy.decision_notices import notify_overdue_decisions

    return notify_overdue_decisions()
