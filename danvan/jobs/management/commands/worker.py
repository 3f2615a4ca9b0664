"""``danvan worker``: the background worker of a node — django-tasks-db's ``db_worker`` plus the schedule tick.

Run one or more on every node (``deploy/danvan-worker.service``; ``make run`` starts one beside the web server).
Every ``SCHEDULE_TICK_SECONDS`` a thread enqueues the periodic tasks that are due (``danvan.jobs.schedule``:
once among all workers). Other options go to ``db_worker`` (``--batch``, ``--max-tasks``, ``--worker-id``…).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connection

from danvan.jobs import schedule

logger = logging.getLogger(__name__)


def _ticker(stop: threading.Event, seconds: float) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            schedule.tick()
        except DatabaseError:
            logger.warning("schedule tick failed; trying again in %s s", seconds)
        finally:
            connection.close()
        stop.wait(seconds)


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý công việc nền (db_worker) và lịch định kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tick-seconds", type=float, default=60.0, help="Khoảng giữa hai lần xem lịch định kỳ.")
        parser.add_argument("--no-schedule", action="store_true", help="Không chạy lịch định kỳ trong tiến trình này.")
        parser.add_argument("--batch", action="store_true", help="Chạy hết các công việc đang chờ rồi dừng.")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default=None)
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--queue-name", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if not options["no_schedule"]:
            threading.Thread(target=_ticker, args=(stop, options["tick_seconds"]), daemon=True).start()
        worker_options: dict[str, Any] = {
            "batch": options["batch"],
            "interval": options["interval"],
            "queue_name": options["queue_name"],
            "reload": False,
            "startup_delay": not options["batch"],
            "verbosity": options["verbosity"],
        }
        if options["max_tasks"]:
            worker_options["max_tasks"] = options["max_tasks"]
        if options["worker_id"]:
            worker_options["worker_id"] = options["worker_id"]
        try:
            while True:
                try:
                    call_command("db_worker", **worker_options)
                    return  # stopped (a signal) or, with --batch, nothing left to run
                except (OperationalError, InterfaceError) as error:
                    # The database went away (a restart, a failover): wait and work on, rather than leave the
                    # node without a worker until its supervisor restarts it. An e-mail whose task was cut short
                    # is found due again by the outbox flush once its lease ends.
                    if options["batch"]:
                        raise
                    logger.warning("database unavailable (%s); the worker starts again in 1 s", type(error).__name__)
                    connection.close()
                    time.sleep(1.0)
        finally:
            stop.set()
