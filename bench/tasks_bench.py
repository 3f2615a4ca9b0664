"""Benchmark: background tasks enqueued and completed per second with two workers (django-tasks-db, issue 10).

Prints, from one run on one engine (SQLite, or PostgreSQL under scripts/with-postgres.sh):
- N e-mail deliveries (``danvan.notifications.tasks.deliver_email``: claim the outbox row with a conditional
  UPDATE, send through the locmem backend, mark it sent) enqueued and run by two ``danvan worker`` processes,
  from the first enqueue to the last completion: tasks per second;
- the same N deliveries called in a bare loop in this process (``services.deliver``, no queue): per second;
- the ratio: what the queue costs per task (two workers share the database; the bare loop is one process).
DANVAN_BENCH_TASKS sets N (default 2000).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import prepare_database, record, scaled  # noqa: E402

TASKS = scaled("DANVAN_BENCH_TASKS", 2000, minimum=30)
TIMEOUT = 600.0


def outbox_rows(officer, count: int) -> list[int]:
    from danvan.notifications.models import EmailOutbox
    from danvan.notifications.services import Notice, notify_many

    before = set(EmailOutbox.objects.values_list("pk", flat=True))
    notify_many(Notice(officer.pk, "bench", f"Thư số {i}") for i in range(count))  # enqueues one task each
    return sorted(set(EmailOutbox.objects.values_list("pk", flat=True)) - before)


def wait_done(ids: list[int]) -> None:
    from danvan.notifications.models import EmailOutbox, OutboxState

    give_up = time.monotonic() + TIMEOUT
    while EmailOutbox.objects.filter(pk__in=ids).exclude(state=OutboxState.SENT).exists():
        if time.monotonic() > give_up:
            raise SystemExit("the workers did not finish in time")
        time.sleep(0.02)


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="danvan-bench-")
    env = {
        **os.environ,
        "DANVAN_VAR_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "DANVAN_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DANVAN_SCHEDULE_SWEEP_SECONDS": "86400",
        "DANVAN_SCHEDULE_OUTBOX_SECONDS": "86400",
    }
    engine = "PostgreSQL" if env.get("DANVAN_DATABASE_URL", "").startswith("postgres") else "SQLite"
    prepare_database(env, units=False)
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from danvan.notifications import services

    officer = get_user_model().objects.create(username="bench", email="bench@example.vn", full_name="Bench")

    # The bare loop: the same function, called in this process (rows enqueued but no worker runs them yet).
    bare_ids = outbox_rows(officer, TASKS)
    started = time.perf_counter()
    for outbox_id in bare_ids:
        services.deliver(outbox_id)
    bare = time.perf_counter() - started
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # their tasks would only find the rows sent

    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "danvan.cli",
                "worker",
                "-v",
                "0",
                "--worker-id",
                f"bench-{n}",
                "--interval",
                "0.05",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        for n in (1, 2)
    ]
    try:
        wait_done(outbox_rows(officer, 2))  # both workers up and polling
        started = time.perf_counter()
        ids = outbox_rows(officer, TASKS)
        enqueued = time.perf_counter() - started
        wait_done(ids)
        queued = time.perf_counter() - started
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=30)
    counts = DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("worker_ids", flat=True)
    by_worker = {name: sum(1 for ids_ in counts if name in ids_) for name in ("bench-1", "bench-2")}
    print(f"tasks ({engine}, {TASKS} e-mail deliveries, two `danvan worker` processes)")
    print(f"  enqueue (notify_many, one task per row): {enqueued:.2f} s = {TASKS / enqueued:,.0f} tasks/s")
    print(f"  enqueued and completed by two workers: {queued:.2f} s = {TASKS / queued:,.0f} tasks/s {by_worker}")
    print(f"  bare loop, same function in-process:   {bare:.2f} s = {TASKS / bare:,.0f} calls/s")
    print(f"  ratio queued / bare: {queued / bare:.1f}x the time per task")
    record("tasks: queued by two workers / bare loop", engine=engine, ours=queued, reference=bare, unit="s")


if __name__ == "__main__":
    main()
