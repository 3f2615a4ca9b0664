"""The notifications' background tasks (run by ``danvan db_worker`` on any node)."""

from __future__ import annotations

from danvan.core.tasks import task
from danvan.notifications import services


@task()
def deliver_email(outbox_id: int) -> str:
    """Send one outbox row (claimed by a conditional UPDATE: two workers never both send it)."""
    return services.deliver(outbox_id)


@task()
def flush_outbox() -> int:
    """Enqueue a delivery for every row due and not in flight (a lost task, a worker killed mid-send)."""
    ids = services.due_outbox_ids()
    services.enqueue_delivery(ids)
    return len(ids)
