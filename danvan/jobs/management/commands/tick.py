"""``danvan tick``: enqueue the periodic tasks that are due (the deadline sweep, the outbox flush), once.

``danvan worker`` does it every minute; a systemd timer may run this too (``deploy/danvan-sweep.timer``):
whichever comes first enqueues, the other finds the time moved (``danvan.jobs.schedule``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.jobs import schedule


class Command(BaseCommand):
    help = "Đưa các công việc định kỳ đến hạn vào hàng đợi."

    def handle(self, *args: Any, **options: Any) -> None:
        names = schedule.tick()
        self.stdout.write(", ".join(names) if names else "-")
