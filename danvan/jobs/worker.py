"""Run the queued tasks in this process until none is left: the worker's run-once entry point.

``danvan worker --batch`` does the same in its own process; this one leaves the database connection alone, so a
test (inside its transaction) or a benchmark's in-process comparison can use it.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction


def run_pending(*, backend: str = "default", worker_id: str = "in-process", max_tasks: int | None = None) -> int:
    """Claim and run ready tasks one at a time (as ``db_worker`` does); returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ran = 0
    while max_tasks is None or ran < max_tasks:
        with exclusive_transaction(DBTaskResult.objects.db):
            result = DBTaskResult.objects.ready().filter(backend_name=backend).get_locked()
            if result is not None:
                result.claim(worker_id)
        if result is None:
            break
        worker.run_task(result)
        ran += 1
    return ran
