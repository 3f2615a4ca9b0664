"""A job whose worker died (kill -9, a lost node) is queued again and finished by another worker — at most
``JOBS_MAX_ATTEMPTS`` runs, then it fails with a message the officer can read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.jobs import registry, services
from danvan.jobs.models import Job, JobState
from danvan.jobs.registry import JobResult
from danvan.jobs.worker import run_pending

pytestmark = pytest.mark.django_db

KIND = "tests.echo"


@pytest.fixture
def echo_kind(monkeypatch):
    runs: list[str] = []

    def echo(job: Job, progress: registry.Progress) -> JobResult:
        runs.append(str(job.pk))
        progress(1, 1)
        return JobResult(b"ok", "echo.txt", "text/plain")

    monkeypatch.setitem(registry.KINDS, KIND, echo)
    return runs


def left_running(owner, *, silent_for: dt.timedelta, attempts: int = 1) -> Job:
    """A job as a worker killed mid-run leaves it: running, its last sign of life ``silent_for`` ago."""
    since = timezone.now() - silent_for
    return Job.objects.create(
        owner=owner,
        kind=KIND,
        label="echo",
        state=JobState.RUNNING,
        started_at=since,
        heartbeat_at=since,
        attempts=attempts,
    )


def test_a_job_left_running_by_a_dead_worker_is_run_again_and_finished(
    cast, echo_kind, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_LEASE_SECONDS = 600
    job = left_running(cast.alice, silent_for=dt.timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_reclaim() == 1
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    run_pending()
    job.refresh_from_db()
    assert (job.state, job.attempts, echo_kind) == (JobState.DONE, 2, [str(job.pk)])
    assert job.result_filename == "echo.txt" and job.heartbeat_at is not None


def test_a_job_still_beating_is_left_alone(cast, echo_kind, settings, django_capture_on_commit_callbacks):
    settings.JOBS_LEASE_SECONDS = 600
    job = left_running(cast.alice, silent_for=dt.timedelta(minutes=9))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_reclaim() == 0
    assert run_pending() == 0
    assert Job.objects.get(pk=job.pk).state == JobState.RUNNING and echo_kind == []


def test_a_job_that_keeps_dying_fails_with_a_message(cast, echo_kind, settings, django_capture_on_commit_callbacks):
    settings.JOBS_LEASE_SECONDS, settings.JOBS_MAX_ATTEMPTS = 600, 3
    job = left_running(cast.alice, silent_for=dt.timedelta(hours=1), attempts=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_reclaim() == 0
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "3 lần" in job.message and echo_kind == []


def test_two_workers_reclaiming_at_once_queue_the_job_once(
    cast, echo_kind, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_LEASE_SECONDS = 600
    job = left_running(cast.alice, silent_for=dt.timedelta(minutes=30))
    stale = Job.objects.get(pk=job.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_reclaim() == 1
    # The second worker read the row before the first took it back: its conditional UPDATE matches nothing.
    same = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, heartbeat_at=stale.heartbeat_at)
    assert same.update(state=JobState.QUEUED) == 0
    run_pending()
    assert echo_kind == [str(job.pk)]
