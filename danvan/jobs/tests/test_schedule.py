"""Periodic tasks without a scheduler process: whichever worker ticks first enqueues, once per period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from danvan.jobs import schedule
from danvan.jobs.models import ScheduledRun

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
SWEEP = "cases.sweep_deadlines"


def sweeps() -> int:
    return DBTaskResult.objects.filter(task_path="danvan.cases.tasks.sweep_deadlines").count()


def test_the_sweep_is_enqueued_once_per_period_whoever_ticks(settings):
    settings.SCHEDULE_SWEEP_SECONDS = 3600
    assert "cases.sweep_deadlines" in schedule.tick(NOW)  # never run: run now
    assert sweeps() == 1
    assert SWEEP not in schedule.tick(NOW) and SWEEP not in schedule.tick(NOW + dt.timedelta(minutes=59))  # others
    assert sweeps() == 1
    assert "cases.sweep_deadlines" in schedule.tick(NOW + dt.timedelta(minutes=61))
    assert SWEEP not in schedule.tick(NOW + dt.timedelta(minutes=62))
    assert sweeps() == 2
    assert ScheduledRun.objects.get(name="cases.sweep_deadlines").next_at == NOW + dt.timedelta(minutes=120)


def test_a_worker_that_read_a_stale_time_does_not_enqueue_again(settings):
    schedule.tick(NOW)
    due = NOW + dt.timedelta(hours=2)
    row = ScheduledRun.objects.get(name="cases.sweep_deadlines")
    stale = row.next_at
    assert "cases.sweep_deadlines" in schedule.tick(due)
    # A second worker read ``stale`` before the first moved it: its conditional UPDATE matches no row.
    assert not ScheduledRun.objects.filter(name=row.name, next_at=stale).update(next_at=due)
    assert sweeps() == 2


def test_the_tick_command_and_the_enqueued_sweep_run(capsys, time_machine):
    time_machine.move_to(NOW, tick=False)
    call_command("tick")
    assert "cases.sweep_deadlines" in capsys.readouterr().out
    from danvan.jobs.worker import run_pending

    # Every periodic task registered by the apps (the sweep, the outbox flush, the check for jobs a dead worker
    # left, the disclosures' compliance refresh…) was enqueued once, and each runs.
    enqueued = DBTaskResult.objects.filter(status="READY").count()
    assert enqueued >= 3
    assert run_pending() == enqueued
    result = DBTaskResult.objects.get(task_path="danvan.cases.tasks.sweep_deadlines")
    assert result.status == "SUCCESSFUL"
