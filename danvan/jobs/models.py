"""A background job an officer started (a large export or import, a PDF conversion): its progress and result."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


class Job(models.Model):
    """One run of a registered job kind (``registry.register``) by a background task (``tasks.run_job``).

    Only its owner sees it (``access``). The result is a file written through Django's storage API
    (``default_storage``: local disk or S3, chosen by settings) under ``jobs/<owner>/<id>/``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result_name = models.CharField(max_length=300, blank=True)
    result_filename = models.CharField(max_length=200, blank=True)
    result_content_type = models.CharField(max_length=100, blank=True)
    message = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The running worker's sign of life (at the start and with each progress write): a job whose worker died
    # (kill -9, a lost node) stops beating and is queued again by ``services.jobs_reclaim``.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent")]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.state})"

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return min(100, self.progress * 100 // self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


class ScheduledRun(models.Model):
    """When a periodic task (the deadline sweep, the outbox flush) is next due: the worker that moves the time
    forward with one conditional UPDATE is the one that enqueues it, so many workers enqueue it once."""

    name = models.CharField(max_length=60, primary_key=True)
    next_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.next_at:%d/%m/%Y %H:%M}"
