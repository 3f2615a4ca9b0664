"""Periodic tasks without a scheduler process: whichever worker finds one due enqueues it, once.

Each periodic task has a ``ScheduledRun`` row with its next time. ``tick`` moves a due row's time forward with
one conditional UPDATE (``WHERE next_at = <the time it read>``): of many workers ticking at once on many nodes,
one wins and enqueues the task, the others see the row moved. ``danvan worker`` ticks every
``SCHEDULE_TICK_SECONDS``; the deploy timer may also run ``danvan tick`` (same effect, never twice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.jobs.models import ScheduledRun


@dataclass(frozen=True)
class Periodic:
    name: str
    seconds: Callable[[], int]
    task: Any  # a django_tasks Task


PERIODIC: dict[str, Periodic] = {}


def register(name: str, seconds: Callable[[], int], task: Any) -> None:
    PERIODIC[name] = Periodic(name, seconds, task)


def _due(entry: Periodic, now: dt.datetime) -> bool:
    row = ScheduledRun.objects.filter(name=entry.name).first()
    if row is None:
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=entry.name, next_at=now + dt.timedelta(seconds=entry.seconds()))
        except IntegrityError:
            return False  # another worker created it this instant: it enqueues
        return True  # never run: run now
    if row.next_at > now:
        return False
    following = max(row.next_at + dt.timedelta(seconds=entry.seconds()), now)
    return bool(ScheduledRun.objects.filter(name=entry.name, next_at=row.next_at).update(next_at=following))


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every periodic task that is due; returns the names this call enqueued."""
    now = now or timezone.now()
    enqueued = []
    for entry in PERIODIC.values():
        if _due(entry, now):
            entry.task.enqueue()
            enqueued.append(entry.name)
    return enqueued


def register_platform() -> None:
    """The platform's own periodic tasks (the apps above register theirs in their ``jobs.py``)."""
    from danvan.jobs.tasks import reclaim_jobs, sweep_kept_uploads
    from danvan.notifications.tasks import flush_outbox

    register("notifications.flush_outbox", lambda: settings.SCHEDULE_OUTBOX_SECONDS, flush_outbox)
    register("jobs.reclaim", lambda: settings.SCHEDULE_RECLAIM_SECONDS, reclaim_jobs)
    register("core.kept_uploads", lambda: settings.SCHEDULE_SWEEP_SECONDS, sweep_kept_uploads)
